#!/usr/bin/env bash
# Build a .deb of the Linux bundle (UOS, Kylin, Debian, Ubuntu):
#
#   scripts/build_deb.sh [BUNDLE] [OUT_DIR]     # defaults: dist/qz-evaluator dist
#
# Installs the bundle in /opt/qz-evaluator with /usr/bin/qz-evaluator and /usr/bin/qzeval,
# a desktop entry (Start menu), the icon, and the .qzw/.qzpkg file types; dpkg's triggers
# (desktop-file-utils, shared-mime-info, hicolor-icon-theme) refresh their caches, so the
# package needs no maintainer scripts. Uninstalling removes the program only: workspaces,
# settings and keys are the user's and stay. QZ_DEB_COMPRESSION picks dpkg-deb's -Z
# (default xz; the test uses gzip, which is quicker). Needs dpkg-deb and objdump (binutils).
set -euo pipefail
cd "$(dirname "$0")/.."

bundle=${1:-dist/qz-evaluator}
out=${2:-dist}
python=${PYTHON:-.venv/bin/python}
if [[ ! -x "$bundle/qzeval" || ! -x "$bundle/qz-evaluator" ]]; then
    echo "build_deb: $bundle is not a built bundle (run: pyinstaller --noconfirm build.spec)" >&2
    exit 1
fi
version=$("$bundle/qzeval" --version | awk '{print $2}')
arch=$(dpkg --print-architecture)
icons=build/icons
if [[ ! -f "$icons/app-256.png" ]]; then
    "$python" scripts/make_icons.py "$icons" >/dev/null
fi

stage=$(mktemp -d)
trap 'rm -rf "$stage"' EXIT
root="$stage/root"
mkdir -p "$root/DEBIAN" "$root/opt" "$root/usr/bin" "$root/usr/share/applications" \
    "$root/usr/share/mime/packages" "$root/usr/share/icons/hicolor/scalable/apps"
cp -a "$bundle" "$root/opt/qz-evaluator"
ln -s /opt/qz-evaluator/qz-evaluator "$root/usr/bin/qz-evaluator"
ln -s /opt/qz-evaluator/qzeval "$root/usr/bin/qzeval"
for size in 16 24 32 48 64 128 256 512; do
    mkdir -p "$root/usr/share/icons/hicolor/${size}x${size}/apps"
    cp "$icons/app-$size.png" "$root/usr/share/icons/hicolor/${size}x${size}/apps/qz-evaluator.png"
done
cp resources/icons/app.svg "$root/usr/share/icons/hicolor/scalable/apps/qz-evaluator.svg"

cat >"$root/usr/share/applications/qz-evaluator.desktop" <<'EOF'
[Desktop Entry]
Type=Application
Name=Quality Award Evaluator
Name[zh_CN]=衢州市政府质量奖评审
GenericName=Award scoring
GenericName[zh_CN]=质量奖评审评分
Comment=Score candidates, sign scorecards and merge results, offline
Comment[zh_CN]=离线评分、签名评分表、汇总结果
Exec=qz-evaluator %f
Icon=qz-evaluator
Terminal=false
Categories=Office;
MimeType=application/x-qz-workspace;application/x-qz-package;
StartupWMClass=qz-evaluator
EOF

cat >"$root/usr/share/mime/packages/qz-evaluator.xml" <<'EOF'
<?xml version="1.0" encoding="UTF-8"?>
<mime-info xmlns="http://www.freedesktop.org/standards/shared-mime-info">
  <mime-type type="application/x-qz-workspace">
    <comment>qz-evaluator workspace</comment>
    <comment xml:lang="zh_CN">质量奖评审工作区</comment>
    <sub-class-of type="application/vnd.sqlite3"/>
    <glob pattern="*.qzw"/>
    <icon name="qz-evaluator"/>
  </mime-type>
  <mime-type type="application/x-qz-package">
    <comment>qz-evaluator assignment package</comment>
    <comment xml:lang="zh_CN">质量奖评审任务包</comment>
    <glob pattern="*.qzpkg"/>
    <icon name="qz-evaluator"/>
  </mime-type>
</mime-info>
EOF

# The bundle carries the build machine's libraries: it needs a C library at least as new
# as the newest GLIBC_ symbol version any of them uses (2.36 when built on Debian 12).
glibc=$(find "$bundle" -type f \( -name '*.so*' -o -name qzeval -o -name qz-evaluator \) \
    -exec objdump -T {} + 2>/dev/null | grep -o 'GLIBC_[0-9.]*[0-9]' | sed 's/GLIBC_//' |
    sort -t. -k1,1n -k2,2n -k3,3n -u | tail -1 || true)
glibc=${glibc:-$(ldd --version | head -1 | grep -o '[0-9]*\.[0-9]*$')}
installed_size=$(du -sk "$root" | cut -f1)
cat >"$root/DEBIAN/control" <<EOF
Package: qz-evaluator
Version: $version
Architecture: $arch
Maintainer: Quzhou Government Quality Award Secretariat <secretariat@invalid>
Installed-Size: $installed_size
Section: misc
Priority: optional
Depends: libc6 (>= $glibc), libfontconfig1, libfreetype6, libx11-6, libx11-xcb1, libxcb1, libxcb-cursor0, libxcb-icccm4, libxcb-keysyms1, libxcb-render-util0, libxcb-shape0, libxcb-xkb1, libxkbcommon0, libxkbcommon-x11-0, libegl1, libgl1, libdbus-1-3, libglib2.0-0
Recommends: gnome-keyring | kwalletmanager | keepassxc
Suggests: ibus
Description: Quzhou government quality award: scoring, signing and merging, offline
 qz-evaluator is the evaluators' and the secretariat's desktop program: score
 candidates against GB/T 19580, sign scorecards as PDF files, and merge and rank
 the results. qzeval is its command line. Keys are kept in the desktop's keychain
 (GNOME Keyring or KWallet), never in files.
EOF

mkdir -p "$out"
deb="$out/qz-evaluator_${version}_${arch}.deb"
dpkg-deb --root-owner-group -Z"${QZ_DEB_COMPRESSION:-xz}" --build "$root" "$deb" >/dev/null
echo "$deb"
