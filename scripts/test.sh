#!/usr/bin/env bash
# Runs every test of the solution on a fresh Debian 12 machine: installs and starts what the tests need
# (CJK fonts, poppler, LibreOffice, PostgreSQL, Chromium — idempotent), then builds and tests the solution.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup-test-deps.sh
bash scripts/setup-postgres.sh
export LUOSHI_TEST_PG="${LUOSHI_TEST_PG:-Host=127.0.0.1;Port=5432;Username=luoshi_test;Password=luoshi_test;Database=postgres}"
log=$(mktemp)
status=0
dotnet test Luoshi.sln -c Release --logger "console;verbosity=normal" "$@" 2>&1 | tee "$log" || status=$?
# The failures again at the end, where a reader of the last lines of the log finds them.
if grep -qE '^ +Failed [A-Za-z_][A-Za-z0-9_]*\.' "$log"; then
  echo "---- failed tests ----"
  awk '/^ +Failed [A-Za-z_][A-Za-z0-9_]*\./ {n=25} n>0 {print; n--}' "$log"
  echo "----------------------"
fi
# One closing line over all test projects, in the plain form CI reads.
awk '/^ +Passed: +[0-9]+$/ {p+=$2} /^ +Failed: +[0-9]+$/ {f+=$2} /^ +Skipped: +[0-9]+$/ {s+=$2}
     END {printf "tests: %d passed, %d failed, %d skipped\n", p, f, s}' "$log"
rm -f "$log"
exit $status
