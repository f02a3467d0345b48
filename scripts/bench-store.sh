#!/usr/bin/env bash
# State-store benchmark: N feeds x M items (default 2000 x 30) served by nginx on 127.0.0.1, each
# polled cold and then warm (all 304s) by `feedwatch once`, in one run:
#   sqlite   one instance, the SQLite state (the default)
#   pg1      one instance on PostgreSQL (a throwaway cluster on 127.0.0.1, fsync on)
#   pg3      three instances started together on one PostgreSQL database (the cycle ends when
#            the last exits; they split the feeds by leasing them window by window)
# Prints wall time, CPU time, statements sent to PostgreSQL per feed (pg_stat_statements: each is
# one round trip), items stored, and the ratios pg1/sqlite and pg3/pg1.
# Installs nginx (apt) when missing. Run as root (the cluster runs as the postgres user).
#   scripts/bench-store.sh [N] [M]
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
feeds=${1:-2000} items=${2:-30}
command -v nginx >/dev/null || { apt-get update -qq && apt-get install -y -qq nginx >/dev/null; }
cd "$here"
swift build -c release --product feedwatch >/dev/null
feedwatch="$(swift build -c release --show-bin-path)/feedwatch"

work=$(mktemp -d /var/tmp/feedwatch-bench-store.XXXXXX)
nginx_pid=""
cleanup() {
  [ -n "$nginx_pid" ] && kill "$nginx_pid" 2>/dev/null
  scripts/postgres-cluster.sh stop "$work/pg" || true
  rm -rf "$work"
}
trap cleanup EXIT
. scripts/bench_feed_server.sh
start_feed_server "$feeds" "$items"

server=$(scripts/postgres-cluster.sh start "$work/pg" "-c fsync=on -c shared_preload_libraries=pg_stat_statements")
admin=${server/feedwatch:/postgres:}
psql -q "$admin" -c "CREATE EXTENSION pg_stat_statements" >/dev/null
for db in pg1 pg3; do psql -q "$server" -c "CREATE DATABASE $db" >/dev/null; done
store() { echo "${server%/postgres}/$1"; }
echo "== $feeds feeds x $items items on nginx 127.0.0.1:$port; PostgreSQL $(psql -tA "$server" -c 'SHOW server_version'); 2 cores"

declare -A wall cpu statements
statements_now() { psql -tA "$admin" -c "SELECT COALESCE(SUM(calls), 0) FROM pg_stat_statements s JOIN pg_database d ON d.oid = s.dbid WHERE d.datname = '$1'"; }
once() {  # the arguments of one `feedwatch once`, after the shared ones
  "$feedwatch" once --config config/feedwatch.yaml --feeds-file "$work/urls.txt" --allow-private-networks --log-level warning "$@" >/dev/null
}
run() {  # NAME PHASE DB INSTANCES ARGS...
  local name=$1 phase=$2 db=$3 count=$4; shift 4
  local before=0
  [ "$db" != - ] && before=$(statements_now "$db")
  export -f once; export feedwatch work
  read -r w c _ code <<<"$(python3 scripts/bench_poll_measure.py bash -c \
      "for i in \$(seq $count); do once $* & done; wait" | grep '^MEASURE' | cut -d' ' -f2-)"
  wall[$name.$phase]=$w; cpu[$name.$phase]=$c
  local sent="-"
  [ "$db" != - ] && sent=$(( $(statements_now "$db") - before ))
  statements[$name.$phase]=$sent
  printf '  %-7s %-5s wall %8.2f s   cpu %8.2f s   statements %8s (%s a feed)   (exit %s)\n' "$name" "$phase" "$w" "$c" "$sent" \
    "$( [ "$sent" = - ] && echo - || python3 -c "print(f'{$sent / $feeds:.2f}')")" "$code"
}
for phase in cold warm; do
  run sqlite "$phase" - 1 --state-dir "$work/sqlite"
  run pg1 "$phase" pg1 1 --store "$(store pg1)"
  run pg3 "$phase" pg3 3 --store "$(store pg3)"
done
expected=$((feeds * items))
stored() { psql -tA "$(store "$1")" -c 'SELECT COUNT(*) FROM seen_item'; }
echo "  items stored (expected $expected): sqlite $(python3 -c "import sqlite3; print(sqlite3.connect('$work/sqlite/feedwatch.sqlite').execute('SELECT COUNT(*) FROM seen_item').fetchone()[0])"), pg1 $(stored pg1), pg3 $(stored pg3)"
python3 - "${wall[sqlite.cold]}" "${wall[pg1.cold]}" "${wall[pg3.cold]}" "${wall[sqlite.warm]}" "${wall[pg1.warm]}" "${wall[pg3.warm]}" <<'PY'
import sys
sc, p1c, p3c, sw, p1w, p3w = map(float, sys.argv[1:])
print(f"  pg1 / sqlite: cold {p1c / sc:.3f}, warm {p1w / sw:.3f}  (target <= 1.5)")
print(f"  pg3 / pg1:    cold {p3c / p1c:.3f}, warm {p3w / p1w:.3f}  (target < 1 cold)")
PY
