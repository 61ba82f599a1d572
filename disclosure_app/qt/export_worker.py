"""导出公开文件…: the options dialog and the export run in a worker process.

The export runs in a separate process on a copy of the project: the window stays responsive
and keeps editing, the user can cancel (the worker is stopped and its half-written temporary
files removed), and what the writers hold (fonts, page layouts, the documents) is freed with
the process instead of staying in the window's memory.  Progress and the result come back
through a queue.  With 错误 present the user must confirm first (the export then runs with
``force=True``).  The exporter module is imported only when used.
"""

from __future__ import annotations

import multiprocessing
import os
import queue as queue_module
import shutil
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QObject, Qt, QThread, QTimer, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QProgressDialog,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ..checklist import Item, page_name
from ..errors import AppError
from ..export.layouts import DEFAULT_LAYOUT, LAYOUTS, project_layout
from ..model import Project
from ..oserrors import os_message
from ..publisher import PUBLISHERS, publisher
from ..rules.findings import ERROR, counts

FORMATS = (("pdf", "PDF"), ("docx", "Word（.docx）"), ("xlsx", "Excel（.xlsx）"))
POLL_MS = 50


def exporter():
    """``(export_package, ExportError)``, or ``None`` when the exporter is not installed."""
    try:
        from ..export.package import ExportError, export_package
    except ImportError:
        return None
    return export_package, ExportError


def run_export(project: Project, out_dir: Path, formats: list[str], force: bool, draft: bool,
               progress=None) -> tuple[str, object]:
    """``("done", manifest)`` or ``("failed", Chinese message)``: never an exception."""
    found = exporter()
    if found is None:
        return "failed", "导出模块尚未安装，暂时不能导出公开文件"
    export_package, _ = found
    try:
        return "done", export_package(project, out_dir, formats, force=force, draft=draft, progress=progress)
    except AppError as exc:            # ExportError, and any refusal of the core it lets through
        return "failed", exc.message
    except OSError as exc:
        return "failed", os_message(exc, "无法写入", out_dir)
    except Exception as exc:  # noqa: BLE001 — the progress dialog must never wait for ever
        return "failed", (f"导出时发生意外错误：{exc}。已写出的文件可能不完整，请重试；"
                          f"如仍失败，请保存项目后联系维护人员")


def _child(project: Project, out_dir: Path, formats: list[str], force: bool, draft: bool, q) -> None:
    """The worker process: export, report progress and the result on ``q``."""
    result = run_export(project, out_dir, formats, force, draft,
                        progress=lambda step, total, text: q.put(("progress", step, total, text)))
    q.put(result)
    # once the result is through, the process ends at once: the window joins it, and freeing a
    # large department's objects one by one would hold the window for half a second
    q.close()
    q.join_thread()
    os._exit(0)


