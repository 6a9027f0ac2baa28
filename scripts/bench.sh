#!/usr/bin/env bash
# Time the whole `rehearse analyze` process against faster-whisper on the same audio, side by side.
#
#   scripts/bench.sh [--runs N] [--only rehearse|faster-whisper] [FILE]     (FILE: examples/answer.wav)
#
# Each side is one whole process, timed with /usr/bin/time (wall seconds and peak RSS):
#   rehearse:        $REHEARSE_BIN analyze FILE --model $REHEARSE_MODEL --json /dev/null $REHEARSE_ARGS
#   faster-whisper:  python scripts/bench_faster_whisper.py (start-up, imports, model load, transcription)
#                    with faster-whisper's default settings (beam search of 5, no prompt), word
#                    timestamps, int8, 2 threads: what a user picking faster-whisper instead would run;
#   fw+prompt:       the same with rehearse's disfluent prompt.
# All use Whisper tiny.en (the ggml file rehearse loads is converted from the same CTranslate2 weights). The runs alternate
# order (rehearse first in odd runs, faster-whisper first in even ones) after one untimed warm-up of each,
# so neither side always gets the warmer cache. Reports the median wall time, the largest peak RSS, and
# the ratios rehearse / faster-whisper.
#
# Environment:
#   REHEARSE_BIN     rehearse binary (default target/release/rehearse)
#   REHEARSE_MODEL   ggml model for rehearse (default models/ggml-tiny.en-q8_0.bin, the default model)
#   REHEARSE_ARGS    extra arguments for `rehearse analyze` (split on spaces)
#   RUNS             timed runs per side (default 3; --runs overrides)
#   THREADS          CPU threads for faster-whisper (default 2)
#   WARMUP           untimed warm-up runs per side (default 1)
# The faster-whisper side is prepared by scripts/bench-env.sh (venv .venv-bench, model cache); it runs
# offline once the model wheel is cached.
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
RUNS=${RUNS:-3}
ONLY=""
AUDIO=""
while [ $# -gt 0 ]; do
    case "$1" in
        --runs) RUNS=$2; shift 2 ;;
        --runs=*) RUNS=${1#*=}; shift ;;
        --only) ONLY=$2; shift 2 ;;
        --only=*) ONLY=${1#*=}; shift ;;
        -h|--help) sed -n '2,/^set -euo/p' "$0" | sed '$d; s/^# \{0,1\}//'; exit 0 ;;
        -*) echo "bench.sh: unknown option $1 (see --help)" >&2; exit 2 ;;
        *) AUDIO=$1; shift ;;
    esac
done
AUDIO=${AUDIO:-$ROOT/examples/answer.wav}
REHEARSE_BIN=${REHEARSE_BIN:-$ROOT/target/release/rehearse}
REHEARSE_MODEL=${REHEARSE_MODEL:-$ROOT/models/ggml-tiny.en-q8_0.bin}
THREADS=${THREADS:-2}
WARMUP=${WARMUP:-1}
export HF_HUB_OFFLINE=1

die() { echo "bench.sh: $*" >&2; exit 1; }

case "$ONLY" in
    ""|rehearse|faster-whisper) ;;
    *) die "--only takes rehearse or faster-whisper, not '$ONLY'" ;;
esac
[[ "$RUNS" =~ ^[1-9][0-9]*$ ]] || die "--runs must be a positive integer, not '$RUNS'"
[ -f "$AUDIO" ] || die "no audio file $AUDIO"

SIDES=()
if [ "$ONLY" != faster-whisper ]; then
    [ -x "$REHEARSE_BIN" ] || die "rehearse binary not found at $REHEARSE_BIN
  build it with 'cargo build --release', or set REHEARSE_BIN (or use --only faster-whisper)"
    [ -f "$REHEARSE_MODEL" ] || die "rehearse model not found at $REHEARSE_MODEL
  set REHEARSE_MODEL to a ggml Whisper tiny.en file (or use --only faster-whisper)"
    SIDES+=(rehearse)
fi
if [ "$ONLY" != rehearse ]; then
    SIDES+=(faster-whisper fw+prompt)
fi

# /usr/bin/time (the GNU program, not the shell keyword) gives the peak RSS.
if ! [ -x /usr/bin/time ]; then
    echo "bench.sh: installing GNU time (Debian package 'time')" >&2
    if [ "$(id -u)" = 0 ]; then
        apt-get install -y -qq time >/dev/null || { apt-get update -qq && apt-get install -y -qq time >/dev/null; }
    elif command -v sudo >/dev/null; then
        sudo apt-get install -y -qq time >/dev/null
    fi
    [ -x /usr/bin/time ] || die "/usr/bin/time is missing: install the 'time' package"
fi

if [ "$ONLY" != rehearse ]; then
    env_lines=$("$ROOT/scripts/bench-env.sh") || die "scripts/bench-env.sh failed (faster-whisper venv or model)"
    eval "$env_lines"
fi

WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT

