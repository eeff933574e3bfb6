#!/usr/bin/env bash
# The arm64 suite, without a board: the board jar's arm64 natives under qemu-user in a Debian bookworm arm64 root
# (.ci/arm64-sysroot.sh: Debian packages only, no chroot, no binfmt_misc, nothing installed as :arm64).
# Runs forge, inspect, bench (TFLite cpu and xnnpack, ONNX Runtime), compare of the forged pair, the Edge TPU path
# against the arm64 stand-in libedgetpu, and the telemetry fixture tests (JUnit, forked into the arm64 JVM), and
# checks the forged float pair's outputs against x86_64 within 1e-5. Needs a finished `mvn -B verify -Pdeb` (or
# package + test-compile) first. Prints "N passed, N failed" and its wall time.
#
#   bash .ci/arm64-suite.sh [JAR]      JAR default: the arm64 .deb's jar, else the shaded board jar
set -euo pipefail
cd "$(dirname "$0")/.."
start=$(date +%s)
[ "$(uname -m)" = x86_64 ] || { echo "arm64-suite: skipped (runs on x86_64 hosts under qemu-user)"; exit 0; }

version=$(sed -n 's:.*<version>\(.*\)</version>.*:\1:p' pom.xml | head -n 1)
host_jar=agent/target/edgebench-$version.jar
jar=${1:-agent/target/deb/arm64/edgebench.jar}
[ -f "$jar" ] || jar=$host_jar
tests=agent/target/test-classes
standin=agent/target/test-natives/linux-arm64/libedgetpu.so.1
for f in "$host_jar" "$jar" "$tests/io/edgebench/board/CrossArchTool.class" "$standin"; do
  [ -e "$f" ] || { echo "arm64-suite: FAIL: $f missing (run mvn -B verify -Pdeb first; the stand-in needs gcc-aarch64-linux-gnu)"; exit 1; }
done
if ! command -v qemu-aarch64 >/dev/null || ! command -v debootstrap >/dev/null || [ "$(id -u)" != 0 ]; then
  # CI (root, CI=true) has them all; on a developer machine the suite is optional
  [ "${CI:-}" != true ] || { echo "arm64-suite: FAIL: CI needs qemu-user, debootstrap and root (.ci/run installs them)"; exit 1; }
  echo "arm64-suite: skipped: needs qemu-user, debootstrap and root (apt-get install qemu-user debootstrap)"
  exit 0
fi
root=$(bash .ci/arm64-sysroot.sh)
a64="$root/java"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
passed=0 failed=0

suite=arm64-suite
. .ci/check.sh  # the cd above put us at the repository root
on_arm64() { "$a64" -jar "$jar" "$@"; }
on_host() { java -jar "$host_jar" "$@"; }
json_has() { grep -q "$2" "$1" || { echo "$1 lacks [$2]:"; cat "$1"; return 1; }; }

