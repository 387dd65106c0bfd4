#!/usr/bin/env python3
"""Validates the deployment files without a Docker engine, a cluster or the helm binary.

  python3 deploy/tools/validate-deploy.py          (from the repository root)

What it checks, each as one named check that passes, fails or is skipped with its reason:
  * docker-compose.yml: `docker compose config` (v2) or `docker-compose config` (v1) accepts it,
    with and without the esdb profile; every platform container's environment passes the
    program's own start-up validation (libs/platform/src/config/config.ts, loadConfig).
  * Helm chart: Chart.yaml and values.yaml parse (and pass yamllint where installed); the
    templates render with Go's text/template (deploy/tools/helm-render, the engine Helm uses)
    for several value sets; the manifests parse and hang together (selectors match pod labels,
    Services and probes name existing ports, envFrom names existing objects, HPA targets exist,
    the relay is a one-replica Recreate Deployment, ...); each Deployment's environment passes
    loadConfig; values the runtime cannot work with are refused with a clear message.
  * Every platform container's and Deployment's environment also passes the start-up checks of the
    service it runs (intake's channels, survey links and secrets key; feedback's link secret and
    public URL; resolution's shop endpoints), run with the program's own functions.
  * The sources: every environment variable the program reads (services/, libs/, tests and
    benchmarks excluded) is in docs/operations.md's configuration reference, and every secret one
    can be supplied through the chart's Secret.
  * Where `helm` is installed, `helm lint` and `helm template` run too.

Needs python3 with PyYAML; uses go, node (with the repository's node_modules), docker-compose,
helm and yamllint when present. Ends with the line "N passed, N failed, N skipped".
"""
from __future__ import annotations

import copy
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import traceback

import yaml

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
CHART = os.path.join(ROOT, "deploy", "helm", "ticketing")
RENDER = os.path.join(ROOT, "deploy", "tools", "helm-render", "main.go")
CONFIG_TS = os.path.join(ROOT, "libs", "platform", "src", "config", "config.ts")
SERVICE_NAMES = ["intake", "routing", "resolution", "feedback", "knowledge"]
DNS1123 = re.compile(r"^[a-z0-9]([-a-z0-9]*[a-z0-9])?$")

results: list[tuple[str, str, str]] = []


class Skip(Exception):
    pass


def check(name):
    def wrap(fn):
        def run(*args, **kwargs):
            try:
                detail = fn(*args, **kwargs) or ""
                results.append(("PASS", name, detail))
            except Skip as skip:
                results.append(("SKIP", name, str(skip)))
            except AssertionError as failure:
                results.append(("FAIL", name, str(failure) or traceback.format_exc(limit=2)))
            except Exception as error:  # a broken check is a failed check
                results.append(("FAIL", name, f"{type(error).__name__}: {error}"))
            status, _, detail = results[-1]
            print(f"{status:4} {name}" + (f" -- {detail}" if detail else ""), flush=True)

        return run

    return wrap


def sh(cmd, **kwargs):
    return subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True, **kwargs)


# ---- program configuration check -----------------------------------------------------------

LOAD_CONFIG_JS = r"""
const { loadConfig } = require(process.argv[1]);
const cases = JSON.parse(require('fs').readFileSync(0, 'utf8'));
const out = {};
for (const [name, env] of Object.entries(cases)) {
  try {
    const c = loadConfig(env);
    out[name] = { ok: true, summary: `${c.eventStore.kind}/${c.bus.kind} services=${c.services.join('+')} relay=${c.relayEnabled}` };
  } catch (e) { out[name] = { ok: false, error: e.message }; }
}
process.stdout.write(JSON.stringify(out));
"""


def load_config(cases: dict[str, dict[str, str]]) -> dict:
    """Runs the program's own loadConfig on each environment."""
    if not shutil.which("node"):
        raise Skip("node not installed")
    if not os.path.exists(CONFIG_TS):
        raise Skip(f"{os.path.relpath(CONFIG_TS, ROOT)} not found")
    if not os.path.isdir(os.path.join(ROOT, "node_modules", "@swc-node", "register")):
        raise Skip("node_modules not installed (npm ci)")
    env = dict(os.environ, SWC_NODE_PROJECT=os.path.join(ROOT, "tsconfig.base.json"))
    proc = subprocess.run(
        ["node", "-r", "@swc-node/register", "-e", LOAD_CONFIG_JS, CONFIG_TS],
        cwd=ROOT, input=json.dumps(cases), capture_output=True, text=True, env=env,
    )
    assert proc.returncode == 0, proc.stderr[-2000:]
    return json.loads(proc.stdout)