run_side() {  # run_side SIDE TAG: one timed process; appends "wall rss_kb" to $WORK/SIDE.times
    local side=$1 tag=$2 out=$WORK/$1.$2.out err=$WORK/$1.$2.err tf=$WORK/$1.$2.time
    local -a cmd
    if [ "$side" = rehearse ]; then
        # shellcheck disable=SC2206
        cmd=("$REHEARSE_BIN" analyze "$AUDIO" --model "$REHEARSE_MODEL" --json /dev/null ${REHEARSE_ARGS:-})
    else
        cmd=("$BENCH_PYTHON" "$ROOT/scripts/bench_faster_whisper.py" --model-dir "$FW_MODEL_DIR"
             --threads "$THREADS" --beam-size 5 --quiet "$AUDIO")
        [ "$side" = fw+prompt ] || cmd+=(--no-prompt)
    fi
    if ! /usr/bin/time -f '%e %M' -o "$tf" "${cmd[@]}" >"$out" 2>"$err" </dev/null; then
        echo "bench.sh: $side failed: ${cmd[*]}" >&2
        tail -n 20 "$err" >&2
        exit 1
    fi
    [ "$tag" = warmup ] || tail -n 1 "$tf" >>"$WORK/$side.times"
    printf '  %-15s %-7s %6.2f s  %6.0f MB\n' "$side" "$tag" "$(awk '{print $1}' "$tf" | tail -n1)" \
        "$(awk '{print $2/1024}' "$tf" | tail -n1)" >&2
}

cpu=$(awk -F': ' '/^model name/ {print $2; exit}' /proc/cpuinfo)
dur=$(python3 -c 'import sys,wave; w=wave.open(sys.argv[1]); print(f"{w.getnframes()/w.getframerate():.2f}")' \
      "$AUDIO" 2>/dev/null || soxi -D "$AUDIO" 2>/dev/null || echo "?")
echo "machine: ${cpu:-unknown CPU}, nproc $(nproc), $(uname -sr), $(date -u '+%Y-%m-%d %H:%M UTC')"
echo "audio:   $AUDIO ($dur s)"
echo "runs:    $RUNS timed per side (+$WARMUP warm-up), order alternating"
if [[ " ${SIDES[*]} " == *" rehearse "* ]]; then
    echo "rehearse:       $REHEARSE_BIN analyze ... --model $REHEARSE_MODEL --json /dev/null ${REHEARSE_ARGS:-}"
fi
if [ "$ONLY" != rehearse ]; then
    fwv=$("$BENCH_PYTHON" -c 'from importlib.metadata import version as v; print(v("faster-whisper"), v("ctranslate2"))')
    echo "faster-whisper: ${fwv% *} (ctranslate2 ${fwv#* }), tiny.en int8, $THREADS threads, default settings (beam 5, no prompt), word timestamps; fw+prompt adds rehearse's prompt"
fi
echo >&2

for ((i = 1; i <= WARMUP; i++)); do
    for side in "${SIDES[@]}"; do run_side "$side" warmup; done
done
for ((i = 1; i <= RUNS; i++)); do
    if ((i % 2)); then order=("${SIDES[@]}"); else order=(); for ((j = ${#SIDES[@]} - 1; j >= 0; j--)); do order+=("${SIDES[j]}"); done; fi
    for side in "${order[@]}"; do run_side "$side" "run$i"; done
done
echo >&2

# Table: median wall time, min-max, largest peak RSS; then the ratios.
stats() {  # stats SIDE -> "median min max rss_mb"
    sort -n "$WORK/$1.times" | awk '{w[NR]=$1; if ($2>m) m=$2} END {
        med = (NR % 2) ? w[(NR+1)/2] : (w[NR/2] + w[NR/2+1]) / 2
        printf "%.2f %.2f %.2f %.0f\n", med, w[1], w[NR], m/1024 }'
}
printf '%-16s %10s %14s %13s %9s\n' side "median s" "min-max s" "peak RSS MB" "x realtime"
declare -A MED RSS
for side in "${SIDES[@]}"; do
    read -r med lo hi rss < <(stats "$side")
    MED[$side]=$med; RSS[$side]=$rss
    xrt=$(awk -v d="$dur" -v m="$med" 'BEGIN { if (d+0 > 0 && m > 0) printf "%.1f", d/m; else print "?" }')
    printf '%-16s %10s %14s %13s %9s\n' "$side" "$med" "$lo-$hi" "$rss" "$xrt"
done
if [[ " ${SIDES[*]} " == *" rehearse "* && " ${SIDES[*]} " == *" faster-whisper "* ]]; then
    for ref in faster-whisper fw+prompt; do
        awk -v rt="${MED[rehearse]}" -v ft="${MED[$ref]}" -v rm="${RSS[rehearse]}" -v fm="${RSS[$ref]}" \
            -v n="$RUNS" -v d="$dur" -v ref="$ref" 'BEGIN {
            printf "summary: rehearse %.2f s / %.0f MB vs %s %.2f s / %.0f MB on %s s of audio: " \
                   "time ratio %.2f, memory ratio %.2f (median of %d runs)\n",
                   rt, rm, ref, ft, fm, d, rt/ft, rm/fm, n }'
    done
else
    for side in "${SIDES[@]}"; do
        echo "summary: $side ${MED[$side]} s / ${RSS[$side]} MB on $dur s of audio (median of $RUNS runs)"
    done
fi
