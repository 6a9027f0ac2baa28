#!/usr/bin/env bash
# Fuzzes rehearse's readers (WAV and its repair, transcripts in every format, reports, the index,
# the config file, the question bank) with cargo-fuzz and libFuzzer, on the stable toolchain.
#
#   scripts/fuzz.sh [TARGET] [--seconds N]   every target (or one) for N seconds each (default 60)
#   scripts/fuzz.sh --list                   the targets
#
# A target is a file in fuzz/src/bin/; its seeds are in fuzz/seeds/TARGET/, the corpus it grows
# in fuzz/corpus/TARGET/ (not committed). When a target finds a crash, libFuzzer keeps the input
# in fuzz/artifacts/TARGET/ and this script stops with status 1: fix the bug, then move the input
# to fuzz/regressions/TARGET/. Every run starts by replaying those inputs (with the target's own
# checks and debug assertions), and tests/cli/fuzz_regressions.rs runs them through the binary.
#
# Targets run one after another (each is single-threaded): on a shared machine that is one core.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

CARGO_FUZZ_VERSION=0.13.2

seconds=60
only=""
list=0
while [ $# -gt 0 ]; do
    case "$1" in
        --seconds) seconds=$2; shift 2 ;;
        --list) list=1; shift ;;
        -h|--help) sed -n '2,14p' "$0"; exit 0 ;;
        -*) echo "usage: $0 [TARGET] [--seconds N] | --list" >&2; exit 2 ;;
        *) only=$1; shift ;;
    esac
done

targets=()
for f in fuzz/src/bin/*.rs; do
    targets+=("$(basename "$f" .rs)")
done
if [ "$list" = 1 ]; then
    printf '%s\n' "${targets[@]}"
    exit 0
fi
if [ -n "$only" ]; then
    if [ ! -f "fuzz/src/bin/$only.rs" ]; then
        echo "fuzz: no target '$only' (targets: ${targets[*]})" >&2
        exit 2
    fi
    targets=("$only")
fi

scripts/install-deps.sh >/dev/null
if ! cargo fuzz --version 2>/dev/null | grep -q " $CARGO_FUZZ_VERSION"; then
    echo "fuzz: installing cargo-fuzz $CARGO_FUZZ_VERSION"
    cargo install cargo-fuzz --version "$CARGO_FUZZ_VERSION" --locked
fi

# cargo-fuzz gives rustc flags that only nightly compilers accept (-Z sanitizer and coverage
# options); RUSTC_BOOTSTRAP=1 lets the stable compiler accept them. No sanitizer: the code
# under test is safe Rust, and without one libFuzzer runs several times faster. Debug
# assertions are on, so an arithmetic overflow is a finding too.
export RUSTC_BOOTSTRAP=1

# The targets write their inputs to files in a scratch folder (tmpfs when there is one) and
# must not read the user's own settings or sessions.
base=/tmp
[ -d /dev/shm ] && [ -w /dev/shm ] && base=/dev/shm
scratch=$(mktemp -d "$base/rehearse-fuzz.XXXXXX")
trap 'rm -rf "$scratch"' EXIT
export TMPDIR="$scratch" XDG_CONFIG_HOME="$scratch/config" XDG_DATA_HOME="$scratch/data"
unset REHEARSE_MODEL REHEARSE_DATA_DIR REHEARSE_CONFIG REHEARSE_THREADS REHEARSE_TRACE

for t in "${targets[@]}"; do
    corpus="fuzz/corpus/$t"
    mkdir -p "$corpus" "fuzz/seeds/$t" "fuzz/regressions/$t"
    echo "fuzz: $t for $seconds s"
    if ! cargo fuzz run --fuzz-dir fuzz --sanitizer none --debug-assertions "$t" \
        "$corpus" "fuzz/seeds/$t" "fuzz/regressions/$t" -- \
        -max_total_time="$seconds" -timeout=20 -rss_limit_mb=2048 -max_len=65536 \
        -close_fd_mask=3 -print_final_stats=1 2>"$scratch/$t.log"; then
        grep -E "^(==|SUMMARY|artifact_prefix|Test unit written)" "$scratch/$t.log" >&2 || tail -20 "$scratch/$t.log" >&2
        echo "fuzz: $t found a crash: reproduce with" >&2
        echo "  RUSTC_BOOTSTRAP=1 cargo fuzz run --fuzz-dir fuzz --sanitizer none --debug-assertions $t fuzz/artifacts/$t/<file>" >&2
        exit 1
    fi
    grep -E "stat::number_of_executed_units|stat::peak_rss_mb" "$scratch/$t.log" | sed "s/^/fuzz: $t: /"
    echo "fuzz: $t: nothing found; corpus $(ls "$corpus" | wc -l) inputs"
done
