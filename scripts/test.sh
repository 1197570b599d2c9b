#!/usr/bin/env bash
# Installs what a fresh machine lacks, then builds everything and runs every test.
set -euo pipefail
cd "$(dirname "$0")/.."

missing=()
command -v npm >/dev/null 2>&1 || missing+=(nodejs npm)
ldconfig -p 2>/dev/null | grep -q 'libturbojpeg.so.0' || missing+=(libturbojpeg0)
if [ ${#missing[@]} -gt 0 ]; then
  echo "installing: ${missing[*]}"
  SUDO=""
  [ "$(id -u)" -eq 0 ] || SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi

if ! command -v dotnet >/dev/null 2>&1; then
  echo "error: the .NET 10 SDK is needed (https://dot.net); it is not in Debian's archive" >&2
  exit 2
fi

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
dotnet build Projector.slnx -c Release
dotnet format Projector.slnx --verify-no-changes --no-restore
dotnet test Projector.slnx -c Release --no-build "$@"
