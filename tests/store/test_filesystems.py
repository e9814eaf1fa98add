"""Network folders: detected from the mount table (a fake one here), and the workspace
falls back from WAL to the rollback journal there (or with QZ_NO_WAL=1)."""

from __future__ import annotations

import sqlite3
import sys
from pathlib import Path

import pytest

from qz_evaluator.domain.roles import Role
from qz_evaluator.store import filesystems
from qz_evaluator.store.filesystems import (
    NO_WAL_ENV,
    _windows_remote,
    is_network_fs_type,
    mount_fs_type,
    wal_unsafe_reason,
)
from qz_evaluator.store.workspace import Workspace

# As the kernel writes /proc/self/mountinfo: a local root, a USB stick (vfat and NTFS
# through fuseblk), a Samba share, NFS, sshfs through FUSE, a share mounted inside a
# local folder, and a mount point with a space (escaped as \040).
MOUNTINFO = r"""22 1 8:1 / / rw,relatime shared:1 - ext4 /dev/sda1 rw
25 22 0:22 / /proc rw,nosuid shared:12 - proc proc rw
40 22 8:17 / /media/usb rw,nosuid shared:20 - vfat /dev/sdb1 rw,uid=1000
41 22 8:33 / /media/ntfs rw,nosuid shared:21 - fuseblk /dev/sdc1 rw,user_id=0
50 22 0:50 / /mnt/share rw,relatime shared:30 - cifs //server/评审 rw,vers=3.1.1
51 22 0:51 / /mnt/nfs rw,relatime shared:31 - nfs4 server:/export rw
52 22 0:52 / /home/ann/remote rw,nosuid shared:32 - fuse.sshfs ann@host:/data rw
53 50 8:1 /local /mnt/share/local rw shared:33 - ext4 /dev/sda1 rw
54 22 0:54 / /mnt/my\040drive rw shared:34 - smb3 //server/d rw
"""


@pytest.mark.parametrize(
    ("path", "expected", "network"),
    [
        ("/home/ann/sec.qzw", "ext4", False),
        ("/media/usb/评审/sec.qzw", "vfat", False),
        ("/media/ntfs/sec.qzw", "fuseblk", False),
        ("/mnt/share/2026/sec.qzw", "cifs", True),
        ("/mnt/share", "cifs", True),
        ("/mnt/sharethis/sec.qzw", "ext4", False),  # a prefix of a name is not inside it
        ("/mnt/nfs/sec.qzw", "nfs4", True),
        ("/home/ann/remote/sec.qzw", "fuse.sshfs", True),
        ("/mnt/share/local/sec.qzw", "ext4", False),  # the deeper mount wins
        ("/mnt/my drive/sec.qzw", "smb3", True),
    ],
)
def test_the_mount_holding_a_path_and_its_type(path: str, expected: str, network: bool) -> None:
    kind = mount_fs_type(Path(path), MOUNTINFO)
    assert kind == expected
    assert is_network_fs_type(kind) is network


def test_network_types_of_every_platform() -> None:
    for kind in ("nfs", "cifs", "smb3", "smbfs", "afpfs", "webdav", "fuse.rclone", "SMBFS"):
        assert is_network_fs_type(kind), kind
    for kind in ("ext4", "btrfs", "xfs", "apfs", "hfs", "msdos", "exfat", "vfat", "fuseblk"):
        assert not is_network_fs_type(kind), kind
    assert mount_fs_type(Path("/x"), "garbage\n\n1 2 3\n") is None


def test_windows_unc_paths_are_network_shares() -> None:
    assert _windows_remote(Path(r"\\server\评审\sec.qzw")) == "network share"
    assert _windows_remote(Path("//server/share/sec.qzw")) == "network share"
    assert _windows_remote(Path(r"\\?\UNC\server\share\sec.qzw")) == "network share"
    assert _windows_remote(Path(r"\\?\C:\work\sec.qzw")) is None
    assert _windows_remote(Path("/home/ann/sec.qzw")) is None  # no drive letter here


def _modes(path: Path) -> tuple[str, int]:
    with Workspace.open(path) as workspace:
        journal = workspace.conn.execute("PRAGMA journal_mode").fetchone()[0]
        synchronous = workspace.conn.execute("PRAGMA synchronous").fetchone()[0]
        return str(journal), int(synchronous)


def test_qz_no_wal_uses_the_rollback_journal(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "sec.qzw"
    Workspace.create(path, Role.SECRETARIAT).close()
    assert _modes(path) == ("wal", 1)  # NORMAL
    monkeypatch.setenv(NO_WAL_ENV, "1")
    with Workspace.open(path) as workspace:
        assert workspace.network_folder == NO_WAL_ENV
        workspace.set_meta("name", "共享文件夹")  # writes work, and land in the one file
        assert not path.with_name("sec.qzw-wal").exists()
    assert _modes(path) == ("delete", 2)  # FULL
    with sqlite3.connect(path) as plain:  # a single file: readable by itself
        assert plain.execute("SELECT value FROM meta WHERE key = 'name'").fetchone() == (
            "共享文件夹",
        )
    monkeypatch.setenv(NO_WAL_ENV, "0")
    assert _modes(path) == ("wal", 1)


def test_a_workspace_on_a_network_mount_uses_the_rollback_journal(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    if not sys.platform.startswith("linux"):
        pytest.skip("the mount table is Linux's")
    monkeypatch.delenv(NO_WAL_ENV, raising=False)
    share = tmp_path.resolve() / "share"
    share.mkdir()
    mountinfo = tmp_path / "mountinfo"
    mountinfo.write_text(
        f"22 1 8:1 / / rw - ext4 /dev/sda1 rw\n60 22 0:60 / {share} rw - cifs //srv/s rw\n",
        encoding="utf-8",
    )
    monkeypatch.setattr(filesystems, "MOUNTINFO", mountinfo)
    assert wal_unsafe_reason(share / "sec.qzw") == "cifs"
    assert wal_unsafe_reason(tmp_path / "local.qzw") is None
    with Workspace.create(share / "sec.qzw", Role.SECRETARIAT) as workspace:
        assert workspace.network_folder == "cifs"
    assert _modes(share / "sec.qzw") == ("delete", 2)
    Workspace.create(tmp_path / "local.qzw", Role.SECRETARIAT).close()
    assert _modes(tmp_path / "local.qzw") == ("wal", 1)
