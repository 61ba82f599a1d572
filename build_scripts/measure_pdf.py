"""Measure the typesetting of an exported PDF from its characters and rules (pdfplumber).

Run:  python build_scripts/measure_pdf.py FILE.pdf [FILE.pdf ...] [--show N]

Counts, for every page:

- ``crossings``: characters whose box a table rule passes through (text printed over a cell
  border, e.g. a full-width comma hanging over the right border);
- ``split_numbers``: a number with its sign, thousands separators, decimals and unit
  ("-55.28万元", "72.55%", "1,199.89") broken across two lines of a cell or paragraph;
- ``line_start_punct`` / ``line_end_punct``: a line of a cell or paragraph that starts with closing
  punctuation (，。、；：？！”）》…) or ends with an opening one (“（《) — 避头尾;
- ``widows``: a cell or heading whose last line holds a single character (punctuation aside),
  where moving one more character down would fix it — not in a cell under three characters wide,
  where "元）" under "（万" is already a full line;
- ``stranded``: a page that continues the page before (it starts with no heading) and holds only a
  few lines — a table's last rows or its notes that should have stayed with the rest.

Cells are found from the rules: a character belongs to the cell bounded by the nearest vertical
rules left and right of it and horizontal rules above and below it.  Text outside rules is
prose: lines are joined into paragraphs when the first line runs to the right edge of the text
block and the next starts at its left edge (a first-line indent starts a new paragraph).  Headings
are recognised by their font (黑体 / 小标宋).  The page number line ("— 3 —") is left out.
"""

from __future__ import annotations

import argparse
import bisect
import re
import sys
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

CLOSING = "，。、；：？！”’）》」』】〕〉…％,.;:?!)]}"
OPENING = "“‘（《「『【〔〈([{"
# a number as printed: sign, digits with thousands separators, decimals, and a unit or % after it
NUMBER = re.compile(r"[-+－]?\d[\d,]*(?:\.\d+)?(?:%|％|‰|万元|亿元|千元|元|万|亿)?")
PAGE_NUMBER = re.compile(r"^[-—–]\s*\d+\s*[-—–]$")
LEADER = re.compile(r"(\. ){3,}|\.{4,}")                # a 目录 line's dot leader
HEADING_FONT = re.compile(r"hei|biao|xbs|heiti", re.I)
STRANDED_LINES = 5            # a continuation page with this many lines or fewer is stranded
EPS = 0.6                     # points: a rule must pass this far inside a glyph box to cross it


@dataclass
class Line:
    page: int
    chars: list[dict]
    cell: tuple | None = None

    @property
    def text(self) -> str:
        return "".join(c["text"] for c in self.chars)

    @property
    def x0(self) -> float:
        return self.chars[0]["x0"]

    @property
    def x1(self) -> float:
        return self.chars[-1]["x1"]

    @property
    def top(self) -> float:
        return min(c["top"] for c in self.chars)

    @property
    def size(self) -> float:
        return max(c["size"] for c in self.chars)

    @property
    def heading(self) -> bool:
        return all(HEADING_FONT.search(c["fontname"]) for c in self.chars)


@dataclass
class Report:
    path: str
    pages: int = 0
    crossings: list[str] = field(default_factory=list)
    split_numbers: list[str] = field(default_factory=list)
    line_start_punct: list[str] = field(default_factory=list)
    line_end_punct: list[str] = field(default_factory=list)
    widows: list[str] = field(default_factory=list)
    stranded: list[str] = field(default_factory=list)
    body_sizes: dict[float, int] = field(default_factory=dict)     # prose character count by size
    page_numbers: list[str] = field(default_factory=list)

    KINDS = ("crossings", "split_numbers", "line_start_punct", "line_end_punct", "widows", "stranded")

    def counts(self) -> dict[str, int]:
        return {k: len(getattr(self, k)) for k in self.KINDS}

    def summary(self) -> str:
        c = self.counts()
        return f"{Path(self.path).name}: {self.pages} pages, " + ", ".join(f"{k} {v}" for k, v in c.items())


def _rules(page) -> tuple[list[tuple[float, float, float]], list[tuple[float, float, float]]]:
    """Vertical rules (x, top, bottom) and horizontal rules (y, x0, x1) of a page."""
    vert, hori = [], []
    for e in list(page.lines) + list(page.rects):
        if abs(e["x1"] - e["x0"]) < 1.0:
            vert.append(((e["x0"] + e["x1"]) / 2, e["top"], e["bottom"]))
        if abs(e["bottom"] - e["top"]) < 1.0:
            hori.append(((e["top"] + e["bottom"]) / 2, e["x0"], e["x1"]))
        if e.get("object_type") == "rect" and abs(e["x1"] - e["x0"]) >= 1.0 and abs(e["bottom"] - e["top"]) >= 1.0:
            vert += [(e["x0"], e["top"], e["bottom"]), (e["x1"], e["top"], e["bottom"])]
            hori += [(e["top"], e["x0"], e["x1"]), (e["bottom"], e["x0"], e["x1"])]
    return vert, hori


