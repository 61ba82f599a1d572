"""The thirteen tables of a published 部门预算公开 (表一–表十三), read back from its extracted text.

A 预算公开 prints its tables without 行次 and, in 表六, without codes, so rows are found the way
the accountant reads them (tables themselves are found by :mod:`.published_text_find`):

- 表一/表四/表十: rows by their printed label, in the form's order (表四 prints "一般公共预算"
  twice: the second is the 上年财政拨款结转 one), compared without list numbering ("一、",
  "①") and with a few rewordings publications use (:data:`.published_text_rows.SYNONYMS`);
  a label inside the table that matches no row is a note naming the line;
- 表二/三/五/七/八: the 合计 row and every 类/款/项 code row, exactly as the 决算 tables;
- 表六: every 类/款 by its 经济分类 name (looked up in the year's catalogue) or by a printed code,
  the 政府预算支出经济分类 name beside it kept with the row;
- 表九: the 合计 line, 收入 and 支出 by position (or split at the second 合计);
- 表十一–十三: records — the department row first, then each unit (``u<n>``) and, in 表十二/十三,
  its projects (``p<n>``): of the ways to split the rows so that every unit equals the projects
  below it within the rounding tail (or to list projects only, adding up to the department row),
  the one whose units read most like units (the department's name, a name ending in 局/中心/所…,
  "（本级）") and whose projects least; a unit row printed once or a 0.01 tail changes nothing.

Amounts whose empty cells vanished are placed by arithmetic as in the 决算 tables.
"""

from __future__ import annotations

import re
from decimal import Decimal

from ..catalogues import CatalogueError, economic_catalogue, names_match
from ..model import CodeRow, Project
from ..rules.engine import tail_bound
from .published_text_lines import Item, Line, cell_item, items, plain, positional_cells, short
from .published_text_resolve import Pending
from .published_text_rows import HEADER_WORDS, is_total_label, label_index, label_key
from .published_text_tables import TableReader

_NUMERALS = "一二三四五六七八九十"
_BUDGET_MARKS = (re.compile(r"部门预算公开|预算公开表|预算收支总表|部门预算情况说明"),
                 re.compile(rf"^表[{_NUMERALS}]{{1,3}}\s*\d{{4}}年", re.M))
_FINAL_MARKS = (re.compile(r"决算公开|公开\s*\d{2}\s*表|决算表|决算情况说明"),)
_UNIT = re.compile(r"(局|委员会|委|办公室|办|院|馆|中心|站|所|处|队|会|部|厅|学校|中学|小学|幼儿园|社|团|本级[)）]?)$")


def detect_kind(text: str) -> str:
    """"budget" when the text reads as a 预算公开 (表一… / 部门预算公开), else "final"."""
    budget = sum(len(p.findall(text)) for p in _BUDGET_MARKS)
    final = sum(len(p.findall(text)) for p in _FINAL_MARKS)
    return "budget" if budget > final else "final"


