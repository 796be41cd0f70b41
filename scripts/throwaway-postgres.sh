#!/usr/bin/env bash
# Starts a throwaway PostgreSQL cluster in a temp folder, on 127.0.0.1, for
# the test suite's second engine and the scale-out test; prints the
# DATABASE_URL to use. Stop it with: scripts/throwaway-postgres.sh stop <folder>
# Debian's `postgresql` package provides the binaries; initdb refuses to run
# as root, so as root the cluster runs as the package's `postgres` user.
set -euo pipefail
bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)
[ -n "$bin" ] || { echo "PostgreSQL is not installed (Debian: apt-get install postgresql)" >&2; exit 1; }
as_owner() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }

if [ "${1:-}" = stop ]; then
  as_owner "$bin/pg_ctl" -D "$2/data" -m immediate stop >/dev/null
  rm -rf "$2"
  exit 0
fi

port=${PGPORT_FOR_TESTS:-55432}
dir=$(mktemp -d /tmp/throwaway-postgres.XXXXXX)
chmod 755 "$dir"
[ "$(id -u)" = 0 ] && chown postgres "$dir"
as_owner "$bin/initdb" -D "$dir/data" -U bot --auth=trust --no-sync -E UTF8 >/dev/null
# Fast and disposable: nothing here needs to survive a power cut.
as_owner "$bin/pg_ctl" -D "$dir/data" -l "$dir/log" -w \
  -o "-h 127.0.0.1 -p $port -k $dir -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=300" start >/dev/null
as_owner "$bin/createdb" -h 127.0.0.1 -p "$port" -U bot bot
echo "DATABASE_URL=postgres://bot@127.0.0.1:$port/bot"
echo "PG_CLUSTER_DIR=$dir"
