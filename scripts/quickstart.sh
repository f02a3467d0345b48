#!/usr/bin/env bash
# One command on a fresh Debian 12 machine with Swift 6.3: installs the system libraries feedwatch
# builds against (as root, and only those missing, so a machine that has them needs neither root
# nor network), builds it, and runs it.
#   scripts/quickstart.sh          build, then one poll of the shipped config's feeds (`feedwatch once`;
#                                  extra arguments go to it)
#   scripts/quickstart.sh --demo   build, then `feedwatch demo`: sample feeds served on 127.0.0.1 and
#                                  polled twice, to see alerts and duplicates without network
set -euo pipefail
cd "$(dirname "$0")/.."
packages=(libcurl4-openssl-dev libxml2-dev libsqlite3-dev libpq-dev pkg-config ca-certificates)
missing=()
for package in "${packages[@]}"; do
  if [ "$(dpkg-query -W -f='${Status}' "$package" 2>/dev/null)" != "install ok installed" ]; then missing+=("$package"); fi
done
if [ ${#missing[@]} -gt 0 ]; then
  if [ "$(id -u)" -ne 0 ]; then
    echo "quickstart: feedwatch needs ${missing[*]}; run this as root to install them (or apt-get install them)" >&2
    exit 1
  fi
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq "${missing[@]}" >/dev/null
fi
swift build -c release --product feedwatch
feedwatch="$(swift build -c release --show-bin-path)/feedwatch"
if [ "${1:-}" = "--demo" ]; then
  exec "$feedwatch" demo --config config/feedwatch.yaml
fi
status=0
"$feedwatch" once --config config/feedwatch.yaml "$@" || status=$?
cat <<'EOF'

On most days no Yemen–Russia story is out at this minute. To see alerts and duplicates now,
without network:  scripts/quickstart.sh --demo
EOF
exit "$status"
