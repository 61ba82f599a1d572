"""The window's file commands: 新建, 打开, 保存, 另存为, recent files, drop, autosave, lock, export.

A mixin of :class:`~disclosure_app.qt.mainwindow.MainWindow`, kept apart so each module holds
one concern.  Files are read and written only through the core store and session; locks and
recovery copies through :mod:`disclosure_app.filelock` and :mod:`disclosure_app.recovery`.
"""

from __future__ import annotations

import os
from pathlib import Path

from PySide6.QtCore import QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QFileDialog

from ..checklist import pending_items
from ..errors import AppError, user_message
from ..export.layouts import OPTION as LAYOUT_OPTION
from ..export.targets import existing_outputs, numbered_folder
from ..filelock import ProjectLock
from ..operations import Format, blank_project, full_checks, read_any, sample_project
from ..oserrors import os_message, os_reason
from ..publisher import PUBLISHER_OPTION
from ..recent import add_recent, clear_recent, recent_files, remove_recent
from ..session import Session
from ..store.sqlite import SUFFIX
from .dialogs import (
    CANCEL,
    SAVE,
    NewProjectDialog,
    ask_choice,
    ask_file_changed,
    ask_save_changes,
    confirm,
    warn,
)
from .export_worker import ExportOptionsDialog, ExportRun, error_count, exporter
from .window_settings import recall, recall_global, remember, remember_global

FILE_FILTER = f"公开项目 (*{SUFFIX})"


def _same(a: Path | None, b: Path | None) -> bool:
    if a is None or b is None:
        return False
    return os.path.normcase(os.path.abspath(a)) == os.path.normcase(os.path.abspath(b))


