#!/usr/bin/env bash
# Polling benchmark: N feeds x M items (default 2000 x 30) served by nginx on 127.0.0.1 (ETag,
# Last-Modified and gzip on), polled cold and then warm (everything unchanged: 304s) by
# feedwatch, newsboat (same libcurl and libxml2; `newsboat -x reload`, reload-threads 32) and the
# Python library reader (update_feeds(workers=16)), in one run. Prints wall, CPU and peak RSS for
# each, feedwatch's ratios to the faster peer, and how many items each stored.
# Installs nginx, newsboat, sqlite3 (apt) and reader (pip) when missing. Run as root.
#   scripts/bench-poll.sh [N] [M]
# BASELINE=/path/to/an/older/feedwatch also runs that binary on the same feeds in the same run
# and prints this build's cold and warm wall time as a ratio to it (PEERS=no skips the peers).
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
feeds=${1:-2000} items=${2:-30}
command -v nginx >/dev/null && command -v newsboat >/dev/null && command -v sqlite3 >/dev/null \
  || { apt-get update -qq && apt-get install -y -qq nginx newsboat sqlite3 >/dev/null; }
python3 -c 'import reader, sgmllib' 2>/dev/null || pip install -q reader sgmllib3k
cd "$here"
swift build -c release --product feedwatch >/dev/null
feedwatch="$(swift build -c release --show-bin-path)/feedwatch"

work=$(mktemp -d /var/tmp/feedwatch-bench-poll.XXXXXX)
nginx_pid=""
trap '[ -n "$nginx_pid" ] && kill "$nginx_pid" 2>/dev/null; rm -rf "$work"' EXIT
. scripts/bench_feed_server.sh
start_feed_server "$feeds" "$items"
megabytes=$(du -sm "$work/www" | cut -f1)
echo "== $feeds feeds x $items items ($megabytes MB) on nginx 127.0.0.1:$port; 2 cores"

measure() { python3 scripts/bench_poll_measure.py "$@" | tee -a "$work/measure.log" | grep '^MEASURE' | cut -d' ' -f2-; }
declare -A wall cpu rss
run() {  # NAME PHASE COMMAND...
  local name=$1 phase=$2; shift 2
  read -r w c r code <<<"$(measure "$@")"
  wall[$name.$phase]=$w; cpu[$name.$phase]=$c; rss[$name.$phase]=$r
  printf '  %-10s %-5s wall %8.2f s   cpu %8.2f s   peak RSS %7.1f MB   (exit %s)\n' "$name" "$phase" "$w" "$c" "$r" "$code"
}
for phase in cold warm; do
  run feedwatch "$phase" "$feedwatch" once --config config/feedwatch.yaml --state-dir "$work/feedwatch" \
    --feeds-file "$work/urls.txt" --allow-private-networks --log-level warning
  if [ -n "${BASELINE:-}" ]; then
    # The baseline reads the config it was built with, from its own checkout.
    run baseline "$phase" "$BASELINE" once --config "${BASELINE_CONFIG:-config/feedwatch.yaml}" --state-dir "$work/baseline" \
      --feeds-file "$work/urls.txt" --allow-private-networks --log-level warning
  fi
  [ "${PEERS:-yes}" = no ] && continue
  printf 'reload-threads 32\nmax-items 0\n' > "$work/newsboat.conf"
  run newsboat "$phase" newsboat -u "$work/urls.txt" -c "$work/newsboat.db" -C "$work/newsboat.conf" -x reload
  run reader "$phase" python3 scripts/bench_poll_reader.py "$work/reader.db" "$work/urls.txt"
done
if [ -n "${BASELINE:-}" ]; then
  python3 - "${wall[feedwatch.cold]}" "${wall[baseline.cold]}" "${wall[feedwatch.warm]}" "${wall[baseline.warm]}" \
            "${rss[feedwatch.cold]}" "${rss[baseline.cold]}" <<'PY'
import sys
fc, bc, fw, bw, fr, br = map(float, sys.argv[1:])
print(f"  this build / baseline: cold wall {fc / bc:.3f}, warm wall {fw / bw:.3f}, cold peak RSS {fr / br:.3f}")
PY
fi
[ "${PEERS:-yes}" = no ] && exit 0
expected=$((feeds * items))
stored_feedwatch=$(sqlite3 "$work/feedwatch/feedwatch.sqlite" 'SELECT COUNT(*) FROM seen_item')
stored_newsboat=$(sqlite3 "$work/newsboat.db" 'SELECT COUNT(*) FROM rss_item')
stored_reader=$(grep '^STORED' "$work/measure.log" | tail -1 | cut -d' ' -f2)
echo "  items stored (expected $expected): feedwatch $stored_feedwatch, newsboat $stored_newsboat, reader $stored_reader"
python3 - "${wall[feedwatch.cold]}" "${wall[newsboat.cold]}" "${wall[reader.cold]}" \
          "${wall[feedwatch.warm]}" "${wall[newsboat.warm]}" "${wall[reader.warm]}" "${rss[feedwatch.cold]}" <<'PY'
import sys
fc, nc, rc, fw, nw, rw, frss = map(float, sys.argv[1:])
print(f"  feedwatch cold / faster peer: {fc / min(nc, rc):.3f}  (target <= 0.15)")
print(f"  feedwatch warm / faster peer: {fw / min(nw, rw):.3f}  (target <= 0.3)")
print(f"  feedwatch peak RSS: {frss:.1f} MB  (target <= 64 MB)")
PY
