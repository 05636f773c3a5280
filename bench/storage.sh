#!/usr/bin/env bash
# Storage benchmarks (a driver program, not part of the test run): list, run pairs, records, due query.
#   bench/storage.sh                      # H2 file in a temp dir
#   bench/storage.sh --pg URL USER [PW]   # PostgreSQL
#   BENCH=pairs,durability bench/storage.sh   # only some parts (list,pairs,records,due,durability)
set -euo pipefail
cd "$(dirname "$0")/.."
./mvnw -q -pl connections-app -am -DskipTests test-compile dependency:build-classpath \
  -Dmdep.outputFile=target/bench.classpath -Dmdep.includeScope=test >/dev/null
CP="connections-app/target/test-classes:connections-app/target/classes:$(cat connections-app/target/bench.classpath)"
exec java -Xmx2g -Dbench="${BENCH:-list,pairs,records,due,durability}" -cp "$CP" \
  "${BENCH_MAIN:-com.amdahl.connections.app.bench.StorageBenchmark}" "$@"
