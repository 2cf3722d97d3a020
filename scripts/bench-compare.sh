#!/usr/bin/env bash
# One command to reproduce docs/performance.md's comparison: every `shoal bench` workload against the local Shoal
# cluster (A, started with ./shoal up if it is not running) and a baseline endpoint on the same machine (B),
# alternating rounds A,B,A,B... so that the machine's slow moments fall on both. The baseline is dynalite (MIT,
# in memory, installed from npm) unless COMPARE_URL names another endpoint, e.g. a DynamoDB Local you started
# yourself (its licence keeps it out of this repository's downloads).
#   COMPARE_URL  baseline endpoint (default: dynalite started here)
#   WORKLOADS    default "put get get-zipf get-strong query mix-a mix-b batch-write cond-increment"
#   CLIENTS      connections (default 16)       DURATION  measured seconds per round (default 15)
#   ROUNDS       rounds per endpoint (default 3) RECORDS   key space and preload (default 10000)
#   WARMUP       seconds of unrecorded put and get load on each endpoint first (default 120): a fresh cluster's four
#                JVMs spend their first minutes compiling (about 60 s of C2 time per node on 2 cores)
#   OUT          where the reports go (default target/bench-compare/<UTC time>)
set -euo pipefail

repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd -P)"
workloads="${WORKLOADS:-put get get-zipf get-strong query mix-a mix-b batch-write cond-increment}"
clients="${CLIENTS:-16}"
duration="${DURATION:-15}"
rounds="${ROUNDS:-3}"
records="${RECORDS:-10000}"
out="${OUT:-$repo/target/bench-compare/$(date -u +%Y%m%dT%H%M%SZ)}"
mkdir -p "$out"

"$repo/shoal" up
compare="${COMPARE_URL:-}"
if [[ -z "$compare" ]]; then
  # shellcheck source=lib/dynalite.sh
  source "$repo/scripts/lib/dynalite.sh"
  dynalite_start "$out/dynalite.log"
  compare="http://127.0.0.1:$DYNALITE_PORT"
fi

{
  echo "commit $(git -C "$repo" rev-parse --short HEAD 2>/dev/null || echo unknown), $(date -u +%FT%TZ)"
  echo "machine: $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo), load $(cut -d' ' -f1-3 /proc/loadavg)"
  echo "A = Shoal on http://127.0.0.1:8000 (shoal status below), B = $compare"
  echo "clients $clients, $duration s x $rounds rounds per endpoint, records $records"
} | tee "$out/summary.txt"
"$repo/shoal" status >> "$out/summary.txt" 2>&1 || true

warmup="${WARMUP:-120}"
if (( warmup > 0 )); then
  echo "warming up both endpoints (${warmup} s each, not recorded)" | tee -a "$out/summary.txt"
  for url in http://127.0.0.1:8000 "$compare"; do
    for w in put get; do
      "$repo/shoal" bench run --workload "$w" --endpoint "$url" --clients "$clients" --records "$records" \
        --warmup-secs 0 --duration-secs $(( (warmup + 1) / 2 )) --no-ceiling >> "$out/warmup.txt" 2>&1 || true
    done
  done
fi

status=0
for w in $workloads; do
  echo "== $w" | tee -a "$out/summary.txt"
  "$repo/shoal" bench run --workload "$w" --clients "$clients" --duration-secs "$duration" --rounds "$rounds" \
    --records "$records" --compare "$compare" 2> "$out/$w.progress" | tee "$out/$w.txt" || status=$?
  # The comparison table of the run (its header line and the op lines after it).
  sed -n '/A\/B ops\/s/,$p' "$out/$w.txt" >> "$out/summary.txt"
done
echo "reports in $out (summary.txt has the comparison tables)"
exit "$status"
