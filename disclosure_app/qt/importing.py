"""文件 → 导入: a new, unsaved project from a JSON dump, our own Excel, or a published text.

A mixin of :class:`~disclosure_app.qt.mainwindow.MainWindow`.  Each import reads the file with
the same core function the command line uses (``store.loads``, ``importers.xlsx.read_xlsx``,
``importers.published_text.read_published_text``) and shows the result as a new project that
the user saves with 另存为; a file that cannot be read is reported in a Chinese message box.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QFileDialog, QMessageBox

from ..model import Project
from ..oserrors import os_message
from ..session import Session
from .dialogs import warn

JSON_FILTER = "项目 JSON 导出文件 (*.json)"
XLSX_FILTER = "本程序导出的 Excel 文件 (*.xlsx)"
TEXT_FILTER = "公开文件文本 (*.txt)"


def read_json(path: Path) -> tuple[Project, list[str]]:
    """A project from a ``disclosure-app dump`` file, with the notices of the reader."""
    from ..store import loads
    notices: list[str] = []
    return loads(_text(path, "JSON 文件"), f"“{path.name}”", notices), notices


def read_excel(path: Path) -> tuple[Project, list[str]]:
    """A project from a workbook this program exported."""
    from ..importers.xlsx import read_xlsx
    notices: list[str] = []
    return read_xlsx(path, notices), notices


def read_text(path: Path) -> tuple[Project, list[str]]:
    """A project from the text of a published 决算/预算公开 document (UTF-8 or GBK)."""
    from ..importers.published_text import read_published_text
    result = read_published_text(_text(path, "文本文件", gbk=True))
    return result.project, list(result.notes)


def _text(path: Path, what: str, gbk: bool = False) -> str:
    from ..textfiles import read_text_file
    return read_text_file(path, what, gbk)


def _import_errors() -> tuple[type[Exception], ...]:
    from ..importers.cells import ImportError_
    from ..store import ProjectFileError
    return (ValueError, ImportError_, ProjectFileError)


IMPORT_ERRORS = _import_errors()

READERS = {
    "json": ("导入 JSON", JSON_FILTER, read_json),
    "xlsx": ("导入 Excel", XLSX_FILTER, read_excel),
    "text": ("导入公开文本", TEXT_FILTER, read_text),
}


class ImportMixin:
    """The 导入 commands; expects ``maybe_save``, ``set_session``, ``status`` on the window."""

    def import_file(self, kind: str, path: str | Path | None = None) -> bool:
        """Read ``path`` (asked for when ``None``) as ``kind`` (json, xlsx, text) into a new project."""
        title, file_filter, reader = READERS[kind]
        if path is None:
            chosen, _ = QFileDialog.getOpenFileName(self, title, self._start_dir(), file_filter)
            if not chosen:
                return False
            path = chosen
        path = Path(path)
        if not self.maybe_save():
            return False
        try:
            project, notices = reader(path)
        except OSError as exc:
            warn(self, title, os_message(exc, "无法读取", path))
            return False
        except IMPORT_ERRORS as exc:       # each reader's refusal carries a Chinese message
            warn(self, title, f"无法导入“{path.name}”：{exc}")
            return False
        from .files import extra_checks
        self.set_session(Session(project, None, extra_checks()), None, sample=False)
        if notices:
            QMessageBox.information(self, title, "导入时注意到：\n\n" + "\n".join(f"· {n}" for n in notices[:20]))
        self.status(f"已导入“{path.name}”，尚未保存：请用“另存为”保存为项目文件")
        return True
