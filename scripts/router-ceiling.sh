#!/usr/bin/env bash
# The router front end's ceiling: what `shoal bench` gets from the router's DynamoDB front end (HTTP, JSON,
# validation, API handlers, metrics; RouterMain's two event loops) over an in-memory cluster that answers at once:
# no gRPC, no nodes (io.shoal.router.testing.FrontEndCeiling, in the router module's test classes). No cluster
# behind a router can do better on this machine. Prints each workload's report and the CPU per operation of the
# front end and of the bench client over the measured window (both JVMs warm).
#
#   scripts/router-ceiling.sh                       # get and put at 16 clients
#   WORKLOADS="get" CLIENTS=32 scripts/router-ceiling.sh
#
# Stop any local cluster first (./shoal down): it would share the two cores. Needs `mvn -q install -DskipTests`
# (which compiles the test classes) once. Loopback only; stops what it starts.
set -euo pipefail
repo="$(cd "$(dirname "$0")/.." && pwd)"
cd "$repo"
workloads="${WORKLOADS:-get put}"
clients="${CLIENTS:-16}"
secs="${SECONDS_PER_RUN:-20}"
port="${PORT:-8100}"
jvm_opts="${SHOAL_ROUTER_JVM_OPTS:--Xmx256m}"
cp="$repo/router/target/test-classes:$repo/router/target/classes:$repo/router/target/lib/*"
[[ -f "$repo/router/target/test-classes/io/shoal/router/testing/FrontEndCeiling.class" ]] || {
  echo "router test classes missing: run mvn -q install -DskipTests first" >&2; exit 1; }
if pgrep -f "io.shoal.node.NodeMain|io.shoal.router.RouterMain" >/dev/null; then
  echo "note: a Shoal cluster is running on this machine and shares its cores (./shoal down for a clean ceiling)" >&2
fi
# shellcheck disable=SC2086
java $jvm_opts -cp "$cp" io.shoal.router.testing.FrontEndCeiling "$port" 3600 >/dev/null 2>&1 &
pid=$!
trap 'kill $pid 2>/dev/null || true' EXIT
for _ in $(seq 1 100); do
  curl -s -o /dev/null "http://127.0.0.1:$port/health" && break
  sleep 0.2
done
hz="$(getconf CLK_TCK)"
ticks() { awk '{print $14 + $15}' "/proc/$1/stat"; }
echo "load average at start: $(cut -d' ' -f1-3 /proc/loadavg)"
progress_at() { tr '\r' '\n' <"$1" | grep -q "] $2s "; }
for w in $workloads; do
  # Creates and preloads the table; unmeasured.
  SHOAL_SKIP_BUILD=1 ./shoal bench run --endpoint "http://127.0.0.1:$port" --workload "$w" --clients "$clients" \
    --warmup-secs 0 --duration-secs 1 --no-ceiling >/dev/null 2>&1
  out="$(mktemp)"; err="$(mktemp)"
  # One client JVM: WARMUP_SECS of load warms both JITs, then the measured window. CPU is read from /proc between
  # the window's progress lines for second 1 and second SECONDS_PER_RUN-1, so neither JVM start nor warm-up counts.
  SHOAL_SKIP_BUILD=1 ./shoal bench run --endpoint "http://127.0.0.1:$port" --workload "$w" --clients "$clients" \
    --no-preload --warmup-secs "${WARMUP_SECS:-30}" --duration-secs "$secs" --no-ceiling >"$out" 2>"$err" &
  client=$!   # ./shoal execs java: this is the client JVM
  until progress_at "$err" 1; do sleep 0.05; done
  f0="$(ticks "$pid")"; c0="$(ticks "$client")"
  until progress_at "$err" $((secs - 1)); do sleep 0.05; done
  f1="$(ticks "$pid")"; c1="$(ticks "$client")"
  wait "$client"
  grep -E "^  (op|[A-Z][A-Za-z]+ ) " "$out" | sed "s/^/$w /"
  rate="$(awk '/^  [A-Z][A-Za-z]+ +[0-9,]+ +[0-9,]+ /{gsub(",", "", $3); print $3; exit}' "$out")"
  awk -v f="$((f1 - f0))" -v c="$((c1 - c0))" -v hz="$hz" -v rate="$rate" -v s="$((secs - 2))" -v w="$w" 'BEGIN {
    ops = rate * s;
    printf "%s cpu over %d s of the window: front end %.4f ms/op, bench client %.4f ms/op\n", w, s,
      1000 * f / hz / ops, 1000 * c / hz / ops }'
  rm -f "$out" "$err"
done