SERVICE_CHECKS_JS = r"""
const path = require('path');
const root = process.argv[1];
const req = (file) => require(path.join(root, file));
const { loadConfig } = req('libs/platform/src/config/config.ts');
// Each service's own start-up validation, as its module factories run it.
const checks = {
  intake(env, config) {
    req('services/intake/src/outbound/outbound.config.ts').loadOutboundConfig(env);
    const mailbox = req('services/intake/src/email/mailbox.poller.ts');
    mailbox.loadMailboxConfig(env);
    mailbox.loadPollInterval(env);
    req('services/intake/src/survey-links/survey-link.adapters.ts').httpSurveyLinksFor(config, env);
    const { SecretBox } = req('services/intake/src/channel-settings/secret-box.ts');
    new SecretBox(env);
    // The program falls back to a key file on the pod's disk; across replicas that cannot work.
    if (config.eventStore.kind !== 'pglite' && !env.INTAKE_SECRETS_KEY && !env.INTAKE_SECRETS_KEY_FILE) {
      throw new Error('INTAKE_SECRETS_KEY must be set when distributed: every intake replica must seal with the same key');
    }
  },
  feedback(env, config) {
    const links = req('services/feedback/src/surveying/survey-links.provider.ts');
    links.surveyLinkSignerFor(config, env);
    links.publicUrlOf(env);
  },
  resolution(env) {
    req('services/resolution/src/compensating/compensation-gateway.ts').gatewayFromEnv(env);
    req('services/resolution/src/orders/order-lookup.ts').orderLookupFromEnv(env);
  },
};
const cases = JSON.parse(require('fs').readFileSync(0, 'utf8'));
const out = {};
for (const [name, { env, relay }] of Object.entries(cases)) {
  try {
    const config = loadConfig(env);
    const ran = [];
    for (const service of relay ? [] : config.services) {
      if (checks[service]) { checks[service](env, config); ran.push(service); }
    }
    out[name] = { ok: true, summary: ran.length ? ran.join('+') : 'platform only' };
  } catch (e) { out[name] = { ok: false, error: e.message }; }
}
process.stdout.write(JSON.stringify(out));
"""


def assert_service_configs_valid(cases: dict[str, dict[str, str]]) -> str:
    """Runs each service's own start-up checks on the environment of the containers that run it."""
    if not shutil.which("node"):
        raise Skip("node not installed")
    if not os.path.isdir(os.path.join(ROOT, "node_modules", "@swc-node", "register")):
        raise Skip("node_modules not installed (npm ci)")
    with tempfile.TemporaryDirectory() as data_dir:
        payload = {name: {"env": {**env, "DATA_DIR": data_dir}, "relay": name.endswith("relay")} for name, env in cases.items()}
        env = dict(os.environ, SWC_NODE_PROJECT=os.path.join(ROOT, "tsconfig.base.json"), LOG_LEVEL="silent")
        proc = subprocess.run(["node", "-r", "@swc-node/register", "-e", SERVICE_CHECKS_JS, ROOT],
                              cwd=ROOT, input=json.dumps(payload), capture_output=True, text=True, env=env)
    assert proc.returncode == 0, proc.stderr[-2000:]
    outcome = json.loads(proc.stdout.strip().splitlines()[-1])
    bad = {k: v["error"] for k, v in outcome.items() if not v["ok"]}
    assert not bad, f"a service's start-up checks refused: {bad}"
    return "; ".join(f"{k}: {v['summary']}" for k, v in sorted(outcome.items()))


def assert_configs_valid(cases: dict[str, dict[str, str]]) -> str:
    outcome = load_config(cases)
    bad = {k: v["error"] for k, v in outcome.items() if not v["ok"]}
    assert not bad, f"loadConfig refused: {bad}"
    return "; ".join(f"{k}: {v['summary']}" for k, v in sorted(outcome.items()))


# ---- docker compose --------------------------------------------------------------------------

def compose_cmd():
    if shutil.which("docker") and sh(["docker", "compose", "version"]).returncode == 0:
        return ["docker", "compose"]
    if shutil.which("docker-compose"):
        return ["docker-compose"]
    return None


def compose_config(extra_env=None, profiles=()):
    cmd = compose_cmd()
    if not cmd:
        raise Skip("neither `docker compose` nor `docker-compose` installed")
    args = list(cmd)
    for profile in profiles:
        args += ["--profile", profile]
    args += ["-f", "docker-compose.yml", "config"]
    env = dict(os.environ)
    for key in ("EVENT_STORE", "EVENT_STORE_URL", "READ_MODEL_URL", "API_KEYS", "JWT_SECRET", "COMPOSE_PROFILES"):
        env.pop(key, None)
    env.update(extra_env or {})
    proc = subprocess.run(args, cwd=ROOT, capture_output=True, text=True, env=env)
    assert proc.returncode == 0, f"{' '.join(args)}: {proc.stderr.strip()[-2000:]}"
    return " ".join(cmd), yaml.safe_load(proc.stdout)