class ExportOptionsDialog(QDialog):
    """Folder (shown whole), formats, the draft watermark, and what still keeps a final
    document back: the 待填写 items, each with the page to fill it on (``jump_to``)."""

    def __init__(self, folder: str, parent: QWidget | None = None, pending: list[Item] | None = None,
                 project: Project | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("导出公开文件")
        # PDF 版式 and 部门/单位: shown as the project has them; the project remembers the choice
        self.layout_box = QComboBox(self)
        for key, lay in LAYOUTS.items():
            self.layout_box.addItem(lay.label, key)
        current = project_layout(project).key if project is not None else DEFAULT_LAYOUT
        self.layout_box.setCurrentIndex(max(0, self.layout_box.findData(current)))
        self.publisher_box = QComboBox(self)
        for p in PUBLISHERS:
            self.publisher_box.addItem(f"以{p}名义公开（{p}决算/预算公开）", p)
        if project is not None:
            self.publisher_box.setCurrentIndex(max(0, self.publisher_box.findData(publisher(project))))
        choices = QHBoxLayout()
        choices.addWidget(QLabel("PDF 版式："))
        choices.addWidget(self.layout_box, 1)
        choices.addWidget(self.publisher_box, 1)
        self.pending = list(pending or [])
        self.jump_to: Item | None = None
        fm = self.fontMetrics()
        self.folder = QLineEdit(folder, self)
        self.folder.setMinimumWidth(fm.horizontalAdvance("中") * 36)
        self.folder.setAccessibleName("导出到文件夹")
        self.whole = QLabel(self)                      # the whole path, wrapped, never cut
        self.whole.setWordWrap(True)
        self.whole.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.whole.setStyleSheet("color:#555")
        self.folder.textChanged.connect(self._show_whole)
        self._show_whole(folder)
        browse = QPushButton("浏览(&B)…", self)
        browse.clicked.connect(self._browse)
        row = QHBoxLayout()
        row.addWidget(QLabel("保存到文件夹："))
        row.addWidget(self.folder, 1)
        row.addWidget(browse)
        self.boxes = {key: QCheckBox(text, self) for key, text in FORMATS}
        formats = QHBoxLayout()
        formats.addWidget(QLabel("格式："))
        for box in self.boxes.values():
            box.setChecked(True)
            formats.addWidget(box)
        formats.addStretch(1)
        self.draft = QCheckBox("导出草稿(&D)：加“仅供内部审核”水印，文件名带“（草稿）”，待填写处保留【待填写】占位", self)
        self.draft.toggled.connect(self._update)
        layout = QVBoxLayout(self)
        layout.addLayout(row)
        layout.addWidget(self.whole)
        layout.addLayout(formats)
        layout.addLayout(choices)
        layout.addWidget(self.draft)
        self.pending_label = QLabel(self)
        self.pending_label.setWordWrap(True)
        self.pending_list = QListWidget(self)
        self.pending_list.setAccessibleName("待填写内容")
        self.jump_button = QPushButton("转到所选项(&G)", self)
        self.jump_button.clicked.connect(self._jump)
        self.pending_list.itemActivated.connect(lambda *_: self._jump())
        if self.pending:
            for it in self.pending:
                where = page_name(project, it.page) if project is not None else it.page
                entry = QListWidgetItem(f"〔{where}〕{it.text}")
                entry.setToolTip(entry.text())
                self.pending_list.addItem(entry)
            self.pending_list.setCurrentRow(0)
            self.pending_list.setMaximumHeight(fm.height() * 8)
            layout.addWidget(self.pending_label)
            layout.addWidget(self.pending_list)
            jump_row = QHBoxLayout()
            jump_row.addStretch(1)
            jump_row.addWidget(self.jump_button)
            layout.addLayout(jump_row)
        else:
            self.pending_label.hide()
            self.pending_list.hide()
            self.jump_button.hide()
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel,
                                        self)
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText("导出")
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText("取消")
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        self._update()

    def _show_whole(self, text: str) -> None:
        self.whole.setText(f"完整路径：{text}")
        self.folder.setToolTip(text)

    def _update(self, *args) -> None:
        blocked = bool(self.pending) and not self.draft.isChecked()
        n = len(self.pending)
        if blocked:
            self.pending_label.setText(
                f"<span style='color:#b71c1c'><b>还有 {n} 处待填写，不能导出正式文件。</b></span>"
                f"请双击下列各项转到所在页面填写；如只需内部审核，勾选上面的“导出草稿”。")
        elif self.pending:
            self.pending_label.setText(f"草稿中以下 {n} 处将显示为【待填写】：")
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(not blocked)

    def _jump(self) -> None:
        row = self.pending_list.currentRow()
        if 0 <= row < len(self.pending):
            self.jump_to = self.pending[row]
            self.reject()

    def _browse(self) -> None:
        chosen = QFileDialog.getExistingDirectory(self, "选择导出文件夹", self.folder.text())
        if chosen:
            self.folder.setText(chosen)

    def formats(self) -> list[str]:
        return [k for k, box in self.boxes.items() if box.isChecked()]


class _ThreadWorker(QObject):
    """The same export in a thread of this process (when a worker process cannot be used)."""

    progress = Signal(int, int, str)
    result = Signal(str, object)

    def __init__(self, args) -> None:
        super().__init__()
        self.args = args

    def run(self) -> None:
        kind, payload = run_export(*self.args, progress=lambda s, t, x: self.progress.emit(s, t, x))
        self.result.emit(kind, payload)


