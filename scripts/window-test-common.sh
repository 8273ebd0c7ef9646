# Shared by the editor window's smoke tests: sourced, not run.

# require TOOL...: stops with a message unless every tool is installed.
require() {
  local tool
  for tool in "$@"; do
    command -v "$tool" >/dev/null || {
      echo "$(basename "$0" .sh): $tool is missing: run scripts/install-system-packages.sh" >&2
      exit 1
    }
  done
}

# editor_binary: the binary CAUSAL_WEB names (scripts/test.sh passes the one
# `cargo test` built); otherwise the debug binary, built now.
editor_binary() {
  if [ -n "${CAUSAL_WEB:-}" ]; then
    echo "$CAUSAL_WEB"
  else
    cargo build --quiet --bin causal-web
    echo target/debug/causal-web
  fi
}
