#!/usr/bin/env bash
# Create (once) the Python environment used by scripts/make-fixtures.py and print its python.
#
#   python=$(scripts/tts-env.sh) && "$python" scripts/make-fixtures.py
#
# hibari-tts speaks English offline with its bundled voice ("heart"); its other voices
# would download at first use, so the fixture generator only uses the bundled one plus
# espeak-ng. Versions are pinned so regenerated fixtures stay byte-identical.
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
VENV=${TTS_VENV:-$ROOT/.venv-tts}
PYTHON=${PYTHON:-python3}

HIBARI_VERSION=0.2.1
NUMPY_VERSION=2.4.6
ONNXRUNTIME_VERSION=1.32.0     # hibari runs its model with it: pinned so the int8 arithmetic stays the same

if [ ! -x "$VENV/bin/python" ]; then
    "$PYTHON" -m venv "$VENV" >&2
fi
if ! "$VENV/bin/python" - "$HIBARI_VERSION" "$NUMPY_VERSION" "$ONNXRUNTIME_VERSION" <<'PY' 2>/dev/null
import sys
from importlib.metadata import version
assert version("hibari-tts") == sys.argv[1]
assert version("numpy") == sys.argv[2]
assert version("onnxruntime") == sys.argv[3]
PY
then
    "$VENV/bin/python" -m pip install --quiet --disable-pip-version-check \
        "hibari-tts==$HIBARI_VERSION" "numpy==$NUMPY_VERSION" "onnxruntime==$ONNXRUNTIME_VERSION" >&2
fi
echo "$VENV/bin/python"