def platform_envs(config: dict) -> dict[str, dict[str, str]]:
    envs = {}
    for name, service in config["services"].items():
        if "deploy/Dockerfile" not in json.dumps(service.get("build", {})):
            continue
        env = service.get("environment", {})
        if isinstance(env, list):
            env = dict(item.split("=", 1) for item in env)
        envs[name] = {k: "" if v is None else str(v) for k, v in env.items()}
    return envs


@check("compose: default (postgres event store) config is valid")
def compose_default():
    tool, config = compose_config()
    services = set(config["services"])
    assert {"postgres", "kafka", *SERVICE_NAMES, "relay"} <= services, services
    envs = platform_envs(config)
    assert sorted(envs) == sorted([*SERVICE_NAMES, "relay"]), sorted(envs)
    for name in SERVICE_NAMES:
        assert envs[name]["SERVICES"] == name
        assert envs[name]["RELAY_ENABLED"] == "false"
        assert envs[name]["EVENT_STORE"] == "postgres"
    assert envs["relay"]["RELAY_ENABLED"] == "true"
    assert config["services"]["relay"].get("command") == ["relay"]
    relay_health = config["services"]["relay"].get("healthcheck", {})
    assert not relay_health.get("disable"), "the relay serves /health/live: its healthcheck stays on"
    for name in [*SERVICE_NAMES, "relay"]:
        deps = config["services"][name].get("depends_on", {})
        assert isinstance(deps, dict) and deps.get("postgres", {}).get("condition") == "service_healthy", (name, deps)
        assert deps.get("kafka", {}).get("condition") == "service_healthy", (name, deps)
    for name in ("postgres", "kafka"):
        assert config["services"][name].get("healthcheck"), f"{name} has no healthcheck"
    published = []
    for service in config["services"].values():
        for port in service.get("ports", []):
            published.append(str(port.get("published")) if isinstance(port, dict) else str(port).split(":")[0])
    assert len(published) == len(set(published)), f"host port published twice: {published}"
    return f"{tool}; {len(services)} services; host ports {sorted(published)}"


@check("compose: esdb profile config is valid")
def compose_esdb():
    _, config = compose_config(
        {"EVENT_STORE": "esdb", "EVENT_STORE_URL": "esdb://eventstore:2113?tls=false"}, profiles=["esdb"]
    )
    assert "eventstore" in config["services"]
    envs = platform_envs(config)
    assert all(env["EVENT_STORE"] == "esdb" for env in envs.values())
    return "eventstore + 6 platform containers with EVENT_STORE=esdb"


@check("compose: every platform container's environment passes loadConfig (postgres)")
def compose_load_config_default():
    _, config = compose_config()
    return assert_configs_valid(platform_envs(config))


@check("compose: every platform container's environment passes loadConfig (esdb)")
def compose_load_config_esdb():
    _, config = compose_config(
        {"EVENT_STORE": "esdb", "EVENT_STORE_URL": "esdb://eventstore:2113?tls=false"}, profiles=["esdb"]
    )
    return assert_configs_valid(platform_envs(config))


@check("compose: every platform container's environment passes its service's start-up checks")
def compose_service_checks():
    _, config = compose_config()
    envs = platform_envs(config)
    assert envs["intake"].get("INTAKE_FEEDBACK_URL", "").startswith("http://feedback:"), "intake must reach feedback for survey links"
    assert envs["feedback"].get("FEEDBACK_PUBLIC_URL"), "feedback needs FEEDBACK_PUBLIC_URL for links customers can open"
    return assert_service_configs_valid(envs)


# ---- helm chart -------------------------------------------------------------------------------

def deep_merge(base, override):
    """Helm's value coalescing: maps merge, anything else replaces, null deletes."""
    out = copy.deepcopy(base)
    for key, value in override.items():
        if value is None:
            out.pop(key, None)
        elif isinstance(value, dict) and isinstance(out.get(key), dict):
            out[key] = deep_merge(out[key], value)
        else:
            out[key] = copy.deepcopy(value)
    return out


def chart_values():
    with open(os.path.join(CHART, "values.yaml")) as f:
        return yaml.safe_load(f)


def render(overrides, release="ticketing", notes=False):
    if not shutil.which("go"):
        raise Skip("go not installed (apt-get install golang-go) -- cannot render templates without helm")
    values = deep_merge(chart_values(), overrides)
    with open(os.path.join(CHART, "Chart.yaml")) as f:
        chart = yaml.safe_load(f)
    with tempfile.TemporaryDirectory() as tmp:
        vpath, cpath = os.path.join(tmp, "values.json"), os.path.join(tmp, "chart.json")
        with open(vpath, "w") as f:
            json.dump(values, f)
        with open(cpath, "w") as f:
            json.dump(chart, f)
        args = ["go", "run", RENDER, "-chart", CHART, "-values", vpath, "-chartmeta", cpath, "-release", release]
        if notes:
            args.append("-notes")
        env = dict(os.environ, GO111MODULE="off")
        env.setdefault("GOCACHE", os.path.join(tempfile.gettempdir(), "helm-render-gocache"))
        proc = subprocess.run(args, cwd=ROOT, capture_output=True, text=True, env=env)
    return proc.returncode, proc.stdout, proc.stderr.strip()


