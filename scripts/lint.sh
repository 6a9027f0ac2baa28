#!/usr/bin/env bash
# The checks a change must pass before the tests: formatting, clippy with every warning an error
# (on the library, the binary, the tests, the examples), no unused dependency, and fuzz targets
# that still compile. scripts/test.sh
# runs it first; run it alone while working.
#
# clippy runs in the release profile, as the build and the tests do: it then reuses the
# whisper.cpp that the release build compiled, where a dev-profile clippy would compile
# whisper.cpp a second time.
#
# Unused dependencies are found two ways: cargo-machete (installed here if missing) looks for
# crates that no source file names; the library's `unused_crate_dependencies` lint, which clippy
# turns into an error, finds a [dependencies] entry that only the tests use (it belongs in
# [dev-dependencies]), which cargo-machete cannot tell apart.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

CARGO_MACHETE_VERSION=0.9.2

cargo fmt --all --check
cargo clippy --release --locked --all-targets -- -D warnings
if ! cargo machete --version 2>/dev/null | grep -q "$CARGO_MACHETE_VERSION"; then
    echo "lint: installing cargo-machete $CARGO_MACHETE_VERSION"
    cargo install cargo-machete --version "$CARGO_MACHETE_VERSION" --locked
fi
cargo machete --skip-target-dir
# The fuzz targets are a workspace of their own that nothing else builds: checked here so they
# keep compiling against the library. Same target folder and the release profile's own settings
# (the fuzz profile adds debug info), so whisper.cpp is not compiled again.
(cd fuzz && cargo fmt --check && CARGO_TARGET_DIR=../target CARGO_PROFILE_RELEASE_DEBUG=0 cargo check --release --locked --bins --quiet)
echo "lint: formatting, clippy, dependencies and the fuzz targets are clean"
