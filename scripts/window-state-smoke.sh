#!/usr/bin/env bash
# Smoke test of the window's size and place kept from one run to the next:
# opens the editor under Xvfb with a settings folder of its own, resizes and
# moves the window (xdotool), quits with Ctrl+Q, opens it again and fails
# unless the window comes back where and as large as it was left.
# Usage: [CAUSAL_WEB=BINARY] scripts/window-state-smoke.sh [WEB.cweb.json]
set -euo pipefail
cd "$(dirname "$0")/.."

web="${1:-../shared/testdata/small.cweb.json}"
if [ -z "${WINDOW_STATE_SMOKE_INSIDE:-}" ]; then
  source scripts/window-test-common.sh
  require xvfb-run xdotool
  bin="$(editor_binary)"
  settings="$(mktemp -d)"
  trap 'rm -rf "$settings"' EXIT
  WINDOW_STATE_SMOKE_INSIDE=1 CAUSAL_WEB="$bin" XDG_CONFIG_HOME="$settings" \
    timeout 180 xvfb-run -a -s "-screen 0 1600x1000x24" bash "$0" "$web"
  exit
fi

# Inside Xvfb from here on.
geometry() { xdotool getwindowgeometry "$1" | awk '/Position/ { p = $2 } /Geometry/ { g = $2 } END { print p " " g }'; }
open_window() {
  "$CAUSAL_WEB" "$web" >/dev/null 2>&1 &
  editor=$!
  window="$(xdotool search --sync --name 'causal-web' | head -1)"
  sleep 2 # let the first frames draw
}
quit_window() {
  # Typed into the focused window (no window manager here to give focus).
  xdotool windowfocus --sync "$window" 2>/dev/null
  xdotool key ctrl+q
  for _ in $(seq 50); do
    kill -0 "$editor" 2>/dev/null || return 0
    sleep 0.2
  done
  echo "window-state-smoke: the editor did not quit on Ctrl+Q" >&2
  exit 1
}

open_window
first="$(geometry "$window")"
xdotool windowsize "$window" 1000 650
xdotool windowmove "$window" 120 90
sleep 1
left="$(geometry "$window")"
quit_window
store="$XDG_CONFIG_HOME/causal-web/window.ron"
[ -s "$store" ] || {
  echo "window-state-smoke: nothing was kept in $store" >&2
  exit 1
}
open_window
again="$(geometry "$window")"
quit_window
echo "window-state-smoke: first opened at $first, left at $left, opened again at $again"
if [ "$again" != "$left" ] || [ "$left" = "$first" ]; then
  echo "window-state-smoke: the window did not come back as it was left" >&2
  exit 1
fi
