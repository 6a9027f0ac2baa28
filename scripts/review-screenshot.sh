#!/usr/bin/env bash
# Makes docs/review.png, the README's picture of a take's review page: examples/answer.wav is
# analysed and saved in a temporary data dir, `rehearse review` writes its page, and the
# browser the tests use (headless Chromium through tests/browser/review_page.py) plays it from
# a word, pauses, and takes the screenshot. With pngquant installed (Debian package `pngquant`)
# the picture is cut to 64 colours, a third of its size, so the repository stays small.
#
#   scripts/review-screenshot.sh [OUT.png] [--dark]
set -euo pipefail

cd "$(dirname "$0")/.."
out=${1:-docs/review.png}
scheme=light
[ "${2:-}" = "--dark" ] && scheme=dark
cargo build --release --quiet --bin rehearse
python=$(scripts/browser-env.sh)

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
export REHEARSE_DATA_DIR=$work/data

target/release/rehearse analyze examples/answer.wav --save \
    --question "Tell me about a time you disagreed with a coworker" >/dev/null
page=$(target/release/rehearse review)
mkdir -p "$(dirname "$out")"
"$python" tests/browser/review_page.py "$page" --play-word 40 --screenshot "$out" \
    --width 1100 --height 760 --scheme "$scheme" >/dev/null
if command -v pngquant >/dev/null; then
    pngquant --force --speed 1 --output "$out" 64 "$out"
fi
echo "$out"
