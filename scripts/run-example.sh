#!/usr/bin/env bash
# Sets up causal-web and opens the editor on the bundled example (the seed
# paper's causal web).
#
# With a display (DISPLAY or WAYLAND_DISPLAY set) the editor window opens.
# Without one (a server, a fresh container) the editor opens under a virtual
# X server (Xvfb), saves a screenshot of its window to
# target/example-editor.png and exits; the headless commands then print what
# the example holds.
set -euo pipefail
cd "$(dirname "$0")/.."
example=assets/examples/collaboration.cweb.json

bash scripts/install-system-packages.sh
cargo build --release
bin=target/release/causal-web

if [ -n "${DISPLAY:-}" ] || [ -n "${WAYLAND_DISPLAY:-}" ]; then
  exec "$bin" "$example"
fi

echo "No display: opening the editor under Xvfb and saving its window as a picture."
shot=target/example-editor.png
timeout 300 xvfb-run -a -s "-screen 0 1600x1000x24" \
  "$bin" --screenshot "$shot" --size 1440x900 "$example"
echo "The editor on the example: $shot"
echo
"$bin" validate "$example"
"$bin" stats "$example"
echo
echo "The studies behind Trust (in the editor: click the node 'Trust'):"
"$bin" studies "$example" Trust
