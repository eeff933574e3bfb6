#!/usr/bin/env bash
# Builds (once, then reuses) a Debian bookworm arm64 root with OpenJDK 17 that qemu-aarch64 can run without a
# chroot, without binfmt_misc and without installing anything as :arm64 on this machine. Prints the root's path.
#
#   ROOT=$(bash .ci/arm64-sysroot.sh)           # default root: ${XDG_CACHE_HOME:-~/.cache}/edgebench/arm64-bookworm
#   "$ROOT/java" -version                       # host wrapper: qemu-aarch64 -L ROOT ROOT/.../bin/java
#
# Needs (host packages): debootstrap, qemu-user, dpkg. The mirror is the one this machine's apt uses, read from its
# sources at run time. Why each step (measured, see the project's stack notes):
# - debootstrap --foreign downloads the --include'd packages but does not unpack them: every .deb is unpacked with
#   dpkg-deb | tar --keep-directory-symlink (plain tar would replace the merged-/usr links and break the tree).
# - the JVM starts children through lib/jspawnhelper, an arm64 binary the host kernel cannot exec without binfmt:
#   the JDK is a real copy (HotSpot derives java.home from realpath(libjvm.so)) whose bin/java and
#   lib/jspawnhelper are host shell wrappers around qemu-aarch64.
# - qemu-user shows the guest the host's /proc/cpuinfo; ONNX Runtime's CPU detection crashes on an x86 one, so the
#   root gets an arm64-looking proc/cpuinfo (qemu's -L prefix serves it).
set -euo pipefail

ROOT=${EDGEBENCH_ARM64_ROOT:-${XDG_CACHE_HOME:-${HOME:-/var/tmp}/.cache}/edgebench/arm64-bookworm}
SUITE=bookworm
STAMP_VERSION=3   # bump when the layout below changes, so cached roots are rebuilt
log() { echo "arm64-sysroot: $*" >&2; }

if [ -f "$ROOT/.edgebench-ready" ] && [ "$(cat "$ROOT/.edgebench-ready")" = "$STAMP_VERSION" ]; then
  echo "$ROOT"
  exit 0
fi

QEMU=$(command -v qemu-aarch64 || command -v qemu-aarch64-static || true)
[ -n "$QEMU" ] || { log "qemu-aarch64 not found; apt-get install qemu-user"; exit 69; }
command -v debootstrap >/dev/null || { log "debootstrap not found; apt-get install debootstrap"; exit 69; }

# The first main-archive URI of this machine's apt sources (deb822 .sources files or one-line .list files).
mirror() {
  local f
  for f in /etc/apt/sources.list.d/*.sources; do
    [ -f "$f" ] || continue
    awk '/^URIs:/ {print $2; exit}' "$f" | grep -v -- '-security' && return 0
  done
  for f in /etc/apt/sources.list /etc/apt/sources.list.d/*.list; do
    [ -f "$f" ] || continue
    awk '$1 == "deb" && $0 !~ /security/ { for (i = 2; i <= NF; i++) if ($i ~ /^[a-z]+:\/\//) { print $i; exit } }' "$f" \
      | head -n 1 | grep . && return 0
  done
  return 1
}
MIRROR=${EDGEBENCH_DEBIAN_MIRROR:-$(mirror)} || { log "no Debian mirror found in /etc/apt/sources*; set EDGEBENCH_DEBIAN_MIRROR"; exit 69; }

start=$(date +%s)
rm -rf "$ROOT"
mkdir -p "$ROOT"
log "debootstrap --foreign $SUITE arm64 into $ROOT"
debootstrap --arch=arm64 --foreign --variant=minbase --include=openjdk-17-jre-headless \
  "$SUITE" "$ROOT" "$MIRROR" >"$ROOT.debootstrap.log" 2>&1 \
  || { tail -n 20 "$ROOT.debootstrap.log" >&2; log "debootstrap failed (log: $ROOT.debootstrap.log)"; exit 1; }

log "unpacking $(ls "$ROOT"/var/cache/apt/archives/*.deb | wc -l) packages"
for deb in "$ROOT"/var/cache/apt/archives/*.deb; do
  dpkg-deb --fsys-tarfile "$deb" | tar -x --keep-directory-symlink -C "$ROOT"
done

JDK_LINK="$ROOT/usr/lib/jvm/java-17-openjdk-arm64"
[ -e "$JDK_LINK/lib/server/libjvm.so" ] || { log "no arm64 libjvm.so under $JDK_LINK"; exit 1; }
# A real copy of the JDK (its files are symlinks into /usr/share and /etc inside the root): dereference them.
JDK="$ROOT/opt/jdk17"
rm -rf "$JDK"
mkdir -p "$JDK"
# Symlinks point at absolute paths inside ROOT (/etc/java-17-openjdk, /usr/share/...): resolve them there.
cp -a "$JDK_LINK/." "$JDK/"
find "$JDK" -type l | while read -r link; do
  target=$(readlink "$link")
  case "$target" in
    /*) real="$ROOT$target" ;;
    *) real="$(dirname "$link")/$target" ;;
  esac
  if [ -e "$real" ]; then
    rm "$link"
    cp -aL "$real" "$link"
  fi
done
mv "$JDK/bin/java" "$JDK/bin/java.aarch64"
mv "$JDK/lib/jspawnhelper" "$JDK/lib/jspawnhelper.aarch64"
cat >"$JDK/bin/java" <<EOF
#!/bin/sh
exec "$QEMU" -L "$ROOT" "$JDK/bin/java.aarch64" "\$@"
EOF
cat >"$JDK/lib/jspawnhelper" <<EOF
#!/bin/sh
exec "$QEMU" -L "$ROOT" "$JDK/lib/jspawnhelper.aarch64" "\$@"
EOF
chmod +x "$JDK/bin/java" "$JDK/lib/jspawnhelper"
ln -sf "$JDK/bin/java" "$ROOT/java"

# What a Cortex-A72 (Raspberry Pi 4) shows; ONNX Runtime's cpuinfo parser only needs a plausible arm64 file.
# debootstrap leaves ROOT/proc as a link to the host /proc: replace it, never write through it.
if [ -L "$ROOT/proc" ]; then rm "$ROOT/proc"; fi
mkdir -p "$ROOT/proc"
for cpu in 0 1; do
  cat <<EOF
processor	: $cpu
BogoMIPS	: 108.00
Features	: fp asimd evtstrm crc32 cpuid
CPU implementer	: 0x41
CPU architecture: 8
CPU variant	: 0x0
CPU part	: 0xd08
CPU revision	: 3

EOF
done >"$ROOT/proc/cpuinfo"

"$ROOT/java" -version >/dev/null 2>&1 || { "$ROOT/java" -version >&2 || true; log "the arm64 JVM does not start under $QEMU"; exit 1; }
rm -rf "$ROOT/var/cache/apt/archives/"*.deb
echo "$STAMP_VERSION" >"$ROOT/.edgebench-ready"
log "ready in $(( $(date +%s) - start )) s: $ROOT"
echo "$ROOT"
