#!/usr/bin/env bash
# Installs (if missing) and starts a Docker engine fit for this project's test machines, or stops the one it
# started. Settings and why: ../../../shared/DOCKER.md (no default bridge, no NAT or forwarding, user-defined
# networks from 198.18.0.0/16 only, black-holed off the machine, no registry reachable).
#
#   deploy/docker/engine.sh start   # idempotent: reuses an engine that already answers
#   deploy/docker/engine.sh stop    # stops only the engine this script started (pid file), removes the route
set -euo pipefail

state="${SHOAL_DOCKER_STATE:-/tmp/shoal-dockerd}"
pidfile="$state/dockerd.pid"
mkdir -p "$state"

engine_answers() {
  timeout 5 docker info >/dev/null 2>&1
}

start() {
  if ! command -v dockerd >/dev/null; then
    echo "installing docker.io (Debian package)…" >&2
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -q >/dev/null
    apt-get install -y -q --no-install-recommends docker.io >/dev/null
  fi
  if engine_answers; then
    echo "docker engine already running" >&2
    return 0
  fi
  # The test range must never leave the machine.
  ip route replace blackhole 198.18.0.0/15
  HTTP_PROXY=http://127.0.0.1:9 HTTPS_PROXY=http://127.0.0.1:9 NO_PROXY= \
    nohup dockerd --bridge=none --iptables=false --ip6tables=false --ip-masq=false --ip-forward=false \
      --default-address-pool base=198.18.0.0/16,size=24 --dns=127.0.0.1 \
      >"$state/dockerd.log" 2>&1 &
  echo $! >"$pidfile"
  for _ in $(seq 1 60); do
    if engine_answers; then
      echo "docker engine started (pid $(cat "$pidfile"), log $state/dockerd.log)" >&2
      return 0
    fi
    sleep 0.5
  done
  echo "docker engine did not answer within 30 s; log:" >&2
  tail -20 "$state/dockerd.log" >&2
  return 1
}

stop() {
  if [[ -f "$pidfile" ]]; then
    pid="$(cat "$pidfile")"
    if kill -0 "$pid" 2>/dev/null; then
      kill "$pid"
      for _ in $(seq 1 40); do
        kill -0 "$pid" 2>/dev/null || break
        sleep 0.25
      done
    fi
    rm -f "$pidfile"
    ip route del blackhole 198.18.0.0/15 2>/dev/null || true
    echo "docker engine stopped" >&2
  fi
}

case "${1:-}" in
  start) start ;;
  stop) stop ;;
  *) echo "usage: $0 start|stop" >&2; exit 2 ;;
esac
