"""Any printable grid as one reportlab flowable that we lay out and paginate ourselves.

:class:`GridTable` breaks every cell's text with :mod:`.linebreak` (so no character crosses a
cell border, no number is broken, no cell ends with one character alone), computes row heights
once, and splits itself into page-sized chunks: each chunk repeats the header rows, never splits
a merged block, keeps at least two body rows with its title at the foot of a page, and keeps its
notes (``tail``) with the last rows — the last chunk is never a few stranded lines.  A row taller
than a whole page (a 1,500-character 绩效 indicator text) is split between its lines and
continues on the next page.  Every page costs the same whatever the table's length: the rows are
measured once, not re-measured at each page break as reportlab's Table does.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Flowable

from ..layout.cells import FIXED_TEXT, PrintGrid
from .linebreak import break_lines
from .pdf_text import measurer

MIN_FIRST = 2                 # body rows that must go with the title at the foot of a page
TAIL_SHARE = 0.22             # the last page of a table holds at least this share of a page
LINE_WIDTH = 0.5


@dataclass(frozen=True)
class Box:
    """A cell (or a merged block) as printed: where it starts, how far it spans, its lines."""
    col: int
    colspan: int
    rowspan: int
    lines: tuple[str, ...]
    align: str
    size: float
    indent: float = 0.0


@dataclass(frozen=True)
class Row:
    boxes: tuple[Box, ...]
    height: float


@dataclass(frozen=True)
class GridMetrics:
    font: str
    size: float
    pad: float
    leading: float
    vpad: float


def _box_height(box: Box, m: GridMetrics) -> float:
    return max(1, len(box.lines)) * box.size * (m.leading / m.size) + 2 * m.vpad


def measure_grid(grid: PrintGrid, widths: list[float], m: GridMetrics) -> list[Row]:
    """Every row of ``grid`` with its boxes' lines and its height."""
    starts, covered = grid.starts(), grid.covered()
    rows_boxes: list[list[Box]] = []
    for r, line in enumerate(grid.rows):
        boxes: list[Box] = []
        for j, c in enumerate(line):
            if (r, j) in covered:
                continue
            s = starts.get((r, j))
            colspan, rowspan = (s.colspan, s.rowspan) if s else (1, 1)
            w = sum(widths[j:j + colspan]) - 2 * m.pad
            size = m.size
            indent = c.indent * m.size
            text = c.text
            if not text:
                lines: tuple[str, ...] = ()
            elif c.kind in FIXED_TEXT:
                # figures are never wrapped: a figure wider than its cell is set smaller
                tw = stringWidth(text, m.font, size)
                if tw > w > 0:
                    size = size * w / tw * 0.98
                lines = (text,)
            else:
                lines = tuple(break_lines(text, max(w - indent, size), measurer(m.font, size)))
            boxes.append(Box(j, colspan, rowspan, lines, c.align, size, indent))
        rows_boxes.append(boxes)
    heights = [max([_box_height(b, m) for b in boxes if b.rowspan == 1] or [m.leading + 2 * m.vpad])
               for boxes in rows_boxes]
    for r, boxes in enumerate(rows_boxes):
        for b in boxes:
            if b.rowspan > 1:
                last = min(r + b.rowspan, len(heights)) - 1
                deficit = _box_height(b, m) - sum(heights[r:last + 1])
                if deficit > 0:
                    heights[last] += deficit
    return [Row(tuple(b), h) for b, h in zip(rows_boxes, heights)]


