#!/usr/bin/env bash
# edgebench fleet load rig (issue 24): N emulated agents plus a few hundred on the agent's own link code, against a
# mosquitto on loopback with its limits raised, two or more `edgebench collect` processes in one shared-subscription
# group writing one throwaway PostgreSQL, and a controller that runs a fleet bench (plain, with the broker restarted,
# a collector SIGKILLed and PostgreSQL restarted mid-stream) and `fleet status`. Prints key=value figures and
# "rig PASS" or "rig FAIL" (a result lost or stored twice); exit 0 or 1.
#
# Usage: bench/fleet-rig.sh [--agents N] [--link-agents N] [--collectors N] [--dir DIR]
#        (defaults: 10000 emulated, 300 on the agent's link, 2 collectors, a temp dir)
# Needs: Java 17, Maven (first build), mosquitto, PostgreSQL server binaries (initdb, pg_ctl; as root the package's
#        postgres user owns the cluster), and an open-files limit above twice the agents (it raises the soft limit to
#        the hard one).
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
ulimit -n "$(ulimit -Hn)"
cp_file="$(mktemp)" classes="$(mktemp -d)"
trap 'rm -rf "$cp_file" "$classes"' EXIT   # also when the build or the rig fails or is interrupted
# test-compile builds the agent (and its JNI shim) and the rig; the class path includes test scope for the rig.
mvn -B -q -pl agent -DskipTests test-compile dependency:build-classpath -Dmdep.includeScope=test \
    -Dmdep.outputFile="$cp_file" >/dev/null
# The class path goes through the environment: the collectors inherit it, and a long command line is fragile.
# The rig runs from a copy of the classes: a rebuild during a long run must not change them under its processes.
cp -r agent/target/classes "$classes/main"
cp -r agent/target/test-classes "$classes/test"
export CLASSPATH="$classes/main:$classes/test:$(cat "$cp_file")"
java -Xmx3g -Xss512k io.edgebench.rig.FleetRig "$@"
