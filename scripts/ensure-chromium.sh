#!/usr/bin/env bash
# Makes Debian's Chromium available for the HTML report's browser test
# (test/e2e/report-browser.test.ts), which drives it through playwright-core.
# Playwright never downloads a browser of its own here: CI machines reach Debian's
# apt and the npm registry only. `npm test` runs this first (the `pretest` script).
#   - chromium already there: nothing to do;
#   - root with apt-get (CI, a fresh dev container): apt-get update && install it;
#   - otherwise: fail loudly with the command to run. The test never silently skips.
set -euo pipefail

chromium="${L2ADV_CHROMIUM:-/usr/bin/chromium}"
if [ -x "$chromium" ]; then
  exit 0
fi

if [ "$(id -u)" -ne 0 ] || ! command -v apt-get >/dev/null 2>&1; then
  echo "ensure-chromium: $chromium is missing and this user cannot install it." >&2
  echo "ensure-chromium: install Debian's chromium (sudo apt-get install chromium), or set L2ADV_CHROMIUM to a Chromium binary." >&2
  exit 1
fi

echo "ensure-chromium: installing Debian's chromium for the report browser test (once per machine)..." >&2
export DEBIAN_FRONTEND=noninteractive
apt-get update -q >&2
apt-get install -y -q chromium >&2

if [ ! -x "$chromium" ]; then
  echo "ensure-chromium: apt-get install chromium finished but $chromium is still missing." >&2
  exit 1
fi
"$chromium" --version >&2 || true
