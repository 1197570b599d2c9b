#!/usr/bin/env bash
# Times `projector` end to end for two builds of the CLI in the same run, alternating them so that load
# on the machine falls on both alike, and prints the median wall time and peak memory of each.
#
#   bench/scripts/compare-builds.sh [--images] BASE_PROJECTOR NEW_PROJECTOR [RUNS] [DATA_DIR]
#
# BASE_PROJECTOR and NEW_PROJECTOR are the `projector` executables of the two builds (for example a
# copy of the previous commit built with `dotnet build src/Projector.Cli -c Release`).
#
# Default cases, `projector project`: t-SNE and UMAP of demo:mnist; with DATA_DIR (from
# shared/data/make_data.sh) also of gauss_100k_50d.f32.
#
# --images cases, `projector sprite`: DATA_DIR (default $TMPDIR/projector-bench) holds what
# `dotnet run -c Release --project bench/Projector.Bench -- images-data --dir DATA_DIR` writes:
# mnist.npy (10,000 x 784) and the same digits as 10,000 28x28 files in png/ and jpg/. The sheet from
# the pixel matrix (painting and PNG encoding), from the PNG files and from the JPEG files (decoding),
# and from the PNG files at 14x14 tiles (decoding and shrinking).
set -euo pipefail
suite=project
[ "${1:-}" = --images ] && { suite=images; shift; }
base=$1 new=$2 runs=${3:-3} data=${4:-}
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT

if [ "$suite" = images ]; then
  data=${data:-${TMPDIR:-/tmp}/projector-bench}
  cases=("mnist-pixels|sprite --pixels $data/mnist.npy --tile 28,28 -o OUT.png"
    "png-files|sprite $data/png -o OUT.png"
    "jpeg-files|sprite $data/jpg -o OUT.png"
    "png-14x14|sprite $data/png --tile 14,14 -o OUT.png")
else
  # The metric is given so both builds compute the same layout whatever their defaults.
  cases=("mnist-tsne|project demo:mnist --method tsne --metric euclidean -o OUT.npy"
    "mnist-umap|project demo:mnist --method umap --metric euclidean -o OUT.npy")
  if [ -n "$data" ] && [ -f "$data/gauss_100k_50d.f32" ]; then
    cases+=("gauss100k-tsne|project $data/gauss_100k_50d.f32 --shape 0,50 --method tsne --metric euclidean -o OUT.npy"
      "gauss100k-umap|project $data/gauss_100k_50d.f32 --shape 0,50 --method umap --metric euclidean -o OUT.npy")
  fi
fi

median() { sort -g | awk '{a[NR]=$1} END {print (NR % 2) ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2}'; }

printf '%-16s %-5s %10s %10s %10s   %s\n' case build "median s" "peak MB" "output KB" "runs (s)"
for c in "${cases[@]}"; do
  name=${c%%|*} args=${c#*|}
  : > "$out/base.t"; : > "$out/new.t"; : > "$out/base.m"; : > "$out/new.m"
  for ((i = 0; i < runs; i++)); do
    for which in base new; do
      exe=$base; [ "$which" = new ] && exe=$new
      # shellcheck disable=SC2086  # the case's arguments are meant to split
      /usr/bin/time -f '%e %M' -o "$out/time" "$exe" ${args//OUT/$out/$which-out} > /dev/null
      read -r secs kb < "$out/time"
      echo "$secs" >> "$out/$which.t"; echo $((kb / 1024)) >> "$out/$which.m"
    done
  done
  for which in base new; do
    printf '%-16s %-5s %10s %10s %10s   %s\n' "$name" "$which" "$(median < "$out/$which.t")" "$(median < "$out/$which.m")" \
      "$(($(stat -c %s "$out/$which"-out.* | head -1) / 1024))" "$(paste -sd' ' "$out/$which.t")"
  done
done
