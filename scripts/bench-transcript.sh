#!/usr/bin/env bash
# Times `rehearse analyze --transcript` on a generated mock interview of MINUTES (default 10)
# minutes of the candidate's speech, in every format it reads, and prints the numbers. The
# budget is 1 s per run (the aim is well under it); exits 1 if a median is over budget.
#
#   scripts/bench-transcript.sh [MINUTES] [RUNS]
#
# The transcripts are written by examples/gen_transcripts.rs into a temporary directory,
# removed afterwards. REHEARSE_MODEL points at a missing file: a transcript never needs the
# model. Each format runs RUNS times (default 7) after one warm-up, writing the full JSON
# report and the summary.
set -euo pipefail

minutes=${1:-10}
runs=${2:-7}
budget_ms=1000

cd "$(dirname "$0")/.."
cargo build --release --quiet --bin rehearse --example gen_transcripts
bin=target/release/rehearse

dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
target/release/examples/gen_transcripts "$dir" "$minutes"
ls -l "$dir" | awk 'NR > 1 { printf "  %-18s %8d bytes\n", $9, $5 }'

# shellcheck source=scripts/measure.sh
source scripts/measure.sh

export REHEARSE_MODEL=$dir/no-such-model.bin REHEARSE_DATA_DIR=$dir/data NO_COLOR=1
analyze() { "$bin" analyze --transcript "$@" --json "$dir/report.json"; }
measure "WebVTT, 2 speakers"   $budget_ms analyze "$dir/interview.vtt" --speaker Candidate
measure "SRT"                  $budget_ms analyze "$dir/answer.srt"
measure "Whisper JSON"         $budget_ms analyze "$dir/whisper.json"
measure "OpenAI verbose_json"  $budget_ms analyze "$dir/openai.json"
measure "whisper.cpp JSON"     $budget_ms analyze "$dir/whisper-cpp.json"
measure "plain text"           $budget_ms analyze "$dir/interview.txt" --speaker Candidate
# For comparison: the process doing nothing but print its version.
measure "rehearse --version"   - "$bin" --version
exit $status
