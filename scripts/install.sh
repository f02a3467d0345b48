#!/usr/bin/env bash
# Installs feedwatch as a systemd service (run as root from a checkout):
#   sudo scripts/install.sh                  build (release) and install
#   sudo scripts/install.sh --binary PATH    install an already built binary instead of building
#   sudo scripts/install.sh --uninstall      remove binary, unit and shared seeds (keeps config and state)
# Installs: /usr/local/bin/feedwatch, /usr/local/share/feedwatch/seeds/, /etc/feedwatch/feedwatch.yaml
# (only when absent: an edited config is never overwritten), /etc/systemd/system/feedwatch.service.
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
share=/usr/local/share/feedwatch
if [ "${1:-}" = "--uninstall" ]; then
  if [ -d /run/systemd/system ]; then systemctl disable --now feedwatch 2>/dev/null || true; fi
  rm -f /usr/local/bin/feedwatch /etc/systemd/system/feedwatch.service
  rm -rf "$share"
  if [ -d /run/systemd/system ]; then systemctl daemon-reload; fi
  echo "removed feedwatch; kept /etc/feedwatch and /var/lib/feedwatch (delete them to forget everything)"
  exit 0
fi
cd "$here"
if [ "${1:-}" = "--binary" ]; then
  binary=${2:?--binary needs the path of a feedwatch binary}
else
  swift build -c release --product feedwatch
  binary="$(swift build -c release --show-bin-path)/feedwatch"
fi
install -D -m 0755 "$binary" /usr/local/bin/feedwatch
install -d -m 0755 "$share/seeds"
install -m 0644 seeds/*.txt "$share/seeds/"
install -m 0644 README.md "$share/README.md"
install -d -m 0755 /etc/feedwatch
if [ ! -e /etc/feedwatch/feedwatch.yaml ]; then
  sed -e "s|^seeds_dir: .*|seeds_dir: $share/seeds|" -e "s|^state_dir: .*|state_dir: /var/lib/feedwatch|" \
    config/feedwatch.yaml > /etc/feedwatch/feedwatch.yaml
  chmod 0644 /etc/feedwatch/feedwatch.yaml
else
  echo "kept your /etc/feedwatch/feedwatch.yaml (the shipped one is config/feedwatch.yaml)"
fi
install -m 0644 systemd/feedwatch.service /etc/systemd/system/feedwatch.service
/usr/local/bin/feedwatch check-config --config /etc/feedwatch/feedwatch.yaml
if [ -d /run/systemd/system ]; then systemctl daemon-reload; fi
echo "installed; start it with: systemctl enable --now feedwatch"