forge_both() {
  on_arm64 forge --out "$work/a64" && on_host forge --out "$work/x86"
  on_arm64 forge --out "$work/a64" --quantize int8 && on_host forge --out "$work/x86" --quantize int8
  for f in tiny_f32.tflite tiny_f32.onnx tiny_int8.tflite tiny_int8.onnx; do
    cmp "$work/a64/$f" "$work/x86/$f" || { echo "forged $f differs between arm64 and x86_64"; return 1; }
  done
}
inspect_same() {
  on_arm64 inspect "$work/a64/tiny_f32.tflite" --json >"$work/i64.json"
  on_host inspect "$work/a64/tiny_f32.tflite" --json >"$work/ix86.json"
  on_arm64 inspect "$work/a64/tiny_f32.onnx" --json >>"$work/i64.json"
  on_host inspect "$work/a64/tiny_f32.onnx" --json >>"$work/ix86.json"
  diff "$work/i64.json" "$work/ix86.json"
}
# compare benchmarks every lane (a full bench each: worker, warm-up, timed runs) and checks their agreement; 3 worker
# processes per lane, not the default 6: this checks the arm64 natives, and every process is a JVM start under qemu
compare_pair() {
  on_arm64 compare "$work/a64/tiny_f32.tflite" "$work/a64/tiny_f32.onnx" --runs 10 --min-seconds 0 --threads 1 \
    --forks 3 --agreement-inputs 3 --quiet --json "$work/c.json"
  for lane in '"delegate" : "cpu"' '"delegate" : "xnnpack"' '"runtime" : "onnx"'; do json_has "$work/c.json" "$lane"; done
  [ "$(grep -c '"status" : "ok"' "$work/c.json")" -ge 3 ] || { echo "not 3 lanes ok:"; cat "$work/c.json"; return 1; }
  [ "$(grep -c '"arch" : "aarch64"' "$work/c.json")" -ge 3 ] || { echo "lanes did not run on aarch64"; return 1; }
}
outputs_match_x86() {
  CLASSPATH="$jar:$tests" "$a64" io.edgebench.board.CrossArchTool outputs "$work/o64.json" \
    "$work/a64/tiny_f32.tflite" "$work/a64/tiny_f32.onnx"
  CLASSPATH="$host_jar:$tests" java io.edgebench.board.CrossArchTool outputs "$work/ox86.json" \
    "$work/a64/tiny_f32.tflite" "$work/a64/tiny_f32.onnx"
  CLASSPATH="$host_jar:$tests" java io.edgebench.board.CrossArchTool diff "$work/ox86.json" "$work/o64.json" 1e-5 \
    | tee "$work/diff.txt"
}
edgetpu_standin() {
  CLASSPATH="$host_jar:$tests" java io.edgebench.board.CrossArchTool edgetpu-model "$work/etpu.tflite"
  EDGETPU_STANDIN_DEVICES='usb:/sys/bus/usb/devices/2-1' EDGEBENCH_LIBEDGETPU="$PWD/$standin" \
    on_arm64 bench "$work/etpu.tflite" --delegate edgetpu --runs 5 --min-seconds 0 --warmup-runs 1 \
    --no-telemetry --quiet --json "$work/e.json"
  # fully delegated on aarch64: the arm64 shim loaded the arm64 stand-in and its delegate claimed the node
  json_has "$work/e.json" '"delegated_nodes" : 1' && json_has "$work/e.json" '"arch" : "aarch64"' \
    && json_has "$work/e.json" '"delegate" : "edgetpu"'
}
# The telemetry fixture tests as JUnit runs them, forked by Surefire into the arm64 JVM (class path: target/classes
# and the dependency jars, i.e. the same arm64 natives).
fixture_tests() {
  mvn -B -q -o -pl agent surefire:test -Djvm="$root/opt/jdk17/bin/java" \
    -Dtest='SysfsFixtureTest,SensorsCommandTest,Ina2xxRunTest,TrackTest' -Dsurefire.failIfNoSpecifiedTests=false
  grep -h '<testsuite ' agent/target/surefire-reports/TEST-*.xml | sed -n 's/.* name="\([^"]*\)".* tests="\([0-9]*\)".*/    \1: \2 tests/p'
}

check "forge: float and int8 pairs byte-identical to x86_64" forge_both
check "inspect: same JSON as x86_64" inspect_same
check "compare forged pair: bench tflite cpu, tflite xnnpack, onnx cpu + agreement" compare_pair
check "outputs within 1e-5 of x86_64 (forged float pair, 3 lanes x 3 seeds)" outputs_match_x86
[ ! -f "$work/diff.txt" ] || sed 's/^/    /' "$work/diff.txt"
check "edge tpu: arm64 shim + arm64 stand-in libedgetpu, fully delegated" edgetpu_standin
check "telemetry fixture tests (JUnit in the arm64 JVM)" fixture_tests

echo "arm64-suite: wall time $(( $(date +%s) - start )) s (jar $jar)"
echo "arm64-suite: $passed passed, $failed failed"
[ "$failed" = 0 ]
