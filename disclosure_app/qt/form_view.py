"""The table editor of one form, behaving like a spreadsheet.

Enter moves down, Tab moves right, typing over a cell starts editing, F2 edits, Delete clears
the selection, Ctrl+C / Ctrl+V copy and paste rectangular blocks as tab-separated text.  Every
change goes through the session as one undo step; refusals are reported through ``refused``
(the window shows them) and never change anything.
"""

from __future__ import annotations

from decimal import Decimal

from PySide6.QtCore import QEvent, QItemSelection, QItemSelectionModel, QPoint, Qt, QTimer, Signal
from PySide6.QtGui import QKeySequence, QPainter, QPolygon
from PySide6.QtWidgets import (
    QAbstractItemDelegate,
    QAbstractItemView,
    QApplication,
    QLabel,
    QLineEdit,
    QMenu,
    QStyledItemDelegate,
    QTableView,
    QToolTip,
)

from ..clipboard import PasteError, code_block, copy_block, parse_tsv, paste_changes, paste_code_block
from ..grid import CODE, DASHED, LABEL, LINE, NAME, VALUE, autosum_changes
from ..model import CellKey
from ..session import EditError, Session
from .code_rows import CodeRowCommands
from .form_model import MARKER_ROLE, FormTableModel
from .header import FormHeader

_HINT = QAbstractItemDelegate.EndEditHint
_TRIGGER = QAbstractItemView.EditTrigger
NOTE_MS = 4000                      # how long a note under a cell (refused typing) stays


class CellDelegate(QStyledItemDelegate):
    """Draws the finding marker (a coloured corner); edits with a plain line edit."""

    def paint(self, painter: QPainter, option, index) -> None:
        super().paint(painter, option, index)
        # the Python model directly: no QVariant round trip for every painted cell
        marker = index.model().data(index, MARKER_ROLE)
        if marker is None:
            return
        r = option.rect
        size = 8
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(marker.colour)
        painter.drawPolygon(QPolygon([QPoint(r.right() - size, r.top()), QPoint(r.right(), r.top()),
                                      QPoint(r.right(), r.top() + size)]))
        painter.restore()

    def helpEvent(self, event, view, option, index) -> bool:
        """A label cut short by its column shows its whole text as a tooltip."""
        if event.type() == QEvent.Type.ToolTip and index.data(Qt.ItemDataRole.ToolTipRole) is None:
            text = view.elided_label(index) if isinstance(view, FormView) else None
            if text:
                QToolTip.showText(event.globalPos(), text, view)
                return True
        return super().helpEvent(event, view, option, index)

    def createEditor(self, parent, option, index):
        editor = QLineEdit(parent)
        editor.setFrame(False)
        align = index.data(Qt.ItemDataRole.TextAlignmentRole)
        if align is not None:
            editor.setAlignment(Qt.AlignmentFlag(align))
        return editor

    def setEditorData(self, editor, index) -> None:
        editor.setText(index.data(Qt.ItemDataRole.EditRole) or "")

    def setModelData(self, editor, model, index) -> None:
        model.setData(index, editor.text(), Qt.ItemDataRole.EditRole)


