#!/usr/bin/env bash
# Runs the two-round dev set (../shared/devset) through the real pipeline and scores it.
#   scripts/devset.sh [score.py args, e.g. -v]     (FEEDWATCH_BIN picks the binary)
# Serves each round's feeds with python3's http.server on 127.0.0.1, runs `feedwatch once`
# twice against one temporary state folder, and prints score.py's tables.
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
bin=${FEEDWATCH_BIN:-"$here/.build/debug/feedwatch"}
devset=${DEVSET:-"$here/../shared/devset"}
[ -d "$devset" ] || { echo "no dev set at $devset" >&2; exit 0; }
state=$(mktemp -d)
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
feeds=()
for f in redseawire.xml gulfsecurityreview.xml eurasiadesk.atom vostokvesti.xml severkurier.rdf aljanoubpost.xml alsahilnet.xml; do
  feeds+=(--feed "http://127.0.0.1:$port/$f")
done
srv=""
trap '[ -n "$srv" ] && kill $srv 2>/dev/null; [ -n "${KEEP_STATE:-}" ] || rm -rf "$state"' EXIT
# The two rounds' files are usually written within the same second, and http.server answers
# If-Modified-Since with one-second precision: serve copies whose mtimes say round 2 is newer.
cp -r "$devset/feeds" "$devset/feeds_round2" "$state/"
chmod -R u+w "$state"
touch -d '-2 minutes' "$state"/feeds/*
touch "$state"/feeds_round2/*
for round in feeds feeds_round2; do
  python3 -m http.server "$port" --bind 127.0.0.1 --directory "$state/$round" >/dev/null 2>&1 & srv=$!
  for _ in $(seq 50); do python3 -c "import socket; socket.create_connection(('127.0.0.1',$port),0.2)" 2>/dev/null && break; sleep 0.1; done
  "$bin" once --config "$here/config/feedwatch.yaml" --state-dir "$state" "${feeds[@]}" \
    --allow-private-networks --log-format json ${LOG_LEVEL:+--log-level $LOG_LEVEL} >>"$state/events.jsonl" 2>&1
  kill $srv; wait $srv 2>/dev/null || true; srv=""
done
cp "$state/events.jsonl" "${EVENTS_OUT:-/dev/null}" 2>/dev/null || true
python3 "$devset/score.py" "$state/events.jsonl" "$@"
