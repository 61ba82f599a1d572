"""Insert a 类/款/项 row: type a code (or part of a name), pick from the year's catalogue.

The name follows the code: it fills in from 政府收支分类科目 as soon as the code is a known
one, and is cleared when the code changes to one the catalogue lacks — unless the user typed
the name after the last fill.  It stays editable for the rare local item the catalogue lacks
(the checks then hint at it); a row is never inserted without a name.
"""

from __future__ import annotations

from PySide6.QtCore import QStringListModel, Qt
from PySide6.QtWidgets import (
    QComboBox,
    QCompleter,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)


def _catalogue(year: int, scheme: str = "function"):
    try:
        from ..catalogues import economic_catalogue, function_catalogue
        if scheme == "economic":
            return economic_catalogue(year)
        return function_catalogue(year) if scheme == "function" else None
    except Exception:  # noqa: BLE001 — no catalogue: the user types the name
        return None


def _insert_buttons(dialog: QDialog) -> QDialogButtonBox:
    """插入 / 取消 buttons wired to the dialog."""
    ok, cancel = QDialogButtonBox.StandardButton.Ok, QDialogButtonBox.StandardButton.Cancel
    buttons = QDialogButtonBox(ok | cancel, dialog)
    buttons.button(ok).setText("插入")
    buttons.button(cancel).setText("取消")
    buttons.accepted.connect(dialog.accept)
    buttons.rejected.connect(dialog.reject)
    return buttons


class CodeRowDialog(QDialog):
    """Asks for a code and a name; ``code()``/``name()`` after ``exec()`` returns true."""

    def __init__(self, year: int, prefix: str = "", parent: QWidget | None = None,
                 scheme: str = "function") -> None:
        super().__init__(parent)
        self.setWindowTitle("插入科目行")
        self.catalogue = _catalogue(year, scheme)
        self.kind_name = {"economic": "部门预算支出经济分类科目", "income": "收入分类科目"}.get(scheme, "支出功能分类科目")
        self.code_edit = QLineEdit(self)
        self.code_edit.setPlaceholderText("3 位类、5 位款或 7 位项，如 2040601；也可输入名称查找")
        self.name_edit = QLineEdit(self)
        self.hint = QLabel(self)
        self.hint.setWordWrap(True)
        self._model = QStringListModel(self)
        completer = QCompleter(self._model, self)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        completer.setCompletionMode(QCompleter.CompletionMode.PopupCompletion)
        completer.activated[str].connect(self._picked)
        self.code_edit.setCompleter(completer)
        self._own_name = False           # the user typed the name after the last fill
        self.code_edit.textEdited.connect(self._typed)
        self.code_edit.textChanged.connect(lambda _t: self._fill_name())
        self.name_edit.textEdited.connect(lambda t: setattr(self, "_own_name", bool(t.strip())))
        form = QFormLayout()
        form.addRow("科目代码(&C)：", self.code_edit)
        form.addRow("科目名称(&N)：", self.name_edit)
        buttons = _insert_buttons(self)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.hint)
        layout.addWidget(buttons)
        year_text = f"{self.catalogue.year}年" if self.catalogue else ""
        self.usage = (f"名称按{year_text}{self.kind_name}自动填写；目录中没有的科目请自行填写名称。科目行会按代码顺序插入。"
                      if self.catalogue else "请填写科目名称；科目行会按代码顺序插入。")
        self.hint.setText(self.usage)
        self.resize(520, self.sizeHint().height())
        if prefix:
            self.code_edit.setText(prefix)
            self._typed(prefix)

    def _typed(self, text: str) -> None:
        """Offer "code name" pairs matching what was typed so far."""
        text = text.strip()
        if self.catalogue is None or not text:
            self._model.setStringList([])
            return
        code = text.split()[0]
        self._model.setStringList([f"{c} {n}" for c, n in self.catalogue.complete(code)])
        self._fill_name()

    def _picked(self, text: str) -> None:
        code, _, name = text.partition(" ")
        self.code_edit.setText(code)
        self.name_edit.setText(name)
        self._own_name = False

    def _fill_name(self) -> None:
        """The catalogue's name for a known code; no name (unless typed by the user) for another."""
        code = self.code()
        name = self.catalogue.name(code) if self.catalogue is not None and code.isdigit() else None
        if name:
            self.name_edit.setText(name)
            self._own_name = False
        elif not self._own_name and self.name_edit.text():
            self.name_edit.clear()

    def accept(self) -> None:
        """插入: refused (the dialog stays open) without a code or without a name."""
        if not self.code():
            self._refuse("请填写科目代码。", self.code_edit)
        elif not self.name():
            self._refuse(f"科目 {self.code()} 不在科目目录中，请填写科目名称。", self.name_edit)
        else:
            super().accept()

    def _refuse(self, message: str, field: QLineEdit) -> None:
        self.hint.setText(f'<span style="color:#c62828">{message}</span> {self.usage}')
        field.setFocus()

    def code(self) -> str:
        return self.code_edit.text().strip().split(" ")[0] if self.code_edit.text().strip() else ""

    def name(self) -> str:
        return self.name_edit.text().strip()


class RecordDialog(QDialog):
    """Asks whether to insert a unit or a project row, and its name (预算 表十一–表十三)."""

    def __init__(self, parent: QWidget | None = None, project_default: bool = True) -> None:
        super().__init__(parent)
        self.setWindowTitle("插入单位或项目行")
        self.kind_box = QComboBox(self)
        self.kind_box.addItem("项目", "project")
        self.kind_box.addItem("单位", "unit")
        self.kind_box.setCurrentIndex(0 if project_default else 1)
        self.name_edit = QLineEdit(self)
        self.name_edit.setPlaceholderText("如：普法宣传经费，或：某某司法所")
        form = QFormLayout()
        form.addRow("行类型(&T)：", self.kind_box)
        form.addRow("名称(&N)：", self.name_edit)
        buttons = _insert_buttons(self)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        hint = QLabel("项目行插在所选行之后；单位行插在所选单位的最后一个项目之后。", self)
        hint.setWordWrap(True)
        layout.addWidget(hint)
        layout.addWidget(buttons)
        self.resize(460, self.sizeHint().height())

    def kind(self) -> str:
        return str(self.kind_box.currentData())

    def name(self) -> str:
        return self.name_edit.text().strip()