class GridTable(Flowable):
    """Header rows repeated on every page, body rows split into page-sized chunks."""

    def __init__(self, header: list[Row], body: list[Row], widths: list[float], m: GridMetrics,
                 frame_height: float, tail: list[Flowable] | None = None, tail_gap: float = 4.0,
                 ok: list[bool] | None = None) -> None:
        super().__init__()
        self.header, self.body, self.widths, self.m = header, body, widths, m
        self._ok = ok if ok is not None else _splittable(body)
        self._body_h: float | None = None
        self.frame_height = frame_height
        self.tail = tail or []
        self.tail_gap = tail_gap
        self.hAlign = "CENTER"
        self._tail_h = 0.0

    @classmethod
    def of(cls, grid: PrintGrid, widths: list[float], m: GridMetrics, frame_height: float,
           tail: list[Flowable] | None = None) -> GridTable:
        rows = measure_grid(grid, widths, m)
        return cls(rows[:grid.header_rows], rows[grid.header_rows:], widths, m, frame_height, tail)

    # -- sizes ----------------------------------------------------------------------------------
    @property
    def table_width(self) -> float:
        return sum(self.widths)

    def _header_h(self) -> float:
        return sum(r.height for r in self.header)

    def _wrap_tail(self, avail_width: float) -> float:
        if not self.tail:
            return 0.0
        h = self.tail_gap
        for f in self.tail:
            _, fh = f.wrap(avail_width, self.frame_height)
            h += fh + f.getSpaceBefore() + f.getSpaceAfter()
        return h

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        self._tail_h = self._wrap_tail(avail_width)
        self.width = max(self.table_width, avail_width if self.tail else 0.0)
        if getattr(self, "_body_h", None) is None:
            self._body_h = sum(r.height for r in self.body)
        self.height = self._header_h() + self._body_h + self._tail_h
        return self.width, self.height

    def _splittable(self) -> list[bool]:
        return self._ok

    def split(self, avail_width: float, avail_height: float) -> list[Flowable]:
        tail_h = self._wrap_tail(avail_width)
        at_top = avail_height >= self.frame_height - 1.0
        room = avail_height - self._header_h()
        ok = self._splittable()
        hs = [r.height for r in self.body]
        if not hs:                           # a header without rows: it cannot be split
            return [] if not at_top else [self]
        k, used = 0, 0.0
        for i, h in enumerate(hs):
            if used + h > room:
                break
            used += h
            k = i + 1
        if k >= len(hs):                     # the rows fit; the notes go with the last rows
            k = len(hs) - 1
        # end the page between merged blocks when that wastes little of it; a tall merged block
        # (the 绩效指标 of an annex) is cut, its label repeated on the next page
        k_ok = k
        while k_ok > 0 and not ok[k_ok]:
            k_ok -= 1
        if k_ok > 0 and sum(hs[k_ok:k]) < 0.25 * room:
            k = k_ok
        # the last page holds a fair share of a page, never the notes and a row or two alone
        rest = lambda k: self._header_h() + sum(hs[k:]) + tail_h  # noqa: E731
        while k > MIN_FIRST and rest(k) < TAIL_SHARE * self.frame_height:
            k -= 1
        if k < MIN_FIRST and not at_top and len(hs) > k:
            return []                        # too little room here: start on the next page
        whole = self._header_h() + sum(hs) + tail_h
        if not at_top and rest(k) < TAIL_SHARE * self.frame_height and whole <= self.frame_height:
            return []                        # a short table: whole on the next page, not its last rows
        if k <= 0:
            if not at_top:
                return []
            return self._split_row(room, ok)
        if not ok[k]:
            first, rest_rows = _cut_spans(self.body, k, self.m)
            return [self._part(first, []), self._part(rest_rows, self.tail)]
        return [self._part(self.body[:k], []), self._part(self.body[k:], self.tail)]

    def _split_row(self, room: float, ok: list[bool]) -> list[Flowable]:
        """The first row (or merged block) is taller than the page: split it between lines."""
        end = 1
        while end < len(self.body) and not ok[end]:
            end += 1
        block = self.body[:end]
        first, rest = [], []
        used = 0.0
        for i, row in enumerate(block):
            if used + row.height <= room:
                first.append(row)
                used += row.height
                continue
            a, b = _cut_row(row, room - used, self.m, len(block) - i)
            if a is not None:
                first.append(a)
            rest = ([b] if b is not None else []) + list(block[i + 1:])
            break
        if not first:                        # not even one line fits: give up splitting by lines
            first, rest = [block[0]], list(block[1:])
        first = _clip_spans(first)
        rest = _continue_spans(block, first, rest)
        return [self._part(first, []), self._part(rest + self.body[end:], self.tail)]

    def _part(self, body: list[Row], tail: list[Flowable]) -> GridTable:
        # the split points of a plain slice of the rows are known; a cut row needs them again
        n = len(body)
        first_ok = None
        if n and body[0] is self.body[0] and n <= len(self.body) and body[n - 1] is self.body[n - 1]:
            first_ok = self._ok[:n] + [True]
        elif n and n <= len(self.body) and body[0] is self.body[len(self.body) - n]:
            first_ok = self._ok[len(self.body) - n:]
        return GridTable(self.header, body, self.widths, self.m, self.frame_height, tail, self.tail_gap, first_ok)

    # -- drawing --------------------------------------------------------------------------------
    def draw(self) -> None:
        canv = self.canv
        rows = self.header + self.body
        x0 = (self.width - self.table_width) / 2
        xs = [x0]
        for w in self.widths:
            xs.append(xs[-1] + w)
        tops = [self.height]
        for r in rows:
            tops.append(tops[-1] - r.height)
        segs: list[tuple[float, float, float, float]] = []
        canv.setLineWidth(LINE_WIDTH)
        # one text object for the whole chunk: far cheaper than a drawString per cell line
        self._t = canv.beginText()
        self._t_size: float | None = None
        for r, row in enumerate(rows):
            for b in row.boxes:
                rs = min(b.rowspan, len(rows) - r)
                top, bottom = tops[r], tops[r + rs]
                left, right = xs[b.col], xs[b.col + b.colspan]
                segs += [(left, top, right, top), (left, bottom, right, bottom),
                         (left, top, left, bottom), (right, top, right, bottom)]
                if b.lines:
                    self._text(b, left, right, top, bottom)
        canv.drawText(self._t)
        canv.lines(_joined(segs))
        if self.tail:
            y = tops[-1] - self.tail_gap
            for f in self.tail:
                y -= f.getSpaceBefore()
                _, fh = f.wrap(self.width, self.frame_height)
                f.drawOn(canv, 0, y - fh)
                y -= fh + f.getSpaceAfter()

    def _text(self, b: Box, left: float, right: float, top: float, bottom: float) -> None:
        m = self.m
        leading = b.size * m.leading / m.size
        block = len(b.lines) * leading
        y = top - (top - bottom - block) / 2 - leading
        t = self._t
        if self._t_size != b.size:
            t.setFont(m.font, b.size)
            self._t_size = b.size
        for line in b.lines:
            base = y + (leading - b.size) / 2 + b.size * 0.12
            if b.align == "right":
                x = right - m.pad - stringWidth(line, m.font, b.size)
            elif b.align == "center":
                x = (left + right - stringWidth(line, m.font, b.size)) / 2
            else:
                x = left + m.pad + b.indent
            t.setTextOrigin(x, base)
            t.textOut(line)
            y -= leading


