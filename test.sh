#!/usr/bin/env bash
# The test command (README "The two commands"; .ci/run calls it too). On a fresh machine with only
# a JDK it installs what the tests need where it can (as root, with apt): a PostgreSQL server,
# headless Chromium and its driver, Node.js and npm. Otherwise it says exactly what to install.
# Then it starts a throwaway PostgreSQL server on loopback (unless CONNECTIONS_TEST_PG_URL names
# one), runs `./mvnw -B -ntp verify` with any extra arguments, and removes the server again.
set -euo pipefail
cd "$(dirname "$0")"

missing=()
have_pg() { ls /usr/lib/postgresql/*/bin/pg_ctl >/dev/null 2>&1; }
have_browser() { [ -x /usr/bin/chromium ] && [ -x /usr/bin/chromedriver ]; }
have_node() { command -v node >/dev/null 2>&1 && command -v npm >/dev/null 2>&1; }
have_pg || missing+=(postgresql)
have_browser || missing+=(chromium chromium-driver)
have_node || missing+=(nodejs npm)

if [ ${#missing[@]} -gt 0 ]; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    echo "test.sh: installing ${missing[*]}" >&2
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq
    apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  else
    echo "test.sh: the tests need these Debian/Ubuntu packages, which are missing: ${missing[*]}" >&2
    echo "  install them with:  sudo apt-get install --no-install-recommends ${missing[*]}" >&2
    echo "  (PostgreSQL server binaries under /usr/lib/postgresql/*/bin, /usr/bin/chromium and" >&2
    echo "   /usr/bin/chromedriver for the console's browser tests, node and npm for the MCP client tests)" >&2
    exit 1
  fi
fi

if [ -z "${CONNECTIONS_TEST_PG_URL:-}" ]; then
  # A throwaway cluster on a free loopback port. PostgreSQL refuses to run as root: as root it
  # runs as the postgres user the Debian package created.
  PGBIN=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)
  if [ -z "${PGPORT:-}" ]; then # a port nothing answers on
    for _ in $(seq 50); do
      PGPORT=$((20000 + RANDOM % 40000))
      (exec 3<>"/dev/tcp/127.0.0.1/$PGPORT") 2>/dev/null || break
    done
  fi
  PGROOT=$(mktemp -d /tmp/connections-test-pg.XXXXXX)
  as_pg=()
  if [ "$(id -u)" = 0 ]; then
    chown postgres:postgres "$PGROOT"
    as_pg=(runuser -u postgres --)
  fi
  "${as_pg[@]}" "$PGBIN/initdb" -D "$PGROOT/data" -U postgres --auth=trust -E UTF8 >/dev/null
  "${as_pg[@]}" "$PGBIN/pg_ctl" -D "$PGROOT/data" -l "$PGROOT/server.log" -w -t 60 \
    -o "-c listen_addresses=127.0.0.1 -p $PGPORT -k $PGROOT -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200" \
    start >/dev/null
  trap '"${as_pg[@]}" "$PGBIN/pg_ctl" -D "$PGROOT/data" -m fast stop >/dev/null 2>&1 || true; rm -rf "$PGROOT"' EXIT
  export CONNECTIONS_TEST_PG_URL="jdbc:postgresql://127.0.0.1:$PGPORT/postgres"
  export CONNECTIONS_TEST_PG_USER=postgres
  export CONNECTIONS_TEST_PG_PASSWORD=
fi
# Tests must fail, not skip, when PostgreSQL is expected but unreachable.
export CONNECTIONS_TEST_REQUIRE_PG=true

./mvnw -B -ntp verify "$@"
