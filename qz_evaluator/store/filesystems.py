"""Is a workspace's folder one where SQLite's WAL is unsafe?

WAL keeps a shared-memory index (the -shm file) that every connection maps; on a network
file system (an SMB/CIFS share, NFS, WebDAV, sshfs and other FUSE mounts, OneDrive's or a
sync tool's network drive) the mapping is not shared between machines, and two writers
can damage the file. There the workspace uses the rollback journal instead
(journal_mode=DELETE, synchronous=FULL): slower, but its locks are the file system's own.
USB sticks (FAT, exFAT, NTFS) are local file systems: WAL works there.

Portable: Linux reads /proc/self/mountinfo, Windows asks GetDriveTypeW (or sees a UNC
path), macOS reads statfs's f_fstypename; anything else is taken as local. QZ_NO_WAL=1
forces the rollback journal anywhere (tests, or a folder this cannot recognise).
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

__all__ = ["NO_WAL_ENV", "is_network_fs_type", "mount_fs_type", "wal_unsafe_reason"]

NO_WAL_ENV = "QZ_NO_WAL"

# File-system types (as Linux's mountinfo and macOS's statfs name them) on the network.
NETWORK_FS_TYPES = frozenset(
    {
        "nfs",
        "nfs4",
        "cifs",
        "smb3",
        "smbfs",
        "afpfs",
        "webdav",
        "davfs",
        "sshfs",
        "9p",
        "afs",
        "ceph",
        "glusterfs",
        "lustre",
        "gpfs",
        "ncpfs",
    }
)
MOUNTINFO = Path("/proc/self/mountinfo")
DRIVE_REMOTE = 4  # GetDriveTypeW's answer for a network drive


def is_network_fs_type(fs_type: str) -> bool:
    """A network file system's type; FUSE mounts (fuse.sshfs, fuse.rclone, …) count as
    network ones, `fuseblk` (NTFS or exFAT on a USB stick) does not."""
    kind = fs_type.lower()
    return kind in NETWORK_FS_TYPES or kind.startswith("fuse.")


def _unescape(field: str) -> str:
    r"""mountinfo writes space, tab, newline and backslash in paths as \040 and so on."""
    out, index = [], 0
    while index < len(field):
        chunk = field[index : index + 4]
        if len(chunk) == 4 and chunk[0] == "\\" and chunk[1:].isdigit():
            out.append(chr(int(chunk[1:], 8)))
            index += 4
        else:
            out.append(field[index])
            index += 1
    return "".join(out)


def mount_fs_type(path: Path, mountinfo: str) -> str | None:
    """The file-system type of the mount holding `path` (absolute), from the text of a
    Linux /proc/self/mountinfo: the longest mount point that contains it."""
    target = str(path)
    best: tuple[int, str] | None = None
    for line in mountinfo.splitlines():
        fields = line.split()
        if "-" not in fields or len(fields) < 5:
            continue
        after = fields[fields.index("-") + 1 :]
        if not after:
            continue
        point = _unescape(fields[4])
        inside = target == point or target.startswith(point.rstrip("/") + "/")
        if inside and (best is None or len(point) >= best[0]):
            best = (len(point), after[0])  # a later mount on the same point hides earlier
    return best[1] if best else None


def _linux_fs_type(path: Path) -> str | None:
    try:
        text = MOUNTINFO.read_text(encoding="utf-8", errors="replace")
    except OSError:
        return None
    return mount_fs_type(path, text)


def _darwin_fs_type(path: Path) -> str | None:  # pragma: no cover - macOS only
    """statfs(2)'s f_fstypename (smbfs, nfs, afpfs, webdav, apfs, msdos, …)."""
    import ctypes
    import ctypes.util

    class StatFs(ctypes.Structure):  # struct statfs, 64-bit inodes (macOS ≥ 10.6)
        _fields_ = [
            ("f_bsize", ctypes.c_uint32),
            ("f_iosize", ctypes.c_int32),
            ("f_blocks", ctypes.c_uint64),
            ("f_bfree", ctypes.c_uint64),
            ("f_bavail", ctypes.c_uint64),
            ("f_files", ctypes.c_uint64),
            ("f_ffree", ctypes.c_uint64),
            ("f_fsid", ctypes.c_int32 * 2),
            ("f_owner", ctypes.c_uint32),
            ("f_type", ctypes.c_uint32),
            ("f_flags", ctypes.c_uint32),
            ("f_fssubtype", ctypes.c_uint32),
            ("f_fstypename", ctypes.c_char * 16),
            ("f_mntonname", ctypes.c_char * 1024),
            ("f_mntfromname", ctypes.c_char * 1024),
            ("f_flags_ext", ctypes.c_uint32),
            ("f_reserved", ctypes.c_uint32 * 7),
        ]

    try:
        libc = ctypes.CDLL(ctypes.util.find_library("c"), use_errno=True)
        # Intel Macs name the 64-bit-inode variant statfs$INODE64; Apple silicon has one.
        try:
            statfs = getattr(libc, "statfs$INODE64")
        except AttributeError:
            statfs = libc.statfs
        result = StatFs()
        if statfs(os.fsencode(str(path)), ctypes.byref(result)) != 0:
            return None
        name: bytes = result.f_fstypename
        return name.decode("utf-8", "replace")
    except (OSError, AttributeError):
        return None


def _windows_remote(path: Path) -> str | None:
    r"""'network share' for a UNC path (\\server\share), 'network drive' for a mapped
    network drive (GetDriveTypeW: DRIVE_REMOTE); None for a local one."""
    text = str(path)
    if text.startswith(("\\\\", "//")) and not text.startswith(("\\\\?\\", "\\\\.\\")):
        return "network share"
    if text.startswith("\\\\?\\UNC\\"):
        return "network share"
    if sys.platform == "win32":
        import ctypes

        drive = os.path.splitdrive(text)[0]
        if drive:
            kind = ctypes.windll.kernel32.GetDriveTypeW(drive + "\\")
            if kind == DRIVE_REMOTE:
                return "network drive"
    return None


def wal_unsafe_reason(path: Path) -> str | None:
    """Why WAL is unsafe for a workspace file at `path` (its folder's file-system type,
    or QZ_NO_WAL), or None where WAL is safe."""
    if os.environ.get(NO_WAL_ENV, "") not in ("", "0"):
        return NO_WAL_ENV
    folder = Path(os.path.abspath(path)).parent
    if sys.platform == "win32":
        return _windows_remote(folder)
    if sys.platform == "darwin":
        kind = _darwin_fs_type(folder)
    elif sys.platform.startswith("linux"):
        kind = _linux_fs_type(Path(os.path.realpath(folder)))
    else:
        return None
    return kind if kind is not None and is_network_fs_type(kind) else None
