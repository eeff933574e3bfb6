#!/usr/bin/env bash
# Java overhead of `edgebench bench` against the no-JVM native baseline the jar bundles (native/baseline: the same
# native libraries, model, threads, delegate, warm-up and ONNX Runtime spinning), interleaved (ours, native, native,
# ours, ...) because shared machines are noisy. Prints each round's p50s and, per case, the geometric mean of the
# per-round ratios (ours / native) with a 95 % Student t interval over the rounds: each round is a fresh pair of
# processes, and the spread between processes is what limits the figure.
# Percentiles are nearest-rank everywhere (LatencyStats, the C baseline, the median below).
#
# Usage: bench/overhead.sh [ROUNDS]        (default 7 rounds)
# Environment:
#   MODELS_DIR           folder with the models below (default ../shared/models)
#   RUNS WARMUP THREADS  timed runs per process (default 300), warm-up runs (default 50), threads (default 1)
#   WARMUP_SECONDS       warm-up seconds on both sides (default 0.5, edgebench's default: lets the JIT settle)
#   SPINNING             ONNX Runtime allow_spinning on both sides, 1 or 0 (default 1, ONNX Runtime's default)
#   EDGEBENCH_JAR        use this jar instead of building agent/target/edgebench-*.jar
#   CASES                override the cases: "model:runtime:delegate ..." (delegate cpu = TFLite builtin kernels)
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
models="${MODELS_DIR:-$root/../shared/models}"
rounds="${1:-7}"; runs="${RUNS:-300}"; warmup="${WARMUP:-50}"; threads="${THREADS:-1}"
warmup_s="${WARMUP_SECONDS:-0.5}"; spinning="${SPINNING:-1}"
cases="${CASES:-mobilenet_v1_0.25_128_quant.tflite:tflite:xnnpack mobilenet_v1_0.25_128_quant.tflite:tflite:cpu face_detection_front_128x128_barracuda.onnx:onnx:cpu}"
case "$(uname -m)" in
  aarch64) arch=linux-arm64; ort=ai/onnxruntime/native/linux-aarch64/libonnxruntime.so ;;
  *) arch=linux-x86_64; ort=ai/onnxruntime/native/linux-x64/libonnxruntime.so ;;
esac
case "$spinning" in 0|1) ;; *) echo "overhead.sh: SPINNING [$spinning] must be 0 or 1" >&2; exit 64 ;; esac

work="$(mktemp -d)"; trap 'rm -rf "$work"' EXIT
version="$(sed -n 's:.*<version>\(.*\)</version>.*:\1:p' "$root/pom.xml" | head -n 1)"
jar="${EDGEBENCH_JAR:-$root/agent/target/edgebench-$version.jar}"
[ -d "$models" ] || { echo "overhead.sh: no models folder [$models]; set MODELS_DIR" >&2; exit 66; }
[ -f "$jar" ] || (cd "$root" && mvn -q -B -DskipTests package >&2)
# The very program and libraries `edgebench calibrate` extracts (calibrate.NativeBaseline.Layout).
unzip -p "$jar" "native/$arch/edgebench-baseline" >"$work/baseline" && chmod +x "$work/baseline"
unzip -p "$jar" "org/bytedeco/tensorflowlite/$arch/libjnitensorflowlite.so" >"$work/libjnitensorflowlite.so"
unzip -p "$jar" "$ort" >"$work/libonnxruntime.so"

