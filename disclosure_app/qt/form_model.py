"""One table model for every form: a thin Qt adapter over :class:`disclosure_app.grid.FormGrid`.

Texts, editability and the cell each display position stands for come from the grid
view-model; values are set through the session (``set_cell_text``, which parses and records
one undo step).  The model never parses a number itself.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QAbstractTableModel, QModelIndex, Qt, Signal
from PySide6.QtGui import QBrush, QColor, QFont

from ..grid import CODE, DASHED, LINE, NAME, VALUE, CellInfo, FormGrid
from ..model import CellKey
from ..rules.findings import ERROR, INFO, SEVERITY_ORDER, SEVERITY_ZH, WARNING, Finding
from ..session import EditError, Session

_ROOT = QModelIndex()              # the invisible root, as a default argument
_PLAIN = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
_EDITABLE = _PLAIN | Qt.ItemFlag.ItemIsEditable

MARKER_ROLE = int(Qt.ItemDataRole.UserRole) + 1     # Marker | None
KEY_ROLE = int(Qt.ItemDataRole.UserRole) + 2        # the (form, row, column) key or None

SEVERITY_COLOUR = {ERROR: QColor("#d32f2f"), WARNING: QColor("#ef8a00"), INFO: QColor("#1e73be")}
ACCEPTED_COLOUR = QColor("#8d8d8d")
_TINT = {ERROR: QColor("#fde3e3"), WARNING: QColor("#fff0d9"), INFO: QColor("#e6f0fa")}
_TOTAL_BG = QColor("#edf2f7")
_STUB_BG = QColor("#fafafa")
_INDENT = "\u3000"


@dataclass(frozen=True)
class Marker:
    """What the findings say about one cell: worst severity and the messages (tooltip)."""
    severity: str
    messages: tuple[str, ...]
    accepted: bool = False

    @property
    def colour(self) -> QColor:
        return ACCEPTED_COLOUR if self.accepted else SEVERITY_COLOUR[self.severity]


class FormTableModel(QAbstractTableModel):
    """The display grid of one form; ``editFailed`` carries the Chinese message of a refused edit."""

    editFailed = Signal(str, int, int)
    edited = Signal()                  # a typed value was taken
    notice = Signal(str)

    def __init__(self, session: Session, form_id: str, parent=None) -> None:
        super().__init__(parent)
        self.session = session
        self.form_id = form_id
        self.grid = FormGrid(session.project, form_id)
        self.markers: dict[CellKey, Marker] = {}
        self._cells: dict[tuple[int, int], CellInfo] = {}      # the grid's answers, per display cell
        self._bold = QFont()
        self._bold.setBold(True)
        self._grey = QBrush(QColor("#777777"))

    # -- shape ---------------------------------------------------------------------------------
    def rowCount(self, parent=_ROOT) -> int:
        return 0 if parent.isValid() else self.grid.row_count

    def columnCount(self, parent=_ROOT) -> int:
        return 0 if parent.isValid() else self.grid.column_count

    def headerData(self, section: int, orientation, role=Qt.ItemDataRole.DisplayRole):
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Vertical:
            return str(section + 1)
        return None

    def info(self, r: int, c: int) -> CellInfo:
        """The grid's description of a display cell (kept until the layout changes)."""
        found = self._cells.get((r, c))
        if found is None:
            found = self._cells[(r, c)] = self.grid.cell(r, c)
        return found

    def flags(self, index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        if self.info(index.row(), index.column()).editable:
            return _EDITABLE
        return _PLAIN

    # -- data ------------------------------------------------------------------------------------
    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        r, c = index.row(), index.column()
        info = self.info(r, c)
        if role == Qt.ItemDataRole.DisplayRole:
            text = self.grid.text(r, c)
            return _INDENT * info.indent + text if info.indent and text else text
        if role == Qt.ItemDataRole.EditRole:
            return self.grid.edit_text(r, c)
        if role == Qt.ItemDataRole.TextAlignmentRole:
            if info.kind in (VALUE,):
                return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            if info.kind in (LINE, CODE, DASHED):
                return int(Qt.AlignmentFlag.AlignCenter)
            return int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.FontRole:
            return self._bold if (info.total or info.subtotal) else None
        marker = self.markers.get(info.key) if info.key else None
        if role == Qt.ItemDataRole.BackgroundRole:
            if marker is not None and not marker.accepted:
                return QBrush(_TINT[marker.severity])
            if info.total:
                return QBrush(_TOTAL_BG)
            if info.kind not in (VALUE, NAME) and not info.editable:
                return QBrush(_STUB_BG)
            return None
        if role == Qt.ItemDataRole.ForegroundRole:
            return self._grey if info.kind in (DASHED, LINE) else None
        if role == Qt.ItemDataRole.ToolTipRole:
            if marker is not None:
                return "\n".join(marker.messages)
            return None
        if role == MARKER_ROLE:
            return marker if marker is not None else None
        if role == KEY_ROLE:
            return info.key if info.key is not None else None
        return None

    def setData(self, index, value, role=Qt.ItemDataRole.EditRole) -> bool:
        if not index.isValid() or role != Qt.ItemDataRole.EditRole:
            return False
        r, c = index.row(), index.column()
        info = self.info(r, c)
        text = "" if value is None else str(value)
        try:
            if info.kind == NAME:
                code = self.grid.code_at(r)
                if code is None or text.strip() == self.grid.text(r, c):
                    return False
                self.session.rename_code_row(self.form_id, code, text.strip())
                return True
            if info.kind != VALUE or info.key is None:
                return False
            notice = self.session.set_cell_text(*info.key, text)
        except EditError as exc:
            self.editFailed.emit(str(exc), r, c)
            return False
        self.edited.emit()
        if notice:
            self.notice.emit(notice)
        return True

    # -- updates from the session ------------------------------------------------------------------
    def cells_changed(self, keys: list[CellKey]) -> None:
        """Repaint the cells behind ``keys`` (one signal for the rectangle they span)."""
        spots = [p for k in keys if k[0] == self.form_id and (p := self.grid.locate(k)) is not None]
        if not spots:
            return
        rows = [p[0] for p in spots]
        cols = [p[1] for p in spots]
        self.dataChanged.emit(self.index(min(rows), min(cols)), self.index(max(rows), max(cols)))

    def structure_changed(self) -> None:
        """Code rows were inserted, deleted or renamed: lay the grid out again."""
        self.beginResetModel()
        self.grid.refresh()
        self._cells = {}
        self.endResetModel()

    def relabel(self) -> None:
        """The year or the department's name changed: headers and labels printed with them follow."""
        self.beginResetModel()
        self.grid = FormGrid(self.session.project, self.form_id)
        self._cells = {}
        self.endResetModel()

    def set_markers(self, markers: dict[CellKey, Marker]) -> None:
        """New findings: repaint only the cells whose marker changed."""
        if markers == self.markers:
            return
        changed = {k for k in markers.keys() | self.markers.keys() if markers.get(k) != self.markers.get(k)}
        self.markers = markers
        for key in changed:
            pos = self.grid.locate(key)
            if pos is not None:
                idx = self.index(*pos)
                self.dataChanged.emit(idx, idx, [Qt.ItemDataRole.BackgroundRole, Qt.ItemDataRole.ToolTipRole,
                                                 MARKER_ROLE])

    def index_of(self, key: CellKey) -> QModelIndex:
        pos = self.grid.locate(key)
        return self.index(*pos) if pos is not None else QModelIndex()


def finding_markers(findings: list[Finding]) -> dict[str, dict[CellKey, Marker]]:
    """Per form, the marked cells: each finding marks its first cell in every form it concerns."""
    found: dict[CellKey, list[Finding]] = {}
    for f in findings:
        seen: set[str] = set()
        for c in f.cells:
            if c.form not in seen:
                seen.add(c.form)
                found.setdefault((c.form, c.row, c.column), []).append(f)
    out: dict[str, dict[CellKey, Marker]] = {}
    for key, fs in found.items():
        worst = min(fs, key=lambda f: SEVERITY_ORDER[f.severity]).severity
        messages = tuple(f"{SEVERITY_ZH[f.severity]}：{f.message}"
                         + (f"（已接受：{f.accepted_note}）" if f.accepted_note else "") for f in fs)
        accepted = all(f.accepted_note for f in fs)
        out.setdefault(key[0], {})[key] = Marker(worst, messages, accepted)
    return out


__all__ = ["FormTableModel", "Marker", "finding_markers", "MARKER_ROLE", "KEY_ROLE", "SEVERITY_COLOUR"]