MINIMAL = {"secrets": {"eventStoreUrl": "postgres://ticketing:pw@pg:5432/ticketing_events",
                       "readModelUrl": "postgres://ticketing:pw@pg:5432/ticketing_read",
                       "feedbackSurveyLinkSecret": "survey-link-secret-of-at-least-32-chars",
                       "intakeSecretsKey": "intake-secrets-key-of-at-least-32-chars",
                       "jwtSecret": "jwt-secret-of-at-least-thirty-two-chars"}}

FAKE_EXISTING_SECRET = {"EVENT_STORE_URL": "esdb://esdb.example:2113?tls=true",
                        "READ_MODEL_URL": "postgres://u:p@pg:5432/read",
                        "API_KEYS": "ops-admin-key-000001:acme:admin:ops-1",
                        "JWT_SECRET": "j" * 40,
                        "INTAKE_SECRETS_KEY": "k" * 40,
                        "FEEDBACK_SURVEY_LINK_SECRET": "s" * 40}


def manifests(text):
    docs = [d for d in yaml.safe_load_all(text) if d is not None]
    by_kind: dict[str, dict[str, dict]] = {}
    for doc in docs:
        assert {"apiVersion", "kind", "metadata"} <= set(doc), f"incomplete object: {str(doc)[:200]}"
        name = doc["metadata"]["name"]
        assert DNS1123.match(name) and len(name) <= 63, f"bad name {name!r}"
        kinds = by_kind.setdefault(doc["kind"], {})
        assert name not in kinds, f"duplicate {doc['kind']}/{name}"
        kinds[name] = doc
    return by_kind


def subset(small: dict, big: dict) -> bool:
    return all(big.get(k) == v for k, v in small.items())


def check_coherent(objs, existing_secret=None):
    """Cross-object checks; returns {deployment name: effective environment}."""
    deployments = objs.get("Deployment", {})
    configmaps = objs.get("ConfigMap", {})
    secrets = objs.get("Secret", {})
    envs = {}
    assert deployments, "no Deployment rendered"
    for name, dep in deployments.items():
        spec = dep["spec"]
        pod = spec["template"]
        assert subset(spec["selector"]["matchLabels"], pod["metadata"]["labels"]), f"{name}: selector does not match pod labels"
        (container,) = pod["spec"]["containers"]
        ports = {p["name"]: p["containerPort"] for p in container["ports"]}
        assert {"http", "grpc"} <= set(ports), f"{name}: ports {ports}"
        for probe in ("startupProbe", "livenessProbe", "readinessProbe"):
            if probe in container:
                assert container[probe]["httpGet"]["port"] in ports, f"{name}: {probe} names unknown port"
        assert container.get("livenessProbe", {}).get("httpGet", {}).get("path", "/health/live") == "/health/live"
        assert container.get("readinessProbe", {}).get("httpGet", {}).get("path", "/health/ready") == "/health/ready"
        sa = pod["spec"].get("serviceAccountName")
        if "ServiceAccount" in objs:
            assert sa in objs["ServiceAccount"], f"{name}: service account {sa} not rendered"
        annotations = pod["metadata"].get("annotations", {})
        env = {}
        for source in container.get("envFrom", []):
            if "configMapRef" in source:
                ref = source["configMapRef"]["name"]
                assert ref in configmaps, f"{name}: ConfigMap {ref} not rendered"
                env.update({k: str(v) for k, v in configmaps[ref]["data"].items()})
            if "secretRef" in source:
                ref = source["secretRef"]["name"]
                if existing_secret:
                    assert ref == existing_secret, f"{name}: secretRef {ref} != existingSecret {existing_secret}"
                    env.update(FAKE_EXISTING_SECRET)
                else:
                    assert ref in secrets, f"{name}: Secret {ref} not rendered"
                    env.update({k: str(v) for k, v in secrets[ref]["stringData"].items()})
        for item in container.get("env", []):
            if "value" in item:
                env[item["name"]] = str(item["value"])
        envs[name] = env
        if annotations.get("prometheus.io/scrape") == "true":
            assert str(annotations["prometheus.io/port"]) == str(ports["http"]), f"{name}: scrape port"
        sc = container.get("securityContext", {})
        assert pod["spec"]["securityContext"].get("runAsNonRoot") is True, f"{name}: runAsNonRoot"
        if sc.get("readOnlyRootFilesystem"):
            mounts = {m["mountPath"] for m in container.get("volumeMounts", [])}
            assert "/tmp" in mounts, f"{name}: read-only root without a writable /tmp"
    for name, svc in objs.get("Service", {}).items():
        targets = [d for d in deployments.values() if subset(svc["spec"]["selector"], d["spec"]["template"]["metadata"]["labels"])]
        assert len(targets) == 1, f"Service {name} selects {len(targets)} Deployments"
        ports = {p["name"] for p in targets[0]["spec"]["template"]["spec"]["containers"][0]["ports"]}
        for port in svc["spec"]["ports"]:
            assert port["targetPort"] in ports, f"Service {name}: targetPort {port['targetPort']} not a container port"
    for name, hpa in objs.get("HorizontalPodAutoscaler", {}).items():
        target = hpa["spec"]["scaleTargetRef"]["name"]
        assert target in deployments, f"HPA {name} targets missing Deployment {target}"
        assert "replicas" not in deployments[target]["spec"], f"{target}: replicas set although an HPA scales it"
        assert hpa["spec"]["minReplicas"] <= hpa["spec"]["maxReplicas"]
    for name, pdb in objs.get("PodDisruptionBudget", {}).items():
        sel = pdb["spec"]["selector"]["matchLabels"]
        matched = [d for d in deployments.values() if subset(sel, d["spec"]["template"]["metadata"]["labels"])]
        assert len(matched) == 1, f"PDB {name} selects {len(matched)} Deployments"
        assert ("minAvailable" in pdb["spec"]) != ("maxUnavailable" in pdb["spec"]), f"PDB {name}: exactly one of minAvailable/maxUnavailable"
    relays = [d for n, d in deployments.items() if n.endswith("-relay")]
    for relay in relays:
        assert relay["spec"]["replicas"] == 1, "relay must have exactly one replica"
        assert relay["spec"]["strategy"]["type"] == "Recreate", "relay must use the Recreate strategy"
        assert relay["spec"]["template"]["spec"]["containers"][0]["args"] == ["relay"]
    for name, env in envs.items():
        if name.endswith("-relay"):
            assert env.get("RELAY_ENABLED") == "true", f"{name}: RELAY_ENABLED={env.get('RELAY_ENABLED')}"
        else:
            assert env.get("RELAY_ENABLED") == "false", f"{name}: RELAY_ENABLED={env.get('RELAY_ENABLED')}"
            assert env.get("SERVICES") in SERVICE_NAMES and name.endswith("-" + env["SERVICES"]), f"{name}: SERVICES={env.get('SERVICES')}"
    return envs


