#!/usr/bin/env bash
# Java overhead of `edgebench bench` against the no-JVM native baseline, same model, threads and delegate,
# interleaved (ours, native, ours, native, ...) because shared machines are noisy. Prints the median latency of each
# run and, per case, the ratio of the medians (ours / native) and the median of the per-round ratios.
#
# Usage: bench/overhead.sh [ROUNDS]        (default 7 rounds)
# Environment:
#   NATIVE_BASELINE_SRC  folder with native-baseline's build.sh (default ../shared/tools/native-baseline)
#   MODELS_DIR           folder with the models below (default ../shared/models)
#   RUNS WARMUP THREADS  timed runs per process (default 301, odd so both medians are the middle sample),
#                        warm-up runs (default 50), intra-op threads (default 1)
#   WARMUP_SECONDS       edgebench's --warmup-seconds (default 0.5, its default: lets the JIT settle)
#   EDGEBENCH_JAR        use this jar instead of building agent/target/edgebench-*.jar
#   CASES                override the cases: "model:runtime:delegate ..." (delegate cpu = TFLite builtin kernels)
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
src="${NATIVE_BASELINE_SRC:-$root/../shared/tools/native-baseline}"
models="${MODELS_DIR:-$root/../shared/models}"
rounds="${1:-7}"; runs="${RUNS:-301}"; warmup="${WARMUP:-50}"; threads="${THREADS:-1}"; warmup_s="${WARMUP_SECONDS:-0.5}"
cases="${CASES:-mobilenet_v1_0.25_128_quant.tflite:tflite:xnnpack mobilenet_v1_0.25_128_quant.tflite:tflite:cpu face_detection_front_128x128_barracuda.onnx:onnx:cpu}"
case "$(uname -m)" in aarch64) arch=linux-arm64 ;; *) arch=linux-x86_64 ;; esac

[ -x "$src/build.sh" ] || { echo "overhead.sh: no native baseline at [$src]; set NATIVE_BASELINE_SRC" >&2; exit 69; }
work="$(mktemp -d)"; trap 'rm -rf "$work"' EXIT
"$src/build.sh" "$work/nb" >/dev/null
version="$(sed -n 's:.*<version>\(.*\)</version>.*:\1:p' "$root/pom.xml" | head -n 1)"
jar="${EDGEBENCH_JAR:-$root/agent/target/edgebench-$version.jar}"
[ -f "$jar" ] || (cd "$root" && mvn -q -B -DskipTests package >&2)

ours() { # model runtime delegate -> "median_us min_us"
  local extra=(); [ "$2" = onnx ] && extra=(--spinning)   # the C baseline leaves ONNX Runtime's default (spinning on)
  java -jar "$jar" bench "$models/$1" --runtime "$2" --delegate "$3" --threads "$threads" --warmup-runs "$warmup" \
    --warmup-seconds "$warmup_s" --runs "$runs" --min-seconds 0 --max-seconds 300 --no-telemetry --quiet \
    --json "$work/r.json" "${extra[@]}" >/dev/null
  echo "$(sed -n 's/^ *"p50" : \([0-9.]*\).*/\1/p' "$work/r.json" | head -n 1)" \
    "$(sed -n 's/^ *"min" : \([0-9.]*\).*/\1/p' "$work/r.json" | head -n 1)"
}
native() { # model runtime delegate -> "median_us min_us"
  local nb="$work/nb"
  if [ "$2" = tflite ]; then
    local mode=xnnpack; [ "$3" = cpu ] && mode=builtin
    "$nb/bin/$arch/bench_tflite" "$nb/libs/$arch/libjnitensorflowlite.so" "$models/$1" "$threads" "$runs" "$warmup" "$mode" 2>/dev/null
  else
    "$nb/bin/$arch/bench_ort" "$nb/libs/$arch/libonnxruntime.so" "$models/$1" "$threads" "$runs" "$warmup" 2>/dev/null
  fi | sed -n 's/^RESULT .*median_us=\([0-9.]*\).*min_us=\([0-9.]*\).*/\1 \2/p'
}
median() { sort -g | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }

echo "host: $(uname -m), $(nproc) CPUs, kernel $(uname -r); threads=$threads runs=$runs warmup=$warmup rounds=$rounds"
for c in $cases; do
  IFS=: read -r model runtime delegate <<<"$c"
  : >"$work/ours"; : >"$work/native"; : >"$work/ratio"; : >"$work/ours_min"; : >"$work/native_min"
  for ((i = 1; i <= rounds; i++)); do
    read -r o omin <<<"$(ours "$model" "$runtime" "$delegate")"
    read -r n nmin <<<"$(native "$model" "$runtime" "$delegate")"
    echo "$o" >>"$work/ours"; echo "$n" >>"$work/native"; echo "$omin" >>"$work/ours_min"; echo "$nmin" >>"$work/native_min"
    awk -v o="$o" -v n="$n" 'BEGIN { printf "%.4f\n", o / n }' >>"$work/ratio"
    printf '  %-45s round %d: edgebench p50 %9.1f min %9.1f us | native median %9.1f min %9.1f us\n' \
      "$model $delegate" "$i" "$o" "$omin" "$n" "$nmin"
  done
  mo="$(median <"$work/ours")"; mn="$(median <"$work/native")"; mr="$(median <"$work/ratio")"
  lo="$(sort -g "$work/ours_min" | head -n 1)"; ln="$(sort -g "$work/native_min" | head -n 1)"
  awk -v m="$model" -v r="$runtime" -v d="$delegate" -v o="$mo" -v n="$mn" -v q="$mr" -v lo="$lo" -v ln="$ln" \
    -v t="$threads" 'BEGIN {
    printf "RESULT %s %s/%s threads=%s: median of medians edgebench %.1f us, native %.1f us, ratio %.4f; median of per-round ratios %.4f; best min %.1f vs %.1f us, ratio %.4f\n",
      m, r, d, t, o, n, o / n, q, lo, ln, lo / ln }'
done
