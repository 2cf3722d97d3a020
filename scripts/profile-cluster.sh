#!/usr/bin/env bash
# CPU profile of the running local cluster (./shoal up) with async-profiler, which sees kernel and native frames
# (RocksDB, fsync, context switches) as well as Java ones: JFR's samples cover Java frames only.
#
#   scripts/profile-cluster.sh [SECONDS] [OUT_DIR]
#
# Profiles n1, n2, n3 and the router for SECONDS (default 30) while you run load (e.g. `./shoal bench run
# --workload put --duration-secs 60` in another shell), writes one collapsed-stack file per process (per thread:
# the first frame is the thread) under OUT_DIR (default target/profile/<time>), and prints a summary: share of
# samples in the kernel, RocksDB, the JVM and Java code, the busiest threads and the hottest leaf frames.
# Open the .collapsed files with any flame-graph tool. async-profiler 3.0 (Apache-2.0) comes from Maven Central.
set -euo pipefail
cd "$(dirname "$0")/.."
secs="${1:-30}"
out="${2:-target/profile/$(date +%Y%m%d-%H%M%S)}"
version="3.0"
jar="$HOME/.m2/repository/tools/profiler/async-profiler/$version/async-profiler-$version.jar"
lib_dir="$HOME/.cache/shoal/async-profiler-$version"
lib="$lib_dir/linux-x64/libasyncProfiler.so"

if [[ ! -f "$lib" ]]; then
  [[ -f "$jar" ]] || mvn -q dependency:get -Dartifact="tools.profiler:async-profiler:$version" >&2
  mkdir -p "$lib_dir"
  unzip -o -q "$jar" 'linux-x64/*' -d "$lib_dir"
fi

declare -A pids
for n in n1 n2 n3; do
  pids[$n]="$(pgrep -f "NodeMain.*--id $n " | head -1 || true)"
done
pids[router]="$(pgrep -f "io.shoal.router.RouterMain" | head -1 || true)"
mkdir -p "$out"
out="$(cd "$out" && pwd)"
started=()
for name in "${!pids[@]}"; do
  pid="${pids[$name]}"
  if [[ -z "$pid" ]]; then
    echo "$name is not running; skipped" >&2
    continue
  fi
  # jcmd's argument parser splits at '=', so the agent's options go in double quotes.
  jcmd "$pid" JVMTI.agent_load "$lib" "\"start,event=cpu,interval=997us,threads\"" >/dev/null
  started+=("$name")
done
[[ ${#started[@]} -gt 0 ]] || { echo "no Shoal process running: ./shoal up first" >&2; exit 1; }
echo "profiling ${started[*]} for ${secs}s" >&2
sleep "$secs"
for name in "${started[@]}"; do
  jcmd "${pids[$name]}" JVMTI.agent_load "$lib" "\"stop,file=$out/$name.collapsed,collapsed\"" >/dev/null
done
sleep 1
files=()
for name in "${started[@]}"; do
  files+=("$out/$name.collapsed")
done
python3 scripts/lib/collapsed_summary.py "${files[@]}"
echo "collapsed stacks in $out" >&2
