#!/usr/bin/env bash
# A throwaway PostgreSQL cluster on 127.0.0.1 for the tests and benchmarks (Debian's postgresql).
#   scripts/postgres-cluster.sh start DIR [SERVER OPTIONS]
#                                           initdb + pg_ctl start in DIR (created), on a free port;
#                                           prints the URL of a role that may create databases (the
#                                           superuser `postgres` has the same password); options such
#                                           as "-c fsync=on" are passed to the server (fsync is off
#                                           by default: the cluster is thrown away)
#   scripts/postgres-cluster.sh stop DIR    stops it (DIR is left for the caller to remove)
# As root, the server runs as the `postgres` user (initdb refuses root). Password authentication
# (scram-sha-256) is on, as on a real server.
set -euo pipefail
action=${1:?start|stop}
dir=${2:?cluster folder}
extra=${3:-}
bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)
[ -x "$bin/initdb" ] || { echo "postgres-cluster: no PostgreSQL server found (apt-get install postgresql)" >&2; exit 1; }
as_owner() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }

case "$action" in
start)
  mkdir -p "$dir"
  [ "$(id -u)" = 0 ] && chown postgres "$dir"
  port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
  password=$(python3 -c 'import secrets; print(secrets.token_hex(12))')
  pwfile=$(mktemp)
  echo "$password" > "$pwfile"
  chmod 644 "$pwfile"
  as_owner "$bin/initdb" -D "$dir/data" -U postgres --auth=scram-sha-256 --pwfile="$pwfile" -E UTF8 --locale=C.UTF-8 >"$dir/initdb.log" 2>&1 \
    || { cat "$dir/initdb.log" >&2; rm -f "$pwfile"; exit 1; }
  rm -f "$pwfile"
  as_owner "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -o "-p $port -k $dir -c listen_addresses=127.0.0.1 -c max_connections=200 -c fsync=off $extra" start >/dev/null \
    || { cat "$dir/server.log" >&2; exit 1; }
  PGPASSWORD=$password psql -q -h 127.0.0.1 -p "$port" -U postgres -d postgres \
    -c "CREATE ROLE feedwatch LOGIN CREATEDB PASSWORD '$password'" >/dev/null
  echo "postgresql://feedwatch:$password@127.0.0.1:$port/postgres"
  ;;
stop)
  as_owner "$bin/pg_ctl" -D "$dir/data" -m fast stop >/dev/null 2>&1 || true
  ;;
*) echo "usage: $0 start|stop DIR" >&2; exit 2 ;;
esac