def _joined(segs: list[tuple[float, float, float, float]]) -> list[tuple[float, float, float, float]]:
    """The cells' edges as rules: an edge shared by two cells once, and edges that continue one
    another on the same line as one rule (a row's whole top edge, a column's edge down a page).
    The same rules are drawn, with a tenth of the operators."""
    across = sorted({(y0, min(x0, x1), max(x0, x1)) for x0, y0, x1, y1 in segs if y0 == y1})
    down = sorted({(x0, min(y0, y1), max(y0, y1)) for x0, y0, x1, y1 in segs if x0 == x1})
    out: list[tuple[float, float, float, float]] = []
    for runs, flat in ((across, True), (down, False)):
        at = start = end = None
        for c, a, b in runs:
            if c == at and a <= end + 1e-6:        # touches (or overlaps) the rule being drawn
                end = max(end, b)
                continue
            if at is not None:
                out.append((start, at, end, at) if flat else (at, start, at, end))
            at, start, end = c, a, b
        if at is not None:
            out.append((start, at, end, at) if flat else (at, start, at, end))
    return out


def _splittable(body: list[Row]) -> list[bool]:
    """``ok[i]``: a page may end before body row ``i`` (no merged block runs across)."""
    ok = [True] * (len(body) + 1)
    for i, row in enumerate(body):
        for b in row.boxes:
            for k in range(i + 1, min(i + b.rowspan, len(body))):
                ok[k] = False
    return ok