class _Rules:
    """A page's rules indexed for the per-character questions: which cell, which rule crossed."""

    def __init__(self, vert, hori) -> None:
        self.vert = vert
        self.hori = sorted(hori)
        self.hori_y = [y for y, _, _ in self.hori]
        self._band: dict[tuple[float, float], tuple[list[float], list]] = {}

    def _verticals(self, top: float, bottom: float) -> list[float]:
        """x of the vertical rules running through the band from ``top`` to ``bottom``."""
        key = (round(top, 1), round(bottom, 1))
        got = self._band.get(key)
        if got is None:
            cy = (top + bottom) / 2
            xs = sorted(x for x, t, b in self.vert if t - 0.5 <= cy <= b + 0.5)
            got = (xs, [])
            self._band[key] = got
        return got[0]

    def cell_of(self, ch: dict) -> tuple | None:
        xs = self._verticals(ch["top"], ch["bottom"])
        cx, cy = (ch["x0"] + ch["x1"]) / 2, (ch["top"] + ch["bottom"]) / 2
        i = bisect.bisect_right(xs, cx)
        if i == 0 or i == len(xs):
            return None
        j = bisect.bisect_right(self.hori_y, cy)
        up = next((self.hori[k][0] for k in range(j - 1, -1, -1)
                   if self.hori[k][1] - 0.5 <= cx <= self.hori[k][2] + 0.5), None)
        down = next((self.hori[k][0] for k in range(j, len(self.hori))
                     if self.hori[k][1] - 0.5 <= cx <= self.hori[k][2] + 0.5), None)
        if up is None or down is None:
            return None
        return (round(xs[i - 1], 1), round(xs[i], 1), round(up, 1), round(down, 1))

    def crosses(self, ch: dict) -> bool:
        xs = self._verticals(ch["top"], ch["bottom"])
        i = bisect.bisect_right(xs, ch["x0"] + EPS)
        if i < len(xs) and xs[i] < ch["x1"] - EPS:
            return True
        cx = (ch["x0"] + ch["x1"]) / 2
        # a horizontal rule through the middle band of the glyph (not its ascender/descender room)
        band = (ch["bottom"] - ch["top"]) * 0.3
        lo = bisect.bisect_right(self.hori_y, ch["top"] + band)
        hi = bisect.bisect_left(self.hori_y, ch["bottom"] - band)
        return any(self.hori[k][1] <= cx <= self.hori[k][2] for k in range(lo, hi))


def _lines(chars: list[dict], page_no: int, cell: tuple | None) -> list[Line]:
    """Characters grouped into visual lines (overlapping vertical extents), left to right; a gap
    wider than three characters splits a line (the info line's three texts, a 目录 number)."""
    out: list[Line] = []
    for ch in sorted(chars, key=lambda c: (round(c["top"]), c["x0"])):
        mid = (ch["top"] + ch["bottom"]) / 2
        for line in out:
            if line.chars[0]["top"] - 0.5 <= mid <= line.chars[0]["bottom"] + 0.5:
                line.chars.append(ch)
                break
        else:
            out.append(Line(page_no, [ch], cell))
    result: list[Line] = []
    for line in out:
        line.chars.sort(key=lambda c: c["x0"])
        piece = [line.chars[0]]
        for a, b in zip(line.chars, line.chars[1:]):
            if b["x0"] - a["x1"] > 3 * max(a["size"], 1):
                result.append(Line(page_no, piece, cell))
                piece = []
            piece.append(b)
        result.append(Line(page_no, piece, cell))
    return sorted(result, key=lambda ln: (ln.top, ln.x0))


def _split_number(a: str, b: str) -> str | None:
    joined = a + b
    cut = len(a)
    for m in NUMBER.finditer(joined):
        if m.start() < cut < m.end():
            return f"{joined[max(0, m.start() - 4):cut]}/{joined[cut:m.end() + 2]}"
    return None


def _visible(text: str) -> str:
    return "".join(ch for ch in text if not ch.isspace())


def _check_block(lines: list[Line], where: str, rep: Report, widow_check: bool) -> None:
    """One cell or paragraph: consecutive lines of one text."""
    cell = lines[0].cell if lines else None
    if cell is not None and (cell[1] - cell[0]) < 3.2 * lines[0].size:
        widow_check = False              # a two-character column: no fix possible
    texts = [_visible(ln.text) for ln in lines]
    texts = [t for t in texts if t]
    for a, b in zip(texts, texts[1:]):
        s = _split_number(a, b)
        if s:
            rep.split_numbers.append(f"{where}: {s}")
        if b[0] in CLOSING:
            rep.line_start_punct.append(f"{where}: …{a[-4:]}/{b[:4]}…")
        if a[-1] in OPENING:
            rep.line_end_punct.append(f"{where}: …{a[-4:]}/{b[:4]}…")
    if widow_check and len(texts) > 1:
        last = texts[-1].rstrip(CLOSING)
        if len(last) <= 1:
            rep.widows.append(f"{where}: …{texts[-2][-6:]}/{texts[-1]}")


