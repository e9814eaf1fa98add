#!/usr/bin/env bash
# Set up, then run every check: ruff, mypy, the layer rule and the whole pytest suite,
# the end-to-end part against a real gnome-keyring on a private session bus.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh

.venv/bin/ruff check .
.venv/bin/ruff format --check .
.venv/bin/mypy

# A throw-away HOME: the tests must never touch a real user's keychain or settings. The
# tests' temporary folders go there too: pytest's clean-up of its shared numbered folders
# under /tmp raced with other runs on the same machine (an unclosed scandir at exit).
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
export QZ_TEST_REAL_KEYCHAIN=1
mkdir -p "$scratch/run" && chmod 700 "$scratch/run"
env HOME="$scratch" XDG_DATA_HOME="$scratch/data" XDG_CONFIG_HOME="$scratch/config" \
    XDG_CACHE_HOME="$scratch/cache" XDG_RUNTIME_DIR="$scratch/run" \
    dbus-run-session -- bash -c '
        printf "qz-test-keyring" | gnome-keyring-daemon --unlock --components=secrets >/dev/null
        exec .venv/bin/python -m pytest --basetemp="$HOME/pytest" "$@"
    ' pytest "$@" 2> >(grep -v "Failed to set fd limit" >&2)
