"""Which reader imports a file, by its suffix: the one table behind ``disclosure-app import``
and 文件→导入.

Every reader takes the path (and a profile id, or ``None`` to tell it from the file) and gives an
:class:`Imported`: the new project, where each form was found, the forms not found and the
notes — what the preview shows before anything is written.  Readers are registered with
:func:`register`; the workbook formats are registered here, other sources (PDF, Word, text)
register theirs in their own modules, listed in :data:`_PROVIDERS`.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from importlib import import_module
from pathlib import Path

from ..model import Project
from .cells import ImportError_

__all__ = ["FormSource", "Imported", "import_file", "reader_for", "register", "suffixes"]


@dataclass(frozen=True)
class FormSource:
    """Where one imported form came from, in words ("工作表“公开02表”第1–38行", "第12页")."""
    form_id: str
    label: str
    title: str
    where: str
    values: int
    code_rows: int = 0


@dataclass
class Imported:
    project: Project
    source: str
    forms: list[FormSource] = field(default_factory=list)
    missing: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    @property
    def form_ids(self) -> list[str]:
        return [f.form_id for f in self.forms]


Reader = Callable[[Path, "str | None"], Imported]
_READERS: dict[str, tuple[str, Reader]] = {}          # suffix → (what it is, reader)
_PROVIDERS = (".dispatch_workbook", ".dispatch_text")  # modules that register readers on import
_loaded = False


def register(suffix: str, what: str, reader: Reader) -> None:
    """``reader`` imports files ending in ``suffix`` (".xlsx"); ``what`` names them for messages."""
    _READERS[suffix.lower()] = (what, reader)


def _load() -> None:
    global _loaded
    if not _loaded:
        _loaded = True
        for name in _PROVIDERS:
            import_module(name, __package__)


def suffixes() -> dict[str, str]:
    """suffix → what it is, for file dialogs and messages."""
    _load()
    return {s: what for s, (what, _) in _READERS.items()}


def reader_for(path: str | Path) -> Reader:
    _load()
    suffix = Path(path).suffix.lower()
    if suffix not in _READERS:
        known = "、".join(f"{what}（{s}）" for s, what in suffixes().items())
        raise ImportError_(f"无法导入“{Path(path).name}”：不认识的文件类型“{suffix or '无扩展名'}”。可导入：{known}")
    return _READERS[suffix][1]


def import_file(path: str | Path, profile: str | None = None) -> Imported:
    """Read ``path`` with the reader its suffix names (see the module docstring)."""
    return reader_for(path)(Path(path), profile)
