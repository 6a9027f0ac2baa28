#!/usr/bin/env bash
# Create (once) the Python environment that drives a browser in the review-page tests and the
# review benchmark, and print its python.
#
#   python=$(scripts/browser-env.sh) && "$python" scripts/review_browser.py PAGE.html
#
# Playwright for Python carries its own driver in the wheel; it drives the system Chromium
# (Debian package `chromium`, installed by scripts/install-deps.sh --test) and never downloads
# a browser. The version is pinned so the tests see the same API every time.
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
VENV=${BROWSER_VENV:-$ROOT/.venv-browser}
PYTHON=${PYTHON:-python3}

PLAYWRIGHT_VERSION=1.65.2

if [ ! -x "$VENV/bin/python" ]; then
    "$PYTHON" -m venv "$VENV" >&2
fi
if ! "$VENV/bin/python" - "$PLAYWRIGHT_VERSION" <<'PY' 2>/dev/null
import sys
from importlib.metadata import version
assert version("playwright") == sys.argv[1]
PY
then
    "$VENV/bin/python" -m pip install --quiet --disable-pip-version-check \
        "playwright==$PLAYWRIGHT_VERSION" >&2
fi
echo "$VENV/bin/python"
