#!/usr/bin/env bash
# Compares causal-web with Graphviz on random webs (benches/support/random_web.rs,
# written with Graphviz's DOT by examples/peer_webs.rs). Prints Markdown tables.
#
# layout: our layouts against sfdp, neato and dot (and dot with every
#   context held in its first rank, as our layered layout does): wall-clock time of the
#   whole command (median of RUNS runs), shape overlaps and link crossings of
#   each result. Sizes 50, 200, 1000 and 5000 nodes by default.
# export: our figure export, SVG and 300-dpi PNG, against `dot -Tsvg` and
#   `dot -Tpng -Gdpi=300` of the same web (same shapes, sizes, line breaks and
#   font size). causal-web is timed exporting a web laid out beforehand
#   ("export") and laying it out then exporting it ("layout + export", as dot
#   does both). Time and peak memory are the median of RUNS runs: wall-clock
#   time of the whole command, and the peak memory that GNU time
#   (/usr/bin/time -v) reports. Sizes 50, 200 and 1000 nodes by default.
#
#   benches/peers.sh                     # both comparisons, default sizes
#   benches/peers.sh layout              # only the layouts
#   benches/peers.sh export 50 200       # only the export, at these sizes
#   benches/peers.sh 200 1000            # both, at these sizes
#   RUNS=5 TIMEOUT=60 SEED=42 benches/peers.sh
#
# Installs graphviz (and GNU time) with apt if missing. Every run is limited
# to TIMEOUT seconds; a command that times out once is reported as a timeout
# and not run again at that size.
set -euo pipefail
cd "$(dirname "$0")/.."

MODE=all
case "${1:-}" in layout | export | all) MODE=$1 && shift ;; esac
RUNS=${RUNS:-5}
TIMEOUT=${TIMEOUT:-60}
SEED=${SEED:-42}

if ! command -v dot >/dev/null || [ ! -x /usr/bin/time ]; then
    if [ "$(id -u)" = 0 ]; then SUDO=(); else SUDO=(sudo); fi
    "${SUDO[@]}" apt-get update -qq
    "${SUDO[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq graphviz time >/dev/null
fi

cargo build --release --quiet --bin causal-web --example peer_webs
BIN=target/release/causal-web
HELPER=target/release/examples/peer_webs

# median of the numbers on stdin
median() { sort -g | awk '{ a[NR] = $1 } END { if (NR % 2) print a[(NR + 1) / 2]; else print (a[NR / 2] + a[NR / 2 + 1]) / 2 }'; }

# timed MEMORY OUTPUT COMMAND...: runs COMMAND RUNS times (removing OUTPUT
# before each run), under GNU time if MEMORY is "memory". Sets STATUS (ok,
# timeout or "failed (CODE)"), SECONDS_MEDIAN and, with GNU time, MB_MEDIAN.
timed() {
    local memory=$1 output=$2
    shift 2
    local secs=() mbs=() wrap=()
    [ "$memory" = memory ] && wrap=(/usr/bin/time -v)
    STATUS=ok
    for _ in $(seq "$RUNS"); do
        rm -f "$output"
        local start end
        start=$(date +%s.%N)
        if timeout "$TIMEOUT" "${wrap[@]}" "$@" >/dev/null 2>"$WORK/stderr"; then
            end=$(date +%s.%N)
            secs+=("$(awk -v a="$start" -v b="$end" 'BEGIN { print b - a }')")
            if [ "$memory" = memory ]; then
                mbs+=("$(awk -F': ' '/Maximum resident set size/ { print $2 / 1024 }' "$WORK/stderr")")
            fi
        else
            local rc=$?
            if [ "$rc" = 124 ]; then STATUS=timeout; else STATUS="failed ($rc)"; fi
            return
        fi
    done
    SECONDS_MEDIAN=$(printf '%s\n' "${secs[@]}" | median)
    if [ "$memory" = memory ]; then MB_MEDIAN=$(printf '%s\n' "${mbs[@]}" | median); fi
}

# generate N FLAVOUR: the web of N nodes and its DOT (layout or export) in $WORK
generate() {
    "$HELPER" generate "$1" "$SEED" "$WORK" "$2" >/dev/null
    web="$WORK/web_$1.cweb.json"
    dotfile="$WORK/web_$1.dot"
}

# layout_row NAME N LINKS OUTPUT COMMAND...: times COMMAND, then counts the
# overlaps and crossings of OUTPUT
layout_row() {
    local name=$1 n=$2 links=$3 output=$4
    shift 4
    timed - "$output" "$@"
    if [ "$STATUS" != ok ]; then
        echo "| $n | $links | $name | $STATUS | | | | |"
        return
    fi
    local overlaps close crossings behind
    read -r overlaps close crossings behind <<<"$("$HELPER" count "$web" "$output")"
    printf '| %s | %s | %s | %.3f | %s | %s | %s | %s |\n' "$n" "$links" "$name" "$SECONDS_MEDIAN" "$overlaps" "$close" "$crossings" "$behind"
}

