#!/usr/bin/env bash
# Measures what a node pays per hosted group for each Raft log layout: threads, open files, RSS and idle CPU of
# 3 local nodes hosting GROUPS data groups (+ the metadata group), shared log store vs jraft's log per replica.
# Usage: scripts/measure-raft-log.sh [GROUPS] [SECONDS]   (loopback only; stops what it starts)
set -euo pipefail
repo="$(cd "$(dirname "$0")/.." && pwd)"
groups="${1:-24}"; secs="${2:-20}"
cp="$repo/node/target/shoal-node-0.1.0-SNAPSHOT.jar:$repo/node/target/lib/*"
hz=$(getconf CLK_TCK)
all_pids=()
trap 'kill ${all_pids[*]} 2>/dev/null || true' EXIT
run() {
  local mode=$1 dir; dir=$(mktemp -d); local pids=()
  for i in 1 2 3; do
    java -Xmx512m -XX:+UseSerialGC -cp "$cp" io.shoal.node.NodeMain --id n$i --zone "$(echo a b c | cut -d' ' -f$i)" \
      --raft-port $((17100+i)) --grpc-port $((17200+i)) --data-dir "$dir/n$i" --groups "$groups" --raft-log "$mode" \
      --meta-peers 127.0.0.1:17101,127.0.0.1:17102,127.0.0.1:17103 \
      --seeds 127.0.0.1:17201,127.0.0.1:17202,127.0.0.1:17203 >"$dir/n$i.log" 2>&1 &
    pids+=($!)
  done
  all_pids+=("${pids[@]}")
  # Wait until every node hosts all its replicas (each node starts one replica per group).
  for _ in $(seq 1 240); do
    local started; started=$(cat "$dir"/n*.log 2>/dev/null | grep -c "started replica of group" || true)
    [ "$started" -ge $((groups * 3)) ] && break; sleep 0.5
  done
  sleep 10
  local cpu0=0 cpu1=0
  for p in "${pids[@]}"; do cpu0=$((cpu0 + $(awk '{print $14+$15}' /proc/$p/stat))); done
  sleep "$secs"
  for p in "${pids[@]}"; do cpu1=$((cpu1 + $(awk '{print $14+$15}' /proc/$p/stat))); done
  local threads=0 fds=0 rss=0
  for p in "${pids[@]}"; do
    threads=$((threads + $(ls /proc/$p/task | wc -l)))
    fds=$((fds + $(ls /proc/$p/fd | wc -l)))
    rss=$((rss + $(awk '/VmRSS/{print $2}' /proc/$p/status)))
  done
  printf '%-9s groups=%d replicas/node=%d  per node: threads=%d open-files=%d rss=%dMB idle-cpu=%.2f cores  raft-log files/node=%d\n' \
    "$mode" "$groups" $((groups + 1)) $((threads / 3)) $((fds / 3)) $((rss / 3 / 1024)) \
    "$(echo "($cpu1 - $cpu0) / $hz / $secs / 3" | bc -l)" \
    "$(find "$dir/n1" -path '*log*' -type f | wc -l)"
  kill "${pids[@]}" 2>/dev/null || true; wait 2>/dev/null || true; rm -rf "$dir"
}
run shared
run per-group
