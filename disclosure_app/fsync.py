"""Flushing to the disk: a file's data, or a folder's entries after a rename into it.

The project store, the edit journal and the export package each make a write durable the same
way; a folder cannot be opened for fsync on Windows, where the rename itself is durable.
"""

from __future__ import annotations

import os
from pathlib import Path


def fsync_dir(directory: Path, *, strict: bool = True) -> None:
    """Flush ``directory``'s entries (POSIX only).  An error of the flush itself is raised when
    ``strict``; a folder that cannot be opened is never an error."""
    if os.name != "posix":
        return
    try:
        fd = os.open(directory, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        if strict:
            raise
    finally:
        os.close(fd)


def fsync_file(name: str | os.PathLike[str]) -> None:
    """Flush one file's data, best effort: a file that is missing or cannot be flushed is left."""
    try:
        fd = os.open(name, os.O_RDWR if os.name == "nt" else os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)