@check("chart: Chart.yaml and values.yaml parse")
def chart_static_yaml():
    with open(os.path.join(CHART, "Chart.yaml")) as f:
        chart = yaml.safe_load(f)
    assert chart["apiVersion"] == "v2" and chart["name"] == "ticketing" and chart["version"], chart
    values = chart_values()
    assert [s["name"] for s in values["services"]] == SERVICE_NAMES
    return f"chart {chart['name']} {chart['version']} (appVersion {chart['appVersion']})"


@check("chart: yamllint on Chart.yaml and values.yaml")
def chart_yamllint():
    if not shutil.which("yamllint"):
        raise Skip("yamllint not installed (apt-get install yamllint)")
    conf = "{extends: default, rules: {line-length: {max: 120}, document-start: disable, comments: {min-spaces-from-content: 1}, truthy: {check-keys: false}}}"
    proc = sh(["yamllint", "-s", "-d", conf, os.path.join(CHART, "Chart.yaml"), os.path.join(CHART, "values.yaml")])
    assert proc.returncode == 0, proc.stdout + proc.stderr


SCENARIOS = {
    "defaults (postgres event store, chart-made Secret)": (MINIMAL, None),
    "esdb, existingSecret, HPA, per-service overrides, one service off": ({
        "config": {"eventStore": "esdb", "kafkaBrokers": "k-0.kafka:9092,k-1.kafka:9092", "logLevel": "debug",
                   "jwtIssuer": "https://id.example", "extraEnv": {"NODE_OPTIONS": "--max-old-space-size=512"}},
        "secrets": {"existingSecret": "ticketing-prod"},
        "services": [
            {"name": "intake", "autoscaling": {"enabled": True, "minReplicas": 3, "maxReplicas": 12,
                                                "targetCPUUtilizationPercentage": 60, "targetMemoryUtilizationPercentage": 80}},
            {"name": "routing", "replicas": 3, "podDisruptionBudget": {"enabled": True, "minAvailable": 2}},
            {"name": "resolution", "env": {"LOG_LEVEL": "warn"}},
            {"name": "feedback", "replicas": 1, "podDisruptionBudget": {"enabled": False}},
            {"name": "knowledge", "enabled": False},
        ],
        "topologySpreadConstraints": [{"maxSkew": 1, "topologyKey": "topology.kubernetes.io/zone"}],
        "podAnnotations": {"example.com/team": "support"},
        "nodeSelector": {"kubernetes.io/os": "linux"},
        "imagePullSecrets": [{"name": "regcred"}],
        "relay": {"http": True},
    }, "ticketing-prod"),
    "relay disabled, metrics annotations off, API keys and JWT in chart Secret": (deep_merge(MINIMAL, {
        "relay": {"enabled": False}, "metrics": {"enabled": False},
        "secrets": {"apiKeys": "svc-key-0000000001:acme:agent:bot-1", "jwtSecret": "x" * 40},
    }), None),
}


