#!/usr/bin/env bash
# Builds the Shoal container image locally, pulling nothing: `./shoal image` runs this.
#
#   - a JRE made with jlink from this machine's JDK (its jmods), with a CDS archive for a faster start;
#   - the shared libraries that ldd lists for that JRE's binaries and for the JNI libraries Shoal loads
#     (RocksDB, Netty's epoll transport inside grpc-netty-shaded), copied from this machine;
#   - the node and router jars with their dependencies (the RocksDB jar without its other platforms' natives;
#     its linux64 library sits in /opt/shoal/native, found through java.library.path);
#   - FROM scratch, user shoal (10001), one image for every role:
#       docker run IMAGE @node   [flags]   storage node (and metadata replica, when listed in --meta-peers)
#       docker run IMAGE @router [flags]   router
#     (@node and @router are java argument files in the working directory /opt/shoal; settings come from flags
#     or SHOAL_* environment variables, JVM options from JAVA_TOOL_OPTIONS.)
#
# Usage: deploy/docker/build.sh [--tag TAG] [--skip-build]
#   --tag TAG      image tag (default shoal:dev, or $SHOAL_IMAGE)
#   --skip-build   use the jars already in node/target and router/target
#   SHOAL_MVN_FLAGS  extra flags for the Maven build (e.g. -o)
set -euo pipefail

repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd -P)"
version="0.1.0-SNAPSHOT"
tag="${SHOAL_IMAGE:-shoal:dev}"
build=1
while [[ $# -gt 0 ]]; do
  case "$1" in
    --tag) tag="$2"; shift 2 ;;
    --skip-build) build=0; shift ;;
    -h|--help) sed -n '2,20p' "$0"; exit 0 ;;
    *) echo "unknown option $1" >&2; exit 2 ;;
  esac
done

t0=$(date +%s.%N)
if [[ $build == 1 ]]; then
  echo "building node and router jars…" >&2
  (cd "$repo" && mvn -q -B -DskipTests ${SHOAL_MVN_FLAGS:-} -pl node,router -am package) >&2
fi
for m in node router; do
  [[ -f "$repo/$m/target/shoal-$m-$version.jar" && -d "$repo/$m/target/lib" ]] || {
    echo "missing $m/target/shoal-$m-$version.jar or $m/target/lib: run without --skip-build" >&2; exit 1; }
done

java_home="${JAVA_HOME:-$(dirname "$(dirname "$(readlink -f "$(command -v java)")")")}"
[[ -d "$java_home/jmods" ]] || { echo "no jmods in $java_home: jlink needs a full JDK (openjdk-17-jdk-headless)" >&2; exit 1; }
jdk_version="$("$java_home/bin/java" -version 2>&1 | sed -n 1p)"

ctx="$repo/target/image"
base="$ctx/base"   # JRE + system libraries + /etc, /tmp, /data: rebuilt only when the JDK or module list changes
app="$ctx/app"     # Shoal's jars, the RocksDB library and the argument files
mkdir -p "$ctx"

# Modules: what jdeps finds in node and router (java.desktop for java.beans, which several libraries use), plus
# jdk.crypto.ec for TLS clients and jdk.zipfs for nothing but safety is left out: keep the image small.
modules="java.base,java.desktop,java.naming,java.rmi,java.sql,java.management,jdk.httpserver,jdk.jfr,jdk.management,jdk.sctp,jdk.unsupported"
stamp="$jdk_version|$modules|v2"
if [[ ! -f "$base/.stamp" || "$(cat "$base/.stamp")" != "$stamp" ]]; then
  echo "making the base: jlink JRE ($jdk_version) + shared libraries…" >&2
  rm -rf "$base"
  mkdir -p "$base/rootfs/opt"
  "$java_home/bin/jlink" --add-modules "$modules" --strip-debug --no-man-pages --no-header-files \
    --compress=2 --output "$base/rootfs/opt/java"
  # A class-data-sharing archive of the JDK's classes cuts JVM start-up.
  "$base/rootfs/opt/java/bin/java" -Xshare:dump >/dev/null 2>&1 || true
  mkdir -p "$base/rootfs/etc" "$base/rootfs/tmp" "$base/owned/data"
  chmod 1777 "$base/rootfs/tmp"
  printf 'root:x:0:0:root:/root:/sbin/nologin\nshoal:x:10001:10001:shoal:/data:/sbin/nologin\n' >"$base/rootfs/etc/passwd"
  printf 'root:x:0:\nshoal:x:10001:\n' >"$base/rootfs/etc/group"
  printf 'hosts: files dns\n' >"$base/rootfs/etc/nsswitch.conf"
  echo "$stamp" >"$base/.stamp"
fi

