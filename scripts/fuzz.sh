#!/usr/bin/env bash
# Fuzzes the feed parser with libFuzzer + AddressSanitizer.
#   scripts/fuzz.sh [SECONDS]     (default 600)
# Seeds: the parser's test fixtures, and ../shared/corpus/feeds when present (copied to a
# temporary folder, never into the repository). Crashes land in Fuzz/artifacts/; turn each into a
# regression test under Tests/FeedParsingTests/Fixtures.
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
seconds=${1:-600}
mkdir -p "$here/.build-fuzz" "$here/Fuzz/artifacts"
bin="$here/.build-fuzz/feedparser-fuzz"
# One module: the parser's sources and the harness, instrumented for coverage and ASan.
swiftc -O -g -sanitize=fuzzer,address -parse-as-library -module-name FeedParsing \
  -I "$here/Sources/CLibXML2" $(pkg-config --cflags libxml-2.0 | sed 's/-I/-Xcc -I/g') -lxml2 \
  "$here"/Sources/FeedParsing/*.swift "$here/Fuzz/FeedParserFuzz.swift" -o "$bin"
corpus=$(mktemp -d)
trap 'rm -rf "$corpus"' EXIT
cp "$here"/Tests/FeedParsingTests/Fixtures/* "$corpus/"
if [ -d "$here/../shared/corpus/feeds" ]; then
  find "$here/../shared/corpus/feeds" -type f -size -64k -exec cp {} "$corpus/" \;
fi
"$bin" "$corpus" -max_total_time="$seconds" -max_len=65536 -timeout=10 -rss_limit_mb=2048 \
  -artifact_prefix="$here/Fuzz/artifacts/" -print_final_stats=1
