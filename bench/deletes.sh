#!/usr/bin/env bash
# Delete detection benchmarks (issue 26; a driver program, not part of the test run): a reconciled
# full pass of a 100,000-record stream against a plain one, and erasure over 1,000,000 records.
#   bench/deletes.sh   |   bench/deletes.sh --pg URL USER [PASSWORD]   |   BENCH=erasure bench/deletes.sh
set -euo pipefail
cd "$(dirname "$0")/.."
./mvnw -q -pl connections-app -am -DskipTests -DskipITs test-compile dependency:build-classpath \
  -Dmdep.outputFile=target/bench.classpath -Dmdep.includeScope=test >/dev/null
CP="connections-app/target/test-classes:connections-app/target/classes:$(cat connections-app/target/bench.classpath)"
exec java -Xmx2g -Dbench="${BENCH:-reconcile,erasure}" -cp "$CP" com.amdahl.connections.app.bench.DeletesBenchmark "$@"
