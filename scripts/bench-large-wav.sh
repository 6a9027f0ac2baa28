#!/usr/bin/env bash
# Peak memory of `rehearse analyze` on a large recording. Generates a 30-minute 96 kHz stereo
# 32-bit WAV (1.38 GB: the clean.wav fixture repeated, upsampled) in a temporary folder outside
# the repository, analyses it under /usr/bin/time -v, prints the peak resident memory and the wall
# time, and deletes the file (unless --keep). Reading is done in blocks, so the peak should stay
# under 400 MB whatever the file's size.
#
#   scripts/bench-large-wav.sh [--minutes N] [--keep] [--decode-only]
#
# --decode-only analyses a silent file of the same size instead: no speech, so no transcription;
# what is left is the reading, resampling and speech detection.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

minutes=30
keep=0
silent=0
while [ $# -gt 0 ]; do
    case "$1" in
        --minutes) minutes=$2; shift 2 ;;
        --keep) keep=1; shift ;;
        --decode-only) silent=1; shift ;;
        *) echo "usage: $0 [--minutes N] [--keep] [--decode-only]" >&2; exit 2 ;;
    esac
done

if [ ! -x /usr/bin/time ]; then
    echo "bench-large-wav: needs GNU time (Debian package 'time': sudo apt-get install time)" >&2
    exit 1
fi
cargo build --release --locked
scripts/fetch-model.sh --q8 >/dev/null

dir=$(mktemp -d "${TMPDIR:-/tmp}/rehearse-large.XXXXXX")
wav="$dir/large-96k-stereo-32bit.wav"
if [ "$keep" = 0 ]; then
    trap 'rm -rf "$dir"' EXIT
fi

python3 - "tests/fixtures/clean.wav" "$wav" "$minutes" "$silent" <<'PY'
import array, struct, sys, wave

src, dst, minutes, silent = sys.argv[1], sys.argv[2], float(sys.argv[3]), sys.argv[4] == "1"
RATE, CHANNELS, WIDTH = 96_000, 2, 4
with wave.open(src) as w:
    assert (w.getframerate(), w.getnchannels(), w.getsampwidth()) == (16_000, 1, 2)
    clip = array.array("h", w.readframes(w.getnframes()))
# One repetition at 96 kHz: linear interpolation (6 output samples per input sample), as 32-bit
# stereo, then a second of silence between repetitions.
rep = array.array("i")
for k in range(len(clip)):
    a = 0 if silent else clip[k]
    b = 0 if silent else clip[min(k + 1, len(clip) - 1)]
    for j in range(6):
        v = (a + (b - a) * j // 6) << 16
        rep.append(v)
        rep.append(v)
rep.extend([0] * (RATE * CHANNELS))
rep = rep.tobytes()
total = int(minutes * 60 * RATE) * CHANNELS * WIDTH
with open(dst, "wb") as f:
    f.write(b"RIFF" + struct.pack("<I", 36 + total) + b"WAVE")
    f.write(b"fmt " + struct.pack("<IHHIIHH", 16, 1, CHANNELS, RATE, RATE * CHANNELS * WIDTH,
                                  CHANNELS * WIDTH, 8 * WIDTH))
    f.write(b"data" + struct.pack("<I", total))
    left = total
    while left > 0:
        piece = rep[:left]
        f.write(piece)
        left -= len(piece)
PY
size=$(stat -c %s "$wav")
echo "bench-large-wav: $wav: $((size / 1000000)) MB, $minutes min, 96 kHz stereo 32-bit"

log="$dir/time.log"
/usr/bin/time -v target/release/rehearse analyze "$wav" --json "$dir/report.json" \
    >/dev/null 2>"$log" || { cat "$log" >&2; exit 1; }
peak_kb=$(sed -n 's/^\s*Maximum resident set size (kbytes): //p' "$log")
wall=$(sed -n 's/^\s*Elapsed (wall clock) time (h:mm:ss or m:ss): //p' "$log")
words=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["metrics"]["word_count"])' \
    "$dir/report.json")
echo "bench-large-wav: peak memory $((peak_kb / 1024)) MB, wall time $wall, $words words transcribed"
