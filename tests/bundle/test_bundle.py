"""The Linux bundle, built from this tree with PyInstaller, run as a user would run it.

Slow (a build takes minutes): it runs once per session (a module fixture) into a
temporary folder. From the built folder: `qzeval self-test`, a small round through the
bundled `qzeval` (committee CA, identity, scores, export, verify, merge) and
`qz-evaluator --self-test` offscreen; then the .deb made from it (scripts/build_deb.sh)
is inspected, unpacked, and its `qzeval self-test` run. The steps that need a keychain
need scripts/test.sh's gnome-keyring session (QZ_TEST_REAL_KEYCHAIN), like the CLI's
end-to-end test.
"""

from __future__ import annotations

import csv
import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parents[2]
REAL_KEYCHAIN = bool(os.environ.get("QZ_TEST_REAL_KEYCHAIN"))
PYINSTALLER = Path(sys.executable).with_name("pyinstaller")
MIB = 1024 * 1024
# The trimmed bundle is ~171 MiB (the untrimmed one was 238 MiB): a guard against parts
# coming back unnoticed (QML, WebEngine, GTK).
SIZE_BUDGET_MIB = 200

pytestmark = [
    pytest.mark.slow,
    pytest.mark.e2e,
    pytest.mark.skipif(not sys.platform.startswith("linux"), reason="the Linux bundle"),
]
needs_keychain = pytest.mark.skipif(
    not REAL_KEYCHAIN, reason="needs scripts/test.sh's gnome-keyring session"
)


