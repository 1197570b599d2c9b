#!/usr/bin/env bash
# The layout cluster across processes: a Redis server and two silos of the built CLI on free loopback
# ports, a UMAP job over 100,000 synthetic points (20 Gaussian clusters in 50-d) with one silo killed
# while it works, then the same job on the silo left. Checks that the first job finishes, that both
# write the same bytes (every merged tile, tiles.json and positions.npy), that no job folder is left in
# the shared folder, and that the layout's quality stays within a margin of a one-machine UMAP.
# The sample is 10,000 points and the layouts run 60 epochs (placing: 20), to keep the run short.
#
#   scripts/cluster-test.sh [--no-build]     (needs redis-server: apt-get install redis-server)
set -euo pipefail
cd "$(dirname "$0")/.."
root="$(pwd)"

if ! command -v redis-server >/dev/null 2>&1; then
  echo "error: redis-server is needed (apt-get install redis-server)" >&2
  exit 2
fi
if [ "${1:-}" != "--no-build" ]; then
  dotnet build src/Projector.Cli -c Release -p:ProjectorSkipWebBuild=true -v q -nologo >/dev/null
fi
projector=("dotnet" "$root/src/Projector.Cli/bin/Release/net10.0/projector.dll")

source scripts/cluster-lib.sh
cluster_setup projector-cluster-test
fail() { echo "cluster test FAILED: $*" >&2; for f in "$work"/*.log; do echo "--- $f" >&2; tail -n 20 "$f" >&2; done; exit 1; }

node scripts/gauss-data.mjs "$work" gauss 100000 50 1
start_redis || fail "redis-server did not start"
start_silo silo1 || fail "silo 1 did not start"
start_silo silo2 || fail "silo 2 did not start"
silo2=${pids[-1]}

# A call caught by the kill can go unanswered (the survivor's grain directory still points at the killed silo):
# two minutes, far above a 10,000-row shard's seconds, sends it again rather than the default ten.
job=(cluster run "$work/gauss.npy" --metadata "$work/gauss.tsv" --membership "$membership" --method umap --seed 7 --sample 10000 --shard-rows 10000 --iterations 60 --shard-timeout 120)
run_killing two "$silo2"

start=$SECONDS
"${projector[@]}" "${job[@]}" --out "$work/one" --quality >"$work/one.out" 2>"$work/one.log" || fail "the one-silo job failed"
echo "one silo: $(head -n 1 "$work/one.out") [$((SECONDS - start)) s]"
(cd "$work/two" && find . -type f | sort | xargs sha256sum) >"$work/two.sums"
(cd "$work/one" && find . -type f | sort | xargs sha256sum) >"$work/one.sums"
diff "$work/two.sums" "$work/one.sums" >/dev/null || fail "the two runs wrote different bytes"
echo "same bytes: $(wc -l <"$work/one.sums") files ($(grep -c '\.arrow$' "$work/one.sums") tiles merged from the silos' pieces, tiles.json, positions.npy)"
# The silos' tile pieces live in a job folder beside the input until the merge; none may be left.
[ -z "$(find "$work" -maxdepth 1 -name '.projector-job-*')" ] || fail "a job's folder of tile pieces was left in the shared folder"

# The reference: UMAP of all 100,000 points on this machine, the same epochs.
"${projector[@]}" project "$work/gauss.npy" --metadata "$work/gauss.tsv" --method umap --seed 7 --iterations 60 --quality --labels label --output "$work/reference.npy" >"$work/reference.out" 2>"$work/reference.log" || fail "the one-machine UMAP failed"
cluster_quality=$(grep '^quality' "$work/one.out")
reference_quality=$(grep '^quality' "$work/reference.out")
echo "cluster:     $cluster_quality"
echo "one machine: $reference_quality"
# Margins: trustworthiness and label accuracy at most 0.03 below the one-machine UMAP's, kNN preservation 0.02.
node -e '
const figure = (line, name) => Number(new RegExp(name + " ([0-9.]+)").exec(line)[1]);
const [c, r] = process.argv.slice(1);
const checks = [["kNN preservation", 0.02], ["trustworthiness", 0.03], ["label accuracy", 0.03]];
let ok = true;
for (const [name, margin] of checks) {
  const [x, y] = [figure(c, name), figure(r, name)];
  if (!(x >= y - margin)) { console.error(`${name} ${x} is more than ${margin} below the one-machine ${y}`); ok = false; }
}
process.exit(ok ? 0 : 1);' "$cluster_quality" "$reference_quality" || fail "the cluster's layout is worse than the margin allows"
echo "cluster test passed"
