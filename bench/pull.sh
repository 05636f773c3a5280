#!/usr/bin/env bash
# Pull benchmark (a driver program, not part of the test run): records/s through a connector's stream
# engine and the default sink, 10,000 Aircall calls over 100 pages from a loopback stub into H2.
BENCH_MAIN=com.amdahl.connections.app.bench.PullBenchmark exec "$(dirname "$0")/storage.sh" "$@"
