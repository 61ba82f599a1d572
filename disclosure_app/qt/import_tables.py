"""文件 → 导入 → 导入公开表格: any workbook (.xlsx .xls .et .csv) or text of the tables, previewed.

A mixin of :class:`~disclosure_app.qt.mainwindow.MainWindow`.  The file is read by
:func:`disclosure_app.importers.dispatch.import_file`, as ``disclosure-app import`` does, and
the same preview (:func:`disclosure_app.import_editing.preview_lines`) is shown before anything
changes: which sheet became which form, what was skipped, the totals' check.  The user then
chooses to replace only those forms in the open project (one undo step), to open them as a new
project, or to cancel.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QFileDialog

from ..import_editing import merged, preview_lines
from ..importers.dispatch import import_file, suffixes
from ..operations import full_checks
from ..session import EditError, Session
from . import dialogs

INTO, NEW = "替换当前项目中的这些表", "作为新项目打开"
_SHOWN = 40


def tables_filter() -> str:
    pats = " ".join(f"*{s}" for s in suffixes())
    return f"公开表格（Excel、CSV、公开文件文字） ({pats});;所有文件 (*)"


class ImportTablesMixin:
    """Expects ``session``, ``maybe_save``, ``set_session``, ``status`` and ``_start_dir``."""

    def import_tables(self, path: str | Path | None = None) -> bool:
        """Read ``path`` (asked for when ``None``), show the preview, apply what the user chooses."""
        title = "导入公开表格"
        if path is None:
            chosen, _ = QFileDialog.getOpenFileName(self, title, self._start_dir(), tables_filter())
            if not chosen:
                return False
            path = chosen
        path = Path(path)
        try:
            imported = import_file(path)
        except Exception as exc:  # noqa: BLE001 — any failure of a reader ends in a message, not a traceback
            from .importing import import_failure
            dialogs.warn(self, title, import_failure(path, exc))
            return False
        current = self.session.project if self.session is not None else None
        same = current is not None and current.profile.id == imported.project.profile.id
        result = merged(current, imported) if same else imported.project
        lines = preview_lines(imported, result, into=current if same else None)
        if len(lines) > _SHOWN:
            lines = [*lines[:_SHOWN - 1], f"……其余 {len(lines) - _SHOWN + 1} 行从略"]
        buttons = [INTO, NEW, "取消"] if same else [NEW, "取消"]
        if not imported.forms and not imported.project.annexes:     # a document of 附件 only is imported too
            dialogs.warn(self, title, "\n".join(lines) + "\n\n没有读到任何表格，未导入。")
            return False
        choice = dialogs.ask_choice(self, title, "\n".join(lines), buttons, 0)
        if choice < 0 or buttons[choice] == "取消":
            return False
        if buttons[choice] == INTO:
            try:
                self.session.replace_forms(imported)
            except EditError as exc:
                dialogs.warn(self, title, str(exc))
                return False
            annexes = f"、{len(imported.project.annexes)} 张附件" if imported.project.annexes else ""
            self.status(f"已从“{path.name}”导入 {len(imported.forms)} 张表{annexes}（可撤销）")
            return True
        if not self.maybe_save():
            return False
        self.set_session(Session(imported.project, None, full_checks()), None, sample=False)
        self.status(f"已导入“{path.name}”，尚未保存：请用“另存为”保存为项目文件")
        return True

    def import_prior_year(self, path: str | Path | None = None) -> bool:
        """从上年导入: last year's project or document, the figures listed, filled as one undo step."""
        from ..prior_year import FILLED, KEPT, OVERWRITTEN, prior_figures, read_last_year
        from ..store.sqlite import SUFFIX
        title = "从上年导入"
        if self.session is None:
            return False
        if path is None:
            pats = " ".join(f"*{s}" for s in (SUFFIX, *suffixes()))
            chosen, _ = QFileDialog.getOpenFileName(self, title, self._start_dir(),
                                                    f"上年的项目或公开文件 ({pats});;所有文件 (*)")
            if not chosen:
                return False
            path = chosen
        path = Path(path)
        try:
            last, notes = read_last_year(path)
            figures, more = prior_figures(self.session.project, last)
        except Exception as exc:  # noqa: BLE001 — any failure of a reader ends in a message, not a traceback
            from .importing import import_failure
            dialogs.warn(self, title, import_failure(path, exc))
            return False
        if not figures:
            dialogs.warn(self, title, "\n".join([*more, "上年文件中没有可用的上年数，未改动"]))
            return False
        lines = [f"从“{path.name}”（{last.info.name or '未写单位'} {last.info.year} 年）取上年数：",
                 *(f"· {f.describe()}" for f in figures), *(f"注意：{n}" for n in [*more, *notes[:5]])]
        fill, replace = "填入空白的上年数", "全部按上年文件填入（替换已录入的）"
        buttons = [fill, replace, "取消"] if any(f.action == KEPT for f in figures) else [fill, "取消"]
        choice = dialogs.ask_choice(self, title, "\n".join(lines), buttons, 0)
        if choice < 0 or buttons[choice] == "取消":
            return False
        if buttons[choice] == replace:
            figures, _ = prior_figures(self.session.project, last, overwrite=True)
        n = self.session.fill_prior_year(figures, path.name)
        if not any(f.action in (FILLED, OVERWRITTEN) for f in figures):
            self.status("上年数均已录入，未改动")
            return False
        self.status(f"已从“{path.name}”填入 {n} 项上年数（可撤销）")
        return True
