#!/usr/bin/env bash
# Packs the library (Projector.Core) and the .NET tool (Projector.Tool) into a temporary folder,
# checks what the packages hold, installs the tool from that folder alone into a temporary tool path
# and runs it from another working directory, with no repository around: `inspect demo:mnist`, then
# `serve` on a free loopback port, fetching the page and the catalog. A broken package fails here.
# Usage: scripts/check-package.sh [--no-build]   (--no-build: pack what `dotnet build -c Release` left)
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD

build=()
[ "${1:-}" = "--no-build" ] && build=(--no-build)

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1
# The tool's launcher finds the runtime through DOTNET_ROOT: the one this dotnet runs on.
DOTNET_ROOT="${DOTNET_ROOT:-$(dirname "$(readlink -f "$(command -v dotnet)")")}"
export DOTNET_ROOT

tmp=$(mktemp -d "${TMPDIR:-/tmp}/projector-package.XXXXXX")
server=""
cleanup() {
  if [ -n "$server" ] && kill -0 "$server" 2>/dev/null; then
    kill "$server" 2>/dev/null || true
    wait "$server" 2>/dev/null || true
  fi
  rm -rf "$tmp"
}
trap cleanup EXIT

fail() {
  echo "check-package: $*" >&2
  exit 1
}

feed="$tmp/feed"
version=$(dotnet msbuild src/Projector.Cli/Projector.Cli.csproj -getProperty:Version)
dotnet pack src/Projector.Core/Projector.Core.csproj -c Release "${build[@]}" -o "$feed" -v:q -nologo
dotnet pack src/Projector.Cli/Projector.Cli.csproj -c Release "${build[@]}" -o "$feed" -v:q -nologo

core="$feed/Projector.Core.$version.nupkg"
tool="$feed/Projector.Tool.$version.nupkg"
for f in "$core" "$feed/Projector.Core.$version.snupkg" "$tool"; do
  [ -f "$f" ] || fail "$(basename "$f") was not produced (found: $(ls "$feed" | tr '\n' ' '))"
done

# The library package: its own metadata, XML docs, and no dependency on the tool's projects.
nuspec=$(unzip -p "$core" Projector.Core.nuspec)
for want in '<license type="expression">MIT</license>' '<readme>README.md</readme>' '<description>'; do
  grep -qF "$want" <<<"$nuspec" || fail "Projector.Core.nuspec lacks $want"
done
if grep -oE '<dependency id="Projector[^"]*"' <<<"$nuspec"; then
  fail "Projector.Core depends on the projects above"
fi
# Listings are read whole before searching: `unzip -l | grep -q` fails under pipefail when grep stops
# reading early and unzip dies of SIGPIPE.
core_listing=$(unzip -l "$core")
grep -qF 'lib/net10.0/Projector.Core.xml' <<<"$core_listing" || fail "Projector.Core.nupkg has no XML documentation"

# The tool package carries the page and the demo digits beside projector.dll.
listing=$(unzip -l "$tool")
for want in tools/net10.0/any/projector.dll tools/net10.0/any/wwwroot/index.html tools/net10.0/any/demo/mnist/9.json; do
  grep -qF "$want" <<<"$listing" || fail "Projector.Tool.nupkg lacks $want"
done

# Installed from the local folder only, into a fresh package cache (a cached package of the same
# version would otherwise be installed instead of the one just packed).
cat >"$tmp/nuget.config" <<EOF
<?xml version="1.0" encoding="utf-8"?>
<configuration>
  <packageSources>
    <clear />
    <add key="local" value="$feed" />
  </packageSources>
</configuration>
EOF
NUGET_PACKAGES="$tmp/packages" dotnet tool install Projector.Tool --version "$version" \
  --tool-path "$tmp/tools" --configfile "$tmp/nuget.config" >/dev/null
projector="$tmp/tools/projector"
[ -x "$projector" ] || fail "the tool installed no projector command"

mkdir "$tmp/elsewhere"
cd "$tmp/elsewhere"
inspect=$("$projector" inspect demo:mnist --json) || fail "projector inspect demo:mnist failed"
grep -q '"points":10000' <<<"$inspect" || fail "inspect demo:mnist from the installed tool: $inspect"

# With job control on, the server is started with Ctrl-C (SIGINT) handled as in a terminal: a script's
# background commands otherwise ignore it. And a script itself started in the background (a CI runner
# may) inherits SIGINT ignored, which no shell can undo: env --default-signal gives the server the
# default handling back.
set -m
env --default-signal=INT "$projector" serve --port 0 --state "$tmp/state" >"$tmp/serve.out" 2>"$tmp/serve.err" &
server=$!
set +m
url=""
for _ in $(seq 1 150); do
  url=$(grep -oE 'http://127\.0\.0\.1:[0-9]+/' "$tmp/serve.out" || true)
  [ -n "$url" ] && break
  kill -0 "$server" 2>/dev/null || fail "projector serve stopped: $(cat "$tmp/serve.err")"
  sleep 0.2
done
[ -n "$url" ] || fail "projector serve printed no address in 30 s: $(cat "$tmp/serve.out" "$tmp/serve.err")"

page=$(curl -fsS --max-time 10 "$url") || fail "GET $url failed"
grep -qi '<script' <<<"$page" || fail "GET $url is not the page: ${page:0:200}"
catalog=$(curl -fsS --max-time 30 "${url}api/datasets") || fail "GET ${url}api/datasets failed"
grep -q '"source":"demo:mnist"' <<<"$catalog" || fail "the catalog lacks demo:mnist: ${catalog:0:300}"

kill -INT "$server"
for _ in $(seq 1 100); do
  kill -0 "$server" 2>/dev/null || break
  sleep 0.2
done
kill -0 "$server" 2>/dev/null && fail "projector serve was still running 20 s after Ctrl-C; its last words: $(tail -n 5 "$tmp/serve.out" "$tmp/serve.err" | tr '\n' ' ')"
wait "$server" || fail "projector serve did not stop cleanly on Ctrl-C: $(cat "$tmp/serve.err")"
grep -qx stopped "$tmp/serve.out" || fail "projector serve did not say it stopped"
server=""
cd "$root"
echo "check-package: Projector.Core $version and Projector.Tool $version pack, install from a folder and serve demo:mnist"
