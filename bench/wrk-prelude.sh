# Sourced by the wrk benchmarks (rest.sh, mcp.sh, profile.sh) from the repository's root: wrk is
# there, the runnable jar and the benchmark classpath ($CP) are built, a scratch folder ($WORK) is
# removed on exit together with the server the script starts ($SERVER), and the server's database
# is an H2 file there with a fresh credentials key.
command -v wrk >/dev/null || { echo "install wrk first (apt-get install wrk)" >&2; exit 1; }
[ -f connections-app/target/connections-app.jar ] || ./mvnw -q -DskipTests -DskipITs package
./mvnw -q -pl connections-app -am -DskipTests -DskipITs test-compile dependency:build-classpath \
  -Dmdep.outputFile=target/bench.classpath -Dmdep.includeScope=test >/dev/null
CP="connections-app/target/test-classes:connections-app/target/classes:$(cat connections-app/target/bench.classpath)"
WORK=$(mktemp -d)
trap 'kill "$SERVER" 2>/dev/null || true; rm -rf "$WORK"' EXIT
export CONNECTIONS_DB_URL="jdbc:h2:file:$WORK/connections;AUTO_SERVER=TRUE"
export CONNECTIONS_SECRET_KEY=$(head -c 32 /dev/urandom | base64)
