#!/usr/bin/env bash
# Installs and starts a local PostgreSQL 15 for the tests, idempotently, and creates the role the tests
# use (luoshi_test / luoshi_test, allowed to create databases). Prints the connection string to use as
# LUOSHI_TEST_PG. Debian 12, as root; no systemd: the cluster is started with pg_ctlcluster.
set -euo pipefail
if ! dpkg-query -W -f='${Status}' postgresql 2>/dev/null | grep -q "install ok installed"; then
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends postgresql >/dev/null
fi
version=$(ls /etc/postgresql | sort -n | tail -1)
if ! pg_lsclusters -h | awk '{print $4}' | grep -q online; then
  pg_ctlcluster "$version" main start
fi
for _ in $(seq 1 30); do
  runuser -u postgres -- pg_isready -q && break
  sleep 0.5
done
runuser -u postgres -- psql -qtAc "SELECT 1 FROM pg_roles WHERE rolname='luoshi_test'" | grep -q 1 \
  || runuser -u postgres -- psql -qc "CREATE ROLE luoshi_test LOGIN PASSWORD 'luoshi_test' CREATEDB"
# A test drops its own database WITH (FORCE); an autovacuum worker on it belongs to no role, and terminating it needs
# pg_signal_backend (without it the drop fails now and then under load).
runuser -u postgres -- psql -qtAc "SELECT pg_has_role('luoshi_test', 'pg_signal_backend', 'MEMBER')" | grep -q t \
  || runuser -u postgres -- psql -qc "GRANT pg_signal_backend TO luoshi_test"
echo "setup-postgres: ok (PostgreSQL $version on 127.0.0.1:5432)"
