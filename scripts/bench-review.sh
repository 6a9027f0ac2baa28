#!/usr/bin/env bash
# Measures the review pages: the size of a 3-minute take's page and how long it takes to write
# and to open in Chromium, and the same for the progress page over 200 takes. Prints numbers;
# the budgets (take page ≤ 8 MB and open in under a second, progress page ≤ 2 MB) are shown
# beside them.
#
#   scripts/bench-review.sh [RUNS]
#
# The 3-minute answer is the project's fixture recordings played one after another until 180 s,
# with a room's noise floor added (the fixtures are synthetic speech over digital silence, which
# would compress far better than a real microphone does): once quiet (-60 dBFS, a quiet room)
# and once noisy (-40 dBFS, a fan or a street). Each is analysed and saved with the real model,
# then `rehearse review` writes its page. The 200 takes come from examples/gen_store.rs, each
# with a page of its own so the progress page links them all.
set -euo pipefail

runs=${1:-5}
cd "$(dirname "$0")/.."
root=$PWD
cargo build --release --quiet --bin rehearse --example gen_store
bin=$root/target/release/rehearse
python=$(scripts/browser-env.sh)
driver=$root/tests/browser/review_page.py

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
export REHEARSE_DATA_DIR=$work/data NO_COLOR=1

ms() { echo $(( $(date +%s%N) / 1000000 )); }
median() { sort -n | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'; }
mb() { awk -v b="$1" 'BEGIN { printf "%.2f MB", b / 1e6 }'; }

# 180 s of speech from the fixtures, plus noise at the given level (dBFS RMS).
make_answer() {
    local noise_dbfs=$1 out=$2
    python3 - "$noise_dbfs" "$out" tests/fixtures/{clean,fillers,pauses,espeak}.wav <<'PY'
import array, random, sys, wave
noise_dbfs, out, sources = float(sys.argv[1]), sys.argv[2], sys.argv[3:]
clips = []
for path in sources:
    with wave.open(path) as w:
        assert (w.getframerate(), w.getnchannels(), w.getsampwidth()) == (16000, 1, 2), path
        clips.append(array.array("h", w.readframes(w.getnframes())))
total = 180 * 16000
samples = array.array("h")
while len(samples) < total:
    for c in clips:
        samples.extend(c[: total - len(samples)])
sigma = 32768 * 10 ** (noise_dbfs / 20)
rng = random.Random(7)
for i in range(total):
    samples[i] = max(-32768, min(32767, samples[i] + round(rng.gauss(0, sigma))))
with wave.open(out, "wb") as w:
    w.setnchannels(1); w.setsampwidth(2); w.setframerate(16000)
    w.writeframes(samples.tobytes())
PY
}

time_review() {
    local times=() a b
    for _ in $(seq "$runs"); do
        a=$(ms); "$bin" review "$@" >/dev/null; b=$(ms)
        times+=($(( b - a )))
    done
    printf '%s\n' "${times[@]}" | median
}

# Medians of: first paint, interactive (parsed, script run), load event, recording ready.
open_times() {
    "$python" "$driver" "$1" --timing "$runs" | python3 -c '
import json, statistics, sys
t = json.load(sys.stdin)["timing"]
print(*(round(statistics.median(t[k])) for k in ("paint_ms", "interactive_ms", "load_ms", "ready_ms")))'
}

echo "rehearse review pages ($(nproc) cores; $runs runs each, medians)"
for level in -60 -40; do
    wav=$work/answer$level.wav
    make_answer "$level" "$wav"
    "$bin" analyze "$wav" --save --question "Tell me about a project you are proud of" >/dev/null
    id=$("$bin" history --json | tail -1 | python3 -c 'import json,sys; print(json.load(sys.stdin)["id"])')
    write_ms=$(time_review "$id")
    page=$work/data/sessions/$id/review.html
    size=$(stat -c %s "$page")
    wav_size=$(stat -c %s "$wav")
    read -r paint_ms interactive_ms load_ms ready_ms < <(open_times "$page")
    printf 'take page, 3:00 answer, noise %s dBFS: %s (WAV %s; budget 8 MB), written in %d ms\n' \
        "$level" "$(mb "$size")" "$(mb "$wav_size")" "$write_ms"
    printf '  opens: first paint %d ms, interactive %d ms, loaded %d ms, ready to play %d ms (budget 1000 ms)\n' \
        "$paint_ms" "$interactive_ms" "$load_ms" "$ready_ms"
done

store=$work/store200
"$root/target/release/examples/gen_store" "$store" 200 --wav >/dev/null 2>&1
for id in $(REHEARSE_DATA_DIR=$store "$bin" history --json | python3 -c '
import json, sys
for line in sys.stdin: print(json.loads(line)["id"])'); do
    REHEARSE_DATA_DIR=$store "$bin" review "$id" >/dev/null
done
write_ms=$(REHEARSE_DATA_DIR=$store time_review --progress)
page=$store/sessions/progress.html
read -r paint_ms interactive_ms load_ms _ < <(open_times "$page")
printf 'progress page, 200 takes: %s (budget 2 MB), written in %d ms\n' \
    "$(mb "$(stat -c %s "$page")")" "$write_ms"
printf '  opens: first paint %d ms, interactive %d ms, loaded %d ms\n' "$paint_ms" "$interactive_ms" "$load_ms"
