"""文件 → 导入: a new, unsaved project from a JSON dump, our own Excel, or a published text.

A mixin of :class:`~disclosure_app.qt.mainwindow.MainWindow`.  The file is read by
:func:`disclosure_app.operations.read_any`, the very function the command line's ``load``,
``import-xlsx`` and ``import-text`` use, so a file that imports in one imports in the other with
the same notices.  The result is shown as a new project that the user saves with 另存为.  A file
that cannot be read — missing, of another kind, damaged, or tripping over a fault of the reader —
is reported in a Chinese message box and the window keeps the project it had.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QFileDialog, QMessageBox

from ..errors import AppError, user_message
from ..operations import Format, ReadResult, full_checks, read_any
from ..session import Session
from .dialogs import warn

JSON_FILTER = "项目 JSON 导出文件 (*.json)"
XLSX_FILTER = "本程序导出的 Excel 文件 (*.xlsx)"
TEXT_FILTER = "公开文本 (*.txt)"

# kind (the menu's name for it) -> (dialog title, file filter, format read)
READERS = {
    "json": ("导入 JSON", JSON_FILTER, Format.JSON),
    "xlsx": ("导入 Excel", XLSX_FILTER, Format.XLSX),
    "text": ("导入公开文本", TEXT_FILTER, Format.TEXT),
}
_SHOWN_NOTICES = 20


def import_failure(path: Path, exc: BaseException) -> str:
    """The message box text for a file that could not be imported (the reason in Chinese)."""
    if isinstance(exc, AppError):
        return f"无法导入“{path.name}”：{exc.message}"
    return f"无法导入“{path.name}”：{user_message(exc, '导入')}"


def notices_text(result: ReadResult) -> str:
    """What the reader noticed, as a list (the first few; the rest counted)."""
    lines = [f"· {n}" for n in result.notices[:_SHOWN_NOTICES]]
    if len(result.notices) > _SHOWN_NOTICES:
        lines.append(f"……其余 {len(result.notices) - _SHOWN_NOTICES} 条从略")
    return "导入时注意到：\n\n" + "\n".join(lines)


class ImportMixin:
    """The 导入 commands; expects ``maybe_save``, ``set_session``, ``status`` on the window."""

    def import_file(self, kind: str, path: str | Path | None = None) -> bool:
        """Read ``path`` (asked for when ``None``) as ``kind`` (json, xlsx, text) into a new project."""
        title, file_filter, fmt = READERS[kind]
        if path is None:
            chosen, _ = QFileDialog.getOpenFileName(self, title, self._start_dir(), file_filter)
            if not chosen:
                return False
            path = chosen
        path = Path(path)
        if not self.maybe_save():
            return False
        try:
            result = read_any(path, fmt)
        except Exception as exc:  # noqa: BLE001 — any failure of a reader ends in a message, not a traceback
            warn(self, title, import_failure(path, exc))
            return False
        try:
            session = Session(result.project, None, full_checks())
        except Exception as exc:  # noqa: BLE001 — a project the checks cannot digest: still a message
            warn(self, title, import_failure(path, exc))
            return False
        self.set_session(session, None, sample=False)
        if result.notices:
            QMessageBox.information(self, title, notices_text(result))
        self.status(f"已导入“{path.name}”，尚未保存：请用“另存为”保存为项目文件")
        return True
