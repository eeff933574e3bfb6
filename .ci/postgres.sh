#!/usr/bin/env bash
# PostgreSQL for the results store tests. PostgresServer (test code) starts its own throwaway cluster on a free
# port with initdb/pg_ctl from /usr/lib/postgresql/*/bin, so the package's default cluster is not wanted: skip
# creating it (faster, and nothing starts a server on 5432).
set -euo pipefail
export DEBIAN_FRONTEND=noninteractive
mkdir -p /etc/postgresql-common/createcluster.d
echo 'create_main_cluster = false' > /etc/postgresql-common/createcluster.d/edgebench-ci.conf
apt-get install -y -qq --no-install-recommends postgresql >/dev/null