class FormView(CodeRowCommands, QTableView):
    """One form on screen; ``message`` feeds the status bar, ``refused`` a warning box."""

    message = Signal(str)
    refused = Signal(str)

    def __init__(self, session: Session, form_id: str, parent=None) -> None:
        super().__init__(parent)
        self.session = session
        self.form_id = form_id
        self.form_model = FormTableModel(session, form_id, self)
        self.setModel(self.form_model)
        self.header = FormHeader(self)
        self.setHorizontalHeader(self.header)
        self.header.set_cells(self.form_model.grid.header, self.form_model.grid.header_rows)
        self.setItemDelegate(CellDelegate(self))
        self.verticalHeader().hide()
        self.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.setEditTriggers(QAbstractItemView.EditTrigger.DoubleClicked | QAbstractItemView.EditTrigger.EditKeyPressed
                             | QAbstractItemView.EditTrigger.AnyKeyPressed)
        self.setWordWrap(False)
        self.setCornerButtonEnabled(False)
        self.setContextMenuPolicy(Qt.ContextMenuPolicy.DefaultContextMenu)
        self._edit_failed = False
        self.cell_note = QLabel(self.viewport())     # a message under the cell: a refusal, a parse error
        self.cell_note.setObjectName("CellNote")
        self.cell_note.setWordWrap(True)
        self.cell_note.setStyleSheet("#CellNote{background:#fdecea;color:#b71c1c;border:1px solid #e57373;"
                                     "padding:2px 4px}")
        self.cell_note.hide()
        self._note_timer = QTimer(self)
        self._note_timer.setSingleShot(True)
        self._note_timer.timeout.connect(self.cell_note.hide)
        self.form_model.editFailed.connect(self._on_edit_failed)
        self.form_model.edited.connect(self.hide_note)
        self.form_model.notice.connect(self.message)
        self.form_model.modelReset.connect(self.fit_columns)
        self.selectionModel().selectionChanged.connect(self._on_selection)
        self.fit_columns()
        self.setAccessibleName(f"{self.form_model.grid.spec.label} {self.form_model.grid.spec.title}")

    @property
    def grid(self):
        return self.form_model.grid

    def relabel(self) -> None:
        """Headers and labels again from the project (the year or the name changed)."""
        current = self.currentIndex()
        self.form_model.relabel()
        self.header.set_cells(self.grid.header, self.grid.header_rows)
        self.setAccessibleName(f"{self.grid.spec.label} {self.grid.spec.title}")
        if current.isValid():
            self.setCurrentIndex(self.form_model.index(current.row(), current.column()))

    def elided_label(self, index) -> str | None:
        """The whole text of a label or name cell too long for its column, else ``None``."""
        if not index.isValid() or self.grid.cell(index.row(), index.column()).kind not in (LABEL, NAME):
            return None
        text = index.data(Qt.ItemDataRole.DisplayRole) or ""
        if self.fontMetrics().horizontalAdvance(text) + 12 <= self.columnWidth(index.column()):
            return None
        return text.strip()

    def focus_table(self) -> None:
        """Keyboard focus here, on a cell that takes a value (the first one the first time)."""
        cur = self.currentIndex()
        if not cur.isValid():
            first = next(((r, c) for r in range(self.form_model.rowCount())
                          for c in range(self.form_model.columnCount()) if self.editable_at(r, c)), None)
            if first is not None:       # current, not selected: a selection is the user's to make
                self.selectionModel().setCurrentIndex(self.form_model.index(*first),
                                                      QItemSelectionModel.SelectionFlag.NoUpdate)
        self.setFocus(Qt.FocusReason.OtherFocusReason)

    def commit_all(self) -> None:
        """Commit the cell being edited, if any (before save, export, undo or close)."""
        if self.state() != QAbstractItemView.State.EditingState:
            return
        editor = self.indexWidget(self.currentIndex()) or self.focusWidget()
        if editor is not None and editor is not self:
            self.commitData(editor)
            self.closeEditor(editor, _HINT.NoHint)

    # -- layout -------------------------------------------------------------------------------
    def fit_columns(self) -> None:
        """Widths from the content: labels as wide as their text, amounts room for 99,999,999.99."""
        fm = self.fontMetrics()
        grid = self.grid
        vh = self.verticalHeader()
        vh.setSectionResizeMode(vh.ResizeMode.Fixed)
        vh.setDefaultSectionSize(fm.height() + 8)
        amount = fm.horizontalAdvance("99,999,999.99") + 18
        for c, gc in enumerate(grid.columns):
            if gc.kind in (LABEL, NAME):
                texts = [grid.text(r, c) for r in range(grid.row_count)]
                indents = [grid.cell(r, c).indent for r in range(grid.row_count)]
                w = max((fm.horizontalAdvance("\u3000" * i + t) for t, i in zip(texts, indents)), default=80)
                width = min(max(w + 16, fm.horizontalAdvance("科目名称") + 24), 22 * fm.horizontalAdvance("中"))
            elif gc.kind == LINE:
                width = fm.horizontalAdvance("行次") + 16
            elif gc.kind == CODE:
                width = fm.horizontalAdvance("88888888") + 12
            else:
                width = amount
            self.setColumnWidth(c, width)

    # -- selection helpers -------------------------------------------------------------------
    def selected_cells(self) -> list[tuple[int, int]]:
        return sorted({(i.row(), i.column()) for i in self.selectionModel().selectedIndexes()})

    def selected_rect(self) -> tuple[int, int, int, int] | None:
        """Bounding rectangle (top, left, bottom, right) of the selection, or the current cell."""
        cells = self.selected_cells()
        if not cells:
            cur = self.currentIndex()
            if not cur.isValid():
                return None
            return cur.row(), cur.column(), cur.row(), cur.column()
        rows = [r for r, _ in cells]
        cols = [c for _, c in cells]
        return min(rows), min(cols), max(rows), max(cols)

    def select_keys(self, keys: list[CellKey]) -> bool:
        """Select the cells behind ``keys`` (those of this form) and scroll to the first."""
        indexes = [self.form_model.index_of(k) for k in keys if k[0] == self.form_id]
        indexes = [i for i in indexes if i.isValid()]
        if not indexes:
            return False
        sel = QItemSelection()
        for i in indexes:
            sel.select(i, i)
        sm = self.selectionModel()
        sm.setCurrentIndex(indexes[0], QItemSelectionModel.SelectionFlag.NoUpdate)
        sm.select(sel, QItemSelectionModel.SelectionFlag.ClearAndSelect)
        self.scrollTo(indexes[0], QAbstractItemView.ScrollHint.PositionAtCenter)
        return True

    def editable_at(self, r: int, c: int) -> bool:
        return bool(self.form_model.flags(self.form_model.index(r, c)) & Qt.ItemFlag.ItemIsEditable)

    def _move(self, dr: int, dc: int) -> None:
        """Enter (down/up) and Tab (right/left) as in a spreadsheet: to the next cell that can be
        typed in, skipping labels, 行次 and "——"; Tab wraps to the next line's first such cell."""
        cur = self.currentIndex()
        if not cur.isValid():
            return
        rows, cols = self.form_model.rowCount(), self.form_model.columnCount()
        r, c = cur.row(), cur.column()
        if dr:
            for rr in range(r + dr, rows if dr > 0 else -1, dr):
                if self.editable_at(rr, c):
                    self.setCurrentIndex(self.form_model.index(rr, c))
                    return
            return
        total = rows * cols
        pos = r * cols + c
        for _ in range(total):
            pos += dc
            if not 0 <= pos < total:
                return
            rr, cc = divmod(pos, cols)
            if self.editable_at(rr, cc):
                self.setCurrentIndex(self.form_model.index(rr, cc))
                return

    def _on_selection(self, *args) -> None:
        keys = [self.grid.key(r, c) for r, c in self.selected_cells()]
        values = [self.session.project.values.get(k) for k in keys if k]
        numbers = [v for v in values if v is not None]
        if len(keys) > 1 and numbers:
            total = sum(numbers, Decimal(0))
            self.message.emit(f"已选 {len(self.selected_cells())} 个单元格，数值合计 {total:,.2f}")

    # -- editing keys ----------------------------------------------------------------------------
    def keyPressEvent(self, event) -> None:
        if self.state() != QAbstractItemView.State.EditingState:
            if event.matches(QKeySequence.StandardKey.Copy):
                self.copy()
                return
            if event.matches(QKeySequence.StandardKey.Paste):
                self.paste()
                return
            if event.key() in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace):
                self.clear_selection()
                return
            if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
                up = bool(event.modifiers() & Qt.KeyboardModifier.ShiftModifier)
                self._move(-1 if up else 1, 0)
                return
            if event.key() in (Qt.Key.Key_Tab, Qt.Key.Key_Backtab):
                back = event.key() == Qt.Key.Key_Backtab or bool(event.modifiers() & Qt.KeyboardModifier.ShiftModifier)
                self._move(0, -1 if back else 1)
                return
            text = event.text()
            cur = self.currentIndex()
            if (text and text.isprintable() and not event.modifiers() & Qt.KeyboardModifier.ControlModifier
                    and cur.isValid() and not self.editable_at(cur.row(), cur.column())):
                self.read_only_note(cur.row(), cur.column())
                return
        super().keyPressEvent(event)

    def read_only_note(self, r: int, c: int) -> str:
        """Typing on a cell that cannot hold a value: say why, at the cell and in the status bar."""
        info = self.grid.cell(r, c)
        if info.kind in (VALUE, DASHED):
            why = "该栏在公开表中印为空白或“——”，不填数"
        elif info.kind in (LABEL, LINE, CODE):
            why = "项目名称、行次和科目代码是表样的一部分，请在金额栏填写（Tab、Enter 会跳过这些单元格）"
        else:
            why = "该单元格在公开表中为空白，不填数"
        message = f"{self.grid.cell_label(r, c)}不能填写：{why}"
        self.show_note(r, c, message)
        self.message.emit(message)
        return message

    def show_note(self, r: int, c: int, message: str, ms: int = NOTE_MS) -> None:
        """A message right under cell (r, c), visible without hovering; gone after ``ms``."""
        rect = self.visualRect(self.form_model.index(r, c))
        width = max(rect.width() * 2, 24 * self.fontMetrics().horizontalAdvance("中"))
        width = min(width, self.viewport().width() - 4)
        self.cell_note.setFixedWidth(max(width, 80))
        self.cell_note.setText(message)
        self.cell_note.adjustSize()
        x = min(max(rect.left(), 2), max(self.viewport().width() - self.cell_note.width() - 2, 2))
        y = rect.bottom() + 2
        if y + self.cell_note.height() > self.viewport().height():
            y = max(rect.top() - self.cell_note.height() - 2, 0)
        self.cell_note.move(x, y)
        self.cell_note.show()
        self.cell_note.raise_()
        if ms:
            self._note_timer.start(ms)
        else:
            self._note_timer.stop()

    # -- focus without a full repaint ----------------------------------------------------------
    # Qt's item views repaint the whole viewport when they gain or lose focus — every time a cell
    # editor opens or closes, i.e. on every typed value.  Only the current cell's look depends on
    # the focus here (the selection colour follows the window, not the view), so only it is
    # repainted; the rest of QAbstractItemView's focus handling is kept.
    def focusInEvent(self, event) -> None:
        cur = self.currentIndex()
        if not cur.isValid() and event.reason() != Qt.FocusReason.MouseFocusReason:
            self.focus_table()
            cur = self.currentIndex()
        self.setAttribute(Qt.WidgetAttribute.WA_InputMethodEnabled,
                          cur.isValid() and bool(self.form_model.flags(cur) & Qt.ItemFlag.ItemIsEditable))
        if cur.isValid():
            self.viewport().update(self.visualRect(cur))

    def focusOutEvent(self, event) -> None:
        cur = self.currentIndex()
        if cur.isValid():
            self.viewport().update(self.visualRect(cur))

    def currentChanged(self, current, previous) -> None:
        super().currentChanged(current, previous)
        if current.row() != previous.row() or current.column() != previous.column():
            if not self._note_timer.isActive() or self.cell_note.isVisible():
                self.hide_note()

    def hide_note(self) -> None:
        self._note_timer.stop()
        self.cell_note.hide()

    def edit(self, index, trigger=None, event=None):  # type: ignore[override]
        """F2 (and a double click) put the caret at the end of the text, as in a spreadsheet;
        typing over a cell replaces it."""
        if trigger is None:
            return super().edit(index)
        ok = super().edit(index, trigger, event)
        if ok and trigger in (_TRIGGER.EditKeyPressed, _TRIGGER.DoubleClicked):
            editor = self.indexWidget(index)
            if isinstance(editor, QLineEdit):
                editor.deselect()
                editor.end(False)
        return ok

    def closeEditor(self, editor, hint) -> None:
        """Enter commits and moves down, Tab right, Shift+Tab left — without opening the next editor.

        Text that could not be read as a number stays in the cell's editor (reopened at once)
        so the user corrects it instead of typing it again; the reason is in the tooltip."""
        failed, self._edit_failed = self._edit_failed, False
        if hint == _HINT.RevertModelCache:        # Esc: the edit is cancelled, and its message
            self.hide_note()
        if failed and hint in (_HINT.SubmitModelCache, _HINT.EditNextItem, _HINT.EditPreviousItem):
            index = self.currentIndex()
            text = editor.text() if isinstance(editor, QLineEdit) else None
            super().closeEditor(editor, _HINT.NoHint)
            if text is not None and index.isValid():
                self.edit(index)
                reopened = self.indexWidget(index)
                if isinstance(reopened, QLineEdit):
                    reopened.setText(text)
                    reopened.selectAll()         # retype at once, or press an arrow key to correct
            return
        if hint == _HINT.SubmitModelCache:
            super().closeEditor(editor, _HINT.NoHint)
            if not failed:
                self._move(1, 0)
            return
        if hint in (_HINT.EditNextItem, _HINT.EditPreviousItem):
            super().closeEditor(editor, _HINT.NoHint)
            if not failed:
                self._move(0, 1 if hint == _HINT.EditNextItem else -1)
            return
        super().closeEditor(editor, hint)

    def _on_edit_failed(self, message: str, r: int, c: int) -> None:
        self._edit_failed = True
        self.message.emit(message)
        self.show_note(r, c, message, ms=0)         # stays while the user corrects the text

    # -- commands -------------------------------------------------------------------------------
    def copy(self) -> str:
        rect = self.selected_rect()
        if rect is None:
            return ""
        text = copy_block(self.grid, *rect)
        QApplication.clipboard().setText(text)
        n = (rect[2] - rect[0] + 1) * (rect[3] - rect[1] + 1)
        self.message.emit(f"已复制 {n} 个单元格")
        return text

    def paste(self, text: str | None = None) -> bool:
        """Paste clipboard text (or ``text``) at the selection; refused as a whole if it cannot fit."""
        if text is None:
            text = QApplication.clipboard().text()
        rect = self.selected_rect()
        if rect is None:
            self.refused.emit("请先选择要粘贴到的单元格")
            return False
        top, left, bottom, right = rect
        fill = (bottom - top + 1, right - left + 1)
        block = parse_tsv(text)
        on_value = self.grid.columns[left].kind == VALUE
        if code_block(block, named=on_value) and (self.grid.coded or any(r.code for r in self.grid.spec.fixed_rows)):
            return self.paste_with_codes(block, left)
        try:
            changes = paste_changes(self.grid, top, left, block, self.session.parse_cell, fill)
        except PasteError as exc:
            self.refused.emit(str(exc))
            return False
        self.session.set_cells(changes, f"粘贴 {len(changes)} 个单元格")
        self.select_keys([(f, r, c) for f, r, c, _ in changes])
        self.message.emit(f"已粘贴 {len(changes)} 个单元格")
        return True

    def paste_with_codes(self, block: list[list[str]], left: int) -> bool:
        """A block whose first column is 科目代码: rows found by code, the missing ones (with their
        类 and 款) created, amounts from the selected value column on; one undo step."""
        gc = self.grid.columns[left]
        values = [c for c in self.grid.spec.panels[gc.panel].columns]
        first = next((k for k, c in enumerate(values) if gc.column is not None and c.key == gc.column.key), 0)
        try:
            rows, changes = paste_code_block(self.session.project, self.form_id, block, first,
                                             self.session.catalogue_name)
            label = f"粘贴 {len(changes)} 个单元格" + (f"（新增 {len(rows)} 个科目行）" if rows else "")
            self.session.add_rows_and_values(self.form_id, rows, changes, label)
        except (PasteError, EditError) as exc:
            self.refused.emit(str(exc))
            return False
        self.select_keys([(f, r, c) for f, r, c, _ in changes])
        self.message.emit(f"已按科目代码粘贴 {len(changes)} 个单元格" + (f"，新增 {len(rows)} 个科目行" if rows else ""))
        return True

    def clear_selection(self) -> int:
        keys = self.grid.editable_keys(self.selected_cells())
        keys = [k for k in keys if self.session.project.values.get(k) is not None]
        if keys:
            self.session.clear_cells(keys)
            self.message.emit(f"已清除 {len(keys)} 个单元格")
        return len(keys)

    def autosum(self) -> int:
        """Fill the blank totals of this form from their parts (never a total that has a value)."""
        changes = autosum_changes(self.session.project, self.form_id)
        if not changes:
            self.message.emit("没有需要自动求和的空白合计单元格（已有数值的合计不会被改动）")
            return 0
        self.session.set_cells(changes, f"自动求和 {len(changes)} 个合计")
        self.select_keys([(f, r, c) for f, r, c, _ in changes])
        self.message.emit(f"已自动求和 {len(changes)} 个空白合计单元格")
        return len(changes)

    def contextMenuEvent(self, event) -> None:
        menu = QMenu(self)
        # lambdas: a menu passes "checked" to a slot that takes arguments
        menu.addAction("复制", lambda: self.copy(), QKeySequence.StandardKey.Copy)
        menu.addAction("粘贴", lambda: self.paste(), QKeySequence.StandardKey.Paste)
        menu.addAction("清除内容", lambda: self.clear_selection(), QKeySequence(Qt.Key.Key_Delete))
        menu.addSeparator()
        if self.coded:
            menu.addAction("插入科目行…", lambda: self.insert_code_row())
            menu.addAction("删除科目行", lambda: self.delete_code_rows())
            if self.grid.spec.coded is not None and self.grid.spec.coded.scheme != "records":
                menu.addAction("排序科目（按代码）", lambda: self.sort_code_rows())
            menu.addSeparator()
        menu.addAction("自动求和（只填空白合计）", lambda: self.autosum())
        menu.exec(event.globalPos())