def scenario_check(title, overrides, existing_secret):
    @check(f"chart renders and hangs together: {title}")
    def run():
        code, out, err = render(overrides)
        assert code == 0, err
        objs = manifests(out)
        envs = check_coherent(objs, existing_secret)
        kinds = {k: len(v) for k, v in sorted(objs.items())}
        if title.startswith("esdb"):
            assert "ticketing-knowledge" not in objs["Deployment"] and "ticketing-knowledge" not in objs["Service"]
            assert "ticketing-intake" in objs["HorizontalPodAutoscaler"]
            assert "Secret" not in objs
            assert objs["PodDisruptionBudget"]["ticketing-routing"]["spec"] == {
                "minAvailable": 2, "selector": objs["PodDisruptionBudget"]["ticketing-routing"]["spec"]["selector"]}
            assert "ticketing-feedback" not in objs["PodDisruptionBudget"]
            assert envs["ticketing-resolution"]["LOG_LEVEL"] == "warn" and envs["ticketing-intake"]["LOG_LEVEL"] == "debug"
        if title.startswith("relay disabled"):
            assert "ticketing-relay" not in objs["Deployment"]
            annotations = objs["Deployment"]["ticketing-intake"]["spec"]["template"]["metadata"]["annotations"]
            assert "prometheus.io/scrape" not in annotations
        relay = objs["Deployment"].get("ticketing-relay")
        if relay:
            container = relay["spec"]["template"]["spec"]["containers"][0]
            annotations = relay["spec"]["template"]["metadata"]["annotations"]
            serves_http = True  # relay.http defaults to true: `ticketctl relay` serves /health/* and /metrics
            assert ("livenessProbe" in container) == serves_http, "relay probes must follow relay.http"
            assert ("prometheus.io/scrape" in annotations) == serves_http, "relay scrape annotation must follow relay.http"
        if title.startswith("defaults"):
            assert len(objs["Deployment"]) == 6 and len(objs["Service"]) == 5 and len(objs["PodDisruptionBudget"]) == 5
            assert "HorizontalPodAutoscaler" not in objs
        return f"{kinds}"

    run()

    @check(f"chart Deployments' environment passes loadConfig: {title}")
    def env_check():
        code, out, err = render(overrides)
        assert code == 0, err
        envs = check_coherent(manifests(out), existing_secret)
        return assert_configs_valid(envs)

    env_check()

    @check(f"chart Deployments' environment passes their service's start-up checks: {title}")
    def service_check():
        code, out, err = render(overrides)
        assert code == 0, err
        envs = check_coherent(manifests(out), existing_secret)
        return assert_service_configs_valid(envs)

    service_check()


REFUSALS = {
    "pglite event store": ({"config": {"eventStore": "pglite"}}, "pglite is single-process"),
    "in-process bus": ({"config": {"bus": "inprocess"}}, "config.bus must be kafka"),
    "missing event store URL": ({"secrets": {"eventStoreUrl": ""}}, "secrets.eventStoreUrl is required"),
    "missing read-model URL": ({"secrets": {"readModelUrl": ""}}, "secrets.readModelUrl is required"),
    "unknown service": ({"services": [{"name": "billing"}]}, 'unknown service "billing"'),
    "service listed twice": ({"services": [{"name": "intake"}, {"name": "intake"}]}, '"intake" is listed twice'),
    "short JWT secret": ({"secrets": {"jwtSecret": "short"}}, "at least 32 characters"),
    "feedback without a survey link secret": ({"secrets": {"feedbackSurveyLinkSecret": ""}}, "secrets.feedbackSurveyLinkSecret is required"),
    "intake without a secrets key": ({"secrets": {"intakeSecretsKey": "too-short"}}, "secrets.intakeSecretsKey is required"),
    "intake and feedback without a JWT secret": ({"secrets": {"jwtSecret": ""}}, "secrets.jwtSecret is required with intake and feedback"),
    "short webhook secret": ({"secrets": {"intakeWebhookSecret": "short"}}, "secrets.intakeWebhookSecret must be at least 16"),
}