ours() { # model runtime delegate -> "p50_us min_us"
  local spin=(); [ "$spinning" = 0 ] && spin=(--no-spinning)
  java -jar "$jar" bench "$models/$1" --runtime "$2" --delegate "$3" --threads "$threads" --warmup-runs "$warmup" \
    --warmup-seconds "$warmup_s" --runs "$runs" --min-seconds 0 --max-seconds 300 --no-telemetry --quiet \
    --json "$work/r.json" "${spin[@]}" >/dev/null
  echo "$(sed -n 's/^ *"p50" : \([0-9.]*\).*/\1/p' "$work/r.json" | head -n 1)" \
    "$(sed -n 's/^ *"min" : \([0-9.]*\).*/\1/p' "$work/r.json" | head -n 1)"
}
native() { # model runtime delegate -> "p50_us min_us"
  if [ "$2" = tflite ]; then
    local mode=xnnpack; [ "$3" = cpu ] && mode=builtin
    "$work/baseline" tflite "$work/libjnitensorflowlite.so" "$models/$1" "$threads" "$runs" "$warmup" "$mode" \
      "warmup_s=$warmup_s"
  else
    "$work/baseline" onnx "$work/libonnxruntime.so" "$models/$1" "$threads" "$runs" "$warmup" "spinning=$spinning" \
      "warmup_s=$warmup_s"
  fi | sed -n 's/^baseline .*median_us=\([0-9.]*\).*min_us=\([0-9.]*\).*/\1 \2/p'
}
# Nearest-rank median: the ceil(n/2)-th smallest, the definition LatencyStats and the C baseline use.
median() { sort -g | awk '{ v[NR] = $1 } END { if (NR == 0) print "nan"; else print v[int((NR + 1) / 2)] }'; }
# Geometric mean of the ratios on stdin and its 95 % Student t interval: "mean low high" ("mean - -" for 1 round).
ratio_ci() {
  awk 'BEGIN { split("12.706 4.303 3.182 2.776 2.571 2.447 2.365 2.306 2.262 2.228 2.201 2.179 2.160 2.145 2.131 " \
                     "2.120 2.110 2.101 2.093 2.086 2.080 2.074 2.069 2.064 2.060 2.056 2.052 2.048 2.045 2.042", t, " ") }
    { l[NR] = log($1); s += l[NR] }
    END { m = s / NR; if (NR < 2) { printf "%.4f - -\n", exp(m); exit }
          for (i = 1; i <= NR; i++) ss += (l[i] - m) ^ 2
          q = (NR - 1 <= 30) ? t[NR - 1] : 1.96 + 2.4 / (NR - 1); h = q * sqrt(ss / (NR - 1) / NR)
          printf "%.4f %.4f %.4f\n", exp(m), exp(m - h), exp(m + h) }'
}

echo "host: $(uname -m), $(nproc) CPUs, kernel $(uname -r); threads=$threads runs=$runs warmup=$warmup+${warmup_s}s spinning=$spinning rounds=$rounds"
for c in $cases; do
  IFS=: read -r model runtime delegate <<<"$c"
  : >"$work/ours"; : >"$work/native"; : >"$work/ratio"
  for ((i = 1; i <= rounds; i++)); do
    if ((i % 2)); then
      read -r o omin <<<"$(ours "$model" "$runtime" "$delegate")"; read -r n nmin <<<"$(native "$model" "$runtime" "$delegate")"
    else   # alternate who goes first, so neither side always follows a JVM exit
      read -r n nmin <<<"$(native "$model" "$runtime" "$delegate")"; read -r o omin <<<"$(ours "$model" "$runtime" "$delegate")"
    fi
    if [ -z "${o:-}" ] || [ -z "${n:-}" ]; then
      echo "overhead.sh: round $i of $model $runtime/$delegate produced no p50 (edgebench [${o:-}], native [${n:-}]);" \
        "see the messages above (MODELS_DIR is [$models])" >&2
      exit 65
    fi
    echo "$o" >>"$work/ours"; echo "$n" >>"$work/native"
    awk -v o="$o" -v n="$n" 'BEGIN { printf "%.6f\n", o / n }' >>"$work/ratio"
    printf '  %-45s round %d: edgebench p50 %9.1f min %9.1f us | native p50 %9.1f min %9.1f us\n' \
      "$model $delegate" "$i" "$o" "$omin" "$n" "$nmin"
  done
  read -r g lo hi <<<"$(ratio_ci <"$work/ratio")"
  echo "RESULT $model $runtime/$delegate threads=$threads: median p50 edgebench $(median <"$work/ours") us," \
    "native $(median <"$work/native") us; ratio (geometric mean of $rounds per-round ratios) $g, 95 % CI $lo-$hi"
done
