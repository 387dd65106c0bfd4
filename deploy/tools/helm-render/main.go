// helm-render renders a Helm chart's templates with Go's text/template, the engine Helm itself
// uses, plus the subset of Helm/Sprig functions that deploy/helm/ticketing uses. It exists to
// validate the chart on machines where the helm binary cannot be installed; where helm is
// available, prefer `helm lint` and `helm template`. Standard library only: `go run` needs no
// modules.
//
//	go run main.go -chart ../../helm/ticketing -values values.json [-release r] [-namespace ns] [-notes]
//
// -values is the already-merged values tree as JSON (deploy/tools/validate-chart.py merges the
// chart's values.yaml with overrides the way Helm does). Output: the rendered manifests, each
// preceded by "---" and a "# Source:" line, like `helm template`. A `fail`/`required` call or any
// template error exits 1 with the message on stderr.
package main

import (
	"bytes"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"reflect"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"text/template"
)

func main() {
	chartDir := flag.String("chart", "", "chart directory")
	valuesFile := flag.String("values", "", "merged values as JSON")
	chartFile := flag.String("chartmeta", "", "Chart.yaml as JSON")
	release := flag.String("release", "ticketing", "release name")
	namespace := flag.String("namespace", "default", "release namespace")
	notes := flag.Bool("notes", false, "render NOTES.txt instead of the manifests")
	flag.Parse()
	if err := run(*chartDir, *valuesFile, *chartFile, *release, *namespace, *notes); err != nil {
		fmt.Fprintln(os.Stderr, "Error:", err)
		os.Exit(1)
	}
}

func readJSON(path string) (map[string]interface{}, error) {
	raw, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	var v map[string]interface{}
	if err := json.Unmarshal(raw, &v); err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	return normalize(v).(map[string]interface{}), nil
}

// normalize turns integral float64s into int64, as Helm's YAML loader yields for integers.
func normalize(v interface{}) interface{} {
	switch t := v.(type) {
	case map[string]interface{}:
		for k, x := range t {
			t[k] = normalize(x)
		}
		return t
	case []interface{}:
		for i, x := range t {
			t[i] = normalize(x)
		}
		return t
	case float64:
		if t == math.Trunc(t) && math.Abs(t) < 1e15 {
			return int64(t)
		}
	}
	return v
}

func run(chartDir, valuesFile, chartFile, release, namespace string, notes bool) error {
	values, err := readJSON(valuesFile)
	if err != nil {
		return err
	}
	chart, err := readJSON(chartFile)
	if err != nil {
		return err
	}
	chartName, _ := chart["name"].(string)
	files, err := filepath.Glob(filepath.Join(chartDir, "templates", "*"))
	if err != nil {
		return err
	}
	sort.Strings(files)

	root := template.New("root").Option("missingkey=zero")
	funcs := funcMap(root)
	root.Funcs(funcs)
	var names []string
	for _, f := range files {
		raw, err := os.ReadFile(f)
		if err != nil {
			return err
		}
		name := chartName + "/templates/" + filepath.Base(f)
		if _, err := root.New(name).Parse(string(raw)); err != nil {
			return err
		}
		names = append(names, name)
	}

	var out bytes.Buffer
	for _, name := range names {
		base := filepath.Base(name)
		isNotes := base == "NOTES.txt"
		if strings.HasPrefix(base, "_") || isNotes != notes {
			continue
		}
		data := map[string]interface{}{
			"Values": values,
			"Chart": map[string]interface{}{
				"Name": chart["name"], "Version": chart["version"], "AppVersion": chart["appVersion"],
				"Description": chart["description"],
			},
			"Release": map[string]interface{}{
				"Name": release, "Namespace": namespace, "Service": "Helm",
				"IsInstall": true, "IsUpgrade": false, "Revision": 1,
			},
			"Template": map[string]interface{}{"Name": name, "BasePath": chartName + "/templates"},
			"Capabilities": map[string]interface{}{
				"KubeVersion": map[string]interface{}{"Version": "v1.30.0", "Major": "1", "Minor": "30"},
			},
		}
		var buf bytes.Buffer
		if err := root.ExecuteTemplate(&buf, name, data); err != nil {
			return err
		}
		text := strings.ReplaceAll(buf.String(), "<no value>", "")
		if strings.TrimSpace(text) == "" {
			continue
		}
		if notes {
			out.WriteString(text)
			continue
		}
		fmt.Fprintf(&out, "---\n# Source: %s\n%s\n", name, strings.TrimLeft(text, "\n"))
	}
	_, err = os.Stdout.Write(out.Bytes())
	return err
}

