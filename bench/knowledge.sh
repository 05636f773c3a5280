#!/usr/bin/env bash
# Notion Knowledge Sync: N documents (default 1,000) pushed into a local Notion stub, the pace off;
# prints calls per document and wall time of the first push and of an unchanged second run.
#   bench/knowledge.sh          # 1,000 documents
#   bench/knowledge.sh 5000     # 5,000 documents
set -euo pipefail
cd "$(dirname "$0")/.."
./mvnw -q -pl adapter-providers -am -DskipTests test-compile dependency:build-classpath \
  -Dmdep.outputFile=target/bench.classpath -Dmdep.includeScope=test >/dev/null
CP="adapter-providers/target/test-classes:adapter-providers/target/classes:$(cat adapter-providers/target/bench.classpath)"
exec java -cp "$CP" com.amdahl.connections.adapter.providers.bench.KnowledgePushBenchmark "$@"
