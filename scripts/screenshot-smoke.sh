#!/usr/bin/env bash
# Smoke test of the real window: build, open a web under Xvfb with
# --screenshot, and fail unless a non-blank PNG comes out.
# Usage: [CAUSAL_WEB=BINARY] scripts/screenshot-smoke.sh [WEB.cweb.json] [OUT.png]
set -euo pipefail
cd "$(dirname "$0")/.."

web="${1:-../shared/testdata/small.cweb.json}"
out="${2:-target/screenshot-smoke.png}"
for tool in xvfb-run identify; do
  command -v "$tool" >/dev/null || {
    echo "screenshot-smoke: $tool is missing: run scripts/install-system-packages.sh" >&2
    exit 1
  }
done

# CAUSAL_WEB names a binary already built (scripts/test.sh passes the one
# `cargo test` built); otherwise the debug binary is built here.
bin="${CAUSAL_WEB:-}"
if [ -z "$bin" ]; then
  cargo build --quiet --bin causal-web
  bin=target/debug/causal-web
fi
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
