#!/bin/sh
# Verify-phase check of the shaded jar (run by agent/pom.xml): it carries the JNI shim of every platform this
# machine could build (the host's, plus the other arch's when its cross compiler is installed; see the Makefile),
# each really for its machine, and the jar loads the host shim and talks to a libedgetpu (the test stand-in) from a
# fresh JVM.
# Usage: check-jar.sh <jar> <java> <libedgetpu.so.1>
set -eu
jar=$1 java=$2 libedgetpu=$3
here=$(cd "$(dirname "$0")" && pwd)
fail() { echo "native/check-jar.sh: FAIL: $*" >&2; exit 1; }

[ -f "$jar" ] || fail "jar [$jar] not found (run mvn package first)"
listing=$(unzip -Z1 "$jar")
# CROSS_CC (optional) overrides the cross compiler the Makefile looks for, as it does for the build itself
expected=$(make -s --no-print-directory -C "$here" print-platforms ${CROSS_CC:+CROSS_CC=$CROSS_CC})
host=${expected%% *}
echo "native/check-jar.sh: this machine builds [$expected]; requiring those shims in the jar"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
for platform in linux-x86_64 linux-arm64; do
  entry="native/$platform/libedgebench_jni.so"
  case " $expected " in
    *" $platform "*) required=yes ;;
    *) required=no ;;
  esac
  if ! echo "$listing" | grep -qx "$entry"; then
    [ "$required" = no ] || fail "jar lacks $entry although this machine built it"
    echo "native/check-jar.sh: NOTE jar has no $entry (no cross compiler for it here; see native/Makefile)"
    continue
  fi
  unzip -q -o "$jar" "$entry" -d "$tmp"
  machine=$(LC_ALL=C readelf -h "$tmp/$entry" | sed -n 's/^ *Machine: *//p')
  case "$platform" in
    linux-x86_64) want="Advanced Micro Devices X86-64" ;;
    linux-arm64) want="AArch64" ;;
  esac
  [ "$machine" = "$want" ] || fail "$entry is [$machine], expected [$want]"
  echo "native/check-jar.sh: $entry present, readelf Machine: $machine"
done
out=$(EDGETPU_STANDIN_DEVICES='usb:/sys/bus/usb/devices/9-9' "$java" -Dedgebench.libedgetpu="$libedgetpu" \
      -cp "$jar" io.edgebench.runtime.tflite.edgetpu.EdgeTpuProbe) || fail "EdgeTpuProbe failed: $out"
echo "$out" | grep -q "shim=$host" || fail "probe did not load the $host shim: $out"
echo "$out" | grep -q 'usb:0 /sys/bus/usb/devices/9-9' || fail "probe did not list the stand-in device: $out"
echo "native/check-jar.sh: jar runs on $host: $(echo "$out" | tr '\n' ' ')"
