"""A horizontal header drawing the form's merged, multi-level column headers and 栏次 line.

Qt's own header has one row of sections; the published forms have up to four levels with
merged cells (公开09 预算数 › 公务用车购置及运行维护费 › 小计).  This header keeps Qt's sections
(one per display column, so widths, resizing and column selection work as usual) and paints
the grid view-model's :class:`~disclosure_app.grid.HeaderCell` list over them.
"""

from __future__ import annotations

from PySide6.QtCore import QRect, QSize, Qt
from PySide6.QtGui import QColor, QPainter, QPen
from PySide6.QtWidgets import QHeaderView, QWidget

from ..grid import HeaderCell

_PAD_X, _PAD_Y = 4, 3
_FLAGS = int(Qt.AlignmentFlag.AlignCenter) | int(Qt.TextFlag.TextWordWrap)


class FormHeader(QHeaderView):
    """Multi-level header; ``set_cells`` gives it the merged cells to paint."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(Qt.Orientation.Horizontal, parent)
        self._cells: list[HeaderCell] = []
        self._levels = 1
        self._heights: list[int] | None = None
        self.setSectionsClickable(True)
        self.setHighlightSections(False)
        self.setDefaultAlignment(Qt.AlignmentFlag.AlignCenter)
        self.sectionResized.connect(self._invalidate)

    def set_cells(self, cells: list[HeaderCell], levels: int) -> None:
        self._cells = list(cells)
        self._levels = max(levels, 1)
        self._invalidate()

    def _invalidate(self, *args: object) -> None:
        self._heights = None
        self.updateGeometry()
        self.geometriesChanged.emit()
        self.viewport().update()

    # -- geometry ---------------------------------------------------------------------------
    def _cell_width(self, cell: HeaderCell) -> int:
        return sum(self.sectionSize(c) for c in range(cell.col, cell.col + cell.colspan))

    def level_heights(self) -> list[int]:
        """Height of each header level: one text line, more where a narrow cell wraps."""
        if self._heights is not None:
            return self._heights
        fm = self.fontMetrics()
        base = fm.height() + 2 * _PAD_Y
        heights = [base] * self._levels
        needs: list[tuple[HeaderCell, int]] = []
        for cell in self._cells:
            w = max(self._cell_width(cell) - 2 * _PAD_X, 8)
            h = fm.boundingRect(QRect(0, 0, w, 10_000), _FLAGS, cell.text).height() + 2 * _PAD_Y
            if cell.rowspan == 1:
                heights[cell.row] = max(heights[cell.row], h)
            else:
                needs.append((cell, h))
        for cell, h in needs:     # a tall merged cell grows its last level if the others are short
            last = cell.row + cell.rowspan - 1
            have = sum(heights[cell.row:last + 1])
            if have < h:
                heights[last] += h - have
        self._heights = heights
        return heights

    def sizeHint(self) -> QSize:
        hint = super().sizeHint()
        return QSize(hint.width(), sum(self.level_heights()) + 1)

    # -- painting -------------------------------------------------------------------------
    def paintEvent(self, event) -> None:
        painter = QPainter(self.viewport())
        pal = self.palette()
        painter.fillRect(event.rect(), pal.button())
        heights = self.level_heights()
        tops = [sum(heights[:i]) for i in range(len(heights) + 1)]
        grid = QColor(pal.mid().color())
        painter.setPen(QPen(grid))
        text_pen = QPen(pal.buttonText().color())
        numbers = self._levels - 1
        for cell in self._cells:
            x = self.sectionViewportPosition(cell.col)
            rect = QRect(x, tops[cell.row], self._cell_width(cell), tops[cell.row + cell.rowspan] - tops[cell.row])
            if not rect.intersects(event.rect()):
                continue
            painter.setPen(QPen(grid))
            painter.drawRect(rect.adjusted(0, 0, -1, -1))
            painter.setPen(text_pen)
            font = painter.font()
            font.setBold(cell.row != numbers or not cell.text.isdigit())
            painter.setFont(font)
            painter.drawText(rect.adjusted(_PAD_X, _PAD_Y, -_PAD_X, -_PAD_Y), _FLAGS, cell.text)
        painter.end()
