#!/usr/bin/env bash
# edgebench performance suite (issue 16): every figure next to its budget, the ones over it marked, and a closing
# note. Builds what it needs (the jar, hence the bundled C baseline and the CDS archives through the launcher).
# Interleaves whatever it compares: shared machines drift, and ratios from interleaved runs survive the drift.
#
# Usage: bench/suite.sh [--quick]          (--quick: fewer rounds and a 20 s idle window; figures are noisier)
# Environment: ROUNDS (default 5), IDLE_S (default 60), JAVA (java binary), KEEP=1 (keep the work folder),
#              BOARD_JVM_FLAGS (the agent's JVM flags to measure; default: the systemd unit's + the proposed ones).
# Needs: Java 17, Maven (first build), gcc, mosquitto + mosquitto-clients (footprint and latencies; else "not measured").
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
quick=0; [ "${1:-}" = --quick ] && quick=1
rounds="${ROUNDS:-$([ $quick = 1 ] && echo 3 || echo 5)}"
idle_s="${IDLE_S:-$([ $quick = 1 ] && echo 20 || echo 60)}"
java_bin="${JAVA:-java}"
# The JVM's defaults but the heap (the unit's flags before issue 22) and the board flags the unit has now; section 7
# measures the installed unit itself, archive included.
unit_flags="-Xms32m -Xmx256m -XX:+ExitOnOutOfMemoryError"
board_flags="${BOARD_JVM_FLAGS:-$unit_flags -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -XX:ReservedCodeCacheSize=16m -Xss512k -XX:MaxMetaspaceSize=64m -XX:CICompilerCount=1 -Xms8m}"
work="$(mktemp -d)"
cleanup() { jobs -p | xargs -r kill 2>/dev/null || true; [ "${KEEP:-0}" = 1 ] || rm -rf "$work"; }
trap cleanup EXIT
export EDGEBENCH_CDS_DIR="$work/cds"   # a fresh clone's first run: the launcher builds the archives here
over=(); notes=()

