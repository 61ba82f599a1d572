"""Before an export: which files it would replace, which of them were changed since they were
exported (a Word file edited by hand), and a numbered folder that replaces nothing.

The export itself never deletes an older file it does not rewrite; these answers let the
window ask before it rewrites one.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from ..model import Project
from .package import MANIFEST, file_name, sha256_of


@dataclass(frozen=True)
class Existing:
    path: Path
    edited: bool                 # differs from what the last export recorded (or no record)


def existing_outputs(project: Project, folder: Path, formats: list[str], draft: bool) -> list[Existing]:
    """The files this export would overwrite, each marked when it changed after it was exported."""
    folder = Path(folder)
    recorded: dict[str, str] = {}
    try:
        manifest = json.loads((folder / MANIFEST).read_text(encoding="utf-8"))
        for entry in manifest.get("files", []) + manifest.get("older_files", []):
            recorded.setdefault(str(entry.get("name")), str(entry.get("sha256")))
    except (OSError, ValueError, AttributeError, TypeError):
        recorded = {}
    out = []
    for fmt in formats:
        path = folder / file_name(project, fmt, draft)
        if not path.is_file():
            continue
        try:
            edited = recorded.get(path.name) != sha256_of(path)
        except OSError:
            edited = True
        out.append(Existing(path, edited))
    return out


def numbered_folder(project: Project, folder: Path, formats: list[str], draft: bool) -> Path:
    """``folder（2）``, ``folder（3）``… : the first sibling where this export replaces nothing."""
    folder = Path(folder)
    n = 2
    while True:
        candidate = folder.with_name(f"{folder.name}（{n}）")
        if not existing_outputs(project, candidate, formats, draft):
            return candidate
        n += 1
