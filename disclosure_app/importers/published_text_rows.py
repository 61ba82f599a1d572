"""Reading one line of a table: a code row, a total row, a printed row label.

Shared by the 决算 and 预算 readers (:mod:`.published_text_tables`, :mod:`.published_text_budget`):

- :func:`coded_row` — ``合计`` or ``code name amounts…`` of a 类/款/项 table, by position when the
  line keeps its cells, else as tokens; a code alone on its line joined with its name on the
  next one (:func:`join_wrapped_codes`);
- :func:`label_index` — which row of a panel a printed label names: compared without list
  numbers ("一、", "①"), spaces and quotes, with the rewordings publications use
  (:data:`SYNONYMS`), nearly-equal words only as a last resort and never across differing list
  numbers ("三、" / "二十二、").
"""

from __future__ import annotations

import re
from difflib import SequenceMatcher

from ..forms.spec import Panel
from .published_text_codes import looks_like_code
from .published_text_lines import Item, Line, is_code, items, plain, positional_cells

_NUMERALS = "一二三四五六七八九十"
_CODE_AND_NAME = re.compile(r"^(\d{3}|\d{5}|\d{7}|\d{9})\s+(\S.*)$")
_CJK = re.compile(r"[\u4e00-\u9fff]")
_NUMBERING = re.compile(rf"^(?:[{_NUMERALS}]{{1,3}}[、.．]|[（(][{_NUMERALS}\d]{{1,3}}[)）]|\d{{1,2}}[、.．]|[①②③④⑤⑥⑦⑧⑨⑩])")
HEADER_WORDS = frozenset({"项目", "栏次", "收入", "支出", "金额", "项目名称", "单位名称", "科目名称"})
# rewordings seen in publications → the label our forms print
SYNONYMS = {
    "公务用车购置及运行维护费": "公务用车购置及运行费",
    "因公出国(境)费用": "因公出国(境)费",
    "上年结转结余": "上年结转",
    "年末结转": "年终结转",
    "年末结转和结余": "年终结转",
}


def is_total_label(text: str) -> bool:
    """"合计" / "总计", however spaced."""
    return plain(text) in ("合计", "总计")


def merge_names(its: list[Item]) -> list[Item]:
    """Tokens of a 公开06 line with a name printed with spaces joined back into one text."""
    out: list[Item] = []
    for it in its:
        if it.kind == "text" and out and out[-1].kind == "text":
            out[-1] = Item("text", out[-1].text + it.text)
        else:
            out.append(it)
    return out


def join_wrapped_codes(rows: list[Line]) -> list[Line]:
    """A code alone on its line joined with the name (and amounts) on the next line."""
    out: list[Line] = []
    for ln in rows:
        its = items(ln.text)
        if out and is_code(out[-1].text.strip()) and its and its[0].kind == "text" \
                and not is_total_label(its[0].text):
            out[-1] = Line(out[-1].number, f"{out[-1].text.strip()}\t{ln.text.strip()}")
            continue
        out.append(ln)
    return out


def coded_row(ln: Line, ncols: int) -> tuple[str, str, str, list[Item], bool] | None:
    """("total" | "code" | "unreadable", code, name, value items, positional) of a coded table's
    line, or ``None`` for a line that is not such a row (headers, notes)."""
    text = ln.text
    if ln.tabbed:
        first, _, rest = text.partition("\t")
        m = _CODE_AND_NAME.match(first.strip())
        if m:                                           # "2040601 行政运行" in one cell
            text = f"{m.group(1)}\t{m.group(2)}\t{rest}"
        cells = positional_cells(Line(ln.number, text), 2 + ncols)
        if cells is not None:
            head, name, values = cells[0], cells[1], cells[2:]
            if is_total_label(head.text) or (not head.text and is_total_label(name.text)):
                return "total", "", "", values, True
            if head.kind == "num" and (is_code(head.text) or (looks_like_code(head.text) and name.kind == "text"
                                                              and bool(name.text))):
                return "code", head.text, name.text if name.kind == "text" else "", values, True
            return None
    its = items(text)
    if not its:
        return None
    head = its[0]
    if head.kind == "text" and is_total_label(head.text):
        values = its[1:]
        return ("total", "", "", values, False) if all(i.is_value for i in values) else None
    if head.kind == "num" and (is_code(head.text) or (looks_like_code(head.text) and len(its) > 1
                                                      and its[1].kind == "text")):
        if len(its) == 1:
            return "code", head.text, "", [], False
        if its[1].kind != "text":
            return "code", head.text, "", its[1:], False
        values = its[2:]
        if any(i.kind == "text" and _CJK.search(i.text) for i in values):
            return "unreadable", head.text, its[1].text, values, False
        return "code", head.text, its[1].text, values, False
    return None


def label_key(text: str) -> str:
    """A row label as compared: no numbering, spaces, quotes; half-width brackets; synonyms."""
    s = plain(text).translate(str.maketrans("（）", "()")).replace("“", "").replace("”", "")
    s = _NUMBERING.sub("", s)
    return SYNONYMS.get(s, s)


def list_number(text: str) -> str:
    """The list number a label starts with ("三" of "三、国有资本经营预算"), or ""."""
    m = _NUMBERING.match(plain(text))
    return m.group(0).strip("、.．()（）") if m else ""


def label_index(panel: Panel, label: str, cursor: int, fuzzy: bool = True) -> int | None:
    """The row of ``panel`` at or after ``cursor`` printed as ``label``: the same words (list
    numbers, spaces, brackets and :data:`SYNONYMS` aside), else — when ``fuzzy`` — nearly the
    same words; two labels whose list numbers differ ("三、" / "二十二、") never match."""
    key = label_key(label)
    if not key:
        return None
    number = list_number(label)
    rows = [(j, panel.rows[j]) for j in range(cursor, len(panel.rows)) if panel.rows[j].label]
    rows = [(j, r) for j, r in rows if not (number and list_number(r.label) and list_number(r.label) != number)]
    for j, r in rows:
        if label_key(r.label) == key:
            return j
    if not fuzzy:
        return None
    best, score = None, 0.0
    for j, r in rows:
        ratio = SequenceMatcher(None, label_key(r.label), key, autojunk=False).ratio()
        if ratio > score:
            best, score = j, ratio
    return best if score >= 0.8 else None
