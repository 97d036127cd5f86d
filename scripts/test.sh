#!/usr/bin/env bash
# Runs every test of the solution on a fresh Debian 12 machine: installs and starts what the tests need
# (CJK fonts, poppler, LibreOffice, PostgreSQL, Chromium — idempotent), then builds and tests the solution.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup-test-deps.sh
bash scripts/setup-postgres.sh
export LUOSHI_TEST_PG="${LUOSHI_TEST_PG:-Host=127.0.0.1;Port=5432;Username=luoshi_test;Password=luoshi_test;Database=postgres}"
dotnet test Luoshi.sln -c Release --logger "console;verbosity=normal" "$@"