class BudgetTableReader(TableReader):
    """:class:`TableReader` with the 预算公开 layouts (see the module docstring)."""

    def read(self, block: list[Line]) -> None:
        fid = self.spec.id
        if self.spec.layout == "coded" and fid not in ("B06", "B11", "B12", "B13"):
            super().read(block)
            return
        rows = self._clean(block)
        if fid == "B06":
            self._economic_names(rows)
        elif fid in ("B11", "B12", "B13"):
            self._records(rows)
        elif fid == "B09":
            self._state_capital(rows)
        else:
            self._labelled(rows)
        self.report_empty()

    # -- 表一 / 表四 / 表十 --------------------------------------------------------------------
    def _labelled(self, rows: list[Line]) -> None:
        panels = self.spec.panels
        width = sum(1 + len(p.columns) for p in panels)
        cursors = [0] * len(panels)
        for ln in rows:
            cells = positional_cells(ln, width, stub=1)
            parts = self._parts(ln, cells, panels, cursors)
            for k, (label, values) in enumerate(parts):
                if not label or label_key(label) in HEADER_WORDS:
                    continue
                j = label_index(panels[k], label, cursors[k])
                if j is None:
                    if any(v.kind == "num" for v in values):
                        self.notes.append(f"{self.name} 第{ln.number}行：“{label}”不是本表表样中的行，"
                                          f"其金额未导入，请核对")
                    continue
                cursors[k] = j + 1
                self.put(ln, panels[k].rows[j].key, panels[k], values, cells is not None, label)

    def _parts(self, ln: Line, cells: list[Item] | None, panels, cursors) -> list[tuple[str, list[Item]]]:
        """(label, value items) of each panel on the line."""
        if cells is not None:
            out, pos = [], 0
            for p in panels:
                w = 1 + len(p.columns)
                part = cells[pos:pos + w]
                pos += w
                out.append((part[0].text if part[0].kind == "text" else "", part[1:]))
            return out
        runs: list[tuple[list[str], list[Item]]] = []
        for it in items(ln.text, merge=False):
            if it.kind == "text":
                if not runs or runs[-1][1]:
                    runs.append(([], []))
                runs[-1][0].append(it.text)
            elif runs:
                runs[-1][1].append(it)
        if len(panels) == 1:
            return [(" ".join(runs[0][0]), runs[0][1])] if runs else []
        if len(runs) >= 2:
            return [(" ".join(r[0]), r[1]) for r in runs[:2]]
        if not runs:
            return []
        words, values = runs[0]
        for fuzzy in (False, True):
            for cut in range(1, len(words)):
                left, right = " ".join(words[:cut]), " ".join(words[cut:])
                if label_index(panels[0], left, cursors[0], fuzzy) is not None \
                        and label_index(panels[1], right, cursors[1], fuzzy) is not None:
                    return [(left, []), (right, values)]
        whole = " ".join(words)
        for fuzzy in (False, True):
            if label_index(panels[1], whole, cursors[1], fuzzy) is not None:
                return [("", []), (whole, values)]
            if label_index(panels[0], whole, cursors[0], fuzzy) is not None:
                return [(whole, values), ("", [])]
        return [(whole, values), ("", [])]

    # -- 表九 ----------------------------------------------------------------------------------
    def _state_capital(self, rows: list[Line]) -> None:
        """表九: the 合计 line — 收入 国有资本经营收入预算, then 支出 合计/基本/项目."""
        income, spending = self.spec.panels
        for ln in rows:
            labels = [k for k, c in enumerate(ln.cells) if is_total_label(c)] if ln.tabbed else []
            if len(labels) == 2 and len(ln.cells) != 8:            # 合计 … 合计 …: each side's cells by position after its label
                a, b = labels
                cells = ln.cells
                while len(cells) > b + 1 + len(spending.columns) and not cells[-1]:
                    cells = cells[:-1]
                left = [cell_item(c) or Item("text", c) for c in cells[a + 1:b]][-len(income.columns):]
                right = [cell_item(c) or Item("text", c) for c in cells[b + 1:]][-len(spending.columns):]
                if len(left) == len(income.columns) and len(right) == len(spending.columns):
                    self.put(ln, "in_total", income, left, True, "收入合计")
                    self.put(ln, "out_total", spending, right, True, "支出合计")
                    return
            cells = positional_cells(ln, 8, stub=2)
            if cells is not None:
                if not is_total_label(cells[0].text):
                    continue
                self.put(ln, "in_total", income, cells[2:3], True, "收入合计")
                self.put(ln, "out_total", spending, cells[5:8], True, "支出合计")
                return
            its = items(ln.text)
            if not its or not is_total_label(its[0].text):
                continue
            second = next((k for k in range(1, len(its)) if its[k].kind == "text"), None)
            if second is not None and is_total_label(its[second].text):
                self.put(ln, "in_total", income, [i for i in its[1:second] if i.is_value], False, "收入合计")
                self.put(ln, "out_total", spending, [i for i in its[second + 1:] if i.is_value], False, "支出合计")
            elif second is None and len(its) == 5:
                self.put(ln, "in_total", income, its[1:2], True, "收入合计")
                self.put(ln, "out_total", spending, its[2:5], True, "支出合计")
            elif any(i.kind == "num" for i in its[1:]):
                self.notes.append(f"{self.name} 第{ln.number}行：合计行的金额无法分到收入和支出（列位置不确定，请核对），"
                                  f"未导入：“{short(ln.text)}”")
            return

    # -- 表六 ----------------------------------------------------------------------------------
    def _economic_names(self, rows: list[Line]) -> None:
        """表六: 类 and 款 by name or printed code; the 政府预算支出经济分类 name beside it."""
        try:
            catalogue = economic_catalogue(self.project.info.year)
        except CatalogueError as exc:
            self.notes.append(f"{self.name}：{exc}，本表未导入")
            return
        panel = self.spec.panels[0]
        names = self.project.codes(self.spec.id)
        current: str | None = None
        total_seen = False
        for ln in rows:
            got = self._economic_row(ln, catalogue, current)
            if got is None:
                continue
            code, name, gov, values, positional = got
            if not any(v.kind == "num" for v in values):
                continue
            if code == "total":
                if total_seen:
                    self.notes.append(f"{self.name} 第{ln.number}行：第二个“合计”行，未导入")
                    continue
                total_seen = True
                self.put(ln, "total", panel, values, positional, "合计")
                continue
            if code is None or any(r.code == code for r in names):
                self.notes.append(f"{self.name} 第{ln.number}行：“{name}”不是{self.project.info.year}年"
                                  f"部门预算支出经济分类中的科目（或重复出现），未导入")
                continue
            if len(code) == 3:
                current = code
            names.append(CodeRow(code, name, {"gov": gov} if len(code) > 3 and gov else {}))
            self.put(ln, code, panel, values, positional, f"{code} {name}")

    def _economic_row(self, ln: Line, catalogue, current: str | None):
        """(code or "total" or None, name, gov name, values, positional) of a 表六 line."""
        ncols = len(self.spec.panels[0].columns)
        text = ln.text
        printed = None
        m = re.match(r"^\s*([35]\d{2}(?:\d{2})?)(?:\s+|\t)(.*)$", text)
        if m:
            printed, text = m.group(1), m.group(2)
            if text.startswith("\t"):
                text = text[1:]
        line = Line(ln.number, text)
        cells = positional_cells(line, 2 + ncols)
        if cells is not None:
            words = [c.text for c in cells[:2] if c.kind == "text"]
            name = cells[0].text if cells[0].kind == "text" else ""
            gov = cells[1].text if cells[1].kind == "text" else ""
            values = cells[2:]
        else:
            its = items(text, merge=False)
            words = []
            while its and its[0].kind == "text":
                words.append(its.pop(0).text)
            values = its
            name, gov = self._split_names(words, catalogue, current)
        if not words and printed is None:
            return None
        if is_total_label(name) or (not name and is_total_label(gov)):
            return "total", "合计", "", values, cells is not None
        code = printed if printed and catalogue.name(printed) else self._economic_code(catalogue, name, current)
        if printed and not name:
            name = catalogue.name(printed) or ""
        return code, name, gov, values, cells is not None

    def _split_names(self, words: list[str], catalogue, current: str | None) -> tuple[str, str]:
        for cut in range(len(words), 0, -1):
            name = " ".join(words[:cut])
            if self._economic_code(catalogue, name, current) is not None or is_total_label(name):
                return name, " ".join(words[cut:])
        return (words[0], " ".join(words[1:])) if words else ("", "")

    @staticmethod
    def _economic_code(catalogue, name: str, current: str | None) -> str | None:
        classes = [c for c in catalogue.names if len(c) == 3]
        code = next((c for c in classes if names_match(catalogue.names[c], name)), None)
        if code is None and current is not None:
            code = next((c for c in catalogue.children(current) if names_match(catalogue.names[c], name)), None)
        return code

    # -- 表十一 – 表十三 -----------------------------------------------------------------------
    def _records(self, rows: list[Line]) -> None:
        panel = self.spec.panels[0]
        ncols = len(panel.columns)
        read: list[tuple[Line, str, list[Item], bool]] = []
        for ln in rows:
            cells = positional_cells(ln, 1 + ncols, stub=1)
            if cells is not None:
                name, values = (cells[0].text if cells[0].kind == "text" else ""), cells[1:]
            else:
                its = items(ln.text)
                if not its or its[0].kind != "text":
                    continue
                name, values = its[0].text, its[1:]
            if not name or not all(v.is_value for v in values) or not any(v.kind == "num" for v in values):
                continue
            read.append((ln, name, values, cells is not None))
        if not read:
            return
        ln, name, values, positional = read[0]
        self.put(ln, "total", panel, values, positional, "合计")
        kinds = self._record_kinds(read)
        names = self.project.codes(self.spec.id)
        units = projects = 0
        for (ln, name, values, positional), unit in zip(read[1:], kinds):
            if unit:
                units += 1
                key = f"u{units}"
            else:
                projects += 1
                key = f"p{projects}"
            names.append(CodeRow(key, name))
            self.put(ln, key, panel, values, positional, name)

    def _record_kinds(self, read) -> list[bool]:
        """Whether each record after the department row is a unit (else a project): the split in
        which every unit equals the projects below it (within the rounding tail) that agrees best
        with the names (a unit reads as one: the department's name, 局/中心/所…, （本级）)."""
        rest = read[1:]
        if self.spec.id == "B11":
            return [True] * len(rest)
        first = [_first_amount(values) for _, _, values, _ in rest]
        dept = plain(self.project.info.name)
        named = [bool(_UNIT.search(plain(n))) or bool(dept and plain(n) == dept) for _, n, _, _ in rest]
        best = _best_split(first, named)
        options = []
        if best is not None:
            options.append(best)
        if _close(sum(first, Decimal(0)), _first_amount(read[0][2]), len(first)):
            options.append((sum(not u for u in named), [False] * len(rest)))     # projects without units
        if options:
            return max(options, key=lambda o: o[0])[1]
        kinds = named if any(named) else [True] + [False] * (len(rest) - 1)
        for k, unit in enumerate(kinds):
            if not unit:
                continue
            nxt = next((j for j in range(k + 1, len(kinds)) if kinds[j]), len(kinds))
            parts = first[k + 1:nxt]
            if not _close(sum(parts, Decimal(0)), first[k], len(parts) + 1):
                ln, name = rest[k][0], rest[k][1]
                self.notes.append(f"{self.name} 第{ln.number}行：单位“{name}”的合计与其下 {len(parts)} 个项目之和"
                                  f"不一致（差 {first[k] - sum(parts, Decimal(0))}），请核对单位与项目的划分")
        return kinds


