#!/usr/bin/env bash
# Sets up causal-web and runs it on the bundled example.
set -euo pipefail
cd "$(dirname "$0")/.."
example=assets/examples/collaboration.cweb.json
cargo build --release
./target/release/causal-web validate "$example"
./target/release/causal-web stats "$example"
echo
echo "The studies behind Trust:"
./target/release/causal-web studies "$example" Trust
