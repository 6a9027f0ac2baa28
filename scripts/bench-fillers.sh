#!/usr/bin/env bash
# Scores the filler detector and prints precision and recall per word: on the project's own
# labelled sentences (tests/fixtures/filler-sentences.jsonl) and on the Switchboard held-out
# conversations (real telephone speech, word times, no punctuation), which are not in the
# repository: pass the file, or set REHEARSE_SWITCHBOARD, or keep it at
# ../shared/data/switchboard-fillers/heldout.jsonl next to the repository.
#
#   scripts/bench-fillers.sh [SWITCHBOARD_JSONL] [--errors WORD|sentences] [--half a|b]
#
# --errors lists the misses and false alarms for one word in context, and which rule decided
# each candidate; the Switchboard conversations are split in two halves (A: the rules were
# developed on it, B: kept aside as the check of overfitting).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
exec cargo run --release --locked --quiet --example filler_bench -- "$@"
