#!/usr/bin/env bash
# MCP status-read benchmark (issue 24) with wrk against the runnable jar on the embedded H2 default:
# in one run, REST GET /connections/:id/status, then resources/read of connection://{id}/status over
# /mcp in the 2026-07-28 (stateless) era and in the 2025-11-25 era (one initialized session), and
# the ratios to REST (of the means over ROUNDS rounds, default 3, each endpoint in turn, after one
# warm-up pass of all three, WARMUP seconds each (default 30), so that no endpoint profits from the
# JIT warming shared code for it).
# Server and load generator share the machine. Needs wrk (apt-get install wrk). JAR=... to time another build.
#   [ROUNDS=3] [WARMUP=30] bench/mcp.sh [seconds-per-endpoint] [connections-of-wrk]
set -euo pipefail
cd "$(dirname "$0")/.."
DURATION=${1:-15}
CONCURRENCY=${2:-16}
ROUNDS=${ROUNDS:-3}
WARMUP=${WARMUP:-30} # seconds of the discarded pass per endpoint: the JIT keeps ramping for a minute or more
PORT=18091
source bench/wrk-prelude.sh
JAR=$(realpath "${JAR:-connections-app/target/connections-app.jar}")
LAUNCH=(java -Xmx256m -jar "$JAR")

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

declare -A SUM CPU
TICKS=$(getconf CLK_TCK)
cpu_ticks() { awk '{print $14 + $15}' "/proc/$SERVER/stat"; } # the server's user + system time
ENDPOINTS=("REST GET /connections/:id/status" "MCP 2026-07-28 resources/read status" "MCP 2025-11-25 resources/read status")
args_of() { # the wrk target of an endpoint
  case $1 in
    REST*) echo "-H|Authorization: Bearer $TOKEN|http://127.0.0.1:$PORT/api/platform/v1/connections/$ID/status" ;;
    "MCP 2026"*) echo "-s|$WORK/modern.lua|$URL" ;;
    *) echo "-s|$WORK/legacy.lua|$URL" ;;
  esac
}
run() { # run <label> <timed: 0|1>
  local label=$1 timed=$2 target seconds=$DURATION
  IFS='|' read -r -a target <<<"$(args_of "$label")"
  [ "$timed" = 1 ] || seconds=$WARMUP
  local before; before=$(cpu_ticks)
  local out; out=$(wrk -t2 -c"$CONCURRENCY" -d"${seconds}s" --latency "${target[@]}")
  [ "$timed" = 1 ] || return 0
  local rate; rate=$(awk '/Requests\/sec/{print $2}' <<<"$out")
  # server CPU per request: steadier than req/s on a shared VM, and free of wrk's share of the cores
  local us; us=$(awk -v t="$(( $(cpu_ticks) - before ))" -v hz="$TICKS" -v n="$(awk '/requests in/{print $1}' <<<"$out")" \
    'BEGIN{printf "%.0f", t / hz * 1e6 / n}')
  SUM[$label]=$(awk -v a="${SUM[$label]:-0}" -v b="$rate" 'BEGIN{print a+b}')
  CPU[$label]=$(awk -v a="${CPU[$label]:-0}" -v b="$us" 'BEGIN{print a+b}')
  printf '%-44s %10s req/s   p50 %8s   p99 %8s   server CPU %5s us/req\n' "$label" "$rate" \
    "$(awk '$1=="50%"{print $2}' <<<"$out")" "$(awk '$1=="99%"{print $2}' <<<"$out")" "$us"
  grep -q "Non-2xx or 3xx" <<<"$out" && echo "  (!) $(grep 'Non-2xx' <<<"$out")"
  return 0
}
echo "# wrk -t2 -c$CONCURRENCY, ${DURATION}s per endpoint; a discarded ${WARMUP}s warm-up pass of every endpoint, then $ROUNDS timed"
echo "# round(s) of REST, 2026-07-28, 2025-11-25 in turn; $(nproc) cores shared by server and wrk; load before: $(cut -d' ' -f1-3 /proc/loadavg)"
for label in "${ENDPOINTS[@]}"; do run "$label" 0; done
for round in $(seq 1 "$ROUNDS"); do
  for label in "${ENDPOINTS[@]}"; do run "$label" 1; done
done
for label in "${ENDPOINTS[@]}"; do
  awk -v s="${SUM[$label]}" -v c="${CPU[$label]}" -v n="$ROUNDS" -v l="$label" \
    'BEGIN{printf "%-44s %10.0f req/s, server CPU %4.0f us/req (means of %d)\n", l, s/n, c/n, n}'
done
for era in "MCP 2026-07-28" "MCP 2025-11-25"; do
  awk -v m="${SUM[$era resources/read status]}" -v r="${SUM[REST GET /connections/:id/status]}" -v l="$era" \
    -v mc="${CPU[$era resources/read status]}" -v rc="${CPU[REST GET /connections/:id/status]}" \
    'BEGIN{printf "%-44s %10.2f   by server CPU per request %.2f   (goal for 2026-07-28: >= 0.80)\n", l " / REST, same run", m/r, rc/mc}'
done
kill "$SERVER"; wait "$SERVER" 2>/dev/null || true
exit 0
