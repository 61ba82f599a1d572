"""Small dialogs: unsaved-changes prompt, warnings, the 新建 choice, recovery offer.

Message boxes go through the static ``QMessageBox`` functions so a test can replace them at
this boundary (a modal box cannot be clicked offscreen).
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt
from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QRadioButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from ..forms.profiles import get_profile, profile_ids

SAVE, DISCARD, CANCEL = "save", "discard", "cancel"
_B = QMessageBox.StandardButton
_DB = QDialogButtonBox.StandardButton


def ask_save_changes(parent: QWidget, title: str) -> str:
    """保存 / 不保存 / 取消 for a project with unsaved changes."""
    answer = QMessageBox.question(parent, "保存修改", f"“{title}”有尚未保存的修改。\n\n是否在关闭前保存？",
                                  _B.Save | _B.Discard | _B.Cancel, _B.Save)
    return {_B.Save: SAVE, _B.Discard: DISCARD}.get(answer, CANCEL)


def warn(parent: QWidget, title: str, text: str) -> None:
    QMessageBox.warning(parent, title, text)


def confirm(parent: QWidget, title: str, text: str) -> bool:
    return QMessageBox.question(parent, title, text, _B.Yes | _B.No, _B.No) == _B.Yes


class TextDialog(QDialog):
    """A multi-line text with 确定 / 取消; Ctrl+Enter confirms (Enter starts a new line)."""

    def __init__(self, parent: QWidget | None, title: str, label: str, text: str = "") -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        prompt = QLabel(label, self)
        prompt.setWordWrap(True)
        self.edit = QPlainTextEdit(text, self)
        self.edit.setTabChangesFocus(True)
        self.edit.setMinimumSize(420, 110)
        buttons = QDialogButtonBox(_DB.Ok | _DB.Cancel, self)
        buttons.button(_DB.Ok).setText("确定")
        buttons.button(_DB.Cancel).setText("取消")
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        self.edit.installEventFilter(self)
        layout = QVBoxLayout(self)
        layout.addWidget(prompt)
        layout.addWidget(self.edit, 1)
        layout.addWidget(buttons)
        self.edit.setFocus()

    def eventFilter(self, obj, event) -> bool:
        if (obj is self.edit and event.type() == QEvent.Type.KeyPress
                and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
                and event.modifiers() & Qt.KeyboardModifier.ControlModifier):
            self.accept()                       # Ctrl+Enter confirms; Enter alone is a new line
            return True
        return super().eventFilter(obj, event)

    def text(self) -> str:
        return self.edit.toPlainText()


def ask_text(parent: QWidget | None, title: str, label: str, text: str = "") -> tuple[str, bool]:
    """(text, ok) from a :class:`TextDialog` (a test replaces this function at the boundary)."""
    dlg = TextDialog(parent, title, label, text)
    ok = bool(dlg.exec())
    return dlg.text(), ok


def ask_choice(parent: QWidget | None, title: str, text: str, buttons: list[str], default: int = 0) -> int:
    """A question with named buttons; returns the index of the one chosen (-1: closed).
    A test replaces this function at the boundary, like the static message boxes."""
    box = QMessageBox(QMessageBox.Icon.Question, title, text, QMessageBox.StandardButton.NoButton, parent)
    made = [box.addButton(b, QMessageBox.ButtonRole.AcceptRole) for b in buttons]
    if 0 <= default < len(made):
        box.setDefaultButton(made[default])
    box.exec()
    clicked = box.clickedButton()
    return made.index(clicked) if clicked in made else -1


def offer_recovery(parent: QWidget | None, description: str) -> bool:
    text = (f"上次程序没有正常关闭，留下了未保存修改的恢复副本：\n\n{description}\n\n"
            f"是否恢复？选择“否”将删除该恢复副本。")
    return QMessageBox.question(parent, "恢复未保存的工作", text, _B.Yes | _B.No, _B.Yes) == _B.Yes


def ask_file_changed(parent: QWidget | None, path) -> str:
    """The project file changed on disk since it was opened: ``"copy"``, ``"reload"`` or ``"cancel"``."""
    text = (f"“{path}”在本窗口打开之后已被其他程序或窗口修改，直接保存会覆盖那些修改。\n\n"
            f"另存为副本：两边的修改都保留；重新载入：放弃本窗口未保存的修改，打开磁盘上的版本。")
    answer = ask_choice(parent, "文件已被修改", text, ["另存为副本", "重新载入", "取消"], 0)
    return {0: "copy", 1: "reload"}.get(answer, "cancel")


def profile_label(profile_id: str) -> str:
    p = get_profile(profile_id)
    return f"{p.title}（{p.region or p.id}，{len(p.forms)} 张表）"


class NewProjectDialog(QDialog):
    """新建: a blank project (year, name, format) or a copy of the sample."""

    def __init__(self, parent: QWidget | None = None, year: int = 2024) -> None:
        super().__init__(parent)
        self.setWindowTitle("新建项目")
        self.blank = QRadioButton("空白项目(&B)", self)
        self.sample = QRadioButton("从决算样例开始(&S)（阳城县司法局 2024 年度单位决算公开）", self)
        self.budget_sample = QRadioButton("从预算样例开始(&U)（晋城市城区司法局 2025 年度部门预算公开）", self)
        self.blank.setChecked(True)
        group = QButtonGroup(self)
        group.addButton(self.blank)
        group.addButton(self.sample)
        group.addButton(self.budget_sample)
        self.name = QLineEdit(self)
        self.name.setPlaceholderText("如：某某县某某局")
        self.year = QSpinBox(self)
        self.year.setRange(2000, 2100)
        self.year.setValue(year)
        self.profile = QComboBox(self)
        for pid in profile_ids():
            self.profile.addItem(profile_label(pid), pid)
        form = QFormLayout()
        form.addRow("单位名称(&M)：", self.name)
        form.addRow("年度(&Y)：", self.year)
        form.addRow("公开文件格式(&F)：", self.profile)
        buttons = QDialogButtonBox(_DB.Ok | _DB.Cancel, self)
        buttons.button(_DB.Ok).setText("新建")
        buttons.button(_DB.Cancel).setText("取消")
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.blank)
        layout.addLayout(form)
        layout.addWidget(self.sample)
        layout.addWidget(self.budget_sample)
        layout.addWidget(buttons)
        self.blank.toggled.connect(lambda on: [w.setEnabled(on) for w in (self.name, self.year, self.profile)])

    def choice(self) -> tuple[str, str, int, str]:
        """("blank" | "sample" | "budget_sample", profile id, year, name)."""
        kind = "sample" if self.sample.isChecked() else "budget_sample" if self.budget_sample.isChecked() else "blank"
        return (kind, self.profile.currentData(), self.year.value(), self.name.text().strip())

