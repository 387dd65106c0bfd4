#!/usr/bin/env bash
# Reproduces deploy/Dockerfile's steps without a Docker engine, to check what the image will hold:
#   1. deps stage: `npm ci` (or $NPM_INSTALL) from package.json + package-lock.json, `npm prune --omit=dev`
#   2. runtime stage: the pruned node_modules + the same sources the Dockerfile copies
#   3. as uid 1000 with the app tree read-only (like the pod's readOnlyRootFilesystem), HOME unset:
#      the swc register loads TypeScript with the tsconfig path aliases, PGlite opens a database
#      under DATA_DIR, and, once services/ticketctl/src/main.ts exists, `ticketctl up` (embedded)
#      answers GET /health/live and /metrics.
# Needs root (for setpriv to uid 1000) and the npm registry. Usage, from the repository root:
#   bash deploy/tools/simulate-image.sh [workdir]
# Environment: NPM_INSTALL (default "npm ci", as the Dockerfile's build argument);
#   SOURCE=head (default: the committed tree, as a build from a checkout) or SOURCE=worktree;
#   REUSE_DEPS=1 keeps workdir/app/node_modules from an earlier run of the same lockfile;
#   UP_ENV="NAME=value ..." adds variables to the `ticketctl up` smoke run.
set -euo pipefail
cd "$(dirname "$0")/../.."
repo=$(pwd)
work=${1:-$(mktemp -d /tmp/ticketing-image.XXXXXX)}
app="$work/app"
source_tree=${SOURCE:-head}
mkdir -p "$app" "$work/data" "$work/tmp"
chmod -R u+w "$app"
find "$app" -mindepth 1 -maxdepth 1 ! -name node_modules -exec rm -rf {} +
[ "${REUSE_DEPS:-0}" = 1 ] || rm -rf "$app/node_modules"
rm -rf "$work/data"/* "$work/tmp"/*
echo "== simulating the image in $work (sources: $source_tree)"

copy_sources() {  # the Dockerfile's COPY lines, minus what .dockerignore drops
  if [ "$source_tree" = head ]; then
    git -C "$repo" archive --format=tar HEAD -- "$@" | tar -xf - -C "$app"
  else
    tar -C "$repo" --exclude=node_modules -cf - "$@" | tar -xf - -C "$app"
  fi
}

# --- deps stage -------------------------------------------------------------------------------
copy_sources package.json package-lock.json
if [ -d "$app/node_modules" ]; then
  echo "ok   deps: reusing $app/node_modules"
else (
  cd "$app"
  export CI=true NX_DAEMON=false NX_NO_CLOUD=true SCARF_ANALYTICS=false
  ${NPM_INSTALL:-npm ci} --no-audit --no-fund >"$work/install.log" 2>&1 || { tail -30 "$work/install.log"; echo "FAIL: ${NPM_INSTALL:-npm ci}"; exit 1; }
  npm prune --omit=dev --no-audit --no-fund >>"$work/install.log" 2>&1
  node -e "require.resolve('@swc-node/register'); require.resolve('@swc/core'); require.resolve('typescript')"
) && echo "ok   deps: $(du -sh "$app/node_modules" | cut -f1) of production node_modules"
fi

# --- runtime stage: the Dockerfile's COPY lines, minus what .dockerignore drops -----------------
copy_sources tsconfig.base.json tsconfig.json .swcrc libs services
find "$app/libs" "$app/services" \( -name '*.spec.ts' -o -name '*.test.ts' -o -name node_modules \) -prune -exec rm -rf {} +

# A probe inside the app tree, so the register and node_modules resolve as for the real program.
cat >"$app/.image-probe.ts" <<'PROBE'
import 'reflect-metadata';
import { topicForStream } from '@ticketing/contracts';
import { PGlite } from '@electric-sql/pglite';
(async () => {
  const db = new PGlite(`${process.env.DATA_DIR}/probe`);
  const { rows } = await db.query<{ one: number }>('select 1 as one');
  await db.close();
  console.log(`alias ${topicForStream('ticket-1')}, pglite ${rows[0].one}`);
})().catch((e) => { console.error(e); process.exit(1); });
PROBE
chmod -R a+rX,a-w "$app"
chown 1000:1000 "$work/data" "$work/tmp"
trap 'chmod -R u+w "$app" 2>/dev/null || true' EXIT

as_node() {
  (cd "$app" && exec setpriv --reuid=1000 --regid=1000 --clear-groups \
    env -i PATH="$PATH" HOME=/nonexistent NODE_ENV=production NODE_OPTIONS=--enable-source-maps \
    TMPDIR="$work/tmp" SWC_NODE_CACHE_DIR="$work/tmp/swc-node" DATA_DIR="$work/data" "$@")
}

# --- TypeScript through the register, path aliases, PGlite on disk -----------------------------
out=$(as_node node -e "process.env.SWC_NODE_PROJECT='tsconfig.base.json'; require('@swc-node/register'); require('./.image-probe.ts')")
echo "ok   runtime: $out (uid 1000, read-only app tree)"

# --- the real entry point ------------------------------------------------------------------------
if [ ! -f "$app/services/ticketctl/src/main.ts" ]; then
  echo "skip ticketctl up: services/ticketctl/src/main.ts does not exist yet"
  exit 0
fi
port=$((20000 + RANDOM % 20000))
grpc=$((port + 1))
# One subshell that execs down to node, so $! is node's own pid (and SIGTERM reaches it).
# shellcheck disable=SC2086 # UP_ENV is a list of NAME=value words
(cd "$app" && exec setpriv --reuid=1000 --regid=1000 --clear-groups \
  env -i PATH="$PATH" HOME=/nonexistent NODE_ENV=production NODE_OPTIONS=--enable-source-maps \
  TMPDIR="$work/tmp" SWC_NODE_CACHE_DIR="$work/tmp/swc-node" DATA_DIR="$work/data" \
  HTTP_PORT=$port GRPC_PORT=$grpc LOG_LEVEL=warn API_KEYS=image-smoke-key-0001:demo:admin:smoke-1 ${UP_ENV:-} \
  node services/ticketctl/bin/ticketctl up) >"$work/up.log" 2>&1 &
pid=$!
ok=""
for _ in $(seq 1 120); do
  if curl -fsS "http://127.0.0.1:$port/health/live" >/dev/null 2>&1; then ok=1; break; fi
  kill -0 "$pid" 2>/dev/null || break
  sleep 0.5
done
metrics=$(curl -fsS "http://127.0.0.1:$port/metrics" 2>/dev/null | grep -c '^# TYPE' || true)
ready=$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$port/health/ready" 2>/dev/null || true)
kill -TERM "$pid" 2>/dev/null || true
for _ in $(seq 1 20); do kill -0 "$pid" 2>/dev/null || break; sleep 0.5; done
if kill -0 "$pid" 2>/dev/null; then echo "warn ticketctl up ignored SIGTERM for 10 s; killing it"; kill -KILL "$pid" 2>/dev/null || true; fi
wait "$pid" 2>/dev/null || true
if [ -z "$ok" ]; then
  tail -40 "$work/up.log"
  echo "FAIL ticketctl up did not answer /health/live"
  exit 1
fi
echo "ok   ticketctl up: /health/live answered on :$port, /health/ready $ready, /metrics has $metrics metric families"
