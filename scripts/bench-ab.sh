#!/usr/bin/env bash
# A/B of two builds on fresh local clusters, alternating A, B, A, B so that the machine's slow moments fall on both.
# For changes whose effect is smaller than the run-to-run spread of one cluster (15% on a shared 2-core machine).
#
#   scripts/bench-ab.sh A-node.jar B-node.jar [A-router.jar B-router.jar]
#   CYCLES=3 WORKLOADS="query get" scripts/bench-ab.sh A-node.jar B-node.jar
#   WORKLOADS=put CLIENTS=64 RUN_WARMUP=20 BENCH_ARGS="--rate 720" scripts/bench-ab.sh A.jar B.jar   # p99 at a rate
#
# The jars are copies of node/target/shoal-node-*.jar (and router/target/shoal-router-*.jar); the libraries under
# target/lib are shared, so both sides must run with them. Per cycle and side: ./shoal up with those jars, a
# preloading run of the first workload with WARMUP (60) seconds of warm-up, then for each workload RUNS (2)
# measured runs of DURATION (20) seconds at CLIENTS (16) clients after RUN_WARMUP seconds (default 0, or the bench's
# 20 s for a fixed rate), with BENCH_ARGS added
# (e.g. "--rate 720"), through scripts/cpu-per-op.sh, which reports ops/s and the CPU per operation of each process;
# then ./shoal down. Reports go to target/bench-ab/<time>/, the medians per side and workload (ops/s, p99, CPU) to
# its summary.txt.
set -euo pipefail
cd "$(dirname "$0")/.."
node_a="$1"; node_b="$2"; router_a="${3:-}"; router_b="${4:-}"
cycles="${CYCLES:-2}"; runs="${RUNS:-2}"; duration="${DURATION:-20}"; warmup="${WARMUP:-60}"
workloads="${WORKLOADS:-put get}"
clients="${CLIENTS:-16}"
read -r -a bench_args <<<"${BENCH_ARGS:-}"
# Without RUN_WARMUP a closed-loop run gets none (the cluster is warm) and a fixed-rate run the bench's own default
# (20 s: a cold client JVM falls behind a fixed schedule).
if [[ -n "${RUN_WARMUP:-}" ]]; then
  bench_args+=(--warmup-secs "$RUN_WARMUP")
elif [[ " ${BENCH_ARGS:-} " != *" --rate "* ]]; then
  bench_args+=(--warmup-secs 0)
fi
# Build what is stale once, now: later ./shoal calls must not rebuild, or a build would overwrite the jars under test.
./shoal status >/dev/null 2>&1 || true
export SHOAL_SKIP_BUILD=1
node_jar="$(ls node/target/shoal-node-*.jar | head -1)"
router_jar="$(ls router/target/shoal-router-*.jar | head -1)"
out="target/bench-ab/$(date +%Y%m%d-%H%M%S)"
mkdir -p "$out"
cp "$node_jar" "$out/original-node.jar"
cp "$router_jar" "$out/original-router.jar"
trap './shoal down >/dev/null 2>&1 || true; cp "$out/original-node.jar" "$node_jar"; cp "$out/original-router.jar" "$router_jar"' EXIT
first="${workloads%% *}"
for ((c = 1; c <= cycles; c++)); do
  for side in A B; do
    if [[ "$side" == A ]]; then node="$node_a"; router="$router_a"; else node="$node_b"; router="$router_b"; fi
    ./shoal down >/dev/null 2>&1 || true
    cp "$node" "$node_jar"
    [[ -n "$router" ]] && cp "$router" "$router_jar"
    ./shoal up >/dev/null
    ./shoal bench run --workload "$first" --clients 16 --warmup-secs "$warmup" --duration-secs 5 --no-ceiling \
      >/dev/null 2>&1
    for w in $workloads; do
      for ((r = 1; r <= runs; r++)); do
        f="$out/$side-$c-$w-$r.txt"
        scripts/cpu-per-op.sh --workload "$w" --clients "$clients" --duration-secs "$duration" --no-preload \
          "${bench_args[@]}" >"$f" 2>&1 || true
        line="$(grep -E '^  [A-Z][A-Za-z]+ +[0-9,]+ ' "$f" | head -1 | awk '{print $3}')"
        p99="$(grep -E '^  [A-Z][A-Za-z]+ +[0-9,]+ ' "$f" | head -1 | awk '{print $6}')"
        cpu="$(grep '^cpu ' "$f" | awk '{printf "%s=%s ", $2, $3}')"
        echo "$side cycle $c $w run $r: ops/s $line p99=$p99 $cpu" | tee -a "$out/summary.txt"
      done
    done
  done
done
python3 - "$out/summary.txt" <<'PY' | tee -a "$out/summary.txt"
import re, statistics, sys
vals = {}
for line in open(sys.argv[1]):
    m = re.match(r"(\w) cycle \d+ (\S+) run \d+: ops/s (\S+) (.*)", line)
    if not m:
        continue
    d = vals.setdefault((m[2], m[1]), {})
    d.setdefault("ops/s", []).append(float(m[3].replace(",", "") or 0))
    for k, v in re.findall(r"(\S+)=(\S+)", m[4]):
        try:
            d.setdefault(k, []).append(float(v.replace(",", "")))
        except ValueError:
            pass  # a run with no answered request reports "-"
for (w, side), d in sorted(vals.items()):
    print(f"median {w} {side}: " + ", ".join(
        f"{k} {statistics.median(v):,.0f}" if k == "ops/s" else f"p99 {statistics.median(v):.1f} ms" if k == "p99"
        else f"{k} {statistics.median(v):.4f} ms/op"
        for k, v in d.items()))
PY
