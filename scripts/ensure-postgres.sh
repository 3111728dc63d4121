#!/usr/bin/env bash
# Starts the machine's local PostgreSQL cluster (trust auth on 127.0.0.1:5432) when it is not
# accepting connections, and waits until it does. Tests use it through TestDatabases.
set -euo pipefail
ready() { pg_isready -q -h 127.0.0.1 -p 5432; }
ready && exit 0
version="$(ls /etc/postgresql | sort -V | tail -n 1)"
echo "ensure-postgres: starting PostgreSQL $version" >&2
pg_ctlcluster --skip-systemctl-redirect "$version" main start
for _ in $(seq 1 60); do ready && exit 0; sleep 1; done
echo "ensure-postgres: PostgreSQL did not become ready" >&2
exit 1
