"""The thirteen tables of a published 部门预算公开 (表一–表十三), read back from its extracted text.

A 预算公开 prints its tables without 行次 and, in 表六, without codes, so rows are found the way
the accountant reads them:

- tables by their title, which carries the year ("2025年预算收支总表"), or, failing that, by a
  label 表一…表十三 on a line of its own ("预算公开表1" page headers are left alone);
- 表一/表四/表九/表十: rows by their printed label, in the form's order (表四 prints
  "一、一般公共预算" twice: the second is the 上年财政拨款结转 one);
- 表二/三/五/七/八: the 合计 row and every 类/款/项 code row, exactly as the 决算 tables;
- 表六: every 类/款 by its 经济分类 name (looked up in the year's catalogue), the 政府预算支出
  经济分类 name beside it kept with the row;
- 表十一–十三: records — the department row first, then each unit (``u<n>``) and, in 表十二/十三,
  its projects (``p<n>``): a unit's projects follow it until their 合计 add up to the unit's.

What cannot be read becomes a note naming the table and the line, never an exception.
"""

from __future__ import annotations

import re
from decimal import Decimal

from ..amounts import AmountError, parse_amount
from ..catalogues import CatalogueError, economic_catalogue, names_match
from ..forms.spec import FormSpec
from ..model import CodeRow, Project
from .published_text_tables import _AMOUNT_LIKE, Line, TableReader, is_noise

_NUMERALS = "一二三四五六七八九十"
_LABEL = re.compile(rf"^(?:预算公开|部门公开)?表\s*([{_NUMERALS}]{{1,3}}|\d{{1,2}})\s*(.*)$")
_BUDGET_MARKS = (re.compile(r"部门预算公开|预算公开表|预算收支总表|部门预算情况说明"),
                 re.compile(rf"^表[{_NUMERALS}]{{1,3}}\s*\d{{4}}年", re.M))
_FINAL_MARKS = (re.compile(r"决算公开|公开\s*\d{2}\s*表|决算表|决算情况说明"),)


def detect_kind(text: str) -> str:
    """"budget" when the text reads as a 预算公开 (表一… / 部门预算公开), else "final"."""
    budget = sum(len(p.findall(text)) for p in _BUDGET_MARKS)
    final = sum(len(p.findall(text)) for p in _FINAL_MARKS)
    return "budget" if budget > final else "final"


def _number(token: str) -> int | None:
    if token.isdigit():
        return int(token)
    if token == "十":
        return 10
    if token.startswith("十"):
        return 10 + _NUMERALS.index(token[1]) + 1
    if len(token) == 1 and token in _NUMERALS:
        return _NUMERALS.index(token) + 1
    return None


def _plain(text: str) -> str:
    return re.sub(r"\s+", "", text)


def find_budget_tables(lines: list[Line], forms: tuple[FormSpec, ...], year: int,
                       end: int) -> dict[str, tuple[int, int]]:
    """Index range (start, stop) of each form's block: by its titled line, else by 表N label."""
    titles = {_plain(f.title.format(year=year)): f.id for f in forms}
    any_year = [(re.compile(re.escape(_plain(f.title)).replace(r"\{year\}", r"\d{4}") + "$"), f.id) for f in forms]
    by_number = {_number(f.label[1:]): f for f in forms}
    starts: dict[str, int] = {}
    for i, ln in enumerate(lines[:end]):
        if "\t" in ln.text:
            continue
        s = _plain(ln.text)
        m = _LABEL.match(s)
        if m and not s.startswith(("预算公开", "部门公开")) and _number(m.group(1)) in by_number:
            form = by_number[_number(m.group(1))]
            if not m.group(2) or _plain(form.title.format(year=year)) == m.group(2):
                starts.setdefault(form.id, i)
                continue
        fid = titles.get(s) or next((f for pattern, f in any_year if pattern.match(s)), None)
        if fid:                                 # the year of the title when no "NNNN年度" was found
            starts.setdefault(fid, i)
    ordered = sorted(starts.items(), key=lambda kv: kv[1])
    return {fid: (start, ordered[k + 1][1] if k + 1 < len(ordered) else end)
            for k, (fid, start) in enumerate(ordered)}