def lock_message(path: Path, holder, fallback: str) -> str:
    """Who has the project open, in plain words: the computer, the user and since when."""
    if holder is None:
        return fallback
    import socket
    from datetime import datetime
    try:
        since = datetime.fromisoformat(holder.since)
        when = f"{since.month}月{since.day}日 {since:%H:%M}"
    except (TypeError, ValueError):
        when = "不久前"
    if holder.host == socket.gethostname():
        import getpass
        try:
            me = getpass.getuser()
        except Exception:  # noqa: BLE001 — no user name on some service accounts
            me = ""
        if holder.pid == os.getpid():
            return f"项目“{path.name}”已在本程序的另一个窗口中打开。请切换到那个窗口继续编辑。"
        if holder.user and holder.user != me:
            where = f"由{holder.user}在本电脑上"
            todo = "请等对方关闭该项目后再打开。"
        else:
            where = "在本电脑上的另一个程序窗口中"
            todo = "请切换到那个窗口继续编辑（可在任务栏中找到它）。"
    else:
        who = f"{holder.user}" if holder.user else "另一位用户"
        where = f"由{who}在电脑“{holder.host}”上"
        todo = "请等对方关闭该项目后再打开。如果那台电脑上的程序已经意外关闭，10 分钟后即可重新打开。"
    return (f"项目“{path.name}”正{where}编辑（{when} 起）。为避免两处修改互相覆盖，现在不能再打开。\n\n{todo}")


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
            warn(self, "项目已被打开", lock_message(path, getattr(exc, "holder", None), exc.message))
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
        if _same(target, self.session.path) and self.session.changed_on_disk():
            choice = ask_file_changed(self, target)       # never overwrite someone else's write silently
            if choice == "copy":
                return self.save_as()
            if choice == "reload":
                try:
                    session = Session(read_any(target, Format.PROJECT).project, target, full_checks())
                except Exception as exc:  # noqa: BLE001 — unreadable now: say so, keep the window's work
                    warn(self, "无法重新载入", user_message(exc, "重新载入", target))
                    return False
                self.set_session(session, self.lock)
                self.status(f"已重新载入：{target}")
            return False
        try:
            self.session.save(target, over_changes=_same(target, self.session.path))
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
    def export_folder(self) -> Path:
        """The folder the last export of this project went to, else 公开文件 beside the project."""
        remembered = recall(self.session.path, "export_dir") if self.session.path else recall_global("export_dir")
        if remembered:
            return Path(remembered)
        base = self.session.path.parent if self.session.path else Path.home()
        return base / "公开文件"

    def export(self) -> bool:
        self.commit_pending()
        if exporter() is None:
            warn(self, "导出公开文件", "导出模块尚未安装，暂时不能导出公开文件。")
            return False
        dlg = ExportOptionsDialog(str(self.export_folder()), self, pending_items(self.session.project),
                                  self.session.project)
        accepted = dlg.exec()
        self.focus_page()
        if dlg.jump_to is not None:
            self.go_to_item(dlg.jump_to)
            return False
        if not accepted:
            return False
        self.session.set_option(LAYOUT_OPTION, dlg.layout_box.currentData(), "选择 PDF 版式")
        self.session.set_option(PUBLISHER_OPTION, dlg.publisher_box.currentData(), "选择公开主体（部门/单位）")
        return self.start_export(Path(dlg.folder.text()), dlg.formats(), dlg.draft.isChecked())

    def start_export(self, folder: Path, formats: list[str], draft: bool) -> bool:
        """Export to ``folder``: confirm 错误, never overwrite without asking, run in a worker."""
        if not formats:
            warn(self, "导出公开文件", "请至少选择一种导出格式（PDF、Word 或 Excel）。")
            return False
        project = self.session.project
        errors = error_count(self.session.findings)
        force = False
        if errors:
            if not confirm(self, "存在错误", f"校验发现 {errors} 个错误，公开文件中的表格可能不平衡。\n\n"
                                            f"建议先在校验面板中逐条改正。确定仍要导出吗？"):
                return False
            force = True
        chosen = folder
        existing = existing_outputs(project, folder, formats, draft)
        if existing:
            numbered = numbered_folder(project, folder, formats, draft)
            lines = "\n".join(f"{e.path.name}{'（导出后被修改过）' if e.edited else ''}" for e in existing)
            edited = any(e.edited for e in existing)
            text = (f"文件夹“{folder}”中已有上次导出的文件：\n\n{lines}\n\n"
                    + ("其中有文件在导出后被修改过（如手工编辑过的 Word），覆盖将丢失这些修改。\n\n" if edited else "")
                    + f"要覆盖它们，还是另存到新文件夹“{numbered.name}”？")
            answer = ask_choice(self, "已有导出的文件", text, ["另存为编号副本", "覆盖", "取消"],
                                default=0 if edited else 1)
            self.focus_page()
            if answer == 0:
                folder = numbered
            elif answer != 1:
                return False
        if self.session.path is not None:
            remember(self.session.path, "export_dir", str(chosen))
        else:
            remember_global("export_dir", str(chosen))
        self._export_run = ExportRun(self, project, folder, formats, force=force, draft=draft)
        self._export_run.done.connect(lambda m, f=folder: self._export_done(m, f))
        self._export_run.error.connect(lambda msg: warn(self, "导出失败", msg))
        self._export_run.cancelled.connect(lambda: self.status("已取消导出，未写出新文件"))
        self._export_run.start()
        return True

    def _export_done(self, manifest, folder: Path) -> None:
        files = manifest.get("files", []) if isinstance(manifest, dict) else []
        lines = "\n".join(f"{f['name']}（{f['size']:,} 字节）" for f in files)
        pdf = next((folder / f["name"] for f in files if f.get("format") == "pdf"), None)
        buttons = ["打开所在文件夹", "打开 PDF", "关闭"] if pdf is not None else ["打开所在文件夹", "关闭"]
        answer = ask_choice(self, "导出完成", f"已导出 {len(files)} 个文件到：\n{folder}\n\n{lines}", buttons,
                            default=0)
        self.status(f"已导出 {len(files)} 个文件到 {folder}")
        if answer == 0:
            QDesktopServices.openUrl(QUrl.fromLocalFile(str(folder)))
        elif answer == 1 and pdf is not None:
            QDesktopServices.openUrl(QUrl.fromLocalFile(str(pdf)))
        self.focus_page()
