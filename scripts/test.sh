#!/usr/bin/env bash
# The project's test command (README, and .ci/run on a fresh clone): formatting,
# lints, every test, and the editor window opened for real under Xvfb.
set -euo pipefail
cd "$(dirname "$0")/.."

if ! command -v cargo >/dev/null; then
  echo "cargo is not installed: install the Rust toolchain (https://rustup.rs) first" >&2
  exit 1
fi
rustup component add rustfmt clippy >/dev/null 2>&1 || true

echo "== system packages for the window test (Xvfb, Mesa, ImageMagick)"
bash scripts/install-system-packages.sh
echo "== cargo fmt --check"
cargo fmt --all -- --check
echo "== cargo clippy --all-targets -- -D warnings"
cargo clippy --all-targets --quiet -- -D warnings
echo "== cargo test"
cargo test
echo "== the editor window under Xvfb: a screenshot of each sample that must not be blank"
# The binary `cargo test` built (and ran in the CLI tests): building it again
# alone would compile the GUI crates a second time without the test features.
export CAUSAL_WEB=target/debug/causal-web
bash scripts/screenshot-smoke.sh ../shared/testdata/small.cweb.json target/screenshot-small.png
bash scripts/screenshot-smoke.sh assets/examples/collaboration.cweb.json target/screenshot-example.png
echo "== the editor window under Xvfb: reopened where and as large as it was left"
bash scripts/window-state-smoke.sh ../shared/testdata/small.cweb.json
echo "== all checks passed"
