#!/usr/bin/env bash
# The router front end's ceiling: what `shoal bench` gets from the router's DynamoDB front end (HTTP, JSON,
# validation, API handlers, metrics; RouterMain's two event loops) over an in-memory cluster that answers at once:
# no gRPC, no nodes (io.shoal.router.testing.FrontEndCeiling, in the router module's test classes). No cluster
# behind a router can do better on this machine. Prints each workload's report and the CPU per operation of the
# front end and of the bench client.
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
secs="${SECONDS_PER_RUN:-15}"
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
for w in $workloads; do
  # Preload and JIT warm-up first, unmeasured; then the measured run on the warm process.
  SHOAL_SKIP_BUILD=1 ./shoal bench run --endpoint "http://127.0.0.1:$port" --workload "$w" --clients "$clients" \
    --warmup-secs 20 --duration-secs 5 --no-ceiling >/dev/null 2>&1
  out="$(mktemp)"
  t0="$(ticks "$pid")"
  TIMEFORMAT='%U %S'
  { time SHOAL_SKIP_BUILD=1 ./shoal bench run --endpoint "http://127.0.0.1:$port" --workload "$w" \
      --clients "$clients" --no-preload --warmup-secs 1 --duration-secs "$secs" --no-ceiling >"$out" 2>/dev/null; } \
    2>"$out.time"
  t1="$(ticks "$pid")"
  grep -E "^  (op|[A-Z][A-Za-z]+ ) " "$out" | sed "s/^/$w /"
  ops="$(awk '/^  [A-Z][A-Za-z]+ +[0-9,]+ +[0-9,]+ /{gsub(",", "", $2); s += $2} END {print s + 0}' "$out")"
  awk -v d="$((t1 - t0))" -v hz="$hz" -v ops="$ops" -v w="$w" -v c="$(cat "$out.time")" 'BEGIN {
    split(c, t, " ");
    printf "%s cpu: front end %.4f ms/op, bench client %.4f ms/op (client JVM start and warm-up included)\n",
      w, 1000 * d / hz / ops, 1000 * (t[1] + t[2]) / ops }'
  rm -f "$out" "$out.time"
done
