#!/usr/bin/env bash
# Compares causal-web's layouts with Graphviz (sfdp, neato, dot) on random
# webs: wall-clock time of the whole command (median of RUNS runs), shape
# overlaps and link crossings of each result. Prints a Markdown table.
#
#   benches/peers.sh                 # webs of 50, 200, 1000 and 5000 nodes
#   benches/peers.sh 200 1000        # only these sizes
#   RUNS=5 TIMEOUT=60 SEED=42 benches/peers.sh
#
# Installs graphviz with apt (apt-get update first). Every run is limited to
# TIMEOUT seconds; a command that times out once is reported as "timeout"
# and not run again at that size.
set -euo pipefail
cd "$(dirname "$0")/.."

RUNS=${RUNS:-5}
TIMEOUT=${TIMEOUT:-60}
SEED=${SEED:-42}
SIZES=${*:-50 200 1000 5000}

if [ "$(id -u)" = 0 ]; then SUDO=(); else SUDO=(sudo); fi
"${SUDO[@]}" apt-get update -qq
"${SUDO[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq graphviz >/dev/null

cargo build --release --quiet --bin causal-web --example peer_webs
BIN=target/release/causal-web
HELPER=target/release/examples/peer_webs
WORK=target/peers
mkdir -p "$WORK"

# median of the numbers on stdin
median() { sort -g | awk '{ a[NR] = $1 } END { if (NR % 2) print a[(NR + 1) / 2]; else print (a[NR / 2] + a[NR / 2 + 1]) / 2 }'; }

# row NAME WEB OUTPUT COMMAND...: times COMMAND, then measures OUTPUT
row() {
    local name=$1 web=$2 output=$3 n=$4 links=$5
    shift 5
    local times=() status=ok
    for _ in $(seq "$RUNS"); do
        rm -f "$output"
        local start end
        start=$(date +%s.%N)
        if timeout "$TIMEOUT" "$@" >/dev/null 2>"$WORK/stderr"; then
            end=$(date +%s.%N)
            times+=("$(awk -v a="$start" -v b="$end" 'BEGIN { print b - a }')")
        else
            local rc=$?
            if [ "$rc" = 124 ]; then status=timeout; else status="failed ($rc)"; fi
            break
        fi
    done
    if [ "$status" != ok ]; then
        echo "| $n | $links | $name | $status | | | |"
        return
    fi
    local t counts
    t=$(printf '%s\n' "${times[@]}" | median)
    counts=$("$HELPER" count "$web" "$output")
    read -r overlaps close crossings <<<"$counts"
    printf '| %s | %s | %s | %.3f | %s | %s | %s |\n' "$n" "$links" "$name" "$t" "$overlaps" "$close" "$crossings"
}

echo "Graphviz: $(dot -V 2>&1); runs: $RUNS, timeout: ${TIMEOUT} s; machine: $(nproc) cores"
echo
echo "| nodes | links | layout | seconds (median) | overlapping shapes | pairs closer than 12 | crossings |"
echo "|---:|---:|---|---:|---:|---:|---:|"
for n in $SIZES; do
    "$HELPER" generate "$n" "$SEED" "$WORK" >/dev/null
    web="$WORK/web_$n.cweb.json"
    dotfile="$WORK/web_$n.dot"
    links=$(grep -c -- '->' "$dotfile")
    row "causal-web force" "$web" "$WORK/force_$n.cweb.json" "$n" "$links" \
        "$BIN" layout "$web" -o "$WORK/force_$n.cweb.json" --algorithm force
    row "causal-web force + export SVG" "$web" "$WORK/force_$n.cweb.json" "$n" "$links" \
        sh -c "$BIN layout $web -o $WORK/force_$n.cweb.json --algorithm force && $BIN export $WORK/force_$n.cweb.json -o $WORK/force_$n.svg"
    row "sfdp" "$web" "$WORK/sfdp_$n.svg" "$n" "$links" sfdp -Tsvg "$dotfile" -o "$WORK/sfdp_$n.svg"
    row "sfdp -Goverlap=prism" "$web" "$WORK/sfdp_prism_$n.svg" "$n" "$links" \
        sfdp -Goverlap=prism -Tsvg "$dotfile" -o "$WORK/sfdp_prism_$n.svg"
    row "neato" "$web" "$WORK/neato_$n.svg" "$n" "$links" neato -Tsvg "$dotfile" -o "$WORK/neato_$n.svg"
    row "neato -Goverlap=prism" "$web" "$WORK/neato_prism_$n.svg" "$n" "$links" \
        neato -Goverlap=prism -Tsvg "$dotfile" -o "$WORK/neato_prism_$n.svg"
    row "causal-web layered" "$web" "$WORK/layered_$n.cweb.json" "$n" "$links" \
        "$BIN" layout "$web" -o "$WORK/layered_$n.cweb.json" --algorithm layered
    row "dot" "$web" "$WORK/dot_$n.svg" "$n" "$links" dot -Tsvg "$dotfile" -o "$WORK/dot_$n.svg"
done
