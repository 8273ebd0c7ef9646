#!/usr/bin/env bash
# Smoke test of the real window: build, open a web under Xvfb with
# --screenshot, and fail unless a non-blank PNG comes out.
# Usage: [CAUSAL_WEB=BINARY] scripts/screenshot-smoke.sh [WEB.cweb.json] [OUT.png]
set -euo pipefail
cd "$(dirname "$0")/.."

web="${1:-../shared/testdata/small.cweb.json}"
out="${2:-target/screenshot-smoke.png}"
source scripts/window-test-common.sh
require xvfb-run identify
bin="$(editor_binary)"
rm -f "$out"
timeout 120 xvfb-run -a -s "-screen 0 1400x900x24" \
  "$bin" --screenshot "$out" --size 1280x800 "$web"

if [ ! -s "$out" ]; then
  echo "screenshot-smoke: no screenshot was written to $out" >&2
  exit 1
fi
colours="$(identify -format %k "$out")"
if [ "$colours" -le 1 ]; then
  echo "screenshot-smoke: $out is blank ($colours colour)" >&2
  exit 1
fi
echo "screenshot-smoke: $out has $colours colours"
