#!/usr/bin/env bash
# Times `projector cluster run` on one machine: N synthetic points (20 Gaussian clusters in 50-d, made
# by scripts/gauss-data.mjs) laid out with UMAP on a sample and placed shard by shard, first with one
# silo, then with two (each run the same job, same seed; the bytes are compared). Prints each run's
# summary line (sample time, points placed, seconds, points per second, shards per silo) and the load.
#
#   bench/scripts/cluster-bench.sh [N=1000000] [SAMPLE=20000] [SHARD_ROWS=50000] [RUNS=1] [EPOCHS]
# EPOCHS: the sample's UMAP epochs (placing runs a third of them); default the recipe's.
# Needs redis-server and a Release build of the CLI. Scratch data goes to /tmp and is removed.
set -euo pipefail
cd "$(dirname "$0")/../.."
root="$(pwd)"
n="${1:-1000000}"
sample="${2:-20000}"
shard_rows="${3:-50000}"
runs="${4:-1}"
epochs=()
[ -z "${5:-}" ] || epochs=(--iterations "$5")
projector=("dotnet" "$root/src/Projector.Cli/bin/Release/net10.0/projector.dll")
source scripts/cluster-lib.sh
cluster_setup projector-cluster-bench

node scripts/gauss-data.mjs "$work" gauss "$n" 50 1
start_redis
job=(cluster run "$work/gauss.npy" --metadata "$work/gauss.tsv" --membership "$membership" --method umap --sample "$sample" --shard-rows "$shard_rows" "${epochs[@]}")

start_silo silo1
for r in $(seq "$runs"); do
  echo "1 silo, run $r (load: $(cut -d' ' -f1-3 /proc/loadavg)):"
  "${projector[@]}" "${job[@]}" --out "$work/one-$r" 2>/dev/null
done
start_silo silo2
for r in $(seq "$runs"); do
  echo "2 silos, run $r (load: $(cut -d' ' -f1-3 /proc/loadavg)):"
  "${projector[@]}" "${job[@]}" --out "$work/two-$r" 2>/dev/null
done
cmp "$work/one-1/positions.npy" "$work/two-1/positions.npy" && echo "same bytes with 1 and 2 silos"
