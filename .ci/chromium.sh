#!/usr/bin/env bash
# Headless Chromium for the report test (it renders report.html, reads the DOM and takes the screenshot).
set -euo pipefail
export DEBIAN_FRONTEND=noninteractive
apt-get install -y -qq --no-install-recommends chromium fonts-dejavu-core >/dev/null
