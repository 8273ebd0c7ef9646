#!/usr/bin/env bash
# Compares causal-web's figure export with Graphviz on random webs: SVG and
# 300-dpi PNG against `dot -Tsvg` and `dot -Tpng -Gdpi=300` of the same web
# (same shapes, sizes, line breaks and font size). causal-web is timed
# exporting a web laid out beforehand ("export") and laying it out then
# exporting it ("layout + export", as dot does both). Time and peak memory
# are the median of RUNS runs: wall-clock time of the whole command, and the
# peak memory that GNU time (/usr/bin/time -v) reports. Prints a Markdown table.
#
#   benches/export_peers.sh              # webs of 50, 200 and 1000 nodes
#   benches/export_peers.sh 50 200       # only these sizes
#   RUNS=5 TIMEOUT=120 SEED=42 benches/export_peers.sh
#
# Installs graphviz with apt. A command that exceeds TIMEOUT seconds is
# reported as a timeout and not run again at that size.
set -euo pipefail
cd "$(dirname "$0")/.."

RUNS=${RUNS:-5}
TIMEOUT=${TIMEOUT:-120}
SEED=${SEED:-42}
SIZES=${*:-50 200 1000}

if ! command -v dot >/dev/null || [ ! -x /usr/bin/time ]; then
    if [ "$(id -u)" = 0 ]; then SUDO=(); else SUDO=(sudo); fi
    "${SUDO[@]}" apt-get update -qq
    "${SUDO[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq graphviz time >/dev/null
fi

cargo build --release --quiet --bin causal-web --example export_webs
BIN=target/release/causal-web
HELPER=target/release/examples/export_webs
WORK=target/export_peers
mkdir -p "$WORK"

# median of the numbers on stdin
median() { sort -g | awk '{ a[NR] = $1 } END { if (NR % 2) print a[(NR + 1) / 2]; else print (a[NR / 2] + a[NR / 2 + 1]) / 2 }'; }

# measured NAME N OUTPUT COMMAND...: a table row with the median seconds and
# peak memory of COMMAND, and the pixel size of a PNG output
measured() {
    local name=$1 n=$2 output=$3
    shift 3
    local secs=() mbs=() status=ok
    for _ in $(seq "$RUNS"); do
        rm -f "$output"
        local start end
        start=$(date +%s.%N)
        if timeout "$TIMEOUT" /usr/bin/time -v "$@" >/dev/null 2>"$WORK/time"; then
            end=$(date +%s.%N)
            secs+=("$(awk -v a="$start" -v b="$end" 'BEGIN { print b - a }')")
            mbs+=("$(awk -F': ' '/Maximum resident set size/ { print $2 / 1024 }' "$WORK/time")")
        else
            local rc=$?
            if [ "$rc" = 124 ]; then status="timeout (${TIMEOUT} s)"; else status="failed ($rc)"; fi
            break
        fi
    done
    if [ "$status" != ok ]; then
        echo "| $n | $name | $status | | |"
        return
    fi
    local size=""
    if [ "${output##*.}" = png ]; then
        # width and height: big-endian, bytes 16 to 23 of a PNG
        size=$(od -An -tu1 -j16 -N8 "$output" | awk '{ printf "%d × %d", (($1 * 256 + $2) * 256 + $3) * 256 + $4, (($5 * 256 + $6) * 256 + $7) * 256 + $8 }')
    fi
    printf '| %s | %s | %.3f | %.0f | %s |\n' "$n" "$name" \
        "$(printf '%s\n' "${secs[@]}" | median)" "$(printf '%s\n' "${mbs[@]}" | median)" "$size"
}

echo "Graphviz $(dot -V 2>&1 | awk '{ print $5 }'); runs: $RUNS, timeout: ${TIMEOUT} s; machine: $(nproc) cores"
echo
echo "| nodes | command | seconds (median) | peak MB (median) | PNG pixels |"
echo "|---:|---|---:|---:|---|"
for n in $SIZES; do
    "$HELPER" generate "$n" "$SEED" "$WORK" >/dev/null
    web="$WORK/web_$n.cweb.json"
    dotfile="$WORK/web_$n.dot"
    laid="$WORK/laid_$n.cweb.json"
    "$BIN" layout "$web" -o "$laid" --algorithm force >/dev/null
    measured "causal-web export SVG" "$n" "$WORK/cw_$n.svg" "$BIN" export "$laid" -o "$WORK/cw_$n.svg"
    measured "causal-web layout + export SVG" "$n" "$WORK/cwl_$n.svg" \
        sh -c "$BIN layout $web -o $WORK/cwl_$n.cweb.json --algorithm force >/dev/null && $BIN export $WORK/cwl_$n.cweb.json -o $WORK/cwl_$n.svg"
    measured "dot -Tsvg" "$n" "$WORK/dot_$n.svg" dot -Tsvg "$dotfile" -o "$WORK/dot_$n.svg"
    measured "causal-web export PNG 300 dpi" "$n" "$WORK/cw_$n.png" "$BIN" export "$laid" -o "$WORK/cw_$n.png" --dpi 300
    measured "causal-web layout + export PNG 300 dpi" "$n" "$WORK/cwl_$n.png" \
        sh -c "$BIN layout $web -o $WORK/cwl_$n.cweb.json --algorithm force >/dev/null && $BIN export $WORK/cwl_$n.cweb.json -o $WORK/cwl_$n.png --dpi 300"
    measured "dot -Tpng -Gdpi=300" "$n" "$WORK/dot_$n.png" dot -Tpng -Gdpi=300 "$dotfile" -o "$WORK/dot_$n.png"
done
