#!/usr/bin/env bash
# Regenerates the pictures of the bundled example that the README and docs/
# show: the editor window on it (under Xvfb, with --screenshot) and the
# exported figure (SVG, and PNG as a journal would get it).
# Usage: scripts/make-docs-images.sh   (needs scripts/install-system-packages.sh)
set -euo pipefail
cd "$(dirname "$0")/.."
example=assets/examples/collaboration.cweb.json
images=docs/images

cargo build --release --quiet
bin=target/release/causal-web
mkdir -p "$images"

shoot() { # OUT.png WxH [--select NODE]
  local out="$1" size="$2"
  shift 2
  timeout 300 xvfb-run -a -s "-screen 0 2000x1400x24" \
    "$bin" --screenshot "$out" --size "$size" "$@" "$example"
  echo "wrote $out"
}

# The editor as it opens on the example, and with Trust selected (as a
# click on it would): the inspector lists its supporting studies.
shoot "$images/editor-example.png" 1600x1000
shoot "$images/editor-trust-selected.png" 1600x1000 --select Trust

# The figure, as exported: SVG (what Inkscape and LaTeX read) and a PNG at
# the double-column width of BMC (176 mm, 300 dpi), where preflight names
# the text that would be smaller than 8 pt.
"$bin" export "$example" -o "$images/example-figure.svg"
"$bin" export "$example" -o "$images/example-figure.png" --preset bmc-double

# One part of it, as a journal figure with text of at least 8 pt: Trust and
# the nodes linked to it, laid out in layers to fit 176 mm.
"$bin" export "$example" -o "$images/example-trust-part.png" --preset bmc-double \
  --layout layered --node Trust --neighbours
