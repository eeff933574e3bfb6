#!/bin/sh
# Verify-phase check of the shaded jar (run by agent/pom.xml): both JNI shims are inside, the arm64 one really is
# AArch64, and the jar loads the host shim and talks to a libedgetpu (the test stand-in) from a fresh JVM.
# Usage: check-jar.sh <jar> <java> <libedgetpu.so.1>
set -eu
jar=$1 java=$2 libedgetpu=$3
fail() { echo "native/check-jar.sh: FAIL: $*" >&2; exit 1; }

[ -f "$jar" ] || fail "jar [$jar] not found (run mvn package first)"
listing=$(unzip -Z1 "$jar")
echo "$listing" | grep -qx 'native/linux-x86_64/libedgebench_jni.so' || fail "jar lacks native/linux-x86_64/libedgebench_jni.so"
if echo "$listing" | grep -qx 'native/linux-arm64/libedgebench_jni.so'; then
  tmp=$(mktemp -d)
  trap 'rm -rf "$tmp"' EXIT
  unzip -q -o "$jar" native/linux-arm64/libedgebench_jni.so -d "$tmp"
  machine=$(LC_ALL=C readelf -h "$tmp/native/linux-arm64/libedgebench_jni.so" | sed -n 's/^ *Machine: *//p')
  [ "$machine" = "AArch64" ] || fail "native/linux-arm64/libedgebench_jni.so is [$machine], expected AArch64"
  echo "native/check-jar.sh: linux-arm64 shim present, readelf Machine: $machine"
elif command -v aarch64-linux-gnu-gcc >/dev/null 2>&1; then
  fail "aarch64-linux-gnu-gcc is installed but the jar lacks native/linux-arm64/libedgebench_jni.so"
else
  echo "native/check-jar.sh: NOTE no aarch64 cross compiler here; jar has no linux-arm64 shim"
fi
if [ "$(uname -m)" = x86_64 ]; then
  out=$(EDGETPU_STANDIN_DEVICES='usb:/sys/bus/usb/devices/9-9' "$java" -Dedgebench.libedgetpu="$libedgetpu" \
        -cp "$jar" io.edgebench.runtime.tflite.edgetpu.EdgeTpuProbe) || fail "EdgeTpuProbe failed: $out"
  echo "$out" | grep -q 'shim=linux-x86_64' || fail "probe did not load the x86_64 shim: $out"
  echo "$out" | grep -q 'usb:0 /sys/bus/usb/devices/9-9' || fail "probe did not list the stand-in device: $out"
  echo "native/check-jar.sh: jar runs on x86_64: $(echo "$out" | tr '\n' ' ')"
fi
