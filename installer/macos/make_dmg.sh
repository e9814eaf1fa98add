#!/usr/bin/env bash
# Make the macOS disk image from the built app (macOS only: hdiutil).
#
#   pyinstaller --noconfirm build.spec      # dist/qz-evaluator.app
#   installer/macos/make_dmg.sh [APP] [OUT]  # default: dist/qz-evaluator.app dist/
#
# The image holds the app and a link to /Applications: the user opens it and drags the app
# across. `qzeval` is inside the app (qz-evaluator.app/Contents/MacOS/qzeval); README says
# how to put it on the PATH. Unsigned: without a Developer ID the first start needs
# right-click ▸ Open (set CODESIGN_IDENTITY to sign the app before it is packed).
# Untested until the release workflow runs it on a macOS runner.
set -euo pipefail
cd "$(dirname "$0")/../.."

app=${1:-dist/qz-evaluator.app}
out=${2:-dist}
if [[ ! -d "$app/Contents/MacOS" ]]; then
    echo "make_dmg: $app is not a built app (run: pyinstaller --noconfirm build.spec)" >&2
    exit 1
fi
version=$("$app/Contents/MacOS/qzeval" --version | awk '{print $2}')

if [[ -n "${CODESIGN_IDENTITY:-}" ]]; then
    codesign --force --deep --options runtime --timestamp --sign "$CODESIGN_IDENTITY" "$app"
fi

stage=$(mktemp -d)
trap 'rm -rf "$stage"' EXIT
cp -R "$app" "$stage/"
ln -s /Applications "$stage/Applications"

mkdir -p "$out"
dmg="$out/qz-evaluator-$version.dmg"
rm -f "$dmg"
hdiutil create -volname "qz-evaluator $version" -srcfolder "$stage" -fs HFS+ \
    -format UDZO -imagekey zlib-level=9 -ov "$dmg" >/dev/null
hdiutil verify "$dmg" >/dev/null
echo "$dmg"
