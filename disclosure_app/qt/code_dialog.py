"""Insert a 类/款/项 row: type a code (or part of a name), pick from the year's catalogue.

The name fills in from 政府收支分类科目 as soon as the code is complete; it stays editable for
the rare local item the catalogue lacks (the checks then warn about it).
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
        self.code_edit.textEdited.connect(self._typed)
        self.code_edit.editingFinished.connect(self._fill_name)
        form = QFormLayout()
        form.addRow("科目代码(&C)：", self.code_edit)
        form.addRow("科目名称(&N)：", self.name_edit)
        buttons = _insert_buttons(self)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.hint)
        layout.addWidget(buttons)
        year_text = f"{self.catalogue.year}年" if self.catalogue else ""
        self.hint.setText(f"名称按{year_text}{self.kind_name}自动填写；科目行会按代码顺序插入。"
                          if self.catalogue else "请填写科目名称；科目行会按代码顺序插入。")
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

    def _fill_name(self) -> None:
        code = self.code()
        if self.catalogue is None or not code.isdigit():
            return
        name = self.catalogue.name(code)
        if name:
            self.name_edit.setText(name)

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
