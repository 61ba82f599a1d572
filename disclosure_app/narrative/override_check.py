"""Hand-written paragraphs held to the figures they should quote (tolerance 0).

The generated paragraph and the hand-written one are aligned on their wording, with every
number reduced to a token "number followed by its unit" (万元, %, 辆 …).  Each number of the
hand text that lines up with a generated figure must equal it; the generated figure knows its
source (a cell, an input, a computed share), so the finding names the cell.  A hand figure that
lines up with nothing generated cannot be checked and is reported as 提示.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from difflib import SequenceMatcher

from ..model import Project, worked_back
from ..rules.findings import INFO, WARNING, Cell, Finding
from .generate import Built, Detail
from .render import Quote

_NUMBER = re.compile(r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?")
_CHECKED_UNITS = ("万", "元", "%")    # amounts and percentages are always compared
_CONTEXT = 2                          # matching tokens needed before a figure to pair it


@dataclass(frozen=True)
class Token:
    skeleton: str                     # the character, or "#" for a number
    value: Decimal | None = None
    raw: str = ""
    unit: str = ""
    start: int = 0
    end: int = 0


def _unit(text: str, pos: int) -> str:
    while text[pos:pos + 1] == " ":      # "1199.89 万元": some publications space the unit off
        pos += 1
    if text.startswith("万元", pos):
        return "万"
    nxt = text[pos:pos + 1]
    return "%" if nxt in ("%", "％") else nxt


def tokenize(text: str) -> list[Token]:
    """Characters, with each number (1,199.89 / 72.55 / 2) as one token carrying its unit."""
    out: list[Token] = []
    pos = 0
    for m in _NUMBER.finditer(text):
        out.extend(Token(ch) for ch in text[pos:m.start()])
        unit = _unit(text, m.end())
        out.append(Token("#", Decimal(m.group().replace(",", "")), m.group(), unit, m.start(), m.end()))
        pos = m.end()
    out.extend(Token(ch) for ch in text[pos:])
    return out


def _quote_at(detail: Detail, tok: Token) -> Quote | None:
    for start, end, quote in detail.rendered.spans:
        if start <= tok.start and tok.end <= end:
            return quote
    return None


def _paragraph_cell(key: str) -> Cell:
    return Cell("narrative", key, "")


def check_overrides(project: Project, built: Built) -> list[Finding]:
    """N02 / N04 for every overridden paragraph, N06 for overrides of paragraphs that are gone."""
    out: list[Finding] = []
    keys = {d.key for d in built.details}
    for key, text in sorted(project.overrides.items()):
        if text.strip() and key not in keys:
            out.append(Finding("N06", WARNING, f"改写的段落“{key}”已不在{built.text_name}中（表格或填写项变化后不再生成该段），"
                               f"改写的文字不会印出。请删除该改写，或改写现有的段落", (_paragraph_cell(key),)))
    derived = frozenset(worked_back(project))
    for d in built.details:
        if d.override is not None:
            out += _compare(d, derived)
    return out


def _compare(d: Detail, derived: frozenset[str] = frozenset()) -> list[Finding]:
    gen, hand = tokenize(d.rendered.text), tokenize(d.override or "")
    matcher = SequenceMatcher(None, [t.skeleton for t in gen], [t.skeleton for t in hand], autojunk=False)
    generated_values = {t.value for t in gen if t.value is not None}
    paired: set[int] = set()
    out: list[Finding] = []
    for tag, i1, i2, j1, _j2 in matcher.get_opcodes():
        if tag != "equal":
            continue
        for k in range(i2 - i1):
            g, h = gen[i1 + k], hand[j1 + k]
            # a figure is paired only when wording before it lines up too (or both texts start
            # with it); a bare "#万元。" match says nothing about which figure is meant
            if g.value is None or not (k >= _CONTEXT or i1 == j1 == 0 and k == 0):
                continue
            paired.add(j1 + k)
            f = _mismatch(d, g, h, derived)
            if f:
                out.append(f)
    for j, h in enumerate(hand):
        if h.value is not None and j not in paired and h.unit in _CHECKED_UNITS and h.value not in generated_values:
            out.append(_untraceable(d, h))
    return out


def _unit_text(unit: str) -> str:
    return "万元" if unit == "万" else unit


_TAIL = Decimal("0.01")          # what each quoted 万元 figure of a percentage may be off by (rounded)


def _places(raw: str) -> int:
    return len(raw.split(".", 1)[1]) if "." in raw else 0


def _printed_precision(quote: Quote | None, h: Token) -> tuple[str, Decimal] | None:
    """A printed percentage against the ratio it quotes, at the precision printed: "same" (it is
    that ratio rounded as printed: 3.26% where we print 3.3%), "tail" (reachable with the quoted
    figures off by their rounding to 万元), None (neither)."""
    if quote is None or quote.kind != "percent" or quote.ratio is None or h.value is None:
        return None
    part, whole = quote.ratio
    if not whole:
        return None
    step = Decimal(1).scaleb(-_places(h.raw))
    expected = (part * 100 / whole).quantize(step, rounding=ROUND_HALF_UP)
    if expected == h.value:
        return "same", expected
    lo = (abs(part) - _TAIL) * 100 / (abs(whole) + _TAIL)
    hi = (abs(part) + _TAIL) * 100 / max(abs(whole) - _TAIL, _TAIL)
    return ("tail" if lo - step / 2 <= h.value <= hi + step / 2 else "other"), expected


def _mismatch(d: Detail, g: Token, h: Token, derived: frozenset[str] = frozenset()) -> Finding | None:
    wrong_unit = g.unit != h.unit and (g.unit in _CHECKED_UNITS or h.unit in _CHECKED_UNITS)
    if g.value == h.value and not wrong_unit:
        return None
    quote = _quote_at(d, g)
    if quote is not None and any(c.form == "input" and c.row in derived for c in quote.cells):
        return None                   # figured from a base the import worked back from this very rate
    precision = None if wrong_unit else _printed_precision(quote, h)
    if precision is not None and precision[0] == "same":
        return None
    if quote is None and g.unit not in _CHECKED_UNITS:
        return None                   # list numbering and the like, not a quoted figure
    unit = _unit_text(g.unit)
    source = f"{quote.what} {g.raw}{unit}" if quote else f"生成文字中的 {g.raw}{unit}"
    cells = (quote.cells if quote else ()) + (_paragraph_cell(d.key),)
    diff = h.value - g.value  # type: ignore[operator]
    what = f"相差 {diff:+}" if diff else "单位不同"
    if precision is not None and quote is not None:          # compared at the precision printed
        expected = precision[1]
        diff = h.value - expected  # type: ignore[operator]
        at = f"{quote.what}按所引数计算、保留与原文相同的位数为 {expected}%"
        if precision[0] == "tail":
            msg = (f"尾差：{d.text_name}“{d.where}”的改写段落中“{h.raw}%”与{at}相差 {diff:+}，在所引金额换算为万元的"
                   f"尾数误差之内，无需修改")
            return Finding("N02", INFO, msg, cells, expected, h.value, diff)
        msg = (f"{d.text_name}“{d.where}”的改写段落中“{h.raw}%”与{at}不一致（相差 {diff:+}）。请改为 {expected}%，"
               f"或恢复为生成的文字")
        return Finding("N02", WARNING, msg, cells, expected, h.value, diff)
    msg = (f"{d.text_name}“{d.where}”的改写段落中“{h.raw}{_unit_text(h.unit)}”与{source}不一致（{what}）。"
           f"请改为 {g.raw}{unit}，或恢复为生成的文字")
    return Finding("N02", WARNING, msg, cells, g.value, h.value, diff)


def _untraceable(d: Detail, h: Token) -> Finding:
    unit = _unit_text(h.unit)
    msg = (f"{d.text_name}“{d.where}”的改写段落中“{h.raw}{unit}”在生成的文字中没有对应的数，无法与表格核对。"
           f"请确认该数的来源")
    return Finding("N04", INFO, msg, (_paragraph_cell(d.key),), None, h.value, None)
