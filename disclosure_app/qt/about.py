"""帮助 → 关于: version, what the program does, and the licences of what it ships.

The component list comes from ``resources/licenses/index.json`` (name, licence, licence files
relative to ``resources/``), so a new dependency is added there, not here.  Qt and PySide6 are
LGPL-3.0: the dialog says plainly that they sit as separate files in the program folder and may
be replaced, as the licence requires.
"""

from __future__ import annotations

import json
import platform
from dataclasses import dataclass

import PySide6
from PySide6.QtCore import Qt, qVersion
from PySide6.QtGui import QFont, QFontDatabase
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QPlainTextEdit,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from .. import APP_NAME, __version__
from ..paths import resource
from .icons import app_icon

DESCRIPTION = ("把部门的财务数据编制成年度部门预决算公开文件：公开表格录入与勾稽校验、"
               "情况说明生成，以及 Word、PDF、Excel 格式的公开文件导出。")
QT_NOTICE = ("图形界面使用 Qt 6 和 Qt for Python（PySide6），按 LGPL-3.0 许可证使用，未作修改。"
             "它们以独立文件存放在程序文件夹的 _internal\\PySide6 和 _internal\\shiboken6 中，"
             "您可以用自己修改或重新编译的兼容版本替换这些文件，详见下方“Qt 6 与 Qt for Python”一项。")


@dataclass(frozen=True)
class Component:
    """A bundled third-party component and its licence files (paths relative to ``resources/``)."""

    name: str
    licence: str
    files: tuple[str, ...]

    @property
    def label(self) -> str:
        return f"{self.name} — {self.licence}"


def components() -> list[Component]:
    """The components listed in ``resources/licenses/index.json``, in its order."""
    data = json.loads(resource("licenses", "index.json").read_text(encoding="utf-8"))
    return [Component(c["name"], c["licence"], tuple(c["files"])) for c in data["components"]]


def licence_text(component: Component) -> str:
    """The component's licence files, one after another, each under its file name."""
    parts = []
    for name in component.files:
        path = resource(*name.split("/"))
        try:
            text = path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError):
            text = f"（找不到许可证文件 {path}。程序文件可能不完整，请重新安装。）"
        parts.append(f"【{name}】\n\n{text.strip()}")
    return "\n\n\n".join(parts)


def runtime_versions() -> str:
    """``Python 3.11.7 · Qt 6.x · PySide6 6.x``: what is actually loaded."""
    return f"Python {platform.python_version()} · Qt {qVersion()} · PySide6 {PySide6.__version__}"


class AboutDialog(QDialog):
    """The 关于 dialog; ``list`` holds the components, ``text`` the selected one's licence."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(f"关于{APP_NAME}")
        self.setWindowIcon(app_icon())
        self.components = components()

        logo = QLabel(self)
        logo.setPixmap(app_icon().pixmap(64, 64))
        logo.setAlignment(Qt.AlignmentFlag.AlignTop)
        title = QLabel(f"<b style='font-size:16pt'>{APP_NAME}</b><br>版本 {__version__}", self)
        description = QLabel(DESCRIPTION, self)
        description.setWordWrap(True)
        versions = QLabel(runtime_versions(), self)
        versions.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        heading = QVBoxLayout()
        for widget in (title, description, versions):
            heading.addWidget(widget)
        top = QHBoxLayout()
        top.addWidget(logo)
        top.addLayout(heading, 1)

        notice = QLabel(QT_NOTICE, self)
        notice.setWordWrap(True)
        intro = QLabel("本程序包含以下第三方组件，选择一项查看其许可证：", self)

        self.list = QListWidget(self)
        self.list.addItems([c.label for c in self.components])
        self.text = QPlainTextEdit(self)
        self.text.setReadOnly(True)
        self.text.setLineWrapMode(QPlainTextEdit.LineWrapMode.WidgetWidth)
        mono = QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont)
        self.text.setFont(QFont([mono.family(), *self.font().families()], self.font().pointSize()))
        splitter = QSplitter(Qt.Orientation.Horizontal, self)
        splitter.addWidget(self.list)
        splitter.addWidget(self.text)
        splitter.setSizes([340, 560])
        self.list.currentRowChanged.connect(self._show)

        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.button(QDialogButtonBox.StandardButton.Close).setText("关闭")
        buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(notice)
        layout.addWidget(intro)
        layout.addWidget(splitter, 1)
        layout.addWidget(buttons)
        self.resize(920, 640)
        if self.components:
            self.list.setCurrentRow(0)

    def _show(self, row: int) -> None:
        if 0 <= row < len(self.components):
            self.text.setPlainText(licence_text(self.components[row]))
            self.text.moveCursor(self.text.textCursor().MoveOperation.Start)


def show_about(parent: QWidget | None = None) -> None:
    """Show the 关于 dialog (modal) over ``parent``."""
    AboutDialog(parent).exec()
