#!/usr/bin/env bash
# Times `projector cluster run` on one machine: N synthetic points (20 Gaussian clusters in 50-d, made
# by scripts/gauss-data.mjs) laid out with UMAP on a sample and placed shard by shard, first with one
# silo, then with two (each run the same job, same seed; the bytes are compared). Prints each run's
# summary line (sample time, points placed, seconds, points per second, shards per silo), the load,
# the client's time from the last shard placed to its exit (the tile set and positions.npy written)
# and its peak memory (maximum resident set, /usr/bin/time), and the CPU-seconds the silos spent on the
# job (their /proc/PID/stat before and after), which carry to other machines where wall times do not.
#
#   bench/scripts/cluster-bench.sh [N=1000000] [SAMPLE=20000] [SHARD_ROWS=50000] [RUNS=1] [EPOCHS] [SILOS=2]
# EPOCHS: the sample's UMAP epochs (placing runs a third of them); default the recipe's. SILOS=1 skips
# the two-silo runs. PROJECTOR_DLL runs another build of the CLI (e.g. an older one, to compare).
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
silos="${6:-2}"
projector=("dotnet" "${PROJECTOR_DLL:-$root/src/Projector.Cli/bin/Release/net10.0/projector.dll}")
source scripts/cluster-lib.sh
cluster_setup projector-cluster-bench

node scripts/gauss-data.mjs "$work" gauss "$n" 50 1
start_redis
job=(cluster run "$work/gauss.npy" --metadata "$work/gauss.tsv" --membership "$membership" --method umap --sample "$sample" --shard-rows "$shard_rows" "${epochs[@]}")

# CPU-seconds (user + system) the silos started so far have used.
silo_cpu() {
  local ticks=0 pid fields
  for pid in "${silo_pids[@]}"; do
    read -r -a fields < <(sed 's/.*) //' "/proc/$pid/stat")
    ticks=$((ticks + fields[11] + fields[12]))
  done
  echo "scale=1; $ticks / $(getconf CLK_TCK)" | bc
}

# One job: its summary line, then the client's seconds after the last shard was placed (each stderr line
# is stamped as it arrives), its peak memory and the silos' CPU time.
run_job() {
  local out="$1"
  local cpu_before
  cpu_before=$(silo_cpu)
  /usr/bin/time -f "%M %e %U %S" -o "$work/time.txt" "${projector[@]}" "${job[@]}" --out "$out" 2> >(while IFS= read -r line; do echo "$(date +%s.%N) $line"; done >"$work/stderr.txt")
  local end
  end=$(date +%s.%N)
  sleep 1
  local last
  last=$(grep ' placed on ' "$work/stderr.txt" | tail -n 1 | cut -d' ' -f1)
  read -r rss wall user sys <"$work/time.txt"
  echo "client: $(printf "%.2f" "$(echo "$end - $last" | bc)") s after the last shard placed; peak memory $((rss / 1024)) MB; $wall s wall, $user + $sys CPU-s"
  echo "silos: $(echo "$(silo_cpu) - $cpu_before" | bc) CPU-s for the job"
}

silo_pids=()
start_silo silo1
silo_pids+=("${pids[-1]}")
for r in $(seq "$runs"); do
  echo "1 silo, run $r (load: $(cut -d' ' -f1-3 /proc/loadavg)):"
  run_job "$work/one-$r"
done
[ "$silos" -ge 2 ] || exit 0
start_silo silo2
silo_pids+=("${pids[-1]}")
for r in $(seq "$runs"); do
  echo "2 silos, run $r (load: $(cut -d' ' -f1-3 /proc/loadavg)):"
  run_job "$work/two-$r"
done
diff <(cd "$work/one-1" && find . -type f | sort | xargs sha256sum) <(cd "$work/two-1" && find . -type f | sort | xargs sha256sum) >/dev/null && echo "same bytes with 1 and 2 silos (tiles, tiles.json, positions.npy)"
