#!/usr/bin/env bash
# Runs the whole test suite: unit tests of the pure analysis, and the integration tests that run
# the real binary with the real model on the project's recordings and through the real capture
# path. Installs what the tests need first (packages, the model); safe to run again.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

scripts/install-deps.sh --test
# One release build serves the binary, the model converter and the tests: whisper.cpp is
# compiled once.
cargo build --release --locked
scripts/fetch-model.sh --q8      # the default model, which the tests use
scripts/browser-env.sh >/dev/null  # Playwright, which drives Chromium in the review-page tests
cargo test --release --locked "$@"
