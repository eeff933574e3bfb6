#!/usr/bin/env bash
# Packages the board tests need (.ci/deb-test.sh, .ci/arm64-suite.sh): debootstrap builds the arm64 sysroot,
# unzip and readelf look inside jars and libraries, systemd-analyze checks the unit. Run as root by .ci/run.
set -euo pipefail
export DEBIAN_FRONTEND=noninteractive
apt-get install -y -qq --no-install-recommends debootstrap unzip binutils systemd >/dev/null
