#!/usr/bin/env bash
# One command on a fresh Debian 12 machine with Swift 6.3 (as root): installs the system
# libraries feedwatch needs, builds it, and runs one poll of the shipped config's feeds.
set -euo pipefail
cd "$(dirname "$0")/.."
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq libcurl4-openssl-dev libxml2-dev libsqlite3-dev pkg-config ca-certificates >/dev/null
swift build -c release --product feedwatch
exec "$(swift build -c release --show-bin-path)/feedwatch" once --config config/feedwatch.yaml "$@"
