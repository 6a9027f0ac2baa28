#!/usr/bin/env bash
# From a fresh Debian/Ubuntu checkout to a working rehearse, in one command: installs the missing
# system packages, builds the release binary, makes the models (the default 8-bit
# models/ggml-tiny.en-q8_0.bin and the full-precision models/ggml-tiny.en.bin) and analyses the
# bundled example answer. Safe to run again: each step skips what is done.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

scripts/install-deps.sh
echo "setup: building rehearse (the first build compiles whisper.cpp: a few minutes)"
cargo build --release --locked
scripts/fetch-model.sh --q8
scripts/fetch-model.sh
echo
echo "setup: analysing the example answer, examples/answer.wav"
echo
target/release/rehearse analyze examples/answer.wav \
    --question "Tell me about a time you disagreed with a coworker"
