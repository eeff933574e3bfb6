#!/usr/bin/env bash
# PostgreSQL for the results store tests (PostgresServer starts its own throwaway cluster on a free port with
# initdb/pg_ctl from /usr/lib/postgresql/*/bin; the package's own cluster is not used and is stopped here).
set -euo pipefail
export DEBIAN_FRONTEND=noninteractive
apt-get install -y -qq --no-install-recommends postgresql >/dev/null
systemctl stop postgresql 2>/dev/null || true