def _best_split(first: list[Decimal], named: list[bool]) -> tuple[int, list[bool]] | None:
    """(score, kinds) of the best split into units each followed by projects adding up to it."""
    n = len(first)
    best: list[tuple[int, list[bool]] | None] = [None] * (n + 1)
    best[n] = (0, [])
    for i in range(n - 1, -1, -1):
        running = Decimal(0)
        for j in range(i + 1, n):
            running += first[j]
            if best[j + 1] is None or not _close(running, first[i], j - i + 1):
                continue
            score = best[j + 1][0] + int(named[i]) + sum(not named[k] for k in range(i + 1, j + 1))
            if best[i] is None or score > best[i][0]:
                best[i] = (score, [True] + [False] * (j - i) + best[j + 1][1])
    return best[0]


def _first_amount(values: list[Item]) -> Decimal:
    for v in values:
        if v.kind == "num":
            try:
                return Decimal(v.text.replace(",", "").strip("()"))
            except ArithmeticError:
                return Decimal(0)
    return Decimal(0)


def _close(a: Decimal, b: Decimal, n: int) -> bool:
    return abs(a - b) <= max(tail_bound(n), Decimal("0.01"))


def read_budget_tables(project: Project, lines: list[Line], spans: dict[str, tuple[int, int]],
                       notes: list[str]) -> list[Pending]:
    """Read the 13 tables of a 预算公开 from their blocks ``spans[form]`` of ``lines``; the rows
    left to place by arithmetic."""
    forms = project.profile.forms
    year = project.info.year
    pending: list[Pending] = []
    for spec in forms:
        if spec.id not in spans:
            notes.append(f"没有找到{spec.label}“{spec.title_for(year)}”：该表未导入，请核对原文件或在表中录入")
            continue
        a, b = spans[spec.id]
        BudgetTableReader(project, spec, notes, pending).read(lines[a:b])
    return pending


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


def budget_prior_current(project: Project, key: str) -> Decimal | None:
    """预算: ``prior.<表>.<行>`` compares with the first column of the row's panel; 机关运行经费
    with 表十一's 部门合计."""
    if key == "prior.running_costs":
        return project.get("B11", "total", "c1") or Decimal(0)
    parts = key.split(".")
    if len(parts) != 3:
        return None
    form = project.profile.form(parts[1]) if parts[1] in {f.id for f in project.profile.forms} else None
    if form is None:
        return None
    panel = next((p for p in form.panels if any(r.key == parts[2] for r in p.rows)), form.panels[0])
    return project.get(form.id, parts[2], panel.columns[0].key) or Decimal(0)
