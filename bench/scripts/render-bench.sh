#!/usr/bin/env bash
# Times `projector render` end to end for two builds of the CLI in the same run, alternating them so
# that load on the machine falls on both alike, and prints the median wall time, peak memory and
# output size of each case.
#
#   bench/scripts/render-bench.sh BASE_PROJECTOR NEW_PROJECTOR [RUNS] [DATA_DIR]
#
# The layouts are computed once beforehand (render reads them with --layout FILE), so only reading and
# drawing are timed. Cases: demo:mnist (10,000 points, t-SNE layout) as dots and as sprites; with
# DATA_DIR holding gauss_1m_50d.f32 and its labels (shared/data/make_data.sh) also the 1M mixture
# (PCA layout). Formats: .png and .svg for both builds, .pdf where the build writes it (a build that
# refuses a format prints "-").
set -euo pipefail
base=$1 new=$2 runs=${3:-3} data=${4:-}
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT

"$new" project demo:mnist --method tsne -o "$out/mnist.npy" > /dev/null
cases=("mnist|demo:mnist --layout $out/mnist.npy" "mnist-sprites|demo:mnist --layout $out/mnist.npy --sprites")
if [ -n "$data" ] && [ -f "$data/gauss_1m_50d.f32" ]; then
  g="$data/gauss_1m_50d.f32 --shape 0,50 --metadata $data/gauss_1m_50d_labels.tsv"
  "$new" project $g --method pca -o "$out/g1m.npy" > /dev/null
  cases+=("gauss1m|$g --layout $out/g1m.npy")
fi

median() { sort -g | awk '{a[NR]=$1} END {print (NR % 2) ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2}'; }

printf '%-14s %-4s %-5s %10s %9s %10s   %s\n' case fmt build "median s" "peak MB" "size MB" "runs (s)"
for c in "${cases[@]}"; do
  name=${c%%|*} args=${c#*|}
  for fmt in png pdf svg; do
    for which in base new; do : > "$out/$which.t"; : > "$out/$which.m"; done
    for ((i = 0; i < runs; i++)); do
      for which in base new; do
        exe=$base; [ "$which" = new ] && exe=$new
        rm -f "$out/map.$fmt"
        if /usr/bin/time -f '%e %M' -o "$out/time" "$exe" render $args -o "$out/map.$fmt" > /dev/null 2>&1; then
          read -r s kb < "$out/time"
          echo "$s" >> "$out/$which.t"; echo $((kb / 1024)) >> "$out/$which.m"
          stat -c %s "$out/map.$fmt" > "$out/$which.size"
        fi
      done
    done
    for which in base new; do
      if [ -s "$out/$which.t" ]; then
        printf '%-14s %-4s %-5s %10s %9s %10.1f   %s\n' "$name" "$fmt" "$which" "$(median < "$out/$which.t")" \
          "$(median < "$out/$which.m")" "$(awk '{print $1 / 1048576}' "$out/$which.size")" "$(paste -sd' ' "$out/$which.t")"
      else
        printf '%-14s %-4s %-5s %10s\n' "$name" "$fmt" "$which" "-"
      fi
    done
  done
done
