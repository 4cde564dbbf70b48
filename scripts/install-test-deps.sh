#!/usr/bin/env bash
# Installs what the tests need beyond npm: Debian's Chromium (end-to-end tests
# drive it with Playwright) and Debian's PostgreSQL (the external-database
# test starts it). Does nothing for what is already there.
set -euo pipefail

need=()
[ -x /usr/bin/chromium ] || need+=(chromium)
compgen -G '/usr/lib/postgresql/*/bin/postgres' >/dev/null || need+=(postgresql)
# fonts-noto-cjk: Japanese text in end-to-end screenshots renders instead of boxes.
[ -d /usr/share/fonts/opentype/noto ] || need+=(fonts-noto-cjk)

if [ ${#need[@]} -eq 0 ]; then
  echo "Test dependencies already installed."
  exit 0
fi

sudo=""
[ "$(id -u)" -eq 0 ] || sudo="sudo"
echo "Installing: ${need[*]}"
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -qq
# The package's own cluster is not wanted: tests start their own servers.
$sudo mkdir -p /etc/postgresql-common/createcluster.d
echo "create_main_cluster = false" | $sudo tee /etc/postgresql-common/createcluster.d/no-main-cluster.conf >/dev/null
$sudo apt-get install -y -qq --no-install-recommends "${need[@]}"
