#!/usr/bin/env bash
# MCP status-read benchmark (issue 24) with wrk against the runnable jar on the embedded H2 default:
# in one run, REST GET /connections/:id/status, then resources/read of connection://{id}/status over
# /mcp in the 2026-07-28 (stateless) era and in the 2025-11-25 era (one initialized session), and
# the ratios to REST. Server and load generator share the machine. Needs wrk (apt-get install wrk).
#   bench/mcp.sh [seconds-per-endpoint] [connections-of-wrk]
set -euo pipefail
cd "$(dirname "$0")/.."
DURATION=${1:-15}
CONCURRENCY=${2:-16}
PORT=18091
command -v wrk >/dev/null || { echo "install wrk first (apt-get install wrk)" >&2; exit 1; }
[ -f connections-app/target/connections-app.jar ] || ./mvnw -q -DskipTests -DskipITs package
./mvnw -q -pl connections-app -am -DskipTests -DskipITs test-compile dependency:build-classpath \
  -Dmdep.outputFile=target/bench.classpath -Dmdep.includeScope=test >/dev/null
CP="connections-app/target/test-classes:connections-app/target/classes:$(cat connections-app/target/bench.classpath)"
JAR=$(realpath "${JAR:-connections-app/target/connections-app.jar}")
LAUNCH=(java -Xmx256m -jar "$JAR")

WORK=$(mktemp -d)
trap 'kill "$SERVER" 2>/dev/null || true; rm -rf "$WORK"' EXIT
export CONNECTIONS_DB_URL="jdbc:h2:file:$WORK/connections;AUTO_SERVER=TRUE"
export CONNECTIONS_SECRET_KEY=$(head -c 32 /dev/urandom | base64)
export CONNECTIONS_SCHEDULER=off
ID=$(java -cp "$CP" com.amdahl.connections.app.bench.RestBenchmarkSeed "$CONNECTIONS_DB_URL" "$CONNECTIONS_SECRET_KEY" 2>/dev/null)
TOKEN=$("${LAUNCH[@]}" token create bench admin --read-only 2>/dev/null)
"${LAUNCH[@]}" serve --port "$PORT" 2>"$WORK/server.log" &
SERVER=$!
for _ in $(seq 1 100); do curl -sf "http://127.0.0.1:$PORT/healthz" >/dev/null && break; sleep 0.1; done
URL="http://127.0.0.1:$PORT/mcp"
URI="connection://$ID/status"
META='"_meta":{"io.modelcontextprotocol/protocolVersion":"2026-07-28","io.modelcontextprotocol/clientCapabilities":{}}'

# the 2025-11-25 era needs a session: initialize, then notifications/initialized
SESSION=$(curl -s -D - -o /dev/null -H "Authorization: Bearer $TOKEN" -H 'Content-Type: application/json' \
  -H 'Accept: application/json, text/event-stream' "$URL" \
  -d '{"jsonrpc":"2.0","id":1,"method":"initialize","params":{"protocolVersion":"2025-11-25","capabilities":{},"clientInfo":{"name":"bench","version":"1"}}}' \
  | awk 'tolower($1)=="mcp-session-id:"{print $2}' | tr -d '\r')
curl -s -o /dev/null -H "Authorization: Bearer $TOKEN" -H 'Content-Type: application/json' \
  -H 'Accept: application/json, text/event-stream' -H "Mcp-Session-Id: $SESSION" -H 'MCP-Protocol-Version: 2025-11-25' \
  "$URL" -d '{"jsonrpc":"2.0","method":"notifications/initialized"}'

post_script() { # post_script <file> <body> <header...>
  local file=$1 body=$2; shift 2
  { echo 'wrk.method = "POST"'
    printf 'wrk.body = [[%s]]\n' "$body"
    echo 'wrk.headers["Content-Type"] = "application/json"'
    echo 'wrk.headers["Accept"] = "application/json, text/event-stream"'
    echo "wrk.headers[\"Authorization\"] = \"Bearer $TOKEN\""
    for header in "$@"; do echo "wrk.headers[\"${header%%:*}\"] = \"${header#*: }\""; done
  } >"$file"
}
post_script "$WORK/modern.lua" "{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"resources/read\",\"params\":{\"uri\":\"$URI\",$META}}" \
  "Mcp-Method: resources/read" "Mcp-Name: $URI" "MCP-Protocol-Version: 2026-07-28"
post_script "$WORK/legacy.lua" "{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"resources/read\",\"params\":{\"uri\":\"$URI\"}}" \
  "Mcp-Session-Id: $SESSION" "MCP-Protocol-Version: 2025-11-25"
# one request of each must succeed before we time them
curl -sf -H "Authorization: Bearer $TOKEN" "http://127.0.0.1:$PORT/api/platform/v1/connections/$ID/status" >/dev/null
for era in modern legacy; do
  out=$(wrk -t1 -c1 -d1s -s "$WORK/$era.lua" "$URL" 2>&1)
  grep -q "Non-2xx" <<<"$out" && { echo "$era read fails: $out" >&2; exit 1; }
done

declare -A RATE
run() { # run <label> <wrk args...>
  local label=$1; shift
  local args=(-t2 -c"$CONCURRENCY" -d"${DURATION}s" --latency)
  wrk "${args[@]}" "$@" >/dev/null 2>&1 # warm-up pass, discarded
  local out; out=$(wrk "${args[@]}" "$@")
  RATE[$label]=$(awk '/Requests\/sec/{print $2}' <<<"$out")
  printf '%-44s %10s req/s   p50 %8s   p99 %8s\n' "$label" "${RATE[$label]}" \
    "$(awk '$1=="50%"{print $2}' <<<"$out")" "$(awk '$1=="99%"{print $2}' <<<"$out")"
  grep -q "Non-2xx or 3xx" <<<"$out" && echo "  (!) $(grep 'Non-2xx' <<<"$out")"
  return 0
}
echo "# wrk -t2 -c$CONCURRENCY, ${DURATION}s per endpoint after a discarded warm-up pass; $(nproc) cores shared by server and wrk"
run "REST GET /connections/:id/status" -H "Authorization: Bearer $TOKEN" "http://127.0.0.1:$PORT/api/platform/v1/connections/$ID/status"
run "MCP 2026-07-28 resources/read status" -s "$WORK/modern.lua" "$URL"
run "MCP 2025-11-25 resources/read status" -s "$WORK/legacy.lua" "$URL"
for era in "MCP 2026-07-28" "MCP 2025-11-25"; do
  awk -v m="${RATE[$era resources/read status]}" -v r="${RATE[REST GET /connections/:id/status]}" -v l="$era" \
    'BEGIN{printf "%-44s %10.2f   (goal for 2026-07-28: >= 0.80)\n", l " / REST, same run", m/r}'
done
kill "$SERVER"; wait "$SERVER" 2>/dev/null || true
exit 0
