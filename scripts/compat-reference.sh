#!/usr/bin/env bash
# Runs the black-box compatibility suite (compat-tests) against dynalite, an MIT-licensed DynamoDB emulator whose
# behaviour was recorded against real DynamoDB. Tests marked @ReferenceDiffers(server = "dynalite") are skipped;
# the reasons are listed in docs/compatibility.md.
#   DYNALITE_DIR   where dynalite is installed (default ~/.cache/shoal/dynalite)
#   DYNALITE_PORT  port to listen on (default: a free one, trying 4567 first)
#   MVN_FLAGS      extra Maven flags, e.g. -o
set -euo pipefail

repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd -P)"
version="4.0.0"
dir="${DYNALITE_DIR:-$HOME/.cache/shoal/dynalite}"

if [[ ! -f "$dir/node_modules/dynalite/package.json" ]] \
    || ! grep -q "\"version\": \"$version\"" "$dir/node_modules/dynalite/package.json"; then
  echo "installing dynalite $version into $dir" >&2
  mkdir -p "$dir"
  npm install --silent --no-audit --no-fund --prefix "$dir" "dynalite@$version" >&2
fi

port="${DYNALITE_PORT:-}"
if [[ -z "$port" ]]; then
  port=$(python3 - <<'PY'
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
)
fi

log="$repo/compat-tests/target/dynalite.log"
mkdir -p "$(dirname "$log")"
# In memory (no --path); tables become ACTIVE / disappear at once instead of after 500 ms.
node "$dir/node_modules/dynalite/cli.js" --host 127.0.0.1 --port "$port" \
  --createTableMs 0 --deleteTableMs 0 --updateTableMs 0 >"$log" 2>&1 &
pid=$!
trap 'kill "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true' EXIT

for _ in $(seq 1 100); do
  if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then break; fi
  kill -0 "$pid" 2>/dev/null || { cat "$log" >&2; echo "dynalite did not start" >&2; exit 1; }
  sleep 0.1
done
echo "dynalite $version listening on 127.0.0.1:$port (pid $pid)" >&2

status=0
(cd "$repo" && mvn -q ${MVN_FLAGS:-} -pl compat-tests verify -Dshoal.endpoint="http://127.0.0.1:$port" \
  -Dcompat.reference=dynalite) || status=$?

# Totals over the failsafe reports of this run.
python3 - "$repo/compat-tests/target/failsafe-reports" <<'PY'
import glob, sys, xml.etree.ElementTree as ET
t = f = e = s = 0
for path in glob.glob(sys.argv[1] + "/TEST-*.xml"):
    r = ET.parse(path).getroot()
    t += int(r.get("tests", 0)); f += int(r.get("failures", 0)); e += int(r.get("errors", 0)); s += int(r.get("skipped", 0))
print(f"compat vs dynalite: {t - f - e - s} passed, {f + e} failed, {s} skipped")
PY
exit "$status"
