#!/usr/bin/env bash
# Times `projector project` end to end for two builds of the CLI in the same run, alternating them so
# that load on the machine falls on both alike, and prints the median wall time and peak memory of each.
#
#   bench/scripts/compare-builds.sh BASE_PROJECTOR NEW_PROJECTOR [RUNS] [DATA_DIR]
#
# BASE_PROJECTOR and NEW_PROJECTOR are the `projector` executables of the two builds (for example a
# worktree of the previous commit built with `dotnet build src/Projector.Cli -c Release`). Cases: t-SNE
# and UMAP of demo:mnist; with DATA_DIR (from shared/data/make_data.sh) also of gauss_100k_50d.f32.
set -euo pipefail
base=$1 new=$2 runs=${3:-3} data=${4:-}
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT

cases=("mnist-tsne|demo:mnist --method tsne" "mnist-umap|demo:mnist --method umap")
if [ -n "$data" ] && [ -f "$data/gauss_100k_50d.f32" ]; then
  cases+=("gauss100k-tsne|$data/gauss_100k_50d.f32 --shape 0,50 --method tsne" "gauss100k-umap|$data/gauss_100k_50d.f32 --shape 0,50 --method umap")
fi

median() { sort -g | awk '{a[NR]=$1} END {print (NR % 2) ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2}'; }

printf '%-16s %-5s %10s %10s   %s\n' case build "median s" "peak MB" "runs (s)"
for c in "${cases[@]}"; do
  name=${c%%|*} args=${c#*|}
  : > "$out/base.t"; : > "$out/new.t"; : > "$out/base.m"; : > "$out/new.m"
  for ((i = 0; i < runs; i++)); do
    for which in base new; do
      exe=$base; [ "$which" = new ] && exe=$new
      # The metric is given so both builds compute the same layout whatever their defaults.
      /usr/bin/time -f '%e %M' -o "$out/time" "$exe" project $args --metric euclidean -o "$out/layout.npy" > /dev/null
      read -r secs kb < "$out/time"
      echo "$secs" >> "$out/$which.t"; echo $((kb / 1024)) >> "$out/$which.m"
    done
  done
  for which in base new; do
    printf '%-16s %-5s %10s %10s   %s\n' "$name" "$which" "$(median < "$out/$which.t")" "$(median < "$out/$which.m")" "$(paste -sd' ' "$out/$which.t")"
  done
done
