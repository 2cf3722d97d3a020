#!/usr/bin/env bash
# CPU time per operation of each process of the running local cluster (./shoal up) during one `shoal bench run`:
# steadier than throughput on a shared machine, where another tenant's load moves ops/s by 15% between runs.
#
#   scripts/cpu-per-op.sh --workload put --clients 16 --duration-secs 20 --no-preload   # any `bench run` flags
#
# Reads utime + stime of n1..n6 and the router from /proc/<pid>/stat before and after the run (the bench's own
# warm-up included, so keep --warmup-secs small), divides by the operations the run reports, and prints
# milliseconds of CPU per operation per process and in total. The bench client is not counted.
set -euo pipefail
cd "$(dirname "$0")/.."
hz="$(getconf CLK_TCK)"
declare -A pids
for n in n1 n2 n3 n4 n5 n6; do
  p="$(pgrep -f "NodeMain.*--id $n " | head -1 || true)"
  [[ -n "$p" ]] && pids[$n]="$p"
done
p="$(pgrep -f "io.shoal.router.RouterMain" | head -1 || true)"
[[ -n "$p" ]] && pids[router]="$p"
[[ ${#pids[@]} -gt 0 ]] || { echo "no cluster processes found (./shoal up first)" >&2; exit 1; }
ticks() { awk '{print $14 + $15}' "/proc/$1/stat"; }
declare -A before
for n in "${!pids[@]}"; do before[$n]="$(ticks "${pids[$n]}")"; done
out="$(mktemp)"
# Never rebuild here: a build would replace the jars under the running cluster and use the CPU being measured.
SHOAL_SKIP_BUILD=1 ./shoal bench run --no-ceiling "$@" 2>/dev/null | tee "$out"
declare -A after
for n in "${!pids[@]}"; do after[$n]="$(ticks "${pids[$n]}")"; done
# Operations: the sum of the ops column of the report's op lines (a mix reports one line per op kind).
ops="$(awk '/^  [A-Z][A-Za-z]+ +[0-9,]+ +[0-9,]+ /{gsub(",", "", $2); s += $2} END {print s + 0}' "$out")"
rm -f "$out"
[[ "$ops" -gt 0 ]] || { echo "the run reported no operations" >&2; exit 1; }
total=0
for n in $(printf '%s\n' "${!pids[@]}" | sort); do
  d=$(( ${after[$n]} - ${before[$n]} ))
  total=$(( total + d ))
  awk -v n="$n" -v d="$d" -v hz="$hz" -v ops="$ops" 'BEGIN {printf "cpu %-7s %.4f ms/op\n", n, 1000 * d / hz / ops}'
done
awk -v d="$total" -v hz="$hz" -v ops="$ops" 'BEGIN {printf "cpu total   %.4f ms/op over %d ops\n", 1000 * d / hz / ops, ops}'
