#!/usr/bin/env bash
# REST load benchmark with wrk (Debian package 'wrk') against the runnable jar on the embedded H2
# default: GET /connections (1,000 connections, each with a last run), GET /connections/:id/status
# and /healthz on the same server in the same run. Server and load generator share the machine.
#   bench/rest.sh [seconds-per-endpoint] [connections]
set -euo pipefail
cd "$(dirname "$0")/.."
DURATION=${1:-15}
CONCURRENCY=${2:-16}
PORT=18090
command -v wrk >/dev/null || { echo "install wrk first (apt-get install wrk)" >&2; exit 1; }
[ -f connections-app/target/connections-app.jar ] || ./mvnw -q -DskipTests package
./mvnw -q -pl connections-app -am -DskipTests test-compile dependency:build-classpath \
  -Dmdep.outputFile=target/bench.classpath -Dmdep.includeScope=test >/dev/null
CP="connections-app/target/test-classes:connections-app/target/classes:$(cat connections-app/target/bench.classpath)"

# the README's launch: with the class-data archive the build writes beside the jar
LAUNCH=(java -XX:SharedArchiveFile=connections-app/target/connections-app.jsa -Xlog:cds=off,cds+dynamic=off
  -jar connections-app/target/connections-app.jar)

WORK=$(mktemp -d)
trap 'kill "$SERVER" 2>/dev/null || true; rm -rf "$WORK"' EXIT
export CONNECTIONS_DB_URL="jdbc:h2:file:$WORK/connections;AUTO_SERVER=TRUE"
export CONNECTIONS_SECRET_KEY=$(head -c 32 /dev/urandom | base64)
export CONNECTIONS_SCHEDULER=off
ID=$(java -cp "$CP" com.amdahl.connections.app.bench.RestBenchmarkSeed "$CONNECTIONS_DB_URL" "$CONNECTIONS_SECRET_KEY" 2>/dev/null)
TOKEN=$("${LAUNCH[@]}" token create bench admin 2>/dev/null)
"${LAUNCH[@]}" serve --port "$PORT" 2>"$WORK/server.log" &
SERVER=$!
for _ in $(seq 1 100); do curl -sf "http://127.0.0.1:$PORT/healthz" >/dev/null && break; sleep 0.1; done
curl -sf -o /dev/null -H "Authorization: Bearer $TOKEN" "http://127.0.0.1:$PORT/api/platform/v1/connections"

run() { # run <label> <path> [auth]
  local args=(-t2 -c"$CONCURRENCY" -d"${DURATION}s" --latency)
  [ "${3:-}" = auth ] && args+=(-H "Authorization: Bearer $TOKEN")
  wrk "${args[@]}" "http://127.0.0.1:$PORT$2" >/dev/null 2>&1 # warm-up pass, discarded
  local out; out=$(wrk "${args[@]}" "http://127.0.0.1:$PORT$2")
  printf '%-40s %10s req/s   p50 %8s   p99 %8s\n' "$1" "$(awk '/Requests\/sec/{print $2}' <<<"$out")" \
    "$(awk '$1=="50%"{print $2}' <<<"$out")" "$(awk '$1=="99%"{print $2}' <<<"$out")"
}
echo "# wrk -t2 -c$CONCURRENCY, ${DURATION}s per endpoint, $(nproc) cores shared by server and wrk"
run "GET /healthz" /healthz
run "GET /connections/:id/status" "/api/platform/v1/connections/$ID/status" auth
run "GET /connections (1,000, with last run)" /api/platform/v1/connections auth
