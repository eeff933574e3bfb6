#!/usr/bin/env bash
# The installed package's figures (issue 22), run by bench/suite.sh as its section 7 or alone (as root, after
# `apt install ./edgebench_<v>_<arch>.deb`): a 1-run bench through /usr/bin/edgebench against one plain JVM start,
# interleaved, and the agent started exactly as the installed edgebench-agent.service starts it (its ExecStartPre
# and ExecStart lines, as user edgebench) against a mosquitto on a free loopback port: idle RSS and CPU.
# Usage: bench/installed.sh [ROUNDS [IDLE_S]]   (defaults 5 and 60)
set -euo pipefail
rounds=${1:-5} idle_s=${2:-60}
jar=/usr/share/edgebench/edgebench.jar unit=/lib/systemd/system/edgebench-agent.service
echo "7. installed package: /usr/bin/edgebench and the agent as $unit starts it"
if [ ! -x /usr/bin/edgebench ] || [ ! -f "$jar" ] || [ ! -f "$unit" ]; then
  echo "  not measured: the .deb is not installed (mvn -B -Pdeb -DskipTests package, then apt install"
  echo "  ./agent/target/edgebench_<version>_<arch>.deb as root)"
  exit 0
fi
work=$(mktemp -d)
chmod 755 "$work"
cleanup() { jobs -p | xargs -r kill 2>/dev/null || true; rm -rf "$work"; }
trap cleanup EXIT
now_ms() { local t=$EPOCHREALTIME; echo $(( ${t/./} / 1000 )); }
wall_ms() { # CMD...: its wall time in ms, or "exit N" when it failed (a failed run is not a measurement)
  local s rc=0; s=$(now_ms); "$@" >/dev/null 2>&1 || rc=$?
  if [ $rc = 0 ]; then echo $(( $(now_ms) - s )); else echo "exit $rc"; fi
}
median() { sort -g | awk '{ v[NR] = $1 } END { if (NR == 0) print "nan"; else print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
figure() { # NAME VALUE BUDGET UNIT: one line, OVER when above the budget
  local mark; mark=$(awk -v v="$2" -v b="$3" 'BEGIN { print (v == "nan") ? "not measured" : (v <= b ? "ok" : "OVER") }')
  printf '  %-58s %12s %-6s budget %-8s %s\n' "$1" "$2" "$4" "$3" "$mark"
}

# --- the CLI: its first start makes the archives (once per version), so it is left out of the rounds
export EDGEBENCH_CDS_DIR="$work/cds"
/usr/bin/edgebench forge --out "$work/tiny" --arch tiny >/dev/null 2>&1
one=(bench "$work/tiny/tiny_f32.tflite" --runs 1 --warmup-runs 0 --warmup-seconds 0 --min-seconds 0 --threads 1
     --no-telemetry --quiet)
: >"$work/ratio"; : >"$work/ms"
failed=
for ((i = 0; i < rounds + 1; i++)); do
  v=$(wall_ms java -jar "$jar" --version)
  n=$(wall_ms /usr/bin/edgebench "${one[@]}")
  case "$v $n" in *exit*)
    echo "  round $i failed: plain 'java -jar edgebench.jar --version' [$v], 1-run bench via /usr/bin/edgebench [$n]"
    failed=${failed:-$( [ "${n#exit }" != "$n" ] && echo "$n" || echo "$v" )}; continue ;;
  esac
  [ "$i" = 0 ] && continue   # the first round fills the page cache
  echo "$n $v" | awk '{ print $1 / $2 }' >>"$work/ratio"; echo "$v/$n" >>"$work/ms"
done
echo "  per round (ms), plain 'java -jar edgebench.jar --version' / 1-run bench via /usr/bin/edgebench: $(tr '\n' ' ' <"$work/ms")"
echo "  archives made on first use: $(ls "$work/cds" 2>/dev/null | grep -c '\.jsa$') in \$EDGEBENCH_CDS_DIR"
if [ -n "$failed" ]; then
  printf '  %-58s not measured (%s)\n' "1-run bench via /usr/bin/edgebench / one plain JVM start" "$failed"
