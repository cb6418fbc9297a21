"""Writing files and folders whole or not at all: the one implementation the build and the
tools share (the languages build in parallel, and two builds may run at once)."""

from __future__ import annotations

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


def replace_folder(new: Path, target: Path, old: Path) -> None:
    """Put the finished folder *new* in the place of *target* by renames; the previous one
    goes to *old* on the way and is removed."""
    shutil.rmtree(old, ignore_errors=True)
    target.parent.mkdir(parents=True, exist_ok=True)
    if target.exists():
        os.replace(target, old)
    os.replace(new, target)
    shutil.rmtree(old, ignore_errors=True)
