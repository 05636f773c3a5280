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
command -v wrk >/dev/null || { echo "install wrk first (apt-get install wrk)" >&2; exit 1; }
[ -f connections-app/target/connections-app.jar ] || ./mvnw -q -DskipTests -DskipITs package
./mvnw -q -pl connections-app -am -DskipTests -DskipITs test-compile dependency:build-classpath \
  -Dmdep.outputFile=target/bench.classpath -Dmdep.includeScope=test >/dev/null
CP="connections-app/target/test-classes:connections-app/target/classes:$(cat connections-app/target/bench.classpath)"

WORK=$(mktemp -d)
trap 'kill "$SERVER" 2>/dev/null || true; rm -rf "$WORK"' EXIT
export CONNECTIONS_DB_URL="jdbc:h2:file:$WORK/connections;AUTO_SERVER=TRUE"
export CONNECTIONS_SECRET_KEY=$(head -c 32 /dev/urandom | base64)
export CONNECTIONS_SCHEDULER=off
ID=$(java -cp "$CP" com.amdahl.connections.app.bench.RestBenchmarkSeed "$CONNECTIONS_DB_URL" "$CONNECTIONS_SECRET_KEY" 2>/dev/null)
TOKEN=$(java -jar connections-app/target/connections-app.jar token create bench admin 2>/dev/null)
java -XX:StartFlightRecording=settings=profile,delay=10s \
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
jfr print --events jdk.ExecutionSample "$WORK/dump.jfr" > "${PROFILE_SAMPLES:-$WORK/samples.txt}"
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
