#!/usr/bin/env bash
# Runs every test of the solution on a fresh Debian 12 machine: installs what the tests need
# (idempotent), then builds and tests the whole solution once.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup-test-deps.sh
dotnet test Luoshi.sln -c Release --logger "console;verbosity=normal" "$@"