// ---- functions --------------------------------------------------------------------------

func funcMap(root *template.Template) template.FuncMap {
	return template.FuncMap{
		"include": func(name string, data interface{}) (string, error) {
			var buf bytes.Buffer
			if err := root.ExecuteTemplate(&buf, name, data); err != nil {
				return "", err
			}
			return strings.ReplaceAll(buf.String(), "<no value>", ""), nil
		},
		"required": func(msg string, v interface{}) (interface{}, error) {
			if v == nil {
				return nil, errors.New(msg)
			}
			if s, ok := v.(string); ok && s == "" {
				return nil, errors.New(msg)
			}
			return v, nil
		},
		"fail":   func(msg string) (string, error) { return "", errors.New(msg) },
		"toYaml": func(v interface{}) string { return strings.TrimSuffix(toYAML(v, 0), "\n") },
		"toJson": func(v interface{}) (string, error) { b, err := json.Marshal(v); return string(b), err },
		"fromJson": func(s string) (map[string]interface{}, error) {
			var v map[string]interface{}
			if err := json.Unmarshal([]byte(s), &v); err != nil {
				return nil, fmt.Errorf("fromJson: %w", err)
			}
			return normalize(v).(map[string]interface{}), nil
		},
		"indent":  func(n int, s string) string { return indent(n, s) },
		"nindent": func(n int, s string) string { return "\n" + indent(n, s) },
		"quote": func(args ...interface{}) string {
			parts := make([]string, 0, len(args))
			for _, a := range args {
				if a != nil {
					parts = append(parts, strconv.Quote(toString(a)))
				}
			}
			return strings.Join(parts, " ")
		},
		"squote": func(v interface{}) string { return "'" + toString(v) + "'" },
		"default": func(d interface{}, given ...interface{}) interface{} {
			if len(given) == 0 || empty(given[0]) {
				return d
			}
			return given[0]
		},
		"empty":    empty,
		"toString": toString,
		"trunc": func(n int, s string) string {
			if len(s) > n {
				return s[:n]
			}
			return s
		},
		"trimSuffix": func(suffix, s string) string { return strings.TrimSuffix(s, suffix) },
		"trimPrefix": func(prefix, s string) string { return strings.TrimPrefix(s, prefix) },
		"replace":    func(old, new, s string) string { return strings.ReplaceAll(s, old, new) },
		"contains":   func(substr, s string) bool { return strings.Contains(s, substr) },
		"lower":      strings.ToLower,
		"upper":      strings.ToUpper,
		"join": func(sep string, v interface{}) string {
			var parts []string
			for _, x := range toList(v) {
				parts = append(parts, toString(x))
			}
			return strings.Join(parts, sep)
		},
		"list": func(v ...interface{}) []interface{} { return v },
		"has": func(needle interface{}, haystack interface{}) bool {
			for _, x := range toList(haystack) {
				if reflect.DeepEqual(x, needle) {
					return true
				}
			}
			return false
		},
		"dict": func(kv ...interface{}) (map[string]interface{}, error) {
			if len(kv)%2 != 0 {
				return nil, errors.New("dict: odd number of arguments")
			}
			m := map[string]interface{}{}
			for i := 0; i < len(kv); i += 2 {
				m[toString(kv[i])] = kv[i+1]
			}
			return m, nil
		},
		"set":    func(m map[string]interface{}, k string, v interface{}) map[string]interface{} { m[k] = v; return m },
		"hasKey": func(m map[string]interface{}, k string) bool { _, ok := m[k]; return ok },
		"ternary": func(vt, vf interface{}, c bool) interface{} {
			if c {
				return vt
			}
			return vf
		},
		"sha256sum": func(s string) string { h := sha256.Sum256([]byte(s)); return hex.EncodeToString(h[:]) },
		"b64enc":    func(s string) string { return base64.StdEncoding.EncodeToString([]byte(s)) },
		"int": func(v interface{}) (int, error) {
			switch t := v.(type) {
			case int:
				return t, nil
			case int64:
				return int(t), nil
			case float64:
				return int(t), nil
			case string:
				return strconv.Atoi(t)
			}
			return 0, fmt.Errorf("int: cannot convert %T", v)
		},
	}
}