@pytest.fixture(scope="module")
def bundle(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The bundle built from this tree, or the one QZ_TEST_BUNDLE names (already built,
    e.g. by the release workflow or `pyinstaller build.spec`: dist/qz-evaluator)."""
    given = os.environ.get("QZ_TEST_BUNDLE")
    if given:
        return Path(given).resolve()
    if not PYINSTALLER.exists():
        pytest.fail(f"PyInstaller is not installed beside {sys.executable}: pip install '.[build]'")
    work = tmp_path_factory.mktemp("pyinstaller")
    result = subprocess.run(
        [
            PYINSTALLER,
            "--noconfirm",
            "--log-level",
            "WARN",
            "--distpath",
            work / "dist",
            "--workpath",
            work / "build",
            ROOT / "build.spec",
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=1500,
    )
    assert result.returncode == 0, result.stderr[-4000:]
    return work / "dist" / "qz-evaluator"


def run(
    program: Path, *args: str | Path, ok: bool = True, **env: str
) -> subprocess.CompletedProcess[str]:
    result = subprocess.run(
        [program, *map(str, args)],
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=300,
        env={**os.environ, **env},
    )
    if ok:
        assert result.returncode == 0, f"{result.stdout}\n{result.stderr}"
    return result


def test_qzeval_self_test(bundle: Path) -> None:
    result = run(bundle / "qzeval", "self-test", ok=False)
    assert "self-test (bundle" in result.stdout
    failed = [line for line in result.stdout.splitlines() if "[FAIL]" in line]
    if REAL_KEYCHAIN:
        assert result.returncode == 0 and not failed, result.stdout
    else:  # only the keychain may be missing here
        assert [line.split()[1] for line in failed] in ([], ["keychain"]), result.stdout
    assert "[ok  ] scorecard" in result.stdout


@needs_keychain
def test_window_self_test_offscreen(bundle: Path) -> None:
    result = run(bundle / "qz-evaluator", "--self-test", QT_QPA_PLATFORM="offscreen")
    assert "platform offscreen" in result.stdout
    assert "[ok  ] window font" in result.stdout
    assert result.stdout.splitlines()[-1].startswith("passed: 9 checks"), result.stdout


@needs_keychain
def test_a_small_round_with_the_bundled_cli(bundle: Path, tmp_path: Path) -> None:
    qzeval = bundle / "qzeval"

    def as_json(*args: str | Path) -> Any:
        return json.loads(run(qzeval, *args, "--json").stdout)

    sec, ev = tmp_path / "sec.qzw", tmp_path / "ev.qzw"
    run(qzeval, "demo", sec, "--role", "secretariat")
    run(qzeval, "demo", ev)
    run(qzeval, "ca", "init", "-w", sec, "--out", tmp_path / "root.pem")
    request = tmp_path / "P01.csr.pem"
    run(qzeval, "identity", "create", "-w", ev, "--out", request)
    certificate = tmp_path / "P01.crt.pem"
    as_json("enrol", request, "-w", sec, "--out", certificate)
    run(qzeval, "identity", "install", certificate, "-w", ev)

    candidate = as_json("panels", "list", "--evaluator", "P01", "-w", ev)["members"][-1][
        "credit_code"
    ]
    criteria = as_json("criteria", "show")
    sheet = tmp_path / "scores.csv"
    with sheet.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(["credit_code", "item", "percent", "strengths", "ofis"])
        for category in criteria["categories"]:
            for item in category["items"]:
                writer.writerow([candidate, item["code"], 55, "方法系统", "学习改进有待加强"])
    run(qzeval, "scores", "import", sheet, "--round", "2026-site", "-w", ev)
    card = ["--round", "2026-site", "--candidate", candidate, "-w", ev]
    shown = as_json("finalize", *card, "--affirm-declaration")

    out = tmp_path / "out"
    exported = as_json("export", "-w", ev, "--out", out)
    assert len(exported) == 1
    verified = as_json("verify", out, "-w", sec)
    assert verified[0]["valid"] and verified[0]["signer"] == "P01", verified
    assert verified[0]["total"] == shown["total"]
    merged = as_json("merge", out, "-w", sec)
    assert merged["counts"]["accepted"] == 1, merged


def test_the_bundle_is_trimmed(bundle: Path) -> None:
    internal = bundle / "_internal"
    # PyInstaller links some libraries in _internal/ to their package's copy: count once.
    files = [p for p in bundle.rglob("*") if p.is_file() and not p.is_symlink()]
    names = {p.relative_to(internal).as_posix() for p in files if p.is_relative_to(internal)}
    unwanted = re.compile(
        r"(^|/)(aiohttp|yarl|tkinter)/|libgtk-3|libQt6(Quick|Qml|Network|Wayland)"
    )
    assert sorted(n for n in names if unwanted.search(n)) == []
    qt = internal / "PySide6" / "Qt"
    translations = {p.name for p in (qt / "translations").iterdir()}
    assert "qtbase_zh_CN.qm" in translations
    assert all(re.search(r"_(zh_CN|en)\.qm$", name) for name in translations), translations
    contexts = {p.name for p in (qt / "plugins" / "platforminputcontexts").iterdir()}
    assert contexts == {
        "libcomposeplatforminputcontextplugin.so",
        "libibusplatforminputcontextplugin.so",
    }
    platforms = {p.name for p in (qt / "plugins" / "platforms").iterdir()}
    assert {"libqxcb.so", "libqoffscreen.so"} <= platforms and "libqwayland.so" not in platforms
    dangling = [
        p.relative_to(bundle).as_posix()
        for p in bundle.rglob("*")
        if p.is_symlink() and not p.exists()
    ]
    assert dangling == []  # a link to a library the trim left out
    size = sum(p.stat().st_size for p in files)
    assert size < SIZE_BUDGET_MIB * MIB, f"{size / MIB:.1f} MiB"


@pytest.mark.skipif(shutil.which("ldd") is None, reason="needs ldd")
def test_every_bundled_library_finds_its_dependencies(bundle: Path) -> None:
    """A library the trim removed but another still needs shows up as "not found"."""
    internal = bundle / "_internal"
    path = f"{internal}:{internal / 'PySide6' / 'Qt' / 'lib'}"
    missing = {}
    for library in internal.rglob("*.so*"):
        if not library.is_file():
            continue
        result = run(Path("ldd"), library, ok=False, LD_LIBRARY_PATH=path)
        lost = [line.split()[0] for line in result.stdout.splitlines() if "not found" in line]
        if lost:
            missing[library.relative_to(internal).as_posix()] = lost
    assert missing == {}


def test_the_deb(bundle: Path, tmp_path: Path) -> None:
    built = subprocess.run(
        ["bash", ROOT / "scripts" / "build_deb.sh", bundle, tmp_path],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=900,
        env={**os.environ, "QZ_DEB_COMPRESSION": "gzip", "PYTHON": sys.executable},
    )
    assert built.returncode == 0, built.stderr
    deb = Path(built.stdout.strip().splitlines()[-1])
    assert re.fullmatch(r"qz-evaluator_\d+\.\d+\.\d+_\w+\.deb", deb.name), deb.name

    info = run(Path("dpkg-deb"), "--info", deb).stdout
    assert "Package: qz-evaluator" in info
    # The C library the bundle's binaries need: at least the one PySide6 6.12 needs.
    needed = re.search(r"Depends: libc6 \(>= 2\.(\d+)\)", info)
    assert needed is not None and int(needed.group(1)) >= 34, info
    contents = run(Path("dpkg-deb"), "--contents", deb).stdout
    for expected in (
        "./usr/bin/qzeval -> /opt/qz-evaluator/qzeval",
        "./usr/bin/qz-evaluator -> /opt/qz-evaluator/qz-evaluator",
        "./usr/share/applications/qz-evaluator.desktop",
        "./usr/share/mime/packages/qz-evaluator.xml",
        "./usr/share/icons/hicolor/256x256/apps/qz-evaluator.png",
        "./opt/qz-evaluator/_internal/resources/fonts/wqy-microhei.ttc",
    ):
        assert expected in contents, expected
    assert "root/root" in contents and "./home/" not in contents

    unpacked = tmp_path / "unpacked"
    run(Path("dpkg-deb"), "-x", deb, unpacked)
    desktop = (unpacked / "usr/share/applications/qz-evaluator.desktop").read_text("utf-8")
    assert "MimeType=application/x-qz-workspace;application/x-qz-package;" in desktop
    assert "Exec=qz-evaluator %f" in desktop
    # Started through a link, as /usr/bin/qzeval is: the bundle finds its own folder.
    link = tmp_path / "bin" / "qzeval"
    link.parent.mkdir()
    link.symlink_to(unpacked / "opt" / "qz-evaluator" / "qzeval")
    result = run(link, "self-test", ok=False)
    assert "[ok  ] scorecard" in result.stdout, result.stdout
    assert result.returncode == 0 or not REAL_KEYCHAIN, result.stdout