layout_comparison() {
    WORK=target/peers
    mkdir -p "$WORK"
    echo "Graphviz: $(dot -V 2>&1); runs: $RUNS, timeout: ${TIMEOUT} s; machine: $(nproc) cores"
    echo
    echo "| nodes | links | layout | seconds (median) | overlapping shapes | pairs closer than 12 | crossings | links behind shapes |"
    echo "|---:|---:|---|---:|---:|---:|---:|---:|"
    local n links
    for n in "$@"; do
        generate "$n" layout
        links=$(grep -c -- '->' "$dotfile")
        layout_row "causal-web force" "$n" "$links" "$WORK/force_$n.cweb.json" \
            "$BIN" layout "$web" -o "$WORK/force_$n.cweb.json" --algorithm force
        layout_row "causal-web force + export SVG" "$n" "$links" "$WORK/force_$n.cweb.json" \
            sh -c "$BIN layout $web -o $WORK/force_$n.cweb.json --algorithm force && $BIN export $WORK/force_$n.cweb.json -o $WORK/force_$n.svg"
        # Links drawn straight through shapes in their way, as sfdp draws them.
        layout_row "causal-web force + export SVG, --straight-links" "$n" "$links" "$WORK/force_$n.cweb.json" \
            sh -c "$BIN layout $web -o $WORK/force_$n.cweb.json --algorithm force && $BIN export $WORK/force_$n.cweb.json -o $WORK/force_$n.svg --straight-links"
        layout_row "sfdp" "$n" "$links" "$WORK/sfdp_$n.svg" sfdp -Tsvg "$dotfile" -o "$WORK/sfdp_$n.svg"
        layout_row "sfdp -Goverlap=prism" "$n" "$links" "$WORK/sfdp_prism_$n.svg" \
            sfdp -Goverlap=prism -Tsvg "$dotfile" -o "$WORK/sfdp_prism_$n.svg"
        layout_row "neato" "$n" "$links" "$WORK/neato_$n.svg" neato -Tsvg "$dotfile" -o "$WORK/neato_$n.svg"
        layout_row "neato -Goverlap=prism" "$n" "$links" "$WORK/neato_prism_$n.svg" \
            neato -Goverlap=prism -Tsvg "$dotfile" -o "$WORK/neato_prism_$n.svg"
        layout_row "causal-web layered" "$n" "$links" "$WORK/layered_$n.cweb.json" \
            "$BIN" layout "$web" -o "$WORK/layered_$n.cweb.json" --algorithm layered
        layout_row "dot" "$n" "$links" "$WORK/dot_$n.svg" dot -Tsvg "$dotfile" -o "$WORK/dot_$n.svg"
        layout_row "dot, contexts in the first rank" "$n" "$links" "$WORK/dot_first_$n.svg" \
            dot -Tsvg "$WORK/web_${n}_contexts_first.dot" -o "$WORK/dot_first_$n.svg"
    done
}

# export_row NAME N OUTPUT COMMAND...: the median seconds and peak memory of
# COMMAND, and the pixel size of a PNG output
export_row() {
    local name=$1 n=$2 output=$3
    shift 3
    timed memory "$output" "$@"
    if [ "$STATUS" = timeout ]; then STATUS="timeout (${TIMEOUT} s)"; fi
    if [ "$STATUS" != ok ]; then
        echo "| $n | $name | $STATUS | | |"
        return
    fi
    local size=""
    if [ "${output##*.}" = png ]; then
        # width and height: big-endian, bytes 16 to 23 of a PNG
        size=$(od -An -tu1 -j16 -N8 "$output" | awk '{ printf "%d × %d", (($1 * 256 + $2) * 256 + $3) * 256 + $4, (($5 * 256 + $6) * 256 + $7) * 256 + $8 }')
    fi
    printf '| %s | %s | %.3f | %.0f | %s |\n' "$n" "$name" "$SECONDS_MEDIAN" "$MB_MEDIAN" "$size"
}

export_comparison() {
    WORK=target/export_peers
    mkdir -p "$WORK"
    echo "Graphviz $(dot -V 2>&1 | awk '{ print $5 }'); runs: $RUNS, timeout: ${TIMEOUT} s; machine: $(nproc) cores"
    echo
    echo "| nodes | command | seconds (median) | peak MB (median) | PNG pixels |"
    echo "|---:|---|---:|---:|---|"
    local n laid
    for n in "$@"; do
        generate "$n" export
        laid="$WORK/laid_$n.cweb.json"
        "$BIN" layout "$web" -o "$laid" --algorithm force >/dev/null
        export_row "causal-web export SVG" "$n" "$WORK/cw_$n.svg" "$BIN" export "$laid" -o "$WORK/cw_$n.svg"
        export_row "causal-web layout + export SVG" "$n" "$WORK/cwl_$n.svg" \
            sh -c "$BIN layout $web -o $WORK/cwl_$n.cweb.json --algorithm force >/dev/null && $BIN export $WORK/cwl_$n.cweb.json -o $WORK/cwl_$n.svg"
        export_row "dot -Tsvg" "$n" "$WORK/dot_$n.svg" dot -Tsvg "$dotfile" -o "$WORK/dot_$n.svg"
        export_row "causal-web export PNG 300 dpi" "$n" "$WORK/cw_$n.png" "$BIN" export "$laid" -o "$WORK/cw_$n.png" --dpi 300
        export_row "causal-web layout + export PNG 300 dpi" "$n" "$WORK/cwl_$n.png" \
            sh -c "$BIN layout $web -o $WORK/cwl_$n.cweb.json --algorithm force >/dev/null && $BIN export $WORK/cwl_$n.cweb.json -o $WORK/cwl_$n.png --dpi 300"
        export_row "dot -Tpng -Gdpi=300" "$n" "$WORK/dot_$n.png" dot -Tpng -Gdpi=300 "$dotfile" -o "$WORK/dot_$n.png"
    done
}

if [ "$MODE" != export ]; then
    # shellcheck disable=SC2086 # word splitting of the default sizes
    layout_comparison ${*:-50 200 1000 5000}
fi
[ "$MODE" = all ] && echo
if [ "$MODE" != layout ]; then
    # shellcheck disable=SC2086
    export_comparison ${*:-50 200 1000}
fi
