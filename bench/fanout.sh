#!/usr/bin/env bash
# Gmail-shaped child fan-out (a driver program, not part of the test run): 2,000 message ids, then
# 2,000 message fetches from a local stub answering each after 10 ms.
#   bench/fanout.sh            # the default child concurrency
#   bench/fanout.sh 8          # CONNECTIONS_SYNC_CHILD_CONCURRENCY=8
set -euo pipefail
cd "$(dirname "$0")/.."
./mvnw -q -pl adapter-providers -am -DskipTests test-compile dependency:build-classpath \
  -Dmdep.outputFile=target/bench.classpath -Dmdep.includeScope=test >/dev/null
CP="adapter-providers/target/test-classes:adapter-providers/target/classes:$(cat adapter-providers/target/bench.classpath)"
exec java -cp "$CP" com.amdahl.connections.adapter.providers.bench.GmailFanoutBenchmark "$@"
