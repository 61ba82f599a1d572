"""The window's file commands: 新建, 打开, 保存, 另存为, recent files, drop, autosave, lock, export.

A mixin of :class:`~disclosure_app.qt.mainwindow.MainWindow`, kept apart so each module holds
one concern.  Files are read and written only through the core store and session; locks and
recovery copies through :mod:`disclosure_app.filelock` and :mod:`disclosure_app.recovery`.
"""

from __future__ import annotations

import os
from pathlib import Path

from PySide6.QtWidgets import QFileDialog, QMessageBox

from ..errors import AppError, user_message
from ..export.layouts import OPTION as LAYOUT_OPTION
from ..export.layouts import project_layout
from ..filelock import ProjectLock
from ..operations import Format, blank_project, full_checks, read_any, sample_project
from ..oserrors import os_message, os_reason
from ..publisher import PUBLISHER_OPTION, publisher
from ..recent import add_recent, clear_recent, recent_files, remove_recent
from ..session import Session
from ..store.sqlite import SUFFIX
from .dialogs import CANCEL, SAVE, NewProjectDialog, ask_save_changes, confirm, warn
from .export_worker import ExportOptionsDialog, ExportRun, error_count, exporter

FILE_FILTER = f"公开项目 (*{SUFFIX})"


def _same(a: Path | None, b: Path | None) -> bool:
    if a is None or b is None:
        return False
    return os.path.normcase(os.path.abspath(a)) == os.path.normcase(os.path.abspath(b))


