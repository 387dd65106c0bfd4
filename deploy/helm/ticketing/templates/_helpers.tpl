{{/* Chart name, truncated to the 63 characters a label value may hold. */}}
{{- define "ticketing.name" -}}
{{- default .Chart.Name .Values.nameOverride | trunc 63 | trimSuffix "-" }}
{{- end }}

{{/* Release-qualified name; components append "-<component>", so keep room for it. */}}
{{- define "ticketing.fullname" -}}
{{- if .Values.fullnameOverride }}
{{- .Values.fullnameOverride | trunc 50 | trimSuffix "-" }}
{{- else }}
{{- $name := default .Chart.Name .Values.nameOverride }}
{{- if contains $name .Release.Name }}
{{- .Release.Name | trunc 50 | trimSuffix "-" }}
{{- else }}
{{- printf "%s-%s" .Release.Name $name | trunc 50 | trimSuffix "-" }}
{{- end }}
{{- end }}
{{- end }}

{{- define "ticketing.chart" -}}
{{- printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" | trunc 63 | trimSuffix "-" }}
{{- end }}

{{/* Labels common to every object. */}}
{{- define "ticketing.labels" -}}
helm.sh/chart: {{ include "ticketing.chart" . }}
app.kubernetes.io/name: {{ include "ticketing.name" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
app.kubernetes.io/part-of: ticketing
{{- end }}

{{/* Selector labels of one component. Call with (dict "root" $ "component" "intake"). */}}
{{- define "ticketing.selectorLabels" -}}
app.kubernetes.io/name: {{ include "ticketing.name" .root }}
app.kubernetes.io/instance: {{ .root.Release.Name }}
app.kubernetes.io/component: {{ .component }}
{{- end }}

{{/* All labels of one component. Call with (dict "root" $ "component" "intake"). */}}
{{- define "ticketing.componentLabels" -}}
{{ include "ticketing.labels" .root }}
app.kubernetes.io/component: {{ .component }}
{{- end }}

{{- define "ticketing.serviceAccountName" -}}
{{- if .Values.serviceAccount.create }}
{{- default (include "ticketing.fullname" .) .Values.serviceAccount.name }}
{{- else }}
{{- default "default" .Values.serviceAccount.name }}
{{- end }}
{{- end }}

{{- define "ticketing.image" -}}
{{- printf "%s:%s" .Values.image.repository (default .Chart.AppVersion .Values.image.tag | toString) }}
{{- end }}

{{- define "ticketing.configMapName" -}}
{{- printf "%s-config" (include "ticketing.fullname" .) }}
{{- end }}

{{- define "ticketing.secretName" -}}
{{- default (printf "%s-secrets" (include "ticketing.fullname" .)) .Values.secrets.existingSecret }}
{{- end }}

{{/*
Refuses values the distributed runtime cannot work with, with a message naming the value.
The program validates its environment again at start-up.
*/}}
{{- define "ticketing.validate" -}}
{{- $known := list "intake" "routing" "resolution" "feedback" "knowledge" }}
{{- if not (has .Values.config.eventStore (list "postgres" "esdb")) }}
{{- fail (printf "config.eventStore must be postgres or esdb (got %q): pglite is single-process, use `ticketctl up` for it" (toString .Values.config.eventStore)) }}
{{- end }}
{{- if ne .Values.config.bus "kafka" }}
{{- fail (printf "config.bus must be kafka across pods (got %q)" (toString .Values.config.bus)) }}
{{- end }}
{{- if not .Values.config.kafkaBrokers }}
{{- fail "config.kafkaBrokers is required (comma list of host:port)" }}
{{- end }}
{{- if not .Values.secrets.existingSecret }}
{{- $_ := required "secrets.eventStoreUrl is required (or set secrets.existingSecret)" .Values.secrets.eventStoreUrl }}
{{- $_ := required "secrets.readModelUrl is required (or set secrets.existingSecret)" .Values.secrets.readModelUrl }}
{{- if and .Values.secrets.jwtSecret (lt (len .Values.secrets.jwtSecret) 32) }}
{{- fail "secrets.jwtSecret must be at least 32 characters" }}
{{- end }}
{{- $enabled := include "ticketing.enabledServices" . | fromJson }}
{{- if and (hasKey $enabled "feedback") (lt (len (toString (.Values.secrets.feedbackSurveyLinkSecret | default ""))) 32) }}
{{- fail "secrets.feedbackSurveyLinkSecret is required with feedback (at least 32 characters, the same for every feedback replica: it signs survey links)" }}
{{- end }}
{{- if and (hasKey $enabled "intake") (lt (len (toString (.Values.secrets.intakeSecretsKey | default ""))) 32) }}
{{- fail "secrets.intakeSecretsKey is required with intake (at least 32 characters, the same for every intake replica: it seals tenants' channel secrets)" }}
{{- end }}
{{- if and (hasKey $enabled "intake") (hasKey $enabled "feedback") (not .Values.secrets.jwtSecret) }}
{{- fail "secrets.jwtSecret is required with intake and feedback (at least 32 characters: intake asks feedback for survey links with a service token, INTAKE_FEEDBACK_URL)" }}
{{- end }}
{{- if and .Values.secrets.intakeWebhookSecret (lt (len (toString .Values.secrets.intakeWebhookSecret)) 16) }}
{{- fail "secrets.intakeWebhookSecret must be at least 16 characters" }}
{{- end }}
{{- end }}
{{- $seen := dict }}
{{- range .Values.services }}
{{- if not (has .name $known) }}
{{- fail (printf "services: unknown service %q (one of %s)" (toString .name) (join ", " $known)) }}
{{- end }}
{{- if hasKey $seen .name }}
{{- fail (printf "services: %q is listed twice" .name) }}
{{- end }}
{{- $_ := set $seen .name true }}
{{- end }}
{{- end }}

{{/*
Pod template shared by the services and the relay.
Call with (dict "root" $ "component" "intake" "args" (list "up") "env" (dict ...) "resources" (dict ...) "http" true);
"http" says whether the process serves /health/* and /metrics (probes and scrape annotations);
optional "volumes" / "volumeMounts" (lists) are added to the pod's own.
*/}}
{{- define "ticketing.podTemplate" -}}
{{- $root := .root -}}
{{- $v := $root.Values -}}
metadata:
  labels:
    {{- include "ticketing.selectorLabels" (dict "root" $root "component" .component) | nindent 4 }}
    app.kubernetes.io/part-of: ticketing
    {{- with $v.podLabels }}
    {{- toYaml . | nindent 4 }}
    {{- end }}
  annotations:
    checksum/config: {{ include (print $root.Template.BasePath "/configmap.yaml") $root | sha256sum }}
    {{- if not $v.secrets.existingSecret }}
    checksum/secret: {{ include (print $root.Template.BasePath "/secret.yaml") $root | sha256sum }}
    {{- end }}
    {{- if and $v.metrics.enabled .http }}
    prometheus.io/scrape: "true"
    prometheus.io/port: {{ $v.config.httpPort | quote }}
    prometheus.io/path: {{ $v.metrics.path | quote }}
    {{- end }}
    {{- with $v.podAnnotations }}
    {{- toYaml . | nindent 4 }}
    {{- end }}
spec:
  serviceAccountName: {{ include "ticketing.serviceAccountName" $root }}
  automountServiceAccountToken: {{ $v.serviceAccount.automountServiceAccountToken }}
  {{- with $v.imagePullSecrets }}
  imagePullSecrets:
    {{- toYaml . | nindent 4 }}
  {{- end }}
  securityContext:
    {{- toYaml $v.podSecurityContext | nindent 4 }}
  terminationGracePeriodSeconds: {{ $v.terminationGracePeriodSeconds }}
  containers:
    - name: {{ .component }}
      image: {{ include "ticketing.image" $root }}
      imagePullPolicy: {{ $v.image.pullPolicy }}
      args:
        {{- toYaml .args | nindent 8 }}
      ports:
        - name: http
          containerPort: {{ $v.config.httpPort }}
          protocol: TCP
        - name: grpc
          containerPort: {{ $v.config.grpcPort }}
          protocol: TCP
      envFrom:
        - configMapRef:
            name: {{ include "ticketing.configMapName" $root }}
        - secretRef:
            name: {{ include "ticketing.secretName" $root }}
      env:
        - name: POD_NAME
          valueFrom:
            fieldRef:
              fieldPath: metadata.name
        {{- range $name, $value := .env }}
        - name: {{ $name }}
          value: {{ $value | toString | quote }}
        {{- end }}
      {{- if .http }}
      startupProbe:
        httpGet:
          path: {{ $v.probes.startup.path }}
          port: http
        periodSeconds: {{ $v.probes.startup.periodSeconds }}
        timeoutSeconds: {{ $v.probes.startup.timeoutSeconds }}
        failureThreshold: {{ $v.probes.startup.failureThreshold }}
      livenessProbe:
        httpGet:
          path: {{ $v.probes.liveness.path }}
          port: http
        periodSeconds: {{ $v.probes.liveness.periodSeconds }}
        timeoutSeconds: {{ $v.probes.liveness.timeoutSeconds }}
        failureThreshold: {{ $v.probes.liveness.failureThreshold }}
      readinessProbe:
        httpGet:
          path: {{ $v.probes.readiness.path }}
          port: http
        periodSeconds: {{ $v.probes.readiness.periodSeconds }}
        timeoutSeconds: {{ $v.probes.readiness.timeoutSeconds }}
        failureThreshold: {{ $v.probes.readiness.failureThreshold }}
      {{- end }}
      resources:
        {{- toYaml .resources | nindent 8 }}
      securityContext:
        {{- toYaml $v.securityContext | nindent 8 }}
      volumeMounts:
        - name: tmp
          mountPath: /tmp
        - name: data
          mountPath: /var/lib/ticketing
        {{- with .volumeMounts }}
        {{- toYaml . | nindent 8 }}
        {{- end }}
  volumes:
    # The program writes only to /tmp (transpile cache) and DATA_DIR; the root filesystem stays read-only.
    - name: tmp
      emptyDir: {}
    - name: data
      emptyDir: {}
    {{- with .volumes }}
    {{- toYaml . | nindent 4 }}
    {{- end }}
  {{- with $v.nodeSelector }}
  nodeSelector:
    {{- toYaml . | nindent 4 }}
  {{- end }}
  {{- with $v.affinity }}
  affinity:
    {{- toYaml . | nindent 4 }}
  {{- end }}
  {{- with $v.tolerations }}
  tolerations:
    {{- toYaml . | nindent 4 }}
  {{- end }}
  {{- $component := .component }}
  {{- with $v.topologySpreadConstraints }}
  topologySpreadConstraints:
    {{- range . }}
    - maxSkew: {{ .maxSkew }}
      topologyKey: {{ .topologyKey }}
      whenUnsatisfiable: {{ .whenUnsatisfiable | default "ScheduleAnyway" }}
      labelSelector:
        matchLabels:
          {{- include "ticketing.selectorLabels" (dict "root" $root "component" $component) | nindent 10 }}
    {{- end }}
  {{- end }}
{{- end }}

{{/* The names of the enabled `services` entries, as a JSON object (name: true) for fromJson. */}}
{{- define "ticketing.enabledServices" -}}
{{- $enabled := dict -}}
{{- range .Values.services }}
{{- if or (not (hasKey . "enabled")) .enabled }}{{ $_ := set $enabled .name true }}{{ end }}
{{- end -}}
{{- toJson $enabled }}
{{- end }}

{{/* The effective settings of one `services` entry (the entry over serviceDefaults), as JSON for fromJson. */}}
{{- define "ticketing.serviceSettings" -}}
{{- $d := .root.Values.serviceDefaults -}}
{{- $s := .service -}}
{{- $env := dict -}}
{{- range $k, $val := $d.env }}{{ $_ := set $env $k $val }}{{ end -}}
{{- range $k, $val := ($s.env | default dict) }}{{ $_ := set $env $k $val }}{{ end -}}
{{- toJson (dict
  "enabled" (ternary $s.enabled true (hasKey $s "enabled"))
  "replicas" (ternary $s.replicas $d.replicas (hasKey $s "replicas"))
  "resources" ($s.resources | default $d.resources)
  "autoscaling" ($s.autoscaling | default $d.autoscaling)
  "podDisruptionBudget" ($s.podDisruptionBudget | default $d.podDisruptionBudget)
  "service" ($s.service | default $d.service)
  "extraVolumes" ($s.extraVolumes | default $d.extraVolumes | default list)
  "extraVolumeMounts" ($s.extraVolumeMounts | default $d.extraVolumeMounts | default list)
  "env" $env) }}
{{- end }}