class ExportRun(QObject):
    """One export: the worker, the progress dialog with its 取消, cleaned up when done."""

    done = Signal(object)              # manifest
    error = Signal(str)
    cancelled = Signal()
    in_process = True                  # a worker process (False: a thread, for tests that patch the exporter)

    def __init__(self, parent: QWidget, project: Project, out_dir: Path, formats: list[str], *,
                 force: bool, draft: bool) -> None:
        super().__init__(parent)
        self.out_dir = Path(out_dir)
        self.args = (project.copy(), self.out_dir, list(formats), force, draft)
        self.dialog = QProgressDialog("正在导出公开文件…", "取消", 0, 0, parent)
        self.dialog.setWindowTitle("导出公开文件")
        self.dialog.setWindowModality(Qt.WindowModality.WindowModal)
        self.dialog.setMinimumDuration(0)
        self.dialog.canceled.connect(self.cancel)
        self.process = None
        self.thread: QThread | None = None
        self.finished = False
        self._before: set[str] = set()

    def start(self) -> None:
        self.dialog.show()
        try:
            self._before = {p.name for p in self.out_dir.glob(".~导出中-*")} if self.out_dir.is_dir() else set()
        except OSError:
            self._before = set()
        if self.in_process:
            ctx = multiprocessing.get_context("spawn")
            self.queue = ctx.Queue()
            # not daemonic: a large export starts a second process of its own
            # (:mod:`disclosure_app.export.second_process`); leaving the program stops it (取消)
            self.process = ctx.Process(target=_child, args=(*self.args, self.queue))
            self.process.start()
            QCoreApplication.instance().aboutToQuit.connect(self.cancel)
            self.timer = QTimer(self)
            self.timer.setInterval(POLL_MS)
            self.timer.timeout.connect(self._poll)
            self.timer.start()
        else:
            self.thread = QThread(self)
            self.worker = _ThreadWorker(self.args)
            self.worker.moveToThread(self.thread)
            self.thread.started.connect(self.worker.run)
            self.worker.progress.connect(self._progress)
            self.worker.result.connect(self._result)
            self.thread.start()

    def _poll(self) -> None:
        while True:
            try:
                message = self.queue.get_nowait()
            except queue_module.Empty:
                break
            if message[0] == "progress":
                self._progress(*message[1:])
            else:
                self._result(*message)
                return
        if self.process is not None and not self.process.is_alive() and not self.finished:
            try:                          # the result may have arrived with the exit
                message = self.queue.get(timeout=0.5)
            except queue_module.Empty:
                self._result("failed", "导出进程意外结束，未写出文件。请重试；如仍失败，请保存项目后联系维护人员")
                return
            if message[0] != "progress":
                self._result(*message)

    def _progress(self, step: int, total: int, text: str) -> None:
        self.dialog.setMaximum(max(total, 1))
        self.dialog.setValue(min(step, max(total, 1)))
        self.dialog.setLabelText(text)

    def _stop(self) -> None:
        self.finished = True
        if getattr(self, "timer", None) is not None:
            self.timer.stop()
        if self.process is not None:
            self.process.join(timeout=5)
            self._unhook()
        if self.thread is not None:
            self.thread.quit()
            self.thread.wait()
        self.dialog.canceled.disconnect(self.cancel)
        self.dialog.close()

    def _result(self, kind: str, payload: object) -> None:
        if self.finished:
            return
        self._stop()
        if kind == "done":
            self.done.emit(payload)
        else:
            self.error.emit(str(payload))

    def _unhook(self) -> None:
        try:
            QCoreApplication.instance().aboutToQuit.disconnect(self.cancel)
        except (RuntimeError, TypeError):     # not connected (already done)
            pass

    def cancel(self) -> None:
        """Stop the worker; the temporary files it was writing are removed, nothing else."""
        if self.finished:
            return
        self.finished = True
        if self.process is not None:
            self.process.terminate()       # its second process, if any, sees it go and stops too
            self.process.join(timeout=5)
            self._unhook()
            if getattr(self, "timer", None) is not None:
                self.timer.stop()
            try:
                for p in self.out_dir.glob(".~导出中-*"):
                    if p.name not in self._before:
                        if p.is_dir():
                            shutil.rmtree(p, ignore_errors=True)   # what is held open goes next time
                        else:
                            p.unlink(missing_ok=True)
            except OSError:
                pass
        elif self.thread is not None:       # a thread cannot be stopped: its result is ignored
            self.thread.quit()
        self.dialog.close()
        self.cancelled.emit()


def error_count(findings) -> int:
    return counts(findings)[ERROR]
