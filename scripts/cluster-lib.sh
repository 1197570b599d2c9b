# Helpers of the scripts that run a layout cluster on this machine (sourced, not run): a scratch folder,
# the processes started (all stopped on exit, failure included), free loopback ports, Redis or
# PostgreSQL, and silos. The caller sets `projector` (the command, as an array) before starting silos.

# Makes the scratch folder $work (under /tmp, named PREFIX.XXXXXX) and stops everything on exit.
cluster_setup() {
  work="$(mktemp -d "/tmp/$1.XXXXXX")"
  pids=()
  trap cluster_cleanup EXIT
}

cluster_cleanup() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  for pid in "${pids[@]}"; do wait "$pid" 2>/dev/null || true; done
  stop_postgres
  rm -rf "$work"
}

# A port nothing listens on right now (the OS's choice for an ephemeral listener).
free_port() { node -e 'const s=require("net").createServer().listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close();});'; }

# Waits until FILE holds PATTERN; fails after SECONDS (default 600).
wait_for() {
  local deadline=$((SECONDS + ${3:-600}))
  until grep -q "$2" "$1" 2>/dev/null; do
    [ $SECONDS -lt $deadline ] || return 1
    sleep 0.5
  done
}

# A Redis server on a free loopback port, without persistence; sets $membership.
start_redis() {
  local port
  port=$(free_port)
  redis-server --port "$port" --bind 127.0.0.1 --save '' --appendonly no >"$work/redis.log" 2>&1 &
  pids+=($!)
  membership="redis://127.0.0.1:$port"
  wait_for "$work/redis.log" "Ready to accept connections" 30
}

# A throwaway PostgreSQL server on a free loopback port, its data in a folder of its own ($pgdir, removed
# on exit), password logins over TCP, and an empty database `projector`; sets $membership (without the
# password, which is $pg_password) and $pg_port. PostgreSQL refuses to run as root: as root the server
# runs as the `postgres` user the postgresql package makes.
pg_password="projector-cluster-test"
start_postgres() {
  pg_bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
  [ -x "$pg_bin/pg_ctl" ] || pg_bin=$(dirname "$(command -v pg_ctl 2>/dev/null || echo /nonexistent/pg_ctl)")
  if [ ! -x "$pg_bin/pg_ctl" ]; then
    echo "error: PostgreSQL's server programs are missing (apt-get install postgresql)" >&2
    return 1
  fi
  pgdir="$(mktemp -d /tmp/projector-pg.XXXXXX)"
  printf '%s\n' "$pg_password" >"$pgdir/password"
  [ "$(id -u)" -ne 0 ] || chown -R postgres:postgres "$pgdir"
  as_postgres "$pg_bin/initdb" -D "$pgdir/data" -U projector --pwfile="$pgdir/password" --auth-local=trust --auth-host=scram-sha-256 -E UTF8 --locale=C --no-sync >"$work/postgres-init.log" 2>&1 || return 1
  pg_port=$(free_port)
  as_postgres "$pg_bin/pg_ctl" -D "$pgdir/data" -l "$pgdir/server.log" -w -t 60 -o "-k $pgdir -p $pg_port -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off" start >"$work/postgres-start.log" 2>&1 || return 1
  as_postgres "$pg_bin/createdb" -h "$pgdir" -p "$pg_port" -U projector projector || return 1
  membership="postgres://projector@127.0.0.1:$pg_port/projector"
}

# Runs a command as the user that owns the PostgreSQL server's files.
as_postgres() {
  if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

# One value from the membership database (psql over TCP, with the password).
pg_query() {
  PGPASSWORD="$pg_password" "$pg_bin/psql" -h 127.0.0.1 -p "$pg_port" -U projector -d projector -XAtc "$1"
}

stop_postgres() {
  [ -n "${pgdir:-}" ] || return 0
  [ ! -f "$pgdir/data/postmaster.pid" ] || as_postgres "$pg_bin/pg_ctl" -D "$pgdir/data" -m immediate -w stop >/dev/null 2>&1 || true
  rm -rf "$pgdir"
}

# A silo on free loopback ports reading from $work, logging to $work/NAME.log, without waiting for it.
# Its pid is the last of ${pids[@]} (not run in a subshell, so the cleanup list keeps it).
launch_silo() {
  "${projector[@]}" cluster silo --membership "$membership" --port "$(free_port)" --gateway-port "$(free_port)" --shared "$work" >"$work/$1.log" 2>&1 &
  pids+=($!)
}

# A silo as launch_silo makes it; waits until it is up.
start_silo() {
  launch_silo "$1"
  wait_for "$work/$1.log" "silo up" 120
}

# Runs the job "${job[@]}" into $work/NAME with the silo VICTIM (a pid) killed once the job's first shard
# is back (it then holds shards in flight and more are queued); fails (the caller's `fail`) unless the
# job finishes with a shard sent again. Prints the job's summary and its seconds.
run_killing() {
  local name="$1" victim="$2" start=$SECONDS runner
  "${projector[@]}" "${job[@]}" --out "$work/$name" >"$work/$name.out" 2>"$work/$name.log" &
  runner=$!
  pids+=($runner)
  wait_for "$work/$name.log" "placed on" 300 || fail "no shard was placed"
  kill -9 "$victim"
  wait "$victim" 2>/dev/null || true
  echo "killed silo (pid $victim) after the first shard"
  wait "$runner" || fail "the job did not survive the loss of a silo"
  grep -q "sent again" "$work/$name.log" || fail "no shard was sent again after the silo was killed"
  echo "two silos, one killed: $(tail -n 1 "$work/$name.out") [$((SECONDS - start)) s]"
}