def _cut_row(row: Row, room: float, m: GridMetrics, rows_left: int) -> tuple[Row | None, Row | None]:
    """``row`` split after as many lines as fit in ``room`` points."""
    n = int((room - 2 * m.vpad) // m.leading)
    if n < 1:
        return None, row
    a_boxes, b_boxes = [], []
    for b in row.boxes:
        a_boxes.append(replace(b, lines=b.lines[:n], rowspan=1))
        b_boxes.append(replace(b, lines=b.lines[n:], rowspan=min(b.rowspan, rows_left)))
    a = Row(tuple(a_boxes), max([_box_height(x, m) for x in a_boxes] or [m.leading]))
    rest_h = max([_box_height(x, m) for x in b_boxes if x.rowspan == 1] or [m.leading + 2 * m.vpad])
    return a, Row(tuple(b_boxes), rest_h)


def _clip_spans(rows: list[Row]) -> list[Row]:
    out = []
    for i, row in enumerate(rows):
        left = len(rows) - i
        out.append(Row(tuple(replace(b, rowspan=min(b.rowspan, left)) for b in row.boxes), row.height))
    return out


def _continue_spans(block: list[Row], first: list[Row], rest: list[Row]) -> list[Row]:
    """Merged blocks cut by a forced split go on, empty, over the rows of the next page."""
    if not rest:
        return rest
    covered = {b.col for i, row in enumerate(block[:len(first)]) for b in row.boxes
               if i + b.rowspan > len(first)}
    have = {b.col for b in rest[0].boxes}
    extra = []
    for i, row in enumerate(block[:len(first)]):
        for b in row.boxes:
            if b.col in covered and b.col not in have:
                remaining = i + b.rowspan - len(first)
                extra.append(replace(b, lines=(), rowspan=min(remaining, len(rest))))
    if not extra:
        return rest
    head = rest[0]
    return [Row(tuple(sorted(head.boxes + tuple(extra), key=lambda b: b.col)), head.height)] + rest[1:]


def _cut_spans(body: list[Row], k: int, m: GridMetrics) -> tuple[list[Row], list[Row]]:
    """Body rows split before row ``k`` although merged blocks run across: each such block is
    clipped at the page end and goes on over the rows of the next page, its label repeated
    where it fits (else kept where it fits)."""
    first = [list(r.boxes) for r in body[:k]]
    cont: list[Box] = []
    for i, boxes in enumerate(first):
        for n, b in enumerate(boxes):
            if i + b.rowspan <= k:
                continue
            above, below = k - i, i + b.rowspan - k
            room_a = sum(r.height for r in body[i:k]) - 2 * m.vpad
            room_b = sum(r.height for r in body[k:k + below]) - 2 * m.vpad
            need = len(b.lines) * b.size * m.leading / m.size
            lines_a = b.lines if need <= room_a + 0.01 else ()
            lines_b = b.lines if need <= room_b + 0.01 else ()
            if not lines_a and not lines_b:
                lines_a = b.lines
            boxes[n] = replace(b, rowspan=above, lines=lines_a)
            cont.append(replace(b, rowspan=below, lines=lines_b))
    head = body[k]
    rest = [Row(tuple(sorted(head.boxes + tuple(cont), key=lambda b: b.col)), head.height), *body[k + 1:]]
    return [Row(tuple(bs), r.height) for bs, r in zip(first, body[:k])], rest
