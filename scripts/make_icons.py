"""Make the program's icons from resources/icons/app.svg, for the bundles and installers.

    python scripts/make_icons.py [OUT]     # default OUT: build/icons

writes OUT/app-<N>.png (16 … 1024 px), OUT/app.ico (Windows: 16 … 256) and
OUT/app.icns (macOS: 16 … 1024). Qt's SVG renderer draws each size (QtSvg is in
PySide6-Essentials); Pillow, which reportlab already brings, writes .ico and .icns.

The icons are made at build time (build.spec and scripts/build_deb.sh call this), not
committed: the SVG stays the one source, and binary copies can never drift from it.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SOURCE = ROOT / "resources" / "icons" / "app.svg"
DEFAULT_OUT = ROOT / "build" / "icons"
PNG_SIZES = (16, 24, 32, 48, 64, 128, 256, 512, 1024)
ICO_SIZES = (16, 24, 32, 48, 64, 128, 256)
ICNS_SIZES = (16, 32, 64, 128, 256, 512, 1024)


def render_png(svg: Path, size: int, path: Path) -> None:
    """Write the SVG drawn at size × size pixels, with a transparent background, as PNG."""
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QGuiApplication, QImage, QPainter
    from PySide6.QtSvg import QSvgRenderer

    if QGuiApplication.instance() is None:
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
        QGuiApplication(["make_icons"])
    renderer = QSvgRenderer(str(svg))
    if not renderer.isValid():
        raise SystemExit(f"make_icons: {svg}: not a valid SVG")
    image = QImage(size, size, QImage.Format.Format_ARGB32)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
    renderer.render(painter)
    painter.end()
    if not image.save(str(path)):
        raise SystemExit(f"make_icons: cannot write {path}")


def make_icons(out: Path, svg: Path = SOURCE) -> list[Path]:
    """Write every icon into `out`; returns the files written."""
    from PIL import Image

    out.mkdir(parents=True, exist_ok=True)
    images: dict[int, Image.Image] = {}
    written: list[Path] = []
    for size in PNG_SIZES:
        path = out / f"app-{size}.png"
        render_png(svg, size, path)
        written.append(path)
        with Image.open(path) as image:
            images[size] = image.convert("RGBA")
    largest = images[max(PNG_SIZES)]
    ico = out / "app.ico"
    # Pillow takes the sizes from the largest image; each is resampled from it.
    images[256].save(ico, format="ICO", sizes=[(s, s) for s in ICO_SIZES])
    icns = out / "app.icns"
    largest.save(
        icns, format="ICNS", append_images=[images[s] for s in ICNS_SIZES if s != max(PNG_SIZES)]
    )
    return [*written, ico, icns]


def up_to_date(out: Path, svg: Path = SOURCE) -> bool:
    """Every icon is there and newer than the SVG (and this script)."""
    newest = max(svg.stat().st_mtime, Path(__file__).stat().st_mtime)
    wanted = [out / "app.ico", out / "app.icns", *(out / f"app-{s}.png" for s in PNG_SIZES)]
    return all(p.exists() and p.stat().st_mtime >= newest for p in wanted)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", nargs="?", type=Path, default=DEFAULT_OUT)
    args = parser.parse_args(argv)
    for path in make_icons(args.out):
        print(path.relative_to(ROOT) if path.is_relative_to(ROOT) else path)
    return 0


if __name__ == "__main__":
    sys.exit(main())
