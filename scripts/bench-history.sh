#!/usr/bin/env bash
# Times `rehearse history` and `rehearse progress` over a generated store of saved takes
# (default 10,000) against the 0.5 s budget, and prints the numbers.
#
#   scripts/bench-history.sh [COUNT] [RUNS]
#
# The store is written by examples/gen_store.rs through the real Store API (report.json per
# take plus the index) into a temporary data dir, removed afterwards. Each command runs RUNS
# times (default 5) after one warm-up; the median and the fastest run are shown. Exits 1 if a
# median is over budget.
set -euo pipefail

count=${1:-10000}
runs=${2:-5}
budget_ms=500

cd "$(dirname "$0")/.."
cargo build --release --quiet --bin rehearse --example gen_store
bin=target/release/rehearse

data=$(mktemp -d)
trap 'rm -rf "$data"' EXIT

# shellcheck source=scripts/measure.sh
source scripts/measure.sh

t0=$(ms)
target/release/examples/gen_store "$data" "$count" 2>/dev/null
t1=$(ms)
printf 'generated %d takes in %.1f s (%s on disk)\n' "$count" "$(( t1 - t0 ))e-3" \
  "$(du -sh "$data" | cut -f1)"

export REHEARSE_DATA_DIR=$data NO_COLOR=1
measure "history"              $budget_ms "$bin" history
measure "history --json"       $budget_ms "$bin" history --json
measure "progress"             $budget_ms "$bin" progress
measure "progress --json"      $budget_ms "$bin" progress --json
# For information: a chart of every take, and one take in full.
measure "progress --plot x.png" - "$bin" progress --plot "$data/chart.png"
measure "show latest"           - "$bin" show latest
exit $status
