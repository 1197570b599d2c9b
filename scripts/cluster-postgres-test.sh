#!/usr/bin/env bash
# The layout cluster across processes with its membership in PostgreSQL: a throwaway PostgreSQL server on
# a free loopback port with an empty database, two silos of the built CLI started together (the first to
# come creates the membership tables), a UMAP job over 20,000 synthetic points (20 Gaussian clusters in
# 50-d, a sample of 5,000, 30 epochs, tiles of at most 1,000 points) with one silo killed while it works, then the same job on the silo
# left. Checks that the first job finishes, that the surviving silo records the killed one dead in the
# table, that both runs write the same bytes, and that no password reaches a log. The silos take the
# password in the address, the client from PGPASSWORD.
#
#   scripts/cluster-postgres-test.sh [--no-build]     (needs postgresql: apt-get install postgresql)
set -euo pipefail
cd "$(dirname "$0")/.."
root="$(pwd)"

if [ "${1:-}" != "--no-build" ]; then
  dotnet build src/Projector.Cli -c Release -p:ProjectorSkipWebBuild=true -v q -nologo >/dev/null
fi
projector=("dotnet" "$root/src/Projector.Cli/bin/Release/net10.0/projector.dll")

source scripts/cluster-lib.sh
cluster_setup projector-cluster-postgres-test
fail() {
  echo "cluster test with PostgreSQL FAILED: $*" >&2
  for f in "$work"/*.log "${pgdir:-/nonexistent}/server.log"; do [ -f "$f" ] && { echo "--- $f" >&2; tail -n 20 "$f" >&2; }; done
  exit 1
}
began=$SECONDS

node scripts/gauss-data.mjs "$work" gauss 20000 50 1
start_postgres || fail "PostgreSQL did not start"
client_membership="$membership"
membership="postgres://projector:$pg_password@127.0.0.1:$pg_port/projector"
# Both at once on the empty database: the schema is made once, under its lock.
launch_silo silo1
launch_silo silo2
silo2=${pids[-1]}
wait_for "$work/silo1.log" "silo up" 120 || fail "silo 1 did not start"
wait_for "$work/silo2.log" "silo up" 120 || fail "silo 2 did not start"
[ "$(pg_query "SELECT count(*) FROM projector_cluster.silos WHERE status = 3")" = 2 ] || fail "the membership table does not hold two active silos"
silo2_port=$(sed -n 's/^silo up at 127\.0\.0\.1:\([0-9]*\) .*/\1/p' "$work/silo2.log")

export PGPASSWORD="$pg_password"
# Shards take about a second here. A call caught by the kill is usually answered at once and sent again,
# but one that the silo left failed to place (its grain directory lookup still went to the killed silo)
# got no answer and waited out the shard timeout (10 minutes by default): 30 s bounds that.
job=(cluster run "$work/gauss.npy" --metadata "$work/gauss.tsv" --membership "$client_membership" --method umap --seed 7 --sample 5000 --shard-rows 2000 --iterations 30 --tile-points 1000 --shard-timeout 30)
run_killing two "$silo2"

# The silo left declared the killed one dead (Orleans' SiloStatus.Dead is 6) through the table.
deadline=$((SECONDS + 60))
until [ "$(pg_query "SELECT status FROM projector_cluster.silos WHERE port = $silo2_port")" = 6 ]; do
  [ $SECONDS -lt $deadline ] || fail "the killed silo is not recorded dead in PostgreSQL"
  sleep 0.5
done
echo "the killed silo is recorded dead in PostgreSQL"

start=$SECONDS
"${projector[@]}" "${job[@]}" --out "$work/one" >"$work/one.out" 2>"$work/one.log" || fail "the one-silo job failed"
echo "one silo: $(head -n 1 "$work/one.out") [$((SECONDS - start)) s]"
(cd "$work/two" && find . -type f | sort | xargs sha256sum) >"$work/two.sums"
(cd "$work/one" && find . -type f | sort | xargs sha256sum) >"$work/one.sums"
diff "$work/two.sums" "$work/one.sums" >/dev/null || fail "the two runs wrote different bytes"
echo "same bytes: $(wc -l <"$work/one.sums") files"
! grep -rqF "$pg_password" "$work"/*.log "$work"/*.out || fail "the password was printed"
echo "cluster test with PostgreSQL passed [$((SECONDS - began)) s]"
