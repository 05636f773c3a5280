#!/usr/bin/env bash
# Records feed benchmark (issue 22; a driver program, not part of the test run): one consumer reading
# the whole feed of RECORDS (default 1,000,000) ~1 KB records rendered to JSON, and p50/p99 of a page
# of 100 from a random position.   bench/feed.sh   |   bench/feed.sh --pg URL USER [PASSWORD]
set -euo pipefail
cd "$(dirname "$0")/.."
./mvnw -q -pl connections-app -am -DskipTests -DskipITs test-compile dependency:build-classpath \
  -Dmdep.outputFile=target/bench.classpath -Dmdep.includeScope=test >/dev/null
CP="connections-app/target/test-classes:connections-app/target/classes:$(cat connections-app/target/bench.classpath)"
exec java -Xmx1g -Drecords="${RECORDS:-1000000}" -cp "$CP" com.amdahl.connections.app.bench.FeedBenchmark "$@"