now_ms() { local t=$EPOCHREALTIME; echo $(( ${t/./} / 1000 )); }
wall_ms() { local s; s=$(now_ms); "$@" >/dev/null 2>&1 || true; echo $(( $(now_ms) - s )); }
median() { sort -g | awk '{ v[NR] = $1 } END { if (NR == 0) print "nan"; else print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
pctl() { sort -g | awk -v p="$1" '{ v[NR] = $1 } END { i = int(NR * p / 100 + 0.999); if (i < 1) i = 1; print v[i] }'; }
# info NAME VALUE UNIT: a figure issue 16 asks for without a budget.
info() { printf '  %-58s %12s %-6s %s\n' "$1" "$2" "$3" "(no budget set)"; }
# figure NAME VALUE BUDGET le|ge UNIT [WHY-IF-OVER]: one line, marked when over budget.
figure() {
  local name=$1 value=$2 budget=$3 dir=$4 unit=$5 why=${6:-}
  local ok; ok=$(awk -v v="$value" -v b="$budget" -v d="$dir" 'BEGIN { print (v == "nan") ? "na" : (d == "le" ? (v <= b) : (v >= b)) }')
  local mark="ok"; [ "$ok" = 0 ] && mark="OVER" && over+=("$name = $value $unit (budget $budget): $why")
  [ "$ok" = na ] && mark="not measured"
  printf '  %-58s %12s %-6s budget %-8s %s\n' "$name" "$value" "$unit" "$budget" "$mark"
}

echo "== edgebench performance suite: $(date -u +%FT%TZ), $(uname -m), $(nproc) CPUs, load $(cut -d' ' -f1-3 /proc/loadavg)"
echo "   $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ *//'), $(awk '/MemTotal/ { printf "%.1f GiB RAM", $2 / 1048576 }' /proc/meminfo), $("$java_bin" -version 2>&1 | head -n 1)"
echo "   rounds=$rounds idle_window=${idle_s}s"

# --- build: the launcher builds the jar when needed and, on its first run, the class-data-sharing archives
"$root/edgebench" --version >/dev/null
version="$(sed -n 's:.*<version>\(.*\)</version>.*:\1:p' "$root/pom.xml" | head -n 1)"
jar="$root/agent/target/edgebench-$version.jar"
eb() { "$root/edgebench" "$@"; }
"$java_bin" -jar "$jar" forge --out "$work/tiny" --arch tiny >/dev/null
"$java_bin" -jar "$jar" forge --out "$work/mnet" --arch mobilenet-v1 --width-multiplier 0.25 --resolution 128 >/dev/null
tiny="$work/tiny/tiny_f32.tflite"; mnet="$work/mnet/mobilenet_v1_0.25_128_f32.tflite"
one_run=(bench "$tiny" --runs 1 --warmup-runs 0 --warmup-seconds 0 --min-seconds 0 --threads 1 --no-telemetry --quiet)

# --- 1. per-inference overhead vs the project's own C baseline (edgebench calibrate does the interleaving)
echo; echo "1. per-inference overhead: edgebench p50 / native baseline p50 (median of $rounds interleaved rounds)"
eb calibrate --threads 1,2 --rounds "$rounds" --runs 200 >"$work/calibrate.txt" 2>&1 || true
sed -n 's/^\(tflite\/cpu\|tflite\/xnnpack\|onnx\/cpu\) .*/&/p' "$work/calibrate.txt" >"$work/cal_rows" || true
if [ -s "$work/cal_rows" ]; then
  while read -r label threads ours _ theirs _ ratio _; do
    figure "$label, $threads thread(s) ($ours / $theirs us)" "$ratio" 1.01 le "x" \
      "shared-VM noise at this size; see the per-round spread (calibrate)"
  done <"$work/cal_rows"
else
  echo "  calibrate failed:"; sed 's/^/    /' "$work/calibrate.txt"
fi

# --- 2. fixed cost: a 1-run bench vs one JVM start (`java -jar edgebench.jar --version`), interleaved
echo; echo "2. fixed cost: wall of a 1-run bench of the forged tiny model / wall of one 'java -jar edgebench.jar --version'"
: >"$work/fc_new"; : >"$work/fc_old"; : >"$work/fc_v"
for ((i = 0; i < rounds + 1; i++)); do
  v=$(wall_ms "$java_bin" -jar "$jar" --version)
  n=$(wall_ms eb "${one_run[@]}")
  o=$(EDGEBENCH_CDS_DIR=off wall_ms "$java_bin" -jar "$jar" "${one_run[@]}")
  [ "$i" = 0 ] && continue   # the first round fills the page cache
  echo "$v" >>"$work/fc_v"; echo "$n $v" | awk '{ print $1 / $2 }' >>"$work/fc_new"; echo "$o $v" | awk '{ print $1 / $2 }' >>"$work/fc_old"
  echo "$v $n $o" >>"$work/fc_ms"
done
printf '  per round (ms): --version / launcher bench / plain java -jar bench without archives: %s\n' "$(tr '\n' ';' <"$work/fc_ms")"
figure "1-run bench via ./edgebench (CDS archives, C1 CLI)" "$(median <"$work/fc_new" | xargs printf '%.2f')" 4.0 le "x" \
  "two JVM starts (CLI + worker) plus native runtime loading"
figure "1-run bench, plain java -jar, no archives (before)" "$(median <"$work/fc_old" | xargs printf '%.2f')" 4.0 le "x" \
  "reference without the launcher's class-data sharing"

# --- 3. compare overhead: compare wall / sum over lanes of warm-up + timed windows
echo; echo "3. compare overhead: wall of 'edgebench compare' (3 lanes) / sum of the lanes' warm-up + timed windows"
: >"$work/cmp"
for ((i = 0; i < rounds; i++)); do
  s=$(now_ms)
  eb compare "$tiny" "$work/tiny/tiny_f32.onnx" --threads 1 --json "$work/cmp.json" --quiet >/dev/null 2>&1 || true
  w=$(( $(now_ms) - s ))
  busy=$(python3 - "$work/cmp.json" <<'PY' 2>/dev/null || echo nan
import json, sys
d = json.load(open(sys.argv[1]))
print(sum(r["warmup"]["runs"] * r["warmup"]["mean_us"] / 1e3 + (r["timed_window"]["end_ns"] - r["timed_window"]["start_ns"]) / 1e6
          for r in d["results"] if r.get("status") == "ok"))
PY
)
  echo "$w $busy" | awk '{ printf "%.3f\n", $1 / $2 }' >>"$work/cmp"
  echo "    round $((i + 1)): wall $w ms, lanes' warm-up + timed $busy ms"
done
figure "compare wall / lanes' windows" "$(median <"$work/cmp" | xargs printf '%.2f')" 1.3 le "x" \
  "worker starts per lane (bench + agreement inputs); reuse is issue 12's"

# --- 4. sampler perturbation: p50 with telemetry at 100 Hz and 1 kHz vs off, interleaved
echo; echo "4. sampler perturbation: p50 latency with telemetry on / off (forged MobileNet v1 0.25, XNNPACK, 1 thread)"
p50() { local f="$work/s.json"; eb bench "$mnet" --threads 1 --runs 300 --min-seconds 0 --quiet --json "$f" "$@" >/dev/null 2>&1 \
  && sed -n 's/^ *"p50" : \([0-9.]*\).*/\1/p' "$f" | head -n 1 || echo nan; }
: >"$work/s100"; : >"$work/s1k"
for ((i = 0; i < rounds; i++)); do
  off=$(p50 --no-telemetry); h=$(p50 --sample-hz 100); k=$(p50 --sample-hz 1000)
  echo "$h $off" | awk '{ print ($1 / $2 - 1) * 100 }' >>"$work/s100"; echo "$k $off" | awk '{ print ($1 / $2 - 1) * 100 }' >>"$work/s1k"
  echo "    round $((i + 1)): p50 off $off us, 100 Hz $h us, 1 kHz $k us"
done
figure "100 Hz vs off (median per-round change)" "$(median <"$work/s100" | xargs printf '%.2f')" 1 le "%" "sampler thread competes with inference"
figure "1 kHz vs off (median per-round change)" "$(median <"$work/s1k" | xargs printf '%.2f')" 1 le "%" "sampler thread competes with inference"
eb sensors --json 2>/dev/null | python3 -c '
import json, sys
d = json.load(sys.stdin)
if "rates" not in d:
    print("  highest rate each power source sustains: not measured (this build has no rate probe in sensors)")
for r in d.get("rates", []):
    print("  highest rate sustained: %-22s %s Hz (%s)" % (r.get("source"), r.get("sustained_hz"), r.get("limit", "")))
if "rates" in d and not d["rates"]:
    print("  highest rate each power source sustains: not measured (no power source on this machine)")' \
  || echo "  highest rate each power source sustains: not measured (sensors --json failed)"

# --- 5 + 6. the agent: footprint and latencies against a mosquitto on a free loopback port
echo; echo "5. agent footprint, JVM flags: $board_flags"
if ! command -v mosquitto >/dev/null && [ ! -x /usr/sbin/mosquitto ] || ! command -v mosquitto_sub >/dev/null; then
  echo "  not measured: mosquitto and mosquitto-clients are not installed (apt-get install mosquitto mosquitto-clients)"
else
  port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
  printf 'listener %s 127.0.0.1\nallow_anonymous true\nset_tcp_nodelay true\npersistence false\n' "$port" >"$work/mosquitto.conf"
  "$(command -v mosquitto || echo /usr/sbin/mosquitto)" -c "$work/mosquitto.conf" >"$work/mosquitto.log" 2>&1 &
  for _ in $(seq 50); do mosquitto_sub -p "$port" -t x -W 1 -C 1 -E >/dev/null 2>&1 && break; sleep 0.1; done
  dev=suite; base="edgebench/$dev"
  mosquitto_sub -V 5 -p "$port" -t "$base/#" -v 2>/dev/null | while IFS= read -r l; do echo "$(now_ms) $l"; done >>"$work/events" &
  sleep 0.5
  cds_flags=$(ls "$EDGEBENCH_CDS_DIR"/cli-*.jsa 2>/dev/null | head -n 1 | sed 's/^/-XX:SharedArchiveFile=/; s/$/ -Xshare:auto -Xlog:cds=off -Xlog:cds+dynamic=off/')
  start_agent() { # flags... -> pid in $agent_pid, start time in $agent_t0
    agent_t0=$(now_ms)
    # shellcheck disable=SC2086
    "$java_bin" $* -jar "$jar" agent --broker "tcp://127.0.0.1:$port" --device-id "$dev" --data-dir "$work/agent-data" \
      --models-dir "$work/mnet" --warm-worker "${warm:-off}" >"$work/agent.log" 2>&1 &
    agent_pid=$!
  }
  await_online() { for _ in $(seq 600); do grep -q "$base/status .*\"online\"" "$work/events" 2>/dev/null && return 0; sleep 0.05; done; return 1; }
  rss_kb() { awk '/VmRSS/ { print $2 }' "/proc/$1/status" 2>/dev/null || echo 0; }
  cpu_ticks() { awk '{ print $14 + $15 }' "/proc/$1/stat" 2>/dev/null || echo 0; }
  idle() { # label flags...
    local label=$1; shift; : >"$work/events"; start_agent "$@"
    if ! await_online; then echo "  $label: agent never came online"; kill "$agent_pid" 2>/dev/null; return; fi
    local online=$(( $(grep -m1 "$base/status .*\"online\"" "$work/events" | cut -d' ' -f1) - agent_t0 ))
    info "$label: agent start -> retained online" "$online" ms
    sleep 3   # the start-up's class loading and JIT are not idleness
    local t0 c0 t1 c1 peak=0 r; t0=$(now_ms); c0=$(cpu_ticks "$agent_pid")
    for ((s = 0; s < idle_s; s++)); do sleep 1; r=$(rss_kb "$agent_pid"); [ "$r" -gt "$peak" ] && peak=$r; done
    t1=$(now_ms); c1=$(cpu_ticks "$agent_pid")
    local hz; hz=$(getconf CLK_TCK)
    figure "$label: idle RSS (max over ${idle_s} s)" "$(awk -v k="$peak" 'BEGIN { printf "%.1f", k / 1024 }')" 64 le MB "JVM baseline + Paho + Jackson"
    figure "$label: idle CPU" "$(awk -v c=$((c1 - c0)) -v hz="$hz" -v ms=$((t1 - t0)) 'BEGIN { printf "%.3f", c / hz / (ms / 1000) * 100 }')" 0.2 le "% core" "telemetry publishing and keep-alives"
    last_online=$online
  }
  idle "unit flags ($unit_flags)" $unit_flags -Xlog:class+load:file="$work/agent-classes.txt"
  info "runtime classes (org.bytedeco, ai.onnxruntime) in the agent" "$(grep -c 'org\.bytedeco\|ai\.onnxruntime' "$work/agent-classes.txt" || true)" classes
  kill "$agent_pid"; wait "$agent_pid" 2>/dev/null || true
  idle "board flags + CDS" $board_flags $cds_flags
  echo "  (agent start to retained online with the board flags: $last_online ms, below)"

  # while a worker runs: RSS of the agent and of its worker during a bench job; acceptance -> first progress
  rr() { mosquitto_rr -V 5 -p "$port" -t "$base/cmd/$1" -e "replies/suite" -m "$2" -W 10 2>/dev/null; }
  bench_job() { # MIN_SECONDS -> first_progress_ms, load_ms (acceptance -> first progress / worker's load phase)
    : >"$work/events"
    rr bench "{\"model\":\"mobilenet_v1_0.25_128_f32.tflite\",\"runs\":2000,\"min_seconds\":$1,\"sample_hz\":0}" \
      >"$work/bench_reply" || true
    local t_acc; t_acc=$(now_ms)
    for _ in $(seq 200); do grep -q "$base/job/.*/progress.*\"load\"" "$work/events" && break; sleep 0.05; done
    local fp ld; fp=$(grep -m1 "$base/job/.*/progress" "$work/events" | cut -d' ' -f1 || true)
    ld=$(grep -m1 "$base/job/.*/progress.*\"load\"" "$work/events" | cut -d' ' -f1 || true)
    first_progress_ms=$([ -n "$fp" ] && echo $(( fp - t_acc )) || echo nan)
    load_ms=$([ -n "$ld" ] && echo $(( ld - t_acc )) || echo nan)
    if [ "$1" -ge 2 ]; then
      sleep 1
      wpid=$(pgrep -P "$agent_pid" java | head -n 1 || true)
      agent_rss_busy=$(rss_kb "$agent_pid"); worker_rss=$([ -n "$wpid" ] && rss_kb "$wpid" || echo 0)
    fi
    for _ in $(seq 300); do grep -q "$base/result/" "$work/events" && break; sleep 0.1; done
    sleep 1   # the agent starts its next spare after the job; let it get to its stdin
  }
  latencies() { # LABEL: three short jobs, median of acceptance -> first progress and -> the worker's load phase
    : >"$work/fp"; : >"$work/ld"
    for _ in 1 2 3; do bench_job 0; echo "$first_progress_ms" >>"$work/fp"; echo "$load_ms" >>"$work/ld"; done
    info "$1: bench accepted -> first progress event (median of 3)" "$(median <"$work/fp")" ms
    info "$1: bench accepted -> worker's load phase (median of 3)" "$(median <"$work/ld")" ms
  }
  bench_job 3
  figure "agent RSS while a worker runs" "$(awk -v k="$agent_rss_busy" 'BEGIN { printf "%.1f", k / 1024 }')" 64 le MB "JVM baseline + Paho + Jackson"
  info "worker RSS while it runs (its own JVM)" "$(awk -v k="$worker_rss" 'BEGIN { printf "%.1f", k / 1024 }')" MB
  latencies "cold worker (--warm-worker off)"
  kill "$agent_pid"; wait "$agent_pid" 2>/dev/null || true

  # the same with the warm worker: what it saves, what it costs
  : >"$work/events"; warm=on start_agent $board_flags $cds_flags; await_online || true; sleep 3
  spare=$(pgrep -P "$agent_pid" java | head -n 1 || true)
  info "warm worker: RSS of the waiting spare JVM" "$(awk -v k="$([ -n "$spare" ] && rss_kb "$spare" || echo 0)" 'BEGIN { printf "%.1f", k / 1024 }')" MB
  latencies "warm worker (--warm-worker on)"

  echo; echo "6. latencies users feel (loopback broker)"
  # One long-lived publisher and subscriber (no client start per request): request sent -> reply received.
  mkfifo "$work/pub" "$work/pong"
  mosquitto_pub -V 5 -p "$port" -t "$base/cmd/ping" -D publish response-topic replies/ping -l <"$work/pub" 2>/dev/null &
  exec 9>"$work/pub"
  mosquitto_sub -V 5 -p "$port" -t replies/ping 2>/dev/null | while IFS= read -r _; do echo "${EPOCHREALTIME/./}"; done >"$work/pong" &
  exec 8<"$work/pong"
  sleep 0.5; : >"$work/ping"
  for ((i = 0; i < 200; i++)); do
    s=${EPOCHREALTIME/./}; echo '{}' >&9
    read -r -t 5 t <&8 && echo "$s $t" | awk '{ printf "%.3f\n", ($2 - $1) / 1000 }' >>"$work/ping"
  done
  exec 9>&- 8<&-
  info "ping reply p50 over $(wc -l <"$work/ping") requests" "$(median <"$work/ping")" ms
  info "ping reply p99" "$(pctl 99 <"$work/ping")" ms
  echo "  (bench accepted -> first progress event: in section 5, cold and warm worker)"
  info "agent start -> retained online (board flags + CDS)" "$last_online" ms
  kill "$agent_pid" 2>/dev/null || true; wait "$agent_pid" 2>/dev/null || true
fi

# --- 7. the installed package (.deb), when it is installed here (bench/installed.sh; needs root)
echo
bash "$root/bench/installed.sh" "$rounds" "$idle_s" | tee "$work/installed.txt" || echo "  bench/installed.sh failed"
while IFS= read -r l; do over+=("installed: ${l#  }"); done < <(grep ' OVER$' "$work/installed.txt" || true)

echo; echo "== closing note"
if [ ${#over[@]} = 0 ]; then echo "  every measured figure is within its budget"; else
  echo "  over budget (${#over[@]}):"; for o in "${over[@]}"; do echo "   - $o"; done; fi
echo "  machine: $(nproc) CPUs, load at the end $(cut -d' ' -f1-3 /proc/loadavg); a loaded machine inflates wall-time figures"
