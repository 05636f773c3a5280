#!/usr/bin/env bash
# Start-up of the runnable jar, launched as the README launches it:
#   first /healthz after java -jar … serve   median of N starts, each in a fresh folder (fresh H2 data
#                                            folder and key), from process launch until /healthz is 200
#   first /readyz                             the same starts until /readyz is 200 (schema migrated, storage answers)
#   CLI token create                          median of N runs of `token create` on a migrated database
#   idle RSS after start                      median VmRSS of those serve processes, 5 s after launch
#   bench/startup.sh [N=5]        JAR=/path/to/connections-app.jar bench/startup.sh  measures another build
set -euo pipefail
cd "$(dirname "$0")/.."
RUNS=${1:-5}
JAR=${JAR:-connections-app/target/connections-app.jar}
[ -f "$JAR" ] || ./mvnw -q -DskipTests package
JAR=$(realpath "$JAR")
# The README's command: the class-data archive beside the jar when the build made one (a missing or
# stale archive is ignored silently, so the same line measures a build without one).
LAUNCH=(java -Xmx256m "-XX:SharedArchiveFile=${JAR%.jar}.jsa" -Xlog:cds=off,cds+dynamic=off -jar "$JAR")
PORT=${PORT:-18190}
WORK=$(mktemp -d)
SERVER=
trap '[ -n "$SERVER" ] && kill "$SERVER" 2>/dev/null; rm -rf "$WORK"' EXIT
unset CONNECTIONS_DB_URL CONNECTIONS_SECRET_KEY CONNECTIONS_PORT
now() { date +%s%N; }
median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }

healthz=() readyz=() rss=()
for i in $(seq 1 "$RUNS"); do
  mkdir "$WORK/serve$i"
  start=$(now)
  (cd "$WORK/serve$i" && exec "${LAUNCH[@]}" serve --port "$PORT" >stdout 2>stderr) &
  SERVER=$!
  until curl -sf -o /dev/null "http://127.0.0.1:$PORT/healthz"; do
    kill -0 "$SERVER" 2>/dev/null || { cat "$WORK/serve$i/stderr" >&2; exit 1; }
    sleep 0.01
  done
  healthz+=($(( ($(now) - start) / 1000000 )))
  until curl -sf -o /dev/null "http://127.0.0.1:$PORT/readyz"; do sleep 0.01; done
  readyz+=($(( ($(now) - start) / 1000000 )))
  sleep "$(awk -v s="$start" -v n="$(now)" 'BEGIN {w = 5 - (n - s) / 1e9; print (w > 0 ? w : 0)}')"
  rss+=($(awk '/^VmRSS/ {print int($2 / 1024)}' "/proc/$SERVER/status"))
  kill "$SERVER"; wait "$SERVER" 2>/dev/null || true; SERVER=
done

mkdir "$WORK/cli"
(cd "$WORK/cli" && "${LAUNCH[@]}" workspace create bench 2>/dev/null && "${LAUNCH[@]}" member add bench admin --role admin 2>/dev/null)
cli=()
for _ in $(seq 1 "$RUNS"); do
  start=$(now)
  (cd "$WORK/cli" && "${LAUNCH[@]}" token create bench admin >/dev/null 2>&1)
  cli+=($(( ($(now) - start) / 1000000 )))
done

echo "# $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg) at the end; $RUNS runs each; $(java -version 2>&1 | head -1)"
echo "# samples: healthz ${healthz[*]} ms; readyz ${readyz[*]} ms; token create ${cli[*]} ms; RSS ${rss[*]} MB"
printf '%-42s %6s ms\n' "first /healthz after java -jar … serve" "$(printf '%s\n' "${healthz[@]}" | median)"
printf '%-42s %6s ms\n' "first /readyz" "$(printf '%s\n' "${readyz[@]}" | median)"
printf '%-42s %6s ms\n' "CLI token create" "$(printf '%s\n' "${cli[@]}" | median)"
printf '%-42s %6s MB\n' "idle RSS after start" "$(printf '%s\n' "${rss[@]}" | median)"
