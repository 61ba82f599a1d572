"""Where each table of a published document starts: by its label or by its title.

Publications print a table's heading in many ways; each is recognised on a line of its own that
holds no amounts and is not a 目录 line:

- the label anywhere on the line: ``公开02表``, ``公开 02 表``, ``公开02`` / ``表`` over two lines,
  ``收入决算表 公开02表``, ``收入决算表\\t公开02表``; a budget's ``表一`` / ``表1``; ``表1`` / ``表一``
  in a 决算 too, meaning the profile's first table;
- the title, with what publications put around it removed: the department name, the year
  (``阳城县司法局2024年度收入决算表``, ``2025年预算收支总表``), a list number (``一、``), a
  continuation mark ``（续）``, the 决算 client's sheet marks (``Z01 收入支出决算总表(财决01表)``); the national titles of the same tables count as well
  (``一般公共预算财政拨款基本支出决算表`` for 公开06表 without 明细).

A table runs from its heading to the next table's heading (or the end of the tables part).
"""

from __future__ import annotations

import re

from ..forms.spec import FormSpec
from .published_text_lines import Line, items, plain

_NUMERALS = "一二三四五六七八九十"
_FINAL_LABEL = re.compile(r"公开\s*(\d{1,2})\s*表|^公开\s*(\d{2})$")
_BIAO_LABEL = re.compile(rf"^(?:附)?表\s*([{_NUMERALS}]{{1,3}}(?![{_NUMERALS}])|\d{{1,2}}(?!\d))")
_PAGE_HEADER = re.compile(r"^(?:预算公开|部门公开)表\s*\d{1,2}$")
_CONTINUED = re.compile(r"[（(]\s*续(?:表)?\s*[)）]$|续表$")
_LIST_NUMBER = re.compile(rf"^[{_NUMERALS}]{{1,3}}[、.．]|^[（(][{_NUMERALS}]{{1,3}}[)）]|^\d{{1,2}}[、.．]")
_QUOTES = str.maketrans("", "", "“”\"'‘’「」")
_BRACKETS = str.maketrans("（）", "()")
_ORG = re.compile(r".{2,30}(局|委|办|院|馆|中心|站|所|处|队|会|部|厅|室|校|园|社|团|政府)(\d{4}年度?)?")
_CLIENT_MARKS = re.compile(r"^[A-Z]\d{1,2}(?=[^\d])|\((?:财决|财预)\d{1,2}表\)$")   # Z01 …(财决01表): the 决算 client's sheets
_TOC = re.compile(r"(\.{3,}|…{1,}|·{3,}|\s\d{1,3})\s*$")

# national / other provinces' titles of the same tables (printed instead of ours)
ALIASES: dict[str, tuple[str, ...]] = {
    "T06": ("一般公共预算财政拨款基本支出决算表",),
    "T08": ("国有资本经营预算财政拨款收入支出决算表",),
    "T09": ("一般公共预算财政拨款“三公”经费支出决算表", "“三公”经费支出决算表"),
    "T10": ("部门决算相关信息统计表",),
}


def number(token: str) -> int | None:
    """"3" → 3, "三" → 3, "十二" → 12."""
    if token.isdigit():
        return int(token)
    if token == "十":
        return 10
    if token.startswith("十") and len(token) == 2 and token[1] in _NUMERALS:
        return 10 + _NUMERALS.index(token[1]) + 1
    if len(token) == 1 and token in _NUMERALS:
        return _NUMERALS.index(token) + 1
    return None


def _norm(text: str) -> str:
    return plain(text).translate(_QUOTES).translate(_BRACKETS)


class TitleMatcher:
    """Which form a heading line names, by title (see the module docstring)."""

    def __init__(self, forms: tuple[FormSpec, ...], dept: str = "") -> None:
        self.dept = _norm(dept)
        self.patterns: list[tuple[re.Pattern[str], str, int]] = []
        for f in forms:
            for title in (f.title, *ALIASES.get(f.id, ())):
                t = re.escape(_norm(title)).replace(r"\{year\}", r"\d{4}")
                self.patterns.append((re.compile(t + "$"), f.id, len(title)))
        self.patterns.sort(key=lambda p: -p[2])          # the longest title first

    def match(self, text: str) -> str | None:
        s = _CONTINUED.sub("", _norm(text))
        s = _CLIENT_MARKS.sub("", s)
        s = _LIST_NUMBER.sub("", s)
        for pattern, fid, _ in self.patterns:
            m = pattern.search(s)
            if not m:
                continue
            prefix = s[:m.start()]
            if self._prefix_ok(prefix):
                return fid
        return None

    def _prefix_ok(self, prefix: str) -> bool:
        prefix = re.sub(rf"^(?:附)?表(?:[{_NUMERALS}]{{1,3}}|\d{{1,2}})", "", prefix)
        if not prefix:
            return True
        if self.dept and prefix.startswith(self.dept):
            prefix = prefix[len(self.dept):]
        return not prefix or bool(re.fullmatch(r"(.{0,30}?)?\d{4}\s*年度?", prefix) or _ORG.fullmatch(prefix))


def _heading_text(ln: Line) -> str | None:
    """The line as a heading candidate: no amounts, short, not a sentence."""
    s = ln.text.strip()
    if not s or len(s) > 80 or s.endswith(("。", "；", ";")):
        return None
    its = items(s)
    if any(i.kind == "num" and not re.fullmatch(r"\d{1,2}", i.text) for i in its[1:]):
        return None                           # a table row, not a heading
    return s


def find_tables(lines: list[Line], forms: tuple[FormSpec, ...], end: int, start: int = 0,
                dept: str = "") -> dict[str, tuple[int, int]]:
    """Index range (start, stop) in ``lines`` of each form's block, found by label or title.

    ``start``: the index of the tables part's heading (the 目录 above it is never read);
    ``dept``: the department name a title may be prefixed with."""
    by_label = {}
    for k, f in enumerate(forms, start=1):
        m = re.search(r"\d+", f.label)
        by_label[int(m.group()) if m else k] = f.id
    by_order = {k: f.id for k, f in enumerate(forms, start=1)}
    titles = TitleMatcher(forms, dept)
    starts: dict[str, int] = {}
    for i in range(start, min(end, len(lines))):
        s = _heading_text(lines[i])
        if s is None or (start == 0 and _TOC.search(s) and not _FINAL_LABEL.search(s)):
            continue
        fid = None
        m = _FINAL_LABEL.search(s)
        if m:
            fid = by_label.get(int(m.group(1) or m.group(2)))
        elif not _PAGE_HEADER.match(plain(s)):
            b = _BIAO_LABEL.match(s)
            if b:
                fid = by_order.get(number(b.group(1)) or 0)
                rest = s[b.end():]
                if rest and titles.match(rest) not in (None, fid):
                    fid = titles.match(rest)          # the title decides when both are given
        if fid is None:
            fid = titles.match(s)
        if fid is not None and fid not in starts:
            starts[fid] = i
    ordered = sorted(starts.items(), key=lambda kv: kv[1])
    return {fid: (at, ordered[k + 1][1] if k + 1 < len(ordered) else end)
            for k, (fid, at) in enumerate(ordered)}


def expected_titles(forms: tuple[FormSpec, ...], year: int) -> str:
    """“公开01表 收入支出决算总表”、… for the message when no table is found."""
    return "、".join(f"“{f.label} {f.title_for(year)}”" for f in forms[:3]) + "等"