class FileMixin:
    """File commands; expects ``session``, ``lock``, ``recovery``, ``set_session`` on the window."""

    # -- helpers -----------------------------------------------------------------------------------
    def _start_dir(self) -> str:
        if self.session is not None and self.session.path is not None:
            return str(self.session.path.parent)
        recent = recent_files()
        return str(recent[0].parent) if recent else str(Path.home())

    def maybe_save(self) -> bool:
        """Ask about unsaved changes; ``False`` when the user cancels."""
        self.commit_pending()
        if not self.is_dirty:
            return True
        answer = ask_save_changes(self, self.document_title())
        if answer == CANCEL:
            return False
        if answer == SAVE:
            return self.save()
        return True

    # -- open / new ----------------------------------------------------------------------------------
    def new_project(self) -> bool:
        if not self.maybe_save():
            return False
        dlg = NewProjectDialog(self, self.session.project.info.year if self.session else 2024)
        if not dlg.exec():
            return False
        kind, profile_id, year, name = dlg.choice()
        try:
            if kind in ("sample", "budget_sample"):
                project = sample_project("final" if kind == "sample" else "budget")
            else:
                project = blank_project(profile_id, year, name)
            session = Session(project, None, full_checks())
        except Exception as exc:  # noqa: BLE001 — a damaged installation: a message, not a traceback
            warn(self, "无法新建项目", user_message(exc, "新建项目"))
            return False
        self.set_session(session, None, sample=False)
        self.status(f"已新建项目：{self.document_title()}（尚未保存）")
        return True

    def open_project(self, path: str | os.PathLike | None = None) -> bool:
        if path is None:
            chosen, _ = QFileDialog.getOpenFileName(self, "打开项目", self._start_dir(), FILE_FILTER)
            if not chosen:
                return False
            path = chosen
        path = Path(path)
        if self.session is not None and _same(self.session.path, path):
            self.status(f"“{path.name}”已在本窗口中打开")
            return True
        if not self.maybe_save():
            return False
        return self.load_path(path)

    def load_path(self, path: str | os.PathLike) -> bool:
        """Open a project file in this window: lock it, read it, show it."""
        path = Path(path)
        lock = ProjectLock(path)
        try:
            lock.acquire()
        except AppError as exc:              # open in another window or process
            warn(self, "项目已被打开", exc.message)
            return False
        except OSError as exc:
            warn(self, "无法打开项目", os_message(exc, "无法打开", path))
            return False
        try:
            session = Session(read_any(path, Format.PROJECT).project, path, full_checks())
        except Exception as exc:  # noqa: BLE001 — unreadable or damaged beyond what the reader foresaw
            lock.release()
            if isinstance(exc, AppError):
                remove_recent(path)
            warn(self, "无法打开项目", user_message(exc, "打开项目", path))
            return False
        self.set_session(session, lock, sample=False)
        add_recent(path)
        self.status(f"已打开：{path}")
        return True

    # -- save ------------------------------------------------------------------------------------------
    def save(self) -> bool:
        self.commit_pending()
        if self.session.path is None:
            return self.save_as()
        return self._write(self.session.path)

    def save_as(self) -> bool:
        self.commit_pending()
        info = self.session.project.info
        suggested = str(Path(self._start_dir()) / f"{info.name or '未命名单位'}{info.year}年度"
                        f"{self.session.project.profile.title}{SUFFIX}")
        chosen, _ = QFileDialog.getSaveFileName(self, "另存为", suggested, FILE_FILTER)
        if not chosen:
            return False
        return self.save_to(chosen)

    def save_to(self, path: str | os.PathLike) -> bool:
        """Save under a new name: take the new file's lock, give the old one up."""
        target = Path(path)
        if target.suffix.lower() != SUFFIX:
            target = target.with_name(target.name + SUFFIX)
        if _same(target, self.session.path):
            return self._write(target)
        lock = ProjectLock(target)
        try:
            lock.acquire()
        except (AppError, OSError) as exc:
            warn(self, "不能保存到该文件", user_message(exc, "保存", target))
            return False
        if not self._write(target):
            lock.release()
            return False
        if self.lock is not None:
            self.lock.release()
        self.lock = lock
        self.is_sample = False
        self.update_title()
        return True

    def _write(self, target: Path) -> bool:
        try:
            self.session.save(target)
        except (AppError, OSError) as exc:
            reason = os_reason(exc) if isinstance(exc, OSError) else exc.message
            warn(self, "保存失败", f"无法保存到“{target}”：{reason}\n\n请检查文件夹是否存在、是否有写入权限，"
                                f"或用“另存为”保存到其他位置。")
            return False
        self.restored = False
        self.recovery.discard()
        add_recent(target)
        self.update_title()
        self.status(f"已保存：{target}")
        return True

    # -- recent files and drops --------------------------------------------------------------------
    def fill_recent_menu(self) -> None:
        menu = self.recent_menu
        menu.clear()
        files = recent_files()
        for i, p in enumerate(files, 1):
            menu.addAction(f"&{i % 10} {p.name}  —  {p.parent}", lambda p=p: self.open_project(p))
        if not files:
            menu.addAction("（无）").setEnabled(False)
        else:
            menu.addSeparator()
            menu.addAction("清除列表", clear_recent)

    @staticmethod
    def dropped_project(mime) -> Path | None:
        for url in mime.urls() if mime.hasUrls() else ():
            if url.isLocalFile() and url.toLocalFile().lower().endswith(SUFFIX):
                return Path(url.toLocalFile())
        return None

    def dragEnterEvent(self, event) -> None:
        if self.dropped_project(event.mimeData()) is not None:
            event.acceptProposedAction()

    def dropEvent(self, event) -> None:
        path = self.dropped_project(event.mimeData())
        if path is not None:
            event.acceptProposedAction()
            self.open_project(path)

    # -- autosave and lock heartbeat -----------------------------------------------------------------
    def autosave(self) -> None:
        """Write unsaved work to the recovery copy (or remove the copy when nothing is unsaved).

        What is still being typed is left alone: committing it here would close a cell editor or
        take a half-typed year in the middle of the user's keystrokes.  It is committed, like every
        edit, when the user leaves the field, saves, exports or closes."""
        if not self.is_dirty:
            self.recovery.discard()
            return
        try:
            self.recovery.write(self.session.project, self.session.path, self.document_title())
        except OSError as exc:
            self.status(os_message(exc, "自动保存恢复副本失败，无法写入", self.recovery.path))

    def heartbeat(self) -> None:
        if self.lock is not None:
            self.lock.refresh()

    # -- export --------------------------------------------------------------------------------------
    def export(self) -> bool:
        self.commit_pending()
        if exporter() is None:
            warn(self, "导出公开文件", "导出模块尚未安装，暂时不能导出公开文件。")
            return False
        base = self.session.path.parent if self.session.path else Path.home()
        project = self.session.project
        dlg = ExportOptionsDialog(str(base / "公开文件"), self, project_layout(project).key, publisher(project))
        if not dlg.exec():
            return False
        self.session.set_option(LAYOUT_OPTION, dlg.layout_box.currentData(), "选择 PDF 版式")
        self.session.set_option(PUBLISHER_OPTION, dlg.publisher_box.currentData(), "选择公开主体（部门/单位）")
        formats = dlg.formats()
        if not formats:
            warn(self, "导出公开文件", "请至少选择一种导出格式（PDF、Word 或 Excel）。")
            return False
        errors = error_count(self.session.findings)
        force = False
        if errors:
            if not confirm(self, "存在错误", f"校验发现 {errors} 个错误，公开文件中的表格可能不平衡。\n\n"
                                            f"建议先在校验面板中逐条改正。确定仍要导出吗？"):
                return False
            force = True
        self._export_run = ExportRun(self, self.session.project, Path(dlg.folder.text()), formats,
                                     force=force, draft=dlg.draft.isChecked())
        self._export_run.done.connect(self._export_done)
        self._export_run.error.connect(lambda msg: warn(self, "导出失败", msg))
        self._export_run.start()
        return True

    def _export_done(self, manifest) -> None:
        files = manifest.get("files", []) if isinstance(manifest, dict) else []
        lines = "\n".join(f"{f['name']}（{f['size']:,} 字节）" for f in files)
        QMessageBox.information(self, "导出完成", f"已导出 {len(files)} 个文件：\n\n{lines}")
        self.status(f"已导出 {len(files)} 个文件")
