#!/usr/bin/env bash
# REST load benchmark with wrk (Debian package 'wrk') against the runnable jar on the embedded H2
# default, printing every row of issue 15's table from one run: /healthz and a status read side by
# side (with their ratio), the list of 1,000 connections (each with a last run) unconditional and
# with If-None-Match, the server's RSS idle and after the list load, and (via bench/startup.sh when
# present) start-up and CLI times. Server and load generator share the machine.
#   [JAR=other.jar] bench/rest.sh [seconds-per-endpoint] [connections-of-wrk] [soak-seconds]
# soak-seconds (default 0) adds a list load of that length before the last RSS reading (600 = the
# issue's "after 10 min of list load").
set -euo pipefail
cd "$(dirname "$0")/.."
DURATION=${1:-15}
CONCURRENCY=${2:-16}
SOAK=${3:-0}
PORT=18090
source bench/wrk-prelude.sh

# the README's launch: with the class-data archive the build writes beside the jar;
# JAR=/path/to/other.jar measures another build with the same seed and rows
JAR=$(realpath "${JAR:-connections-app/target/connections-app.jar}")
LAUNCH=(java -Xmx256m "-XX:SharedArchiveFile=${JAR%.jar}.jsa" -Xlog:cds=off,cds+dynamic=off -jar "$JAR")

export CONNECTIONS_SCHEDULER=off
ID=$(java -cp "$CP" com.amdahl.connections.app.bench.RestBenchmarkSeed "$CONNECTIONS_DB_URL" "$CONNECTIONS_SECRET_KEY" 2>/dev/null)
TOKEN=$("${LAUNCH[@]}" token create bench admin 2>/dev/null)
"${LAUNCH[@]}" serve --port "$PORT" 2>"$WORK/server.log" &
SERVER=$!
for _ in $(seq 1 100); do curl -sf "http://127.0.0.1:$PORT/healthz" >/dev/null && break; sleep 0.1; done
LIST="http://127.0.0.1:$PORT/api/platform/v1/connections"
ETAG=$(curl -sf -D - -o /dev/null -H "Authorization: Bearer $TOKEN" "$LIST" | awk 'tolower($1)=="etag:"{print $2}' | tr -d '\r')
rss() { awk '/VmRSS/{printf "%d MB", $2/1024}' "/proc/$SERVER/status"; }
sleep 5
IDLE_RSS=$(rss)

declare -A RATE
run() { # run <label> <path> [header...]
  local label=$1 path=$2; shift 2
  local args=(-t2 -c"$CONCURRENCY" -d"${DURATION}s" --latency)
  for header in "$@"; do args+=(-H "$header"); done
  wrk "${args[@]}" "http://127.0.0.1:$PORT$path" >/dev/null 2>&1 # warm-up pass, discarded
  local out; out=$(wrk "${args[@]}" "http://127.0.0.1:$PORT$path")
  local rate; rate=$(awk '/Requests\/sec/{print $2}' <<<"$out")
  RATE[$label]=$rate
  printf '%-46s %10s req/s   p50 %8s   p99 %8s\n' "$label" "$rate" \
    "$(awk '$1=="50%"{print $2}' <<<"$out")" "$(awk '$1=="99%"{print $2}' <<<"$out")"
  grep -q "Non-2xx or 3xx" <<<"$out" && echo "  (!) $(grep 'Non-2xx' <<<"$out")"
  return 0
}
AUTH="Authorization: Bearer $TOKEN"
echo "# wrk -t2 -c$CONCURRENCY, ${DURATION}s per endpoint after a discarded warm-up pass; $(nproc) cores shared by server and wrk"
run "GET /healthz" /healthz
run "GET /connections/:id/status" "/api/platform/v1/connections/$ID/status" "$AUTH"
awk -v s="${RATE[GET /connections/:id/status]}" -v h="${RATE[GET /healthz]}" \
  'BEGIN{printf "%-46s %10.2f   (goal >= 0.70)\n", "status / healthz, same run", s/h}'
run "GET /connections (1,000, with last run)" /api/platform/v1/connections "$AUTH"
run "GET /connections, If-None-Match (304)" /api/platform/v1/connections "$AUTH" "If-None-Match: $ETAG"
if [ "$SOAK" -gt 0 ]; then
  wrk -t2 -c"$CONCURRENCY" -d"${SOAK}s" -H "$AUTH" "$LIST" >/dev/null
fi
printf '%-46s %10s\n' "RSS idle after start" "$IDLE_RSS"
printf '%-46s %10s\n' "RSS after the list load (+${SOAK}s soak)" "$(rss)"
kill "$SERVER"; wait "$SERVER" 2>/dev/null || true
[ -x bench/startup.sh ] && JAR="$JAR" bench/startup.sh
exit 0
