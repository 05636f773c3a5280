#!/usr/bin/env bash
# Where a read's time goes: the runnable jar on its H2 default under wrk load, recorded with JFR,
# printed as the hottest frames (top of stack) and the hottest frames of this project's own code
# (anywhere on the stack), each as a share of the execution samples.
#   bench/profile.sh [healthz|status|list|list304] [seconds]
# PROFILE_SAMPLES=file keeps the printed samples (whole stacks) for a closer look.
set -euo pipefail
cd "$(dirname "$0")/.."
WHAT=${1:-status}
DURATION=${2:-20}
PORT=18091
source bench/wrk-prelude.sh

export CONNECTIONS_SCHEDULER=off
ID=$(java -cp "$CP" com.amdahl.connections.app.bench.RestBenchmarkSeed "$CONNECTIONS_DB_URL" "$CONNECTIONS_SECRET_KEY" 2>/dev/null)
TOKEN=$(java -jar connections-app/target/connections-app.jar token create bench admin 2>/dev/null)
java -XX:StartFlightRecording=settings=profile,delay=10s -XX:FlightRecorderOptions=stackdepth=256 \
  -jar connections-app/target/connections-app.jar serve --port "$PORT" 2>"$WORK/server.log" &
SERVER=$!
for _ in $(seq 1 100); do curl -sf "http://127.0.0.1:$PORT/healthz" >/dev/null && break; sleep 0.1; done
API="http://127.0.0.1:$PORT/api/platform/v1"
ARGS=(-t2 -c16 -H "Authorization: Bearer $TOKEN")
case "$WHAT" in
  healthz) URL="http://127.0.0.1:$PORT/healthz" ;;
  status) URL="$API/connections/$ID/status" ;;
  list) URL="$API/connections" ;;
  list304) URL="$API/connections"
    ETAG=$(curl -sf -D - -o /dev/null -H "Authorization: Bearer $TOKEN" "$URL" | awk 'tolower($1)=="etag:"{print $2}' | tr -d '\r')
    ARGS+=(-H "If-None-Match: $ETAG") ;;
  *) echo "unknown read: $WHAT" >&2; exit 2 ;;
esac
wrk "${ARGS[@]}" -d10s "$URL" >/dev/null # warm-up, before the recording starts
wrk "${ARGS[@]}" -d"${DURATION}s" "$URL" | grep "Requests/sec"
jcmd "$SERVER" JFR.dump filename="$WORK/dump.jfr" >/dev/null
jfr print --stack-depth 200 --events jdk.ExecutionSample "$WORK/dump.jfr" > "${PROFILE_SAMPLES:-$WORK/samples.txt}"
jfr summary "$WORK/dump.jfr" | awk '$1=="jdk.GarbageCollection"{print "garbage collections in the recording: " $2}'
ALLOCATIONS="${PROFILE_SAMPLES:-$WORK/samples.txt}.allocations"
jfr print --events jdk.ObjectAllocationSample --stack-depth 40 "$WORK/dump.jfr" > "$ALLOCATIONS"
python3 - "$ALLOCATIONS" <<'PY'
import collections, re, sys
weights, total, site, cls = collections.Counter(), 0, None, None
for line in open(sys.argv[1]):
    m = re.match(r"\s+objectClass = (\S+)", line)
    if m: cls = m.group(1)
    m = re.match(r"\s+weight = ([\d.]+) (\w+)", line)
    if m:
        w = float(m.group(1)) * {"bytes": 1, "kB": 1e3, "MB": 1e6, "GB": 1e9}.get(m.group(2), 1)
    m2 = re.match(r"\s+(com\.amdahl[\w$.<>]+|io\.javalin[\w$.<>]+|org\.eclipse[\w$.<>]+|org\.h2[\w$.<>]+|org\.jdbi[\w$.<>]+)\(", line)
    if m2 and site is None: site = m2.group(1)
    if line.strip() == "}" and cls is not None:
        weights[(site, cls)] += w; total += w; site, cls = None, None
print(f"-- allocation by first library frame and class ({total / 1e9:.1f} GB sampled)")
for (s, c), w in weights.most_common(12):
    print(f"{100 * w / total:5.1f}%  {c}  <- {s}")
PY
python3 - "${PROFILE_SAMPLES:-$WORK/samples.txt}" <<'PY'
import collections, re, sys
samples, top, ours = 0, collections.Counter(), collections.Counter()
stack = None
for line in open(sys.argv[1]):
    if line.startswith("jdk.ExecutionSample"):
        stack = []
    elif stack is not None and re.match(r"\s+[\w$.<>]+\(", line):
        stack.append(re.sub(r"\s+line:.*", "", line.strip()))
    elif stack is not None and line.strip() == "}":
        if stack:
            samples += 1
            top[stack[0]] += 1
            for frame in dict.fromkeys(f for f in stack if f.startswith("com.amdahl")):
                ours[frame] += 1
        stack = None
print(f"{samples} samples")
print("-- hottest frames (top of stack)")
for frame, n in top.most_common(15):
    print(f"{100 * n / samples:5.1f}%  {frame}")
print("-- this project's frames (anywhere on the stack)")
for frame, n in ours.most_common(20):
    print(f"{100 * n / samples:5.1f}%  {frame}")
PY