else
  figure "1-run bench via /usr/bin/edgebench / one plain JVM start" "$(median <"$work/ratio" | xargs printf '%.2f')" 2.5 x
fi

# --- the agent, started by the unit's own command lines
unit_cmd() { # KEY: the unit's KEY= value, continuation lines joined, systemd's "-" prefix dropped
  python3 - "$unit" "$1" <<'PY'
import sys
text = open(sys.argv[1]).read().replace("\\\n", " ")
for line in text.splitlines():
    if line.startswith(sys.argv[2] + "="):
        print(" ".join(line.split("=", 1)[1].lstrip("-").split()))
PY
}
mosq=$(command -v mosquitto || echo /usr/sbin/mosquitto)
if [ ! -x "$mosq" ] || ! command -v mosquitto_sub >/dev/null; then
  echo "  agent: not measured (apt-get install mosquitto mosquitto-clients)"; exit 0
fi
port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
printf 'listener %s 127.0.0.1\nallow_anonymous true\nset_tcp_nodelay true\npersistence false\n' "$port" >"$work/m.conf"
"$mosq" -c "$work/m.conf" >/dev/null 2>&1 &
for _ in $(seq 50); do mosquitto_sub -p "$port" -t x -W 1 -C 1 -E >/dev/null 2>&1 && break; sleep 0.1; done
dev=suite-deb
mosquitto_sub -V 5 -p "$port" -t "edgebench/$dev/status" -v >"$work/status" 2>/dev/null &
as_service() { setpriv --reuid=edgebench --regid=edgebench --init-groups env -i PATH=/usr/bin:/bin \
  EDGEBENCH_DATA_DIR=/var/lib/edgebench EDGEBENCH_CDS_DIR=/var/lib/edgebench/cds "$@"; }
rm -rf /var/lib/edgebench/cds/*   # as after an install or upgrade: the first start makes the archive
# shellcheck disable=SC2046 # the unit's words
as_service $(unit_cmd ExecStartPre) >/dev/null 2>&1
echo "  agent archive after the unit's ExecStartPre: $(readlink /var/lib/edgebench/cds/agent.jsa || echo none)"
idle() { # LABEL: start as the unit does, wait for online, sample RSS and CPU over idle_s
  : >"$work/status"
  # shellcheck disable=SC2046
  as_service $(unit_cmd ExecStart) --broker "tcp://127.0.0.1:$port" --device-id "$dev" >"$work/agent.log" 2>&1 &
  local job=$! ok=0 pid
  for _ in $(seq 600); do grep -q '"online"' "$work/status" && ok=1 && break; sleep 0.05; done
  if [ $ok = 0 ]; then echo "  $1: the agent never came online:"; tail -5 "$work/agent.log"; kill $job; return; fi
  pid=$(pgrep -n -f -- "--device-id $dev")   # the JVM itself (setpriv and env exec into it; $! is a subshell)
  sleep 3   # start-up's class loading and JIT are not idleness
  local c0 c1 t0 t1 peak=0 r hz; hz=$(getconf CLK_TCK)
  t0=$(now_ms); c0=$(awk '{ print $14 + $15 }' /proc/$pid/stat)
  for ((s = 0; s < idle_s; s++)); do sleep 1; r=$(awk '/VmRSS/ { print $2 }' /proc/$pid/status); [ "$r" -gt $peak ] && peak=$r; done
  t1=$(now_ms); c1=$(awk '{ print $14 + $15 }' /proc/$pid/stat)
  figure "$1: idle RSS (max over ${idle_s} s)" "$(awk -v k=$peak 'BEGIN { printf "%.1f", k / 1024 }')" 64 MB
  figure "$1: idle CPU" "$(awk -v c=$((c1 - c0)) -v hz="$hz" -v ms=$((t1 - t0)) 'BEGIN { printf "%.3f", c / hz / (ms / 1000) * 100 }')" 0.2 "% core"
  kill $pid; wait $job 2>/dev/null || true
}
idle "agent unit as shipped"
