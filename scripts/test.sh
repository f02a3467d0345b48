#!/usr/bin/env bash
# The test suite: `swift test`, with a throwaway PostgreSQL cluster on 127.0.0.1 for the store's
# PostgreSQL cases (scripts/postgres-cluster.sh; stopped and removed at the end).
#   scripts/test.sh [swift test arguments, e.g. --filter StateStoreTests]
# Without Debian's postgresql installed, the PostgreSQL cases are left out with a note (in CI,
# CI=true, they fail instead). FEEDWATCH_TEST_POSTGRES, when set, names a server to use instead.
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
cluster=""
cleanup() {
  if [ -n "$cluster" ]; then "$here/scripts/postgres-cluster.sh" stop "$cluster"; rm -rf "$cluster"; fi
}
trap cleanup EXIT
if [ -z "${FEEDWATCH_TEST_POSTGRES:-}" ] && ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1; then
  cluster=$(mktemp -d /tmp/feedwatch-pg.XXXXXX)
  FEEDWATCH_TEST_POSTGRES=$("$here/scripts/postgres-cluster.sh" start "$cluster")
  export FEEDWATCH_TEST_POSTGRES
fi
cd "$here"
swift test "$@"
