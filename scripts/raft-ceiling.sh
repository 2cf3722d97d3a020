#!/usr/bin/env bash
# The Raft ceiling: replicated, fsynced writes per second that sofa-jraft alone does on this machine, with Shoal's
# Raft options and nothing of Shoal above it (no HTTP, no router, no gRPC, no item store). Three processes on
# loopback, one replica each, started with ./shoal up's node JVM options; the leader proposes entries closed-loop
# (io.shoal.node.raft.RaftCeiling, in the node module's test classes): a warm-up (WARMUP_SECS, 30: the JIT), then
# one window per in-flight count in the same processes. Prints one line per window and a table.
#
#   scripts/raft-ceiling.sh                                   # 1 KB entries at 1, 4, 16, 32, 64 in flight
#   INFLIGHT="16 32" ENTRY_BYTES="100 1024" SECONDS_PER_RUN=20 scripts/raft-ceiling.sh
#
# Stop any local cluster first (./shoal down): it would share the two cores. Needs `mvn -q install -DskipTests`
# (which compiles the test classes) once. Loopback only; stops what it starts.
set -euo pipefail
repo="$(cd "$(dirname "$0")/.." && pwd)"
inflight="${INFLIGHT:-1 4 16 32 64}"
entry_bytes="${ENTRY_BYTES:-1024}"
secs="${SECONDS_PER_RUN:-10}"
warmup="${WARMUP_SECS:-30}"
jvm_opts="${SHOAL_NODE_JVM_OPTS:--Xms64m -Xmx512m -XX:+UseSerialGC -XX:+ExitOnOutOfMemoryError}"
base_port="${BASE_PORT:-17401}"
cp="$repo/node/target/test-classes:$repo/node/target/classes:$repo/node/target/lib/*"
[[ -f "$repo/node/target/test-classes/io/shoal/node/raft/RaftCeiling.class" ]] || {
  echo "node test classes missing: run mvn -q install -DskipTests first" >&2; exit 1; }
if pgrep -f "io.shoal.node.NodeMain" >/dev/null; then
  echo "note: Shoal nodes are running on this machine and share its cores (./shoal down for a clean ceiling)" >&2
fi
pids=()
work="$(mktemp -d)"
keep=0
trap 'kill "${pids[@]}" 2>/dev/null || true; [[ $keep == 1 ]] || rm -rf "$work"' EXIT
peers="127.0.0.1:$base_port,127.0.0.1:$((base_port + 1)),127.0.0.1:$((base_port + 2))"
results=()
for size in $entry_bytes; do
  run="$work/run-$size"
  mkdir -p "$run"
  # Time to start three JVMs and elect a leader; then the warm-up, then one window per in-flight count.
  start_at=$(( $(date +%s%3N) + 15000 ))
  pids=()
  for id in 1 2 3; do
    # shellcheck disable=SC2086
    timeout $((45 + warmup + (secs + 3) * $(wc -w <<<"$inflight"))) \
      java $jvm_opts -cp "$cp" io.shoal.node.raft.RaftCeiling --id "$id" --peers "$peers" --dir "$run/n$id" \
      --entry-bytes "$size" --inflight "${inflight// /,}" --start-at-ms "$start_at" --warmup-secs "$warmup" \
      --seconds "$secs" >"$run/n$id.out" 2>"$run/n$id.err" &
    pids+=($!)
  done
  wait "${pids[@]}" || true
  for n in $inflight; do
    leader="$(grep -h "^RESULT .*leader=true inflight=$n " "$run"/n*.out || true)"
    if [[ -z "$leader" ]]; then
      echo "entry $size B, $n in flight: no replica led at the start (logs kept in $run)" >&2
      keep=1
      exit 1
    fi
    # A window counts only if all three replicas reported it and the leader's proposals all succeeded and drained:
    # with a replica missing, the other two still commit, and the CPU sum would leave one process out.
    if [[ "$(grep -h "^RESULT .* inflight=$n " "$run"/n*.out | wc -l)" -ne 3 ]] \
        || ! grep -q " errors=0 drained=true" <<<"$leader"; then
      echo "entry $size B, $n in flight: not a clean window (a replica missing, errors or undrained lanes):" >&2
      echo "$leader (logs kept in $run)" >&2
      keep=1
      exit 1
    fi
    cpu="$(grep -h "^RESULT .* inflight=$n " "$run"/n*.out | sed -E 's/.*cpu_ms=([0-9.]+).*/\1/' \
      | awk '{s += $1} END {print s}')"
    echo "$leader total_cpu_ms=$cpu"
    results+=("$leader total_cpu_ms=$cpu")
  done
done
echo
printf '%-6s %-9s %10s %8s %8s %9s %16s\n' entry "in flight" "writes/s" "p50 ms" "p99 ms" "errors" "CPU ms per write"
for r in "${results[@]}"; do
  get() { sed -E "s/.* $1=([^ ]+).*/\1/" <<<"$r"; }
  ops="$(get ops)"
  per_write="$(awk -v c="$(get total_cpu_ms)" -v o="$ops" 'BEGIN {printf "%.3f", (o > 0) ? c / o : 0}')"
  printf '%-6s %-9s %10s %8s %8s %9s %16s\n' "$(get entry_bytes)" "$(get inflight)" "$(get ops_per_s)" \
    "$(get p50_ms)" "$(get p99_ms)" "$(get errors)" "$per_write"
done
