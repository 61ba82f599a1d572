"""导出公开文件…: the exporter run in a worker thread with a progress dialog.

The exporter works on a copy of the project, so the user may keep editing while it writes.
With 错误 present the user must confirm first (the export then runs with ``force=True``).
The exporter module is imported only when used, so the window works without it.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QObject, Qt, QThread, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QProgressDialog,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ..errors import AppError
from ..export.layouts import DEFAULT_LAYOUT, LAYOUTS
from ..model import Project
from ..oserrors import os_message
from ..publisher import PUBLISHERS
from ..rules.findings import ERROR, counts

FORMATS = (("pdf", "PDF"), ("docx", "Word（.docx）"), ("xlsx", "Excel（.xlsx）"))


def exporter():
    """``(export_package, ExportError)``, or ``None`` when the exporter is not installed."""
    try:
        from ..export.package import ExportError, export_package
    except ImportError:
        return None
    return export_package, ExportError


class ExportWorker(QObject):
    """Runs ``export_package`` off the GUI thread and reports back through signals."""

    progress = Signal(int, int, str)
    finished = Signal(object)          # the manifest dict
    failed = Signal(str)

    def __init__(self, project: Project, out_dir: Path, formats: list[str], force: bool, draft: bool) -> None:
        super().__init__()
        self.project, self.out_dir, self.formats, self.force, self.draft = project, out_dir, formats, force, draft

    def run(self) -> None:
        found = exporter()
        if found is None:
            self.failed.emit("导出模块尚未安装，暂时不能导出公开文件")
            return
        export_package, _ = found
        try:
            manifest = export_package(self.project, self.out_dir, self.formats, force=self.force, draft=self.draft,
                                      progress=lambda step, total, text: self.progress.emit(step, total, text))
        except AppError as exc:            # ExportError, and any refusal of the core it lets through
            self.failed.emit(exc.message)
            return
        except OSError as exc:
            self.failed.emit(os_message(exc, "无法写入", self.out_dir))
            return
        except Exception as exc:  # noqa: BLE001 — the progress dialog must never wait for ever
            self.failed.emit(f"导出时发生意外错误：{exc}。已写出的文件可能不完整，请重试；如仍失败，请保存项目后联系维护人员")
            return
        self.finished.emit(manifest)


class ExportOptionsDialog(QDialog):
    """Folder, formats and the draft watermark."""

    def __init__(self, folder: str, parent: QWidget | None = None, layout_key: str = DEFAULT_LAYOUT,
                 publisher: str = "部门") -> None:
        super().__init__(parent)
        self.setWindowTitle("导出公开文件")
        # 版式 and 公开主体: the project remembers both (Session.set_option)
        self.layout_box = QComboBox(self)
        for key, lay in LAYOUTS.items():
            self.layout_box.addItem(lay.label, key)
        self.layout_box.setCurrentIndex(max(0, self.layout_box.findData(layout_key)))
        self.publisher_box = QComboBox(self)
        for p in PUBLISHERS:
            self.publisher_box.addItem(f"以{p}名义公开（{p}决算/预算公开）", p)
        self.publisher_box.setCurrentIndex(max(0, self.publisher_box.findData(publisher)))
        choices = QHBoxLayout()
        choices.addWidget(QLabel("PDF 版式："))
        choices.addWidget(self.layout_box, 1)
        choices.addWidget(self.publisher_box, 1)
        self.folder = QLineEdit(folder, self)
        browse = QPushButton("浏览…", self)
        browse.clicked.connect(self._browse)
        row = QHBoxLayout()
        row.addWidget(QLabel("保存到文件夹："))
        row.addWidget(self.folder, 1)
        row.addWidget(browse)
        self.boxes = {key: QCheckBox(text, self) for key, text in FORMATS}
        formats = QHBoxLayout()
        for box in self.boxes.values():
            box.setChecked(True)
            formats.addWidget(box)
        self.draft = QCheckBox("草稿（加“仅供内部审核”水印，待填写内容显示为占位）", self)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText("导出")
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText("取消")
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(row)
        layout.addLayout(formats)
        layout.addLayout(choices)
        layout.addWidget(self.draft)
        layout.addWidget(buttons)

    def _browse(self) -> None:
        chosen = QFileDialog.getExistingDirectory(self, "选择导出文件夹", self.folder.text())
        if chosen:
            self.folder.setText(chosen)

    def formats(self) -> list[str]:
        return [k for k, box in self.boxes.items() if box.isChecked()]


class ExportRun(QObject):
    """One export: thread, worker and progress dialog, cleaned up when done."""

    done = Signal(object)              # manifest
    error = Signal(str)

    def __init__(self, parent: QWidget, project: Project, out_dir: Path, formats: list[str], *,
                 force: bool, draft: bool) -> None:
        super().__init__(parent)
        self.thread = QThread(self)
        self.worker = ExportWorker(project.copy(), out_dir, formats, force, draft)
        self.worker.moveToThread(self.thread)
        self.dialog = QProgressDialog("正在导出公开文件…", None, 0, 0, parent)
        self.dialog.setWindowTitle("导出公开文件")
        self.dialog.setWindowModality(Qt.WindowModality.WindowModal)
        self.dialog.setMinimumDuration(0)
        self.thread.started.connect(self.worker.run)
        self.worker.progress.connect(self._progress)
        self.worker.finished.connect(self._finished)
        self.worker.failed.connect(self._failed)

    def start(self) -> None:
        self.dialog.show()
        self.thread.start()

    def _progress(self, step: int, total: int, text: str) -> None:
        self.dialog.setMaximum(max(total, 1))
        self.dialog.setValue(min(step, max(total, 1)))
        self.dialog.setLabelText(text)

    def _stop(self) -> None:
        self.thread.quit()
        self.thread.wait()
        self.dialog.close()

    def _finished(self, manifest: object) -> None:
        self._stop()
        self.done.emit(manifest)

    def _failed(self, message: str) -> None:
        self._stop()
        self.error.emit(message)


def error_count(findings) -> int:
    return counts(findings)[ERROR]
