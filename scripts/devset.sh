#!/usr/bin/env bash
# Runs a labelled dev set through the real pipeline (two `feedwatch once` polls over 127.0.0.1,
# one state folder) and scores it with ../shared/devset/score.py.
#   scripts/devset.sh [SET] [score.py args, e.g. -v]      (FEEDWATCH_BIN picks the binary)
# SET: `shared` (default: ../shared/devset, its own feeds), `events` or `topics` (our own sets in
# Tests/FeedWatchCLITests/Fixtures/devset, whose feeds scripts/devset_feeds.py writes), or the
# path of an items file in that schema. `all` runs the three in turn.
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
bin=${FEEDWATCH_BIN:-"$here/.build/debug/feedwatch"}
shared=${DEVSET:-"$here/../shared/devset"}
[ -d "$shared" ] || { echo "no dev set at $shared" >&2; exit 0; }
set_name=shared
case "${1:-}" in
  shared|events|topics|all|*.jsonl) set_name=$1; shift ;;
esac
if [ "$set_name" = all ]; then
  for s in shared events topics; do echo "### $s"; "$0" "$s" "$@"; echo; done
  exit 0
fi

state=$(mktemp -d)
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
srv=""
trap '[ -n "$srv" ] && kill $srv 2>/dev/null; [ -n "${KEEP_STATE:-}" ] || rm -rf "$state"' EXIT

items=()
if [ "$set_name" = shared ]; then
  files=(redseawire.xml gulfsecurityreview.xml eurasiadesk.atom vostokvesti.xml severkurier.rdf aljanoubpost.xml alsahilnet.xml)
  cp -r "$shared/feeds" "$state/round1"
  cp -r "$shared/feeds_round2" "$state/round2"
else
  path=$set_name
  [ -f "$path" ] || path="$here/Tests/FeedWatchCLITests/Fixtures/devset/$set_name.jsonl"
  mapfile -t files < <(python3 "$here/scripts/devset_feeds.py" "$path" "$state")
  items=(--items "$path")
fi
feeds=()
for f in "${files[@]}"; do feeds+=(--feed "http://127.0.0.1:$port/$f"); done
# The two rounds' files are usually written within the same second, and http.server answers
# If-Modified-Since with one-second precision: serve copies whose mtimes say round 2 is newer.
chmod -R u+w "$state"
touch -d '-2 minutes' "$state"/round1/*
touch "$state"/round2/*
for round in round1 round2; do
  python3 -m http.server "$port" --bind 127.0.0.1 --directory "$state/$round" >/dev/null 2>&1 & srv=$!
  for _ in $(seq 50); do python3 -c "import socket; socket.create_connection(('127.0.0.1',$port),0.2)" 2>/dev/null && break; sleep 0.1; done
  "$bin" once --config "${CONFIG:-$here/config/feedwatch.yaml}" --state-dir "$state" "${feeds[@]}" \
    --allow-private-networks --log-format json ${LOG_LEVEL:+--log-level $LOG_LEVEL} >>"$state/events.jsonl" 2>&1
  kill $srv; wait $srv 2>/dev/null || true; srv=""
done
cp "$state/events.jsonl" "${EVENTS_OUT:-/dev/null}" 2>/dev/null || true
python3 "$shared/score.py" "$state/events.jsonl" "${items[@]}" "$@"
