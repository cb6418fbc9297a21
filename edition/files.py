"""Writing files and folders whole or not at all: the one implementation the build and the
tools share (the languages build in parallel, and two builds may run at once)."""

from __future__ import annotations

import ctypes
import errno
import os
import shutil
import tempfile
from pathlib import Path


def atomic_write(path: Path, content: str | bytes) -> None:
    """Write *path* whole or not at all: a temporary file of its own beside it (two writers
    at once each write theirs), renamed into place."""
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(content.encode("utf-8") if isinstance(content, str) else content)
        os.chmod(temporary, 0o644)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def replace_folder(new: Path, target: Path) -> None:
    """Put the finished folder *new* in the place of the folder *target* in one atomic step: at
    any moment, a kill or a power loss included, *target* holds the old folder or the new one.

    *new* is first moved beside *target* (``.incoming-<name>``: a rename, or a copy where *new*
    is on another filesystem, as when *target*'s parent is a mounted volume), then the two are
    exchanged by one ``renameat2(RENAME_EXCHANGE)``, and the old folder is removed. Where the
    system or filesystem cannot exchange, *target* is renamed to ``.old-<name>`` and the new
    folder into its place; a kill between the two renames is repaired by :func:`restore` (which
    the next publish runs first)."""
    target.parent.mkdir(parents=True, exist_ok=True)
    restore(target)
    incoming = target.with_name(f".incoming-{target.name}")
    shutil.rmtree(incoming, ignore_errors=True)  # a copy a kill interrupted: never published
    shutil.move(new, incoming)
    if not os.path.lexists(target):
        os.rename(incoming, target)
        return
    if not _exchange(incoming, target):
        old = target.with_name(f".old-{target.name}")
        os.rename(target, old)
        os.rename(incoming, target)
        incoming = old
    shutil.rmtree(incoming, ignore_errors=True)  # now the previous folder


def restore(target: Path) -> None:
    """Undo a swap that a kill stopped half-way: the previous folder, left in ``.old-<name>``
    without a *target*, goes back to its place (it is removed only once *target* exists)."""
    old = target.with_name(f".old-{target.name}")
    if old.is_dir() and not os.path.lexists(target):
        os.rename(old, target)
    shutil.rmtree(old, ignore_errors=True)


RENAME_EXCHANGE, AT_FDCWD = 2, -100  # <linux/fs.h>, <fcntl.h>


def _exchange(a: Path, b: Path) -> bool:
    """Swap *a* and *b* in one step (Linux ``renameat2``); False where the C library, the kernel
    or the filesystem cannot."""
    renameat2 = getattr(ctypes.CDLL(None, use_errno=True), "renameat2", None)
    if renameat2 is None:
        return False
    if renameat2(AT_FDCWD, os.fsencode(a), AT_FDCWD, os.fsencode(b), RENAME_EXCHANGE) == 0:
        return True
    error = ctypes.get_errno()
    if error in (errno.EINVAL, errno.ENOSYS, errno.EOPNOTSUPP):
        return False
    raise OSError(error, os.strerror(error), str(a), None, str(b))
