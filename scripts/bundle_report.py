"""What takes the space in a built bundle: the total, then the largest folders and files.

    python scripts/bundle_report.py [BUNDLE] [--top N]   # default: dist/qz-evaluator

Folders are listed by their total size at every depth below _internal/ (PySide6/Qt/lib
and PySide6 both count the Qt libraries), so the parts to trim show at a glance; the
largest single files follow.
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
MIB = 1024 * 1024


def sizes(bundle: Path) -> tuple[int, Counter[Path], Counter[Path]]:
    """The bundle's total size, each folder's total (relative paths) and each file's."""
    folders: Counter[Path] = Counter()
    files: Counter[Path] = Counter()
    total = 0
    for path in bundle.rglob("*"):
        if path.is_symlink() or not path.is_file():
            continue
        size = path.stat().st_size
        relative = path.relative_to(bundle)
        total += size
        files[relative] = size
        for parent in relative.parents:
            if parent != Path("."):
                folders[parent] += size
    return total, folders, files


def report(bundle: Path, top: int = 15) -> str:
    total, folders, files = sizes(bundle)
    lines = [f"{bundle}: {total / MIB:.1f} MiB in {len(files)} files", "", "largest folders:"]
    inner = Counter({p: s for p, s in folders.items() if p != Path("_internal")})
    lines += [f"  {size / MIB:7.1f} MiB  {path}/" for path, size in inner.most_common(top)]
    lines += ["", "largest files:"]
    lines += [f"  {size / MIB:7.1f} MiB  {path}" for path, size in files.most_common(top)]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("bundle", nargs="?", type=Path, default=ROOT / "dist" / "qz-evaluator")
    parser.add_argument("--top", type=int, default=15)
    args = parser.parse_args(argv)
    if not args.bundle.is_dir():
        print(f"bundle_report: {args.bundle}: no such folder (build it first)", file=sys.stderr)
        return 1
    print(report(args.bundle, args.top))
    return 0


if __name__ == "__main__":
    sys.exit(main())
