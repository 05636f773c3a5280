#!/usr/bin/env bash
# The shared rate budget under load (issue 25): RateBudgetIT with a bigger provider limit and more
# pages, so the two-instance case makes 10,000 requests against a stub allowing LIMIT requests per
# rolling second per key. Prints the requests, the 429s (after the first second) and requests/s ÷ limit.
#   bench/budget.sh              # 50 requests/s, 500 pages per stream: 10,000 requests, ~4 minutes per case
#   bench/budget.sh 10 100       # the IT's limit, 2,000 requests
set -euo pipefail
cd "$(dirname "$0")/.."
LIMIT=${1:-50}
PAGES=${2:-500}
./mvnw -B -o verify -pl connections-app -am -Dtest=NONE -Dsurefire.failIfNoSpecifiedTests=false \
  -Dit.test='RateBudgetIT' -Dfailsafe.failIfNoSpecifiedTests=false \
  -Dbudget.limit="$LIMIT" -Dbudget.pages="$PAGES" | grep -E "rate budget|Tests run:|FAIL"
