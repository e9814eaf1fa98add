#!/usr/bin/env bash
# Set up, then run every check: ruff, mypy, the layer rule and the whole pytest suite,
# the end-to-end part against a real gnome-keyring on a private session bus.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh

# The Linux bundle's end-to-end test (tests/bundle) needs a PyInstaller build of several
# minutes that uses one core; the rest of the suite mostly uses the other. So, when the
# whole suite runs, the build starts first, in the background, and tests/bundle runs last
# against it (QZ_TEST_BUNDLE). Given arguments, pytest runs just those (tests/bundle then
# builds for itself).
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
if (($# == 0)); then
    mkdir -p "$scratch/bundle"
    (
        rc=0
        .venv/bin/pyinstaller --noconfirm --log-level WARN --distpath "$scratch/bundle/dist" \
            --workpath "$scratch/bundle/work" build.spec >"$scratch/bundle/log" 2>&1 || rc=$?
        echo "$rc" >"$scratch/bundle/rc"
    ) &
fi

.venv/bin/ruff check .
.venv/bin/ruff format --check .
.venv/bin/mypy

# A throw-away HOME: the tests must never touch a real user's keychain or settings. The
# tests' temporary folders go there too: pytest's clean-up of its shared numbered folders
# under /tmp raced with other runs on the same machine (an unclosed scandir at exit).
export QZ_TEST_REAL_KEYCHAIN=1
mkdir -p "$scratch/home/run" && chmod 700 "$scratch/home/run"
home="$scratch/home"
env HOME="$home" XDG_DATA_HOME="$home/data" XDG_CONFIG_HOME="$home/config" \
    XDG_CACHE_HOME="$home/cache" XDG_RUNTIME_DIR="$home/run" QZ_BUNDLE_DIR="$scratch/bundle" \
    dbus-run-session -- bash -c '
        printf "qz-test-keyring" | gnome-keyring-daemon --unlock --components=secrets >/dev/null
        if (($# > 0)); then
            exec .venv/bin/python -m pytest --basetemp="$HOME/pytest" "$@"
        fi
        status=0
        .venv/bin/python -m pytest --basetemp="$HOME/pytest" --ignore=tests/bundle || status=$?
        while [[ ! -e "$QZ_BUNDLE_DIR/rc" ]]; do sleep 2; done
        if [[ $(cat "$QZ_BUNDLE_DIR/rc") != 0 ]]; then
            echo "test: the PyInstaller build failed:" >&2
            tail -n 60 "$QZ_BUNDLE_DIR/log" >&2
            exit 1
        fi
        QZ_TEST_BUNDLE="$QZ_BUNDLE_DIR/dist/qz-evaluator" \
            .venv/bin/python -m pytest --basetemp="$HOME/pytest-bundle" tests/bundle || status=$?
        exit "$status"
    ' pytest "$@" 2> >(grep -v "Failed to set fd limit" >&2)