def refusal_check(title, overrides, message):
    @check(f"chart refuses {title}")
    def run():
        code, _, err = render(deep_merge(MINIMAL, overrides))
        assert code != 0, "rendered although it should have failed"
        assert message in err, f"expected {message!r} in: {err}"
        found = re.search(r"error calling (?:fail|required): (.*)", err)
        return (found.group(1) if found else err.splitlines()[0])[:200]

    run()


@check("chart: long release names stay within 63 characters")
def long_release():
    code, out, err = render(MINIMAL, release="a-very-long-release-name-for-the-ticketing-platform-chart-x")
    assert code == 0, err
    manifests(out)


@check("chart: NOTES.txt renders")
def notes():
    code, out, err = render(MINIMAL, notes=True)
    assert code == 0, err
    assert "ticketing-intake" in out and "singleton" in out and "WARNING" in out, out
    return f"{len(out.splitlines())} lines"


@check("chart: helm lint + helm template")
def helm_binary():
    if not shutil.which("helm"):
        raise Skip("helm not installed")
    sets = ["--set", f"secrets.eventStoreUrl={MINIMAL['secrets']['eventStoreUrl']}",
            "--set", f"secrets.readModelUrl={MINIMAL['secrets']['readModelUrl']}",
            "--set", f"secrets.feedbackSurveyLinkSecret={MINIMAL['secrets']['feedbackSurveyLinkSecret']}",
            "--set", f"secrets.intakeSecretsKey={MINIMAL['secrets']['intakeSecretsKey']}",
            "--set", f"secrets.jwtSecret={MINIMAL['secrets']['jwtSecret']}"]
    lint = sh(["helm", "lint", "--strict", CHART, *sets])
    assert lint.returncode == 0, lint.stdout + lint.stderr
    out = sh(["helm", "template", "ticketing", CHART, *sets])
    assert out.returncode == 0, out.stderr
    check_coherent(manifests(out.stdout))


# ---- the program's variables ------------------------------------------------------------------

OPERATIONS_MD = os.path.join(ROOT, "docs", "operations.md")
# How the code reads a variable: process.env.X / env.X / env['X'], a validating helper called as
# helper(env, 'X') (or with a template name `X_${...}`), a deployment key spec { variable: 'X' }.
ENV_READS = [
    re.compile(r"process\.env\.([A-Z][A-Z0-9_]+)"),
    re.compile(r"process\.env\[['\"]([A-Z][A-Z0-9_]+)['\"]\]"),
    re.compile(r"\benv\.([A-Z][A-Z0-9_]+)"),
    re.compile(r"\benv\[['\"]([A-Z][A-Z0-9_]+)['\"]\]"),
    re.compile(r"\(\s*env\s*,\s*['\"`]([A-Z][A-Z0-9_]+)"),
    re.compile(r"\b(?:variable|fileVariable):\s*['\"]([A-Z][A-Z0-9_]+)['\"]"),
]
# Variables that hold a secret, or a URL that carries credentials, by name.
SECRET_NAME = re.compile(r"(SECRET|PASSWORD|TOKEN|_KEYS?$)")
CREDENTIAL_URLS = {"EVENT_STORE_URL", "READ_MODEL_URL", "INTAKE_SMTP_URL", "INTAKE_IMAP_URL"}
# Read by `ticketctl kb` as an API client on an operator's machine, not by a pod.
CLIENT_ONLY = {"TICKETING_URL", "TICKETING_API_KEY"}
# The chart value that renders each secret variable into the chart's Secret.
CHART_SECRET_VALUES = {
    "EVENT_STORE_URL": "eventStoreUrl", "READ_MODEL_URL": "readModelUrl", "API_KEYS": "apiKeys",
    "JWT_SECRET": "jwtSecret", "INTAKE_SECRETS_KEY": "intakeSecretsKey",
    "FEEDBACK_SURVEY_LINK_SECRET": "feedbackSurveyLinkSecret", "INTAKE_WEBHOOK_SECRET": "intakeWebhookSecret",
    "INTAKE_SMTP_URL": "intakeSmtpUrl", "INTAKE_IMAP_URL": "intakeImapUrl",
}


def program_variables() -> dict[str, str]:
    """Every variable the program reads: name -> first file reading it."""
    found: dict[str, str] = {}
    for top in ("services", "libs"):
        for dirpath, dirnames, filenames in os.walk(os.path.join(ROOT, top)):
            dirnames[:] = [d for d in dirnames if d not in ("node_modules", "test", "testing", "bench", "dist")]
            for filename in filenames:
                is_bin = os.path.basename(dirpath) == "bin"
                if not (filename.endswith(".ts") or is_bin) or filename.endswith(".spec.ts") or filename.endswith(".d.ts"):
                    continue
                path = os.path.join(dirpath, filename)
                with open(path, encoding="utf-8", errors="replace") as f:
                    text = f.read()
                for pattern in ENV_READS:
                    for name in pattern.findall(text):
                        found.setdefault(name, os.path.relpath(path, ROOT))
    return found


