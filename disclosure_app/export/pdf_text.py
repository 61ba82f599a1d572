"""Paragraphs, headings and the 目录 as reportlab flowables, broken by :mod:`.linebreak`.

reportlab's own CJK wrapping lets a closing comma hang over the right margin (or a cell border)
and breaks numbers anywhere, so the PDF typesets its text itself: :class:`TextBlock` breaks its
text with :func:`.linebreak.break_lines`, justifies every full line of Chinese prose to the
measure (as a 公文 is printed), splits between lines at a page end with at least two lines on
each side, and paints 【待填写…】 placeholders red.  :class:`Contents` is the 目录: its page
numbers are PDF form objects filled in when the document is finished, so the document is laid
out once, not twice.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Callable
from dataclasses import dataclass

from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Flowable

from .linebreak import break_lines

RED = (0.75, 0, 0)
MIN_LINES = 2                    # lines kept together at the foot and at the head of a page


def measurer(font: str, size: float, char_space: float = 0.0) -> Callable[[str], float]:
    def measure(s: str) -> float:
        return stringWidth(s, font, size) + char_space * len(s)
    return measure


@dataclass(frozen=True)
class TextStyle:
    font: str
    size: float
    leading: float
    align: str = "left"             # left | center | right | justify
    first_indent: int = 0           # ideographic spaces at the start of each paragraph
    left_indent: float = 0.0
    space_before: float = 0.0
    space_after: float = 0.0
    char_space: float = 0.0         # points added after every character (the 公文 character grid)
    keep_with_next: bool = False


class TextBlock(Flowable):
    """One paragraph (newlines break lines) in one font; ``red`` spans are (start, end) offsets."""

    def __init__(self, text: str, style: TextStyle, red: tuple[tuple[int, int], ...] = (),
                 lines: list[tuple[str, int, bool]] | None = None) -> None:
        super().__init__()
        self.text, self.style, self.red = text, style, red
        self.spaceBefore, self.spaceAfter = style.space_before, style.space_after
        self.keepWithNext = 1 if style.keep_with_next else 0
        self._lines = lines            # (text, offset in self.text, ends a paragraph)
        self._for_width: float | None = None if lines is None else -1.0

    # -- layout ---------------------------------------------------------------------------------
    def _layout(self, width: float) -> list[tuple[str, int, bool]]:
        if self._lines is not None and (self._for_width == -1.0 or self._for_width == width):
            return self._lines
        st = self.style
        measure = measurer(st.font, st.size, st.char_space)
        avail = width - st.left_indent
        out: list[tuple[str, int, bool]] = []
        pos = 0                        # where the paragraph starts in ``text``
        for para in self.text.split("\n"):
            shown = "\u3000" * st.first_indent + para
            lines = break_lines(shown, avail, measure)
            cursor = 0
            for i, line in enumerate(lines):
                start = shown.find(line, cursor) if line else cursor
                cursor = start + len(line)
                out.append((line, pos + start - st.first_indent, i == len(lines) - 1))
            pos += len(para) + 1
        self._lines, self._for_width = out, width
        return out

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        self.width = avail_width
        self.height = len(self._layout(avail_width)) * self.style.leading
        return self.width, self.height

    def split(self, avail_width: float, avail_height: float) -> list[Flowable]:
        lines = self._layout(avail_width)
        n = int((avail_height + 0.01) // self.style.leading)
        if n >= len(lines):
            return [self]
        if n < MIN_LINES or len(lines) < 2 * MIN_LINES:
            return []
        n = min(n, len(lines) - MIN_LINES)
        st = self.style
        head = TextBlock(self.text, _replace(st, space_after=0, keep_with_next=False), self.red, lines[:n])
        tail = TextBlock(self.text, _replace(st, space_before=0), self.red, lines[n:])
        head._for_width = tail._for_width = avail_width
        return [head, tail]

    # -- drawing --------------------------------------------------------------------------------
    def draw(self) -> None:
        st = self.style
        width = self.width - st.left_indent
        measure = measurer(st.font, st.size, st.char_space)
        y = self.height - st.leading + (st.leading - st.size) / 2 + st.size * 0.12
        for text, offset, last in self._layout(self.width):
            if text:
                w = measure(text)
                x = st.left_indent
                if st.align == "center":
                    x += (width - w) / 2
                elif st.align == "right":
                    x += width - w
                spaces = [st.char_space] * len(text)
                if st.align == "justify" and not last:
                    _justify(text, spaces, width - w, st.size)
                self._draw_line(text, offset, x, y, spaces)
            y -= st.leading

    def _draw_line(self, text: str, offset: int, x: float, y: float, spaces: list[float]) -> None:
        """One line; ``spaces[i]``: the room after character ``i``."""
        st = self.style
        t = self.canv.beginText(x, y)
        t.setFont(st.font, st.size)
        flags = _red_flags(text, offset, self.red)
        i, n = 0, len(text)
        current: tuple[float, bool] | None = None
        while i < n:
            j = i
            while j < n and spaces[j] == spaces[i] and flags[j] == flags[i]:
                j += 1
            if current is None or current[0] != spaces[i]:
                t.setCharSpace(spaces[i])
            if (current is None and flags[i]) or (current is not None and current[1] != flags[i]):
                t.setFillColorRGB(*(RED if flags[i] else (0, 0, 0)))
            current = (spaces[i], flags[i])
            t.textOut(text[i:j])
            i = j
        self.canv.drawText(t)


def _narrow(ch: str) -> bool:
    return unicodedata.east_asian_width(ch) not in "WF"


def _justify(text: str, spaces: list[float], slack: float, size: float) -> None:
    """Spread ``slack`` over the gaps between two ideographs (or full-width marks); a number or
    a Latin word keeps its own spacing and stays close to the characters beside it.  A line that would need more than a quarter of
    an em per gap (a long number pulled down to the next line) is left unjustified."""
    gaps = [i for i in range(len(text) - 1) if not (_narrow(text[i]) or _narrow(text[i + 1]))]
    if slack <= 0 or not gaps:
        return
    extra = slack / len(gaps)
    if extra > size * 0.25:
        return
    for i in gaps:
        spaces[i] += extra


def _red_flags(text: str, offset: int, red: tuple[tuple[int, int], ...]) -> list[bool]:
    return [any(a <= offset + i < b for a, b in red) for i in range(len(text))] if red else [False] * len(text)


def _replace(st: TextStyle, **kw) -> TextStyle:
    from dataclasses import replace
    return replace(st, **kw)


class Contents(Flowable):
    """The 目录: one line per entry, dot leaders, the page number right-aligned.

    Page numbers are not known while the 目录 is laid out; each is drawn as a PDF form object
    (``toc<N>``) that :meth:`define_numbers` fills in once every page is placed.
    """

    def __init__(self, entries: list[tuple[int, str]], styles: tuple[TextStyle, TextStyle],
                 number_font: str, number_size: float, indent: float) -> None:
        super().__init__()
        self.entries, self.styles = entries, styles
        self.number_font, self.number_size, self.indent = number_font, number_size, indent
        self._first = 0
        self._count = len(entries)
        self._rows: list[tuple[int, list[str]]] | None = None

    def _number_room(self) -> float:
        return stringWidth("0000", self.number_font, self.number_size)

    def _layout(self, width: float) -> list[tuple[int, list[str]]]:
        if self._rows is None:
            rows = []
            for level, text in self.entries[self._first:self._first + self._count]:
                st = self.styles[min(level, 1)]
                avail = width - self.indent * level - self._number_room() - st.size
                rows.append((level, break_lines(text, avail, measurer(st.font, st.size, st.char_space))))
            self._rows = rows
        return self._rows

    def _heights(self, width: float) -> list[float]:
        return [len(lines) * self.styles[min(level, 1)].leading for level, lines in self._layout(width)]

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        self.width = avail_width
        self.height = sum(self._heights(avail_width))
        return self.width, self.height

    def split(self, avail_width: float, avail_height: float) -> list[Flowable]:
        hs = self._heights(avail_width)
        total, n = 0.0, 0
        for h in hs:
            if total + h > avail_height:
                break
            total += h
            n += 1
        if n == 0 or n == len(hs):
            return [] if n == 0 else [self]
        head, tail = self._part(0, n), self._part(n, len(hs) - n)
        return [head, tail]

    def _part(self, first: int, count: int) -> Contents:
        c = Contents(self.entries, self.styles, self.number_font, self.number_size, self.indent)
        c._first, c._count = self._first + first, count
        return c

    def draw(self) -> None:
        canv = self.canv
        y = self.height
        for i, (level, lines) in enumerate(self._layout(self.width)):
            st = self.styles[min(level, 1)]
            x0 = self.indent * level
            for j, line in enumerate(lines):
                y -= st.leading
                base = y + (st.leading - st.size) / 2 + st.size * 0.12
                canv.setFont(st.font, st.size)
                canv.drawString(x0, base, line)
                if j == len(lines) - 1:
                    end = x0 + stringWidth(line, st.font, st.size) + st.size * 0.5
                    right = self.width - self._number_room() - st.size * 0.3
                    dot = stringWidth(".", st.font, st.size) * 2
                    x = end
                    dots = []
                    while x + dot <= right:
                        dots.append(x)
                        x += dot
                    canv.setFont(st.font, st.size)
                    for dx in dots:
                        canv.drawString(dx, base, ".")
                    canv.saveState()
                    canv.translate(self.width, base)
                    canv.doForm(f"toc{self._first + i}")
                    canv.restoreState()

    def define_numbers(self, canv, numbers: dict[int, str]) -> None:
        """Draw each entry's page number into its form (called once, when the document ends)."""
        for i in range(len(self.entries)):
            canv.beginForm(f"toc{i}", lowerx=-200, lowery=-20, upperx=20, uppery=40)
            canv.setFont(self.number_font, self.number_size)
            canv.drawRightString(0, 0, numbers.get(i, ""))
            canv.endForm()
