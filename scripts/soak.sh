#!/usr/bin/env bash
# Soak: runs the chaos drills (NetworkPartitionIT, ProcessFaultIT, LeaderStormIT) again and again, each round with a
# fresh seed and every optional fault of the network drill (-Dshoal.chaos.extras), until MINUTES have passed.
# Usage: scripts/soak.sh [MINUTES] [SEED]
#   MINUTES  how long to keep starting rounds (default 30). A round already running when the time is up is allowed
#            to finish, but no round runs longer than SOAK_ROUND_MAX_MIN (default 25) minutes: the whole soak ends
#            within MINUTES + SOAK_ROUND_MAX_MIN.
#   SEED     seed of round 1; round i uses SEED + i - 1 (default: drawn at random and printed), so a soak replays.
#   SOAK_TESTS     which ITs (default NetworkPartitionIT,ProcessFaultIT,LeaderStormIT)
#   SOAK_EXTRAS    -Dshoal.chaos.extras for NetworkPartitionIT (default 6: at least every optional fault, of which there are 5)
#   MVN_FLAGS      extra Maven flags (default -o)
# Needs root for the network-namespace drill (NetworkPartitionIT is skipped, not passed, without it; the others fall
# back to a loopback cluster). Logs: chaos-tests/target/soak/<start>/round-<i>.log; a failed round's histories are in
# chaos-tests/target/netns-drill/. Exits 1 if any round failed.
set -euo pipefail

repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd -P)"
minutes="${1:-30}"
seed="${2:-$(( (RANDOM << 30) ^ (RANDOM << 15) ^ RANDOM ))}"
tests="${SOAK_TESTS:-NetworkPartitionIT,ProcessFaultIT,LeaderStormIT}"
extras="${SOAK_EXTRAS:-6}"
round_max="${SOAK_ROUND_MAX_MIN:-25}"
mvn_flags="${MVN_FLAGS:--o}"
[[ "$minutes" =~ ^[0-9]+$ && "$minutes" -ge 1 ]] || { echo "MINUTES must be a positive integer, got $minutes" >&2; exit 2; }
[[ "$seed" =~ ^-?[0-9]+$ ]] || { echo "SEED must be an integer, got $seed" >&2; exit 2; }

logs="$repo/chaos-tests/target/soak/$(date +%Y%m%d-%H%M%S)"
mkdir -p "$logs"
deadline=$(( $(date +%s) + minutes * 60 ))
echo "soak: $minutes min of $tests, extras $extras, first seed $seed (replay: scripts/soak.sh $minutes $seed); logs in $logs"

round=0; failed=0; results=()
while (( $(date +%s) < deadline )); do
  round=$((round + 1))
  s=$((seed + round - 1))
  log="$logs/round-$round.log"
  t0=$(date +%s)
  echo "round $round: seed $s ..."
  # -am from the repository root (never install: the drills run the jars in each module's target/). timeout
  # signals the whole process group, so the test JVM's shutdown hooks tear its clusters and namespaces down.
  set +e
  (cd "$repo" && timeout --kill-after=60 "${round_max}m" mvn $mvn_flags -pl chaos-tests -am verify \
      -Dit.test="$tests" -Dtest=NoUnitTests -Dsurefire.failIfNoSpecifiedTests=false -DfailIfNoTests=false \
      -Dshoal.chaos.seed="$s" -Dshoal.chaos.extras="$extras") >"$log" 2>&1
  rc=$?
  set -e
  took=$(( $(date +%s) - t0 ))
  summary=$(sed 's/\x1b\[[0-9;]*m//g' "$log" | grep -E '^\[(INFO|WARNING|ERROR)\] Tests run: [0-9]+, Failures' | tail -1 \
      | sed 's/^\[[A-Z]*\] //' || true)
  skipped=$(sed 's/\x1b\[[0-9;]*m//g' "$log" | grep -c 'SKIPPED, not passed' || true)
  if (( rc == 0 )); then
    verdict="PASS"
  elif (( rc == 124 || rc == 137 )); then
    verdict="TIMEOUT after ${round_max} min"; failed=$((failed + 1))
  else
    verdict="FAIL (mvn exit $rc)"; failed=$((failed + 1))
  fi
  note=""
  if (( skipped > 0 )); then note="; network drill SKIPPED (no namespaces)"; fi
  line="round $round seed $s: $verdict in ${took}s; ${summary:-no test summary}$note"
  echo "$line"
  results+=("$line")
  if [[ "$verdict" != PASS ]]; then
    sed 's/\x1b\[[0-9;]*m//g' "$log" | grep -E 'FAILED with seed|Tests run:.*FAIL|AssertionError|expected' | head -5 || true
    echo "  replay: mvn -o -pl chaos-tests -am verify -Dit.test=$tests -Dtest=NoUnitTests -Dsurefire.failIfNoSpecifiedTests=false -DfailIfNoTests=false -Dshoal.chaos.seed=$s -Dshoal.chaos.extras=$extras"
  fi
done

echo "=== soak: $round rounds in $minutes min, $failed failed (first seed $seed)"
printf '  %s\n' "${results[@]}"
(( failed == 0 ))