def secret_variables(variables) -> set[str]:
    return {v for v in variables if v not in CLIENT_ONLY and not v.endswith("_FILE")
            and (SECRET_NAME.search(v) or v in CREDENTIAL_URLS)}


@check("sources: every variable the program reads is in docs/operations.md's configuration reference")
def variables_documented():
    variables = program_variables()
    assert len(variables) > 20, f"the scan found only {sorted(variables)}: did the code move?"
    with open(OPERATIONS_MD, encoding="utf-8") as f:
        text = f.read()
    start = text.index("## Configuration reference")
    end = text.find("\n## ", start + 1)
    reference = text[start:end if end > 0 else len(text)]
    missing = {name: where for name, where in variables.items() if f"`{name}" not in reference}
    assert not missing, f"not in the configuration reference: {missing}"
    return f"{len(variables)} variables"


@check("chart: every secret variable the services read can be supplied through the chart's Secret")
def secrets_through_chart():
    secret_vars = secret_variables(program_variables())
    unmapped = sorted(secret_vars - set(CHART_SECRET_VALUES))
    assert not unmapped, f"secret variables without a `secrets.*` chart value: {unmapped}"
    values = {"secrets": {value: f"value-of-{var}-" + "x" * 40 for var, value in CHART_SECRET_VALUES.items()}}
    values["secrets"].update({"eventStoreUrl": MINIMAL["secrets"]["eventStoreUrl"], "readModelUrl": MINIMAL["secrets"]["readModelUrl"],
                              "apiKeys": "svc-key-0000000001:acme:agent:bot-1", "intakeSmtpUrl": "smtp://u:p@mail:25",
                              "intakeImapUrl": "imaps://u:p@mail:993/INBOX", "extraEnv": {"ORDER_LOOKUP_URL": "https://shop/o/{orderNumber}?t=1"}})
    values["config"] = {"extraEnv": {"INTAKE_IMAP_TENANT": "acme", "INTAKE_STAFF_EMAIL": "staff@shop.example"}, "feedbackPublicUrl": "https://support.shop.example"}
    values["services"] = [{"name": n} for n in SERVICE_NAMES[:-1]] + [{
        "name": "knowledge", "extraVolumes": [{"name": "extra", "emptyDir": {}}], "extraVolumeMounts": [{"name": "extra", "mountPath": "/extra"}]}]
    code, out, err = render(values)
    assert code == 0, err
    objs = manifests(out)
    (secret,) = objs["Secret"].values()
    (configmap,) = objs["ConfigMap"].values()
    for var in [*secret_vars, "ORDER_LOOKUP_URL"]:
        assert var in secret["stringData"], f"{var} not in the chart's Secret"
        assert var not in configmap["data"], f"{var} is in the ConfigMap too"
    envs = check_coherent(objs)
    for name, env in envs.items():
        assert secret_vars <= set(env), f"{name} does not get {sorted(secret_vars - set(env))}"
    intake_url = envs["ticketing-intake"].get("INTAKE_FEEDBACK_URL", "")
    assert intake_url == "http://ticketing-feedback:3000", f"intake's INTAKE_FEEDBACK_URL={intake_url!r}"
    assert "ticketing-feedback" in objs["Service"]
    assert envs["ticketing-feedback"].get("FEEDBACK_PUBLIC_URL") == "https://support.shop.example"
    knowledge = objs["Deployment"]["ticketing-knowledge"]["spec"]["template"]["spec"]
    assert {"name": "extra", "emptyDir": {}} in knowledge["volumes"], "knowledge's extraVolumes not rendered"
    assert {"name": "extra", "mountPath": "/extra"} in knowledge["containers"][0]["volumeMounts"]
    assert all(v["name"] != "extra" for v in objs["Deployment"]["ticketing-intake"]["spec"]["template"]["spec"]["volumes"])
    assert_service_configs_valid(envs)
    return f"{sorted(secret_vars)}"


def main():
    os.chdir(ROOT)
    compose_default()
    compose_esdb()
    compose_load_config_default()
    compose_load_config_esdb()
    compose_service_checks()
    variables_documented()
    chart_static_yaml()
    chart_yamllint()
    for title, (overrides, existing) in SCENARIOS.items():
        scenario_check(title, overrides, existing)
    for title, (overrides, message) in REFUSALS.items():
        refusal_check(title, overrides, message)
    secrets_through_chart()
    long_release()
    notes()
    helm_binary()
    passed = sum(1 for r in results if r[0] == "PASS")
    failed = sum(1 for r in results if r[0] == "FAIL")
    skipped = sum(1 for r in results if r[0] == "SKIP")
    print(f"{passed} passed, {failed} failed, {skipped} skipped")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