class BudgetTableReader(TableReader):
    """:class:`TableReader` with the 预算公开 layouts (see the module docstring)."""

    def read(self, block: list[Line]) -> None:
        fid = self.spec.id
        if self.spec.layout == "coded" and fid not in ("B06", "B11", "B12", "B13"):
            super().read(block)
            return
        rows = [ln for ln in block if ln.text.strip() and not is_noise(ln.text)]
        if fid == "B06":
            self._economic_names(rows)
        elif fid in ("B11", "B12", "B13"):
            self._records(rows)
        elif fid == "B09":
            self._state_capital(rows)
        else:
            self._labelled(rows)

    def _labelled(self, rows: list[Line]) -> None:
        """Rows by their printed label, panel by panel, each panel's labels in the form's order."""
        panels = self.spec.panels
        cursors = [0] * len(panels)
        for ln in rows:
            cells, pos = ln.cells, 0
            for k, panel in enumerate(panels):
                width = 1 + len(panel.columns)
                part = (cells[pos:pos + width] + [""] * width)[:width]
                pos += width
                label = part[0]
                if not label or not all(c == "" or _AMOUNT_LIKE.match(c) for c in part[1:]):
                    continue
                found = next((j for j in range(cursors[k], len(panel.rows))
                              if panel.rows[j].label and names_match(panel.rows[j].label, label)), None)
                if found is None:
                    continue
                cursors[k] = found + 1
                for col, text in zip(panel.columns, part[1:]):
                    self._set(ln, panel.rows[found].key, col.key, text)

    def _state_capital(self, rows: list[Line]) -> None:
        """表九: only the 合计 line; its amounts go to 收入 then 支出 合计/基本/项目 in order."""
        slots = [("in_total", "c1"), ("out_total", "c2"), ("out_total", "c3"), ("out_total", "c4")]
        for ln in rows:
            cells = ln.cells
            if cells[0] != "合计":
                continue
            amounts = [c for c in cells[1:] if c and _AMOUNT_LIKE.match(c)]
            if len(amounts) > len(slots):
                self.notes.append(f"{self.name} 第{ln.number}行：合计行的金额多于表样的栏数，未导入")
                return
            for (row, col), text in zip(slots, amounts):
                self._set(ln, row, col, text)
            return

    def _economic_names(self, rows: list[Line]) -> None:
        """表六: 类 and 款 by name; the 政府预算支出经济分类 name in the second cell."""
        try:
            catalogue = economic_catalogue(self.project.info.year)
        except CatalogueError as exc:
            self.notes.append(f"{self.name}：{exc}，本表未导入")
            return
        classes = [c for c in catalogue.names if len(c) == 3]
        columns = self.spec.panels[0].columns
        names = self.project.codes(self.spec.id)
        current: str | None = None
        for ln in rows:
            cells = ln.cells
            values = (cells[2:] + [""] * len(columns))[:len(columns)]
            if len(cells) < 3 or not all(c == "" or _AMOUNT_LIKE.match(c) for c in values) or not any(values):
                continue
            if cells[0] == "合计":
                key = "total"
            else:
                code = next((c for c in classes if names_match(catalogue.names[c], cells[0])), None)
                if code is not None:
                    current = code
                elif current is not None:
                    code = next((c for c in catalogue.children(current)
                                 if names_match(catalogue.names[c], cells[0])), None)
                if code is None or any(r.code == code for r in names):
                    self.notes.append(f"{self.name} 第{ln.number}行：“{cells[0]}”不是{self.project.info.year}年"
                                      f"部门预算支出经济分类中的科目（或重复出现），未导入")
                    continue
                names.append(CodeRow(code, cells[0], {"gov": cells[1]} if len(code) > 3 and cells[1] else {}))
                key = code
            for col, text in zip(columns, values):
                self._set(ln, key, col.key, text)

    def _records(self, rows: list[Line]) -> None:
        """表十一–十三: department row, then units and (表十二/十三) the projects under each."""
        columns = self.spec.panels[0].columns
        names = self.project.codes(self.spec.id)
        with_projects = self.spec.id != "B11"
        numbers = [str(i) for i in range(1, len(columns) + 2)]
        total_seen = False
        units = projects = 0
        remaining: Decimal | None = None
        for ln in rows:
            cells = ln.cells
            if cells[:len(numbers)] == numbers[:len(cells)]:
                continue
            values = (cells[1:] + [""] * len(columns))[:len(columns)]
            if not cells[0] or not all(c == "" or _AMOUNT_LIKE.match(c) for c in values) or not any(values):
                continue
            if not total_seen:
                total_seen = True
                self._values(ln, "total", values)
                continue
            if not with_projects or remaining is None or remaining <= 0:
                units += 1
                key = f"u{units}"
                remaining = _amount(values[0]) if with_projects else None
            else:
                projects += 1
                key = f"p{projects}"
                remaining -= _amount(values[0])
            names.append(CodeRow(key, cells[0]))
            self._values(ln, key, values)
        if with_projects and remaining:
            self.notes.append(f"{self.name}：最后一个单位的项目合计与单位合计不一致（差 {remaining}），请核对")

    def _values(self, ln: Line, key: str, values: list[str]) -> None:
        for col, text in zip(self.spec.panels[0].columns, values):
            self._set(ln, key, col.key, text)


def _amount(text: str) -> Decimal:
    try:
        return parse_amount(text).value or Decimal(0)
    except AmountError:
        return Decimal(0)


def read_budget_tables(project: Project, lines: list[Line], end: int, notes: list[str]) -> int:
    """Read the 13 tables of a 预算公开 from ``lines[:end]``; the number of tables found."""
    forms = project.profile.forms
    year = project.info.year
    spans = find_budget_tables(lines, forms, year, end)
    for spec in forms:
        if spec.id not in spans:
            notes.append(f"没有找到{spec.label}“{spec.title.format(year=year)}”：该表未导入，请核对原文件或在表中录入")
            continue
        start, stop = spans[spec.id]
        BudgetTableReader(project, spec, notes).read(lines[start:stop])
    return len(spans)


def narrative_lines(lines: list[Line]) -> list[Line]:
    """The 情况说明 lines without the tables printed inside it (绩效目标表 after "见附件")."""
    top = re.compile(rf"^[{_NUMERALS}]{{1,3}}、")
    out: list[Line] = []
    skipping = False
    for ln in lines:
        s = ln.text.strip()
        if skipping and top.match(s) and "\t" not in ln.text:
            skipping = False
        if skipping or "\t" in ln.text:
            continue
        out.append(ln)
        if "见附件" in s:
            skipping = True
    return out