# The app layer.
rm -rf "$app"
mkdir -p "$app/rootfs/opt/shoal/native"
for m in node router; do
  mkdir -p "$app/rootfs/opt/shoal/lib/$m"
  cp "$repo/$m/target/shoal-$m-$version.jar" "$app/rootfs/opt/shoal/lib/$m/"
  for jar in "$repo/$m/target/lib/"*.jar; do
    case "$(basename "$jar")" in
      rocksdbjni-*.jar)
        # Keep the classes, drop the 17 platforms' natives (about 200 MB unpacked); linux64 goes to native/.
        python3 - "$jar" "$app/rootfs/opt/shoal/lib/$m/$(basename "$jar")" "$app/rootfs/opt/shoal/native" <<'PY'
import sys, zipfile, os
src, dst, native = sys.argv[1:4]
with zipfile.ZipFile(src) as zin, zipfile.ZipFile(dst, "w", zipfile.ZIP_DEFLATED) as zout:
    for item in zin.infolist():
        name = item.filename
        if name.endswith((".so", ".jnilib", ".dll")):
            if name == "librocksdbjni-linux64.so":
                with open(os.path.join(native, name), "wb") as f:
                    f.write(zin.read(name))
            continue
        zout.writestr(item, zin.read(name))
PY
        ;;
      *) cp "$jar" "$app/rootfs/opt/shoal/lib/$m/" ;;
    esac
  done
done
[[ -f "$app/rootfs/opt/shoal/native/librocksdbjni-linux64.so" ]] || { echo "RocksDB's linux64 library not found" >&2; exit 1; }
# The JVM flags shared by both roles; the container's memory limit sizes the heap. Short DNS caching: peers are
# found by name (network alias, StatefulSet pod DNS) and a restarted or reconnected peer may change address.
common="-XX:+ExitOnOutOfMemoryError -XX:MaxRAMPercentage=60 -Djava.io.tmpdir=/tmp -Dsun.net.inetaddr.ttl=5 -Dsun.net.inetaddr.negative.ttl=1"
printf '%s\n' "$common -Djava.library.path=/opt/shoal/native -cp /opt/shoal/lib/node/* io.shoal.node.NodeMain" \
  >"$app/rootfs/opt/shoal/node"
printf '%s\n' "$common -cp /opt/shoal/lib/router/* io.shoal.router.RouterMain" >"$app/rootfs/opt/shoal/router"

# Shared libraries of the JRE and of the JNI libraries (Netty's epoll library comes out of grpc-netty-shaded).
rm -rf "$ctx/probe"; mkdir -p "$ctx/probe"
python3 - "$repo"/node/target/lib/grpc-netty-shaded-*.jar "$ctx/probe" <<'PY'
import sys, zipfile, os
with zipfile.ZipFile(sys.argv[1]) as z:
    for n in z.namelist():
        if n.endswith("netty_transport_native_epoll_x86_64.so"):
            open(os.path.join(sys.argv[2], os.path.basename(n)), "wb").write(z.read(n))
PY
libs="$ctx/libs.txt"
find "$base/rootfs/opt/java" "$app/rootfs/opt/shoal/native" "$ctx/probe" -type f \( -name '*.so' -o -perm -u+x \) \
  -print0 2>/dev/null | xargs -0 -n1 ldd 2>/dev/null | awk '/=> \//{print $3} /^\t\/lib/{print $1}' | sort -u >"$libs"
rm -rf "$app/rootfs-libs"; mkdir -p "$app/rootfs-libs"
while read -r lib; do
  case "$lib" in "$base"/*|"$app"/*|"$ctx"/*) continue ;; esac
  mkdir -p "$app/rootfs-libs$(dirname "$lib")"
  cp -L "$lib" "$app/rootfs-libs$lib"
done <"$libs"
# The dynamic loader at the path every binary names.
mkdir -p "$app/rootfs-libs/lib64"
cp -L /lib64/ld-linux-x86-64.so.2 "$app/rootfs-libs/lib64/"

cat >"$ctx/Dockerfile" <<DOCKERFILE
FROM scratch
COPY base/rootfs/ /
COPY app/rootfs-libs/ /
COPY --chown=10001:10001 base/owned/ /
COPY app/rootfs/ /
ENV JAVA_HOME=/opt/java PATH=/opt/java/bin LANG=C.UTF-8
USER 10001:10001
WORKDIR /opt/shoal
# raft, gRPC, node HTTP (/metrics, /health, /ready), router API
EXPOSE 7101 7201 7301 8000
ENTRYPOINT ["/opt/java/bin/java"]
CMD ["@node", "--help"]
LABEL org.opencontainers.image.title="Shoal" org.opencontainers.image.description="Shoal storage node and router" \
      org.opencontainers.image.version="$version" io.shoal.jdk="$jdk_version"
DOCKERFILE

echo "docker build -t $tag (FROM scratch, nothing pulled)…" >&2
docker build -q -t "$tag" "$ctx" >/dev/null
size=$(docker image inspect "$tag" --format '{{.Size}}')
awk -v t="$tag" -v s="$size" -v t0="$t0" -v t1="$(date +%s.%N)" \
  'BEGIN { printf "image %s: %d MB, built in %.0f s\n", t, s / 1000000, t1 - t0 }'
