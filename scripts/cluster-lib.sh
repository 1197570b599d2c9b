# Helpers of the scripts that run a layout cluster on this machine (sourced, not run): a scratch folder,
# the processes started (all stopped on exit, failure included), free loopback ports, Redis and silos.
# The caller sets `projector` (the command, as an array) before starting silos.

# Makes the scratch folder $work (under /tmp, named PREFIX.XXXXXX) and stops everything on exit.
cluster_setup() {
  work="$(mktemp -d "/tmp/$1.XXXXXX")"
  pids=()
  trap cluster_cleanup EXIT
}

cluster_cleanup() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  for pid in "${pids[@]}"; do wait "$pid" 2>/dev/null || true; done
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

# A silo on free loopback ports reading from $work, logging to $work/NAME.log; waits until it is up.
# Its pid is the last of ${pids[@]} (not run in a subshell, so the cleanup list keeps it).
start_silo() {
  "${projector[@]}" cluster silo --membership "$membership" --port "$(free_port)" --gateway-port "$(free_port)" --shared "$work" >"$work/$1.log" 2>&1 &
  pids+=($!)
  wait_for "$work/$1.log" "silo up" 120
}