func indent(n int, s string) string {
	pad := strings.Repeat(" ", n)
	return pad + strings.ReplaceAll(s, "\n", "\n"+pad)
}

func toString(v interface{}) string {
	switch t := v.(type) {
	case nil:
		return ""
	case string:
		return t
	case []byte:
		return string(t)
	case error:
		return t.Error()
	case fmt.Stringer:
		return t.String()
	}
	return fmt.Sprintf("%v", v)
}

func toList(v interface{}) []interface{} {
	if v == nil {
		return nil
	}
	rv := reflect.ValueOf(v)
	if rv.Kind() != reflect.Slice && rv.Kind() != reflect.Array {
		return nil
	}
	out := make([]interface{}, rv.Len())
	for i := range out {
		out[i] = rv.Index(i).Interface()
	}
	return out
}

func empty(v interface{}) bool {
	if v == nil {
		return true
	}
	rv := reflect.ValueOf(v)
	switch rv.Kind() {
	case reflect.String, reflect.Slice, reflect.Map, reflect.Array:
		return rv.Len() == 0
	case reflect.Bool:
		return !rv.Bool()
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		return rv.Int() == 0
	case reflect.Float32, reflect.Float64:
		return rv.Float() == 0
	case reflect.Ptr, reflect.Interface:
		return rv.IsNil()
	}
	return false
}

// toYAML emits block-style YAML with sorted keys; strings are double-quoted (valid YAML,
// equal after parsing to what Helm's toYaml emits).
func toYAML(v interface{}, level int) string {
	pad := strings.Repeat("  ", level)
	switch t := v.(type) {
	case map[string]interface{}:
		if len(t) == 0 {
			return "{}\n"
		}
		keys := make([]string, 0, len(t))
		for k := range t {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		var b strings.Builder
		for _, k := range keys {
			x := t[k]
			if isCollection(x) && !empty(x) {
				fmt.Fprintf(&b, "%s%s:\n%s", pad, key(k), toYAML(x, level+1))
			} else {
				fmt.Fprintf(&b, "%s%s: %s", pad, key(k), toYAML(x, 0))
			}
		}
		return b.String()
	case []interface{}:
		if len(t) == 0 {
			return "[]\n"
		}
		var b strings.Builder
		for _, x := range t {
			if isCollection(x) && !empty(x) {
				inner := toYAML(x, level+1)
				// Put the first line after "- ".
				inner = strings.TrimPrefix(inner, strings.Repeat("  ", level+1))
				fmt.Fprintf(&b, "%s- %s", pad, inner)
			} else {
				fmt.Fprintf(&b, "%s- %s", pad, toYAML(x, 0))
			}
		}
		return b.String()
	}
	return scalar(v) + "\n"
}

var plainKey = regexp.MustCompile(`^[A-Za-z_][A-Za-z0-9_./-]*$`)

// key leaves ordinary map keys plain and quotes the rest (and words YAML 1.1 reads as booleans).
func key(k string) string {
	switch strings.ToLower(k) {
	case "y", "n", "yes", "no", "on", "off", "true", "false", "null", "~":
		return strconv.Quote(k)
	}
	if plainKey.MatchString(k) {
		return k
	}
	return strconv.Quote(k)
}

func isCollection(v interface{}) bool {
	switch v.(type) {
	case map[string]interface{}, []interface{}:
		return true
	}
	return false
}

func scalar(v interface{}) string {
	switch t := v.(type) {
	case nil:
		return "null"
	case string:
		return strconv.Quote(t)
	case bool:
		return strconv.FormatBool(t)
	}
	return fmt.Sprintf("%v", v)
}