def _paragraphs(lines: list[Line]) -> list[list[Line]]:
    """Prose lines joined into paragraphs: a line that runs to the right edge of the text block
    continues on the next line when that one starts at the left edge, in the same font size."""
    if not lines:
        return []
    left = min(ln.x0 for ln in lines)
    right = max(ln.x1 for ln in lines)
    paras: list[list[Line]] = [[lines[0]]]
    for prev, ln in zip(lines, lines[1:]):
        full = prev.x1 >= right - 1.5 * prev.size and not LEADER.search(prev.text)
        cont = (full and ln.x0 <= left + 0.5 * ln.size and abs(ln.size - prev.size) < 0.5
                and ln.heading == prev.heading and 0 < ln.top - prev.top < 2.6 * ln.size)
        if cont:
            paras[-1].append(ln)
        else:
            paras.append([ln])
    return paras


def measure(path: str | Path) -> Report:
    import pdfplumber

    rep = Report(str(path))
    page_lines: list[tuple[int, list[Line], bool]] = []
    with pdfplumber.open(str(path)) as pdf:
        rep.pages = len(pdf.pages)
        for page in pdf.pages:
            no = page.page_number
            vert, hori = _rules(page)
            rules = _Rules(vert, hori)
            chars = [c for c in page.chars if c["text"].strip() and c.get("upright", True)]
            by_cell: dict[tuple, list[dict]] = defaultdict(list)
            prose: list[dict] = []
            for ch in chars:
                if rules.crosses(ch):
                    rep.crossings.append(f"p{no}: “{ch['text']}” at x={ch['x0']:.1f}")
                cell = rules.cell_of(ch) if vert else None
                (by_cell[cell] if cell else prose).append(ch)
            all_lines: list[Line] = []
            for cell, cs in by_cell.items():
                lines = _lines(cs, no, cell)
                all_lines += lines
                _check_block(lines, f"p{no} 单元格“{''.join(_visible(ln.text) for ln in lines)[:16]}”", rep, True)
            plines = _lines(prose, no, None)
            footer = [ln for ln in plines if PAGE_NUMBER.match(_visible(ln.text))
                      and ln.top > page.height * 0.85]
            rep.page_numbers += [_visible(ln.text) for ln in footer]
            plines = [ln for ln in plines if ln not in footer]
            for para in _paragraphs(plines):
                heading = para[0].heading
                name = "标题" if heading else "段落"
                _check_block(para, f"p{no} {name}“{_visible(para[0].text)[:16]}”", rep, heading)
                if not heading:
                    for ln in para:
                        size = round(ln.size, 1)
                        rep.body_sizes[size] = rep.body_sizes.get(size, 0) + len(_visible(ln.text))
            all_lines += plines
            all_lines.sort(key=lambda ln: (ln.top, ln.x0))
            rows = _rows(all_lines)
            starts_heading = bool(all_lines) and all_lines[0].heading
            page_lines.append((no, all_lines, starts_heading))
            if rows and not starts_heading and len(rows) <= STRANDED_LINES:
                rep.stranded.append(f"p{no}: {len(rows)} lines, “{_visible(all_lines[0].text)[:20]}”")
    return rep


def _rows(lines: list[Line]) -> list[float]:
    """Distinct visual rows of a page (lines side by side in a table row count once)."""
    tops: list[float] = []
    for ln in sorted(lines, key=lambda x: x.top):
        if not tops or ln.top - tops[-1] > 0.6 * ln.size:
            tops.append(ln.top)
    return tops


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description="Measure the typesetting of exported PDFs")
    ap.add_argument("pdf", nargs="+")
    ap.add_argument("--show", type=int, default=5, help="examples listed per kind")
    args = ap.parse_args(argv)
    bad = 0
    for path in args.pdf:
        rep = measure(path)
        print(rep.summary())
        sizes = sorted(rep.body_sizes.items(), key=lambda kv: -kv[1])[:3]
        print("  prose sizes (pt: chars): " + ", ".join(f"{s}: {n}" for s, n in sizes)
              + f"; page numbers e.g. {rep.page_numbers[:2]}")
        bad += print_faults(rep, args.show)
    return 1 if bad else 0


def print_faults(rep: Report, show: int) -> int:
    """Print up to ``show`` examples of each kind of fault in ``rep``; return how many there are."""
    bad = 0
    for kind in Report.KINDS:
        items = getattr(rep, kind)
        bad += len(items)
        for item in items[:show]:
            print(f"  {kind}: {item}")
    return bad


if __name__ == "__main__":
    sys.exit(main())
