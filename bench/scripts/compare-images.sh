#!/usr/bin/env bash
# Times `projector sprite` end to end for two builds of the CLI in the same run, alternating them so that
# load on the machine falls on both alike, and prints the median wall time and peak memory of each.
#
#   bench/scripts/compare-images.sh BASE_PROJECTOR NEW_PROJECTOR [RUNS] [DATA_DIR]
#
# DATA_DIR holds what `dotnet run -c Release --project bench/Projector.Bench -- images-data --dir DATA_DIR`
# writes: mnist.npy (10,000 x 784) and the same digits as 10,000 28x28 files in png/ and jpg/.
# Cases: the MNIST sheet from the pixel matrix (painting and PNG encoding), the sheet from the PNG files
# and from the JPEG files (decoding), and from the PNG files at 14x14 tiles (decoding and resizing).
set -euo pipefail
base=$1 new=$2 runs=${3:-3} data=${4:-${TMPDIR:-/tmp}/projector-bench}
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT

cases=("mnist-pixels|--pixels $data/mnist.npy --tile 28,28"
  "png-files|$data/png"
  "jpeg-files|$data/jpg"
  "png-14x14|$data/png --tile 14,14")

median() { sort -g | awk '{a[NR]=$1} END {print (NR % 2) ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2}'; }

printf '%-14s %-5s %10s %10s %10s   %s\n' case build "median s" "peak MB" "sheet KB" "runs (s)"
for c in "${cases[@]}"; do
  name=${c%%|*} args=${c#*|}
  : > "$out/base.t"; : > "$out/new.t"; : > "$out/base.m"; : > "$out/new.m"
  for ((i = 0; i < runs; i++)); do
    for which in base new; do
      exe=$base; [ "$which" = new ] && exe=$new
      # shellcheck disable=SC2086  # the case's arguments are meant to split
      /usr/bin/time -f '%e %M' -o "$out/time" "$exe" sprite $args -o "$out/$which.png" > /dev/null
      read -r secs kb < "$out/time"
      echo "$secs" >> "$out/$which.t"; echo $((kb / 1024)) >> "$out/$which.m"
    done
  done
  for which in base new; do
    printf '%-14s %-5s %10s %10s %10s   %s\n' "$name" "$which" "$(median < "$out/$which.t")" "$(median < "$out/$which.m")" \
      "$(($(stat -c %s "$out/$which.png") / 1024))" "$(paste -sd' ' "$out/$which.t")"
  done
done
