#!/usr/bin/env bash
# Set up qz-evaluator on a Debian machine with Python >= 3.11: the system packages the
# program and its tests use (installed when run as root), then .venv with the package.
set -euo pipefail
cd "$(dirname "$0")/.."

APT_PACKAGES=(
    # PDF tools the tests use on real scorecards, and NSS tools to trust the committee root
    poppler-utils libnss3-tools
    # the real Secret Service keychain for end-to-end runs
    gnome-keyring dbus dbus-bin libsecret-1-0
    # Qt's runtime libraries (offscreen and X11)
    libegl1 libgl1 libfontconfig1 libxkbcommon0 libglib2.0-0 libdbus-1-3
    libxcb-cursor0 libxcb-icccm4 libxcb-keysyms1 libxkbcommon-x11-0
)

missing=()
for package in "${APT_PACKAGES[@]}"; do
    if ! dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "ok installed"; then
        missing+=("$package")
    fi
done
if ((${#missing[@]})); then
    if [[ $(id -u) -eq 0 ]]; then
        echo "setup: installing ${missing[*]}"
        apt-get update -qq
        DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
            "${missing[@]}" >/dev/null
    elif command -v sudo >/dev/null; then
        sudo apt-get update -qq
        sudo DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
            "${missing[@]}" >/dev/null
    else
        echo "setup: please install these Debian packages: ${missing[*]}" >&2
    fi
fi

PYTHON=${PYTHON:-python3}
if [[ ! -x .venv/bin/python ]]; then
    "$PYTHON" -m venv .venv
fi
.venv/bin/python -m pip install --quiet --disable-pip-version-check -e ".[dev,build]"
