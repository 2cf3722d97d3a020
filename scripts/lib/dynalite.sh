# Shared by scripts that need dynalite (MIT-licensed DynamoDB emulator, Node.js): install it and start it in memory.
# Source this file; it defines dynalite_start, which sets DYNALITE_PID and DYNALITE_PORT and stops dynalite on EXIT.
#   DYNALITE_DIR   where dynalite is installed (default ~/.cache/shoal/dynalite)
#   DYNALITE_PORT  port to listen on (default: a free one, trying 4567 first)

DYNALITE_VERSION="4.0.0"

dynalite_install() {
  local dir="$1"
  if [[ ! -f "$dir/node_modules/dynalite/package.json" ]] \
      || ! grep -q "\"version\": \"$DYNALITE_VERSION\"" "$dir/node_modules/dynalite/package.json"; then
    echo "installing dynalite $DYNALITE_VERSION into $dir" >&2
    mkdir -p "$dir"
    npm install --silent --no-audit --no-fund --prefix "$dir" "dynalite@$DYNALITE_VERSION" >&2
  fi
}

dynalite_free_port() {
  python3 - <<'PY'
import socket
for p in [4567] + list(range(4568, 4600)):
    s = socket.socket()
    try:
        s.bind(("127.0.0.1", p)); s.close(); print(p); break
    except OSError:
        s.close()
else:
    s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()
PY
}

# dynalite_start LOGFILE: in memory (no --path); tables become ACTIVE / disappear at once instead of after 500 ms.
dynalite_start() {
  local log="$1"
  local dir="${DYNALITE_DIR:-$HOME/.cache/shoal/dynalite}"
  dynalite_install "$dir"
  DYNALITE_PORT="${DYNALITE_PORT:-$(dynalite_free_port)}"
  mkdir -p "$(dirname "$log")"
  node "$dir/node_modules/dynalite/cli.js" --host 127.0.0.1 --port "$DYNALITE_PORT" \
    --createTableMs 0 --deleteTableMs 0 --updateTableMs 0 >"$log" 2>&1 &
  DYNALITE_PID=$!
  trap 'kill "$DYNALITE_PID" 2>/dev/null || true; wait "$DYNALITE_PID" 2>/dev/null || true' EXIT
  for _ in $(seq 1 100); do
    if (exec 3<>"/dev/tcp/127.0.0.1/$DYNALITE_PORT") 2>/dev/null; then break; fi
    kill -0 "$DYNALITE_PID" 2>/dev/null || { cat "$log" >&2; echo "dynalite did not start" >&2; return 1; }
    sleep 0.1
  done
  echo "dynalite $DYNALITE_VERSION listening on 127.0.0.1:$DYNALITE_PORT (pid $DYNALITE_PID)" >&2
}
