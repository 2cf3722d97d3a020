#!/usr/bin/env bash
# Runs the black-box compatibility suite (compat-tests) against dynalite, an MIT-licensed DynamoDB emulator whose
# behaviour was recorded against real DynamoDB. Tests marked @ReferenceDiffers(server = "dynalite") are skipped;
# the reasons are listed in docs/compatibility.md.
#   DYNALITE_DIR   where dynalite is installed (default ~/.cache/shoal/dynalite)
#   DYNALITE_PORT  port to listen on (default: a free one, trying 4567 first)
#   MVN_FLAGS      extra Maven flags, e.g. -o
set -euo pipefail

repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd -P)"
# shellcheck source=lib/dynalite.sh
source "$repo/scripts/lib/dynalite.sh"
dynalite_start "$repo/compat-tests/target/dynalite.log"
port="$DYNALITE_PORT"

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
