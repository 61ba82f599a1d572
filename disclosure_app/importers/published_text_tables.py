"""The ten tables of a published 决算公开 document, read back from its extracted text.

Tables are found by label or title (:mod:`.published_text_find`); rows are keyed the way the
form spec keys them, and every line is read either by position (tab-separated with its empty
cells) or, when positions are lost, as a sequence of tokens (:mod:`.published_text_lines`):

- ``sided`` forms with 行次 (公开01, 公开04): the 行次 find the row, left and right; a 行次 is
  never read as an amount — the right panel's 行次 on the same line is known from the left one;
- ``sided`` forms printing codes (公开06): each (code, name, value) triple; the line holding
  人员经费合计 / 公用经费合计 takes the last amount before the next label (a "-" or "0.00"
  printed in an empty cell before it is not the total);
- ``coded`` forms: the 合计 row and every 类/款/项 code row of the table's scheme; a code of
  another scheme (an economic 301 in a function table) ends the table with a note — the next
  table's heading was not recognised; a second 合计 is a note, never an overwrite;
- ``fixed`` forms with 行次 (公开10): label, 行次, value;
- ``fixed`` forms without 行次 (公开09): the one line holding only amounts.

A row whose amounts are fewer than its columns, with the empty cells lost, is placed by
arithmetic (:mod:`.published_text_resolve`).  "-", "—", "－", "——" are empty cells; a zero printed
in a cell that takes no value ("——" rows) is not worth a note.  A table whose lines give no row
at all is reported by name.  What cannot be read becomes a note, never an exception.
"""

from __future__ import annotations

import re
from decimal import Decimal

from ..amounts import AmountError, parse_amount, parse_count
from ..forms.spec import ECONOMIC, FUNCTION, INCOME, FormSpec, Panel
from ..model import CodeRow, Project
from .published_text_codes import looks_like_code, resolve_code
from .published_text_lines import (
    Item,
    Line,
    cell_item,
    is_code,
    is_noise,
    items,
    plain,
    positional_cells,
    short,
)
from .published_text_resolve import Pending, placements
from .published_text_rows import coded_row, is_total_label, join_wrapped_codes, merge_names

_YEAR_LINE = re.compile(r"^\d{4}\s*年度?$")
_LABEL_LINE = re.compile(r"^公开\s*\d{1,2}\s*表$")
_HEADER_LINE = re.compile(r"^(?:部门|部门名称|单位名称|编制单位|金额单位)[：:]")   # "部门：XX局  2024 年度  金额单位：万元"
_EMPTY_NOTE = re.compile(r"本表无数据|为空表|故本表|无此项|本单位无.{0,30}(收入|支出|经费)")
_SCHEME_FIRST = {FUNCTION: "2", INCOME: "1"}
_SCHEME_NAME = {"1": "收入分类", "2": "支出功能分类", "3": "经济分类", "5": "政府预算支出经济分类"}


class TableReader:
    """Reads one form's block of lines into ``project``; ``notes`` collects what it could not;
    rows whose amounts could stand in several columns go to ``pending``."""

    def __init__(self, project: Project, spec: FormSpec, notes: list[str], pending: list[Pending]) -> None:
        self.project, self.spec, self.notes, self.pending = project, spec, notes, pending
        self.name = spec.label
        self.rows_read = 0
        self.content: list[Line] = []

    def read(self, block: list[Line]) -> None:
        rows = self._clean(block)
        spec = self.spec
        if spec.layout == "coded":
            self._coded(rows)
        elif spec.layout == "sided" and any(r.print_code for r in spec.fixed_rows):
            self._economic(rows)
        elif spec.layout == "sided":
            self._sided(rows)
        elif any(r.line for r in spec.fixed_rows):
            self._numbered(rows)
        else:
            self._single(rows)
        self.report_empty()

    def _clean(self, block: list[Line]) -> list[Line]:
        """The block's table lines: notes kept aside, page numbers and watermarks noted and left out."""
        out = []
        for k, ln in enumerate(block):
            s = ln.text.strip()
            if not s or _YEAR_LINE.match(s) or _LABEL_LINE.match(s) or _HEADER_LINE.match(s):
                continue                    # blank, or the table's year line or label ("公开 01 表")
            if is_noise(s) and not self._code_continues(s, block[k + 1:]):
                self.notes.append(f"{self.name} 第{ln.number}行：“{s}”是页码或水印，已跳过")
                continue
            if (s.startswith("说明：") or (_EMPTY_NOTE.search(s) and not s.startswith("注"))) and not ln.tabbed \
                    and not any(i.kind == "num" for i in items(s)):
                if s != self.spec.empty_note:
                    self.project.form_notes[self.spec.id] = s
                continue
            if any(i.kind == "num" and ("." in i.text or len(i.text) >= 3) for i in items(s)) \
                    and not _YEAR_LINE.match(s) and "栏次" not in s and not s.startswith(("注", "部门名称", "单位名称")):
                self.content.append(ln)
            out.append(ln)
        return out

    def _code_continues(self, s: str, rest: list[Line]) -> bool:
        """A 类 code alone on its line with its name and amounts on the next one (a wrapped row),
        not a page number."""
        if self.spec.layout != "coded" or not is_code(s):
            return False
        nxt = next((ln.text.strip() for ln in rest if ln.text.strip()), "")
        its = items(nxt)
        return bool(its) and its[0].kind == "text" and not is_total_label(its[0].text) \
            and any(i.kind == "num" for i in its)

    def report_empty(self) -> None:
        """A note naming the table when its lines held numbers but none was read as a row."""
        if self.rows_read or not self.content:
            return
        ln = self.content[0]
        self.notes.append(f"{self.name}没有读到数据行：表内有 {len(self.content)} 行含数字的文字，但没有一行能按"
                          f"“{self.spec.title}”的表样读出（如第{ln.number}行“{short(ln.text)}”）。该表未导入，请核对"
                          f"提取的文字是否保留了表格的行（可用 pdftotext -layout 重新提取），或在表中录入")

    # -- cells -----------------------------------------------------------------------------
    def _parse(self, ln: Line, row: str, col: str, item: Item) -> tuple[bool, Decimal | None]:
        if item.kind == "blank":
            return True, None
        parser = parse_count if self.spec.value_kind(row, col) == "count" else parse_amount
        try:
            return True, parser(item.text).value
        except AmountError as exc:
            self.notes.append(f"{self.name} 第{ln.number}行（{self._where(row)}）：{exc}，该格已留空")
            return False, None

    def _set(self, ln: Line, row: str, col: str, item: Item) -> None:
        ok, value = self._parse(ln, row, col, item)
        self.rows_read += item.kind == "num"
        if ok:
            self._store(ln, row, col, value, item.text)

    def _store(self, ln: Line, row: str, col: str, value: Decimal | None, text: str) -> None:
        spec_row = self.spec.row(row)
        if spec_row is not None and not spec_row.editable:
            if value:                     # a printed 0.00 or "——" where no value belongs is fine
                self.notes.append(f"{self.name} 第{ln.number}行：{self._where(row)}不应有数，“{text}”未导入")
            return
        self.project.set(self.spec.id, row, col, value)

    def put(self, ln: Line, row: str, panel: Panel, values: list[Item], positional: bool, what: str = "") -> bool:
        """The row's amounts into the panel's columns: by position when known, else placed by
        arithmetic later; ``False`` (with a note) when there are more amounts than columns."""
        cols = panel.columns
        if len(values) > len(cols):
            extra = [v.text for v in values[len(cols):] if v.text]
            if positional and not extra:
                values = values[:len(cols)]
            else:
                self.notes.append(f"{self.name} 第{ln.number}行：{what or self._where(row)}有 {len(values)} 个金额，"
                                  f"多于本表的 {len(cols)} 栏，该行未导入：“{short(ln.text)}”")
                return False
        if positional or len(values) == len(cols):
            for col, item in zip(cols, values):
                self._set(ln, row, col.key, item)
            for col in cols[len(values):]:
                self._store(ln, row, col.key, None, "")
            return True
        self.rows_read += any(v.kind == "num" for v in values)
        parsed = []
        for item in values:
            ok, v = self._parse(ln, row, cols[0].key, item)
            parsed.append(v)
        spec_row = self.spec.row(row)
        if spec_row is not None and not spec_row.editable:
            return True
        cands = placements(parsed, len(cols))
        if len(cands) == 1:
            for col, v in zip(cols, cands[0]):
                self.project.set(self.spec.id, row, col.key, v)
            return True
        where = f"{self.name} 第{ln.number}行（{what or self._where(row)}）"
        year = str(self.project.info.year)
        headers = tuple("/".join(h.replace("{year}", year) for h in c.headers) for c in cols)
        self.pending.append(Pending(self.spec.id, row, tuple(c.key for c in cols), cands, ln.number, where, headers))
        return True

    def _where(self, row: str) -> str:
        r = self.spec.row(row)
        if r is not None and r.line:
            return f"行次{r.line}"
        if row == "total":
            return "合计"
        return f"{r.code} {r.label}" if r is not None and r.code else row

    # -- sided forms with 行次 (公开01, 公开04) ---------------------------------------------------
    def _sided(self, rows: list[Line]) -> None:
        panels = self.spec.panels
        width = sum(2 + len(p.columns) for p in panels)
        by_line = [{r.line: (j, r) for j, r in enumerate(p.rows) if r.line} for p in panels]
        for ln in rows:
            if "栏次" in ln.text or ln.text.strip().startswith("项目"):
                continue
            cells = positional_cells(ln, width)
            if cells is None:
                self._sided_tokens(ln, by_line)
                continue
            pos, found = 0, False
            for k, panel in enumerate(panels):
                w = 2 + len(panel.columns)
                part = cells[pos:pos + w]
                pos += w
                hit = by_line[k].get(part[1].text)
                if hit is not None:
                    found = True
                    self.put(ln, hit[1].key, panel, part[2:], True)
            if not found and any(c.kind == "num" for c in cells):
                self.notes.append(f"{self.name} 第{ln.number}行：找不到行次，未能读取：“{short(ln.text)}”")

    def _sided_tokens(self, ln: Line, by_line: list[dict]) -> None:
        """label 行次 amounts label 行次 amounts, with empty cells gone."""
        its = items(ln.text)
        panels = self.spec.panels
        start = self._row_number(its, by_line[0])
        if start is None:
            right = self._row_number(its, by_line[1]) if len(panels) > 1 else None
            if right is None:
                if any(i.kind == "num" for i in its):
                    self.notes.append(f"{self.name} 第{ln.number}行：找不到行次，未能读取：“{short(ln.text)}”")
                return
            j, row = by_line[1][its[right].text]
            self._sided_values(ln, its[right + 1:], row.key, panels[1])
            return
        j, left = by_line[0][its[start].text]
        rest = its[start + 1:]
        right_row = panels[1].rows[j] if len(panels) > 1 and j < len(panels[1].rows) else None
        split = None
        if right_row is not None and right_row.line:
            spots = [k for k, it in enumerate(rest) if it.kind == "num" and it.text == right_row.line]
            labelled = [k for k in spots if k > 0 and rest[k - 1].kind == "text"]
            split = labelled[0] if labelled else (spots[-1] if spots else None)
        if split is None:
            self._sided_values(ln, rest, left.key, panels[0])
        else:
            self._sided_values(ln, rest[:split], left.key, panels[0])
            self._sided_values(ln, rest[split + 1:], right_row.key, panels[1])

    def _row_number(self, its: list[Item], lines: dict) -> int | None:
        for k, it in enumerate(its):
            if it.kind == "num":
                return k if it.text in lines and all(i.kind == "text" for i in its[:k]) else None
        return None

    def _sided_values(self, ln: Line, its: list[Item], row: str, panel: Panel) -> None:
        values = []
        for it in its:
            if it.kind == "text":
                break
            values.append(it)
        self.put(ln, row, panel, values, False)

    # -- 公开06: (code, name, value) groups ----------------------------------------------------
    def _economic(self, rows: list[Line]) -> None:
        codes = {r.code: r for r in self.spec.fixed_rows if r.code}
        totals = {r.label: r for r in self.spec.fixed_rows if r.kind == "total" and not r.code and r.label}
        groups = len(self.spec.panels)
        for ln in rows:
            cells = positional_cells(ln, 3 * groups, stub=0)
            its = [c for c in cells if c.text] if cells is not None else items(ln.text, merge=False)
            its = merge_names(its)
            if any(i.kind == "text" and plain(i.text) in totals for i in its):
                self._totals(ln, its, totals)
                continue
            if len(its) > 1 and its[0].kind == "num" and is_code(its[0].text) and its[0].text[0] in "12" \
                    and its[1].kind == "text":
                self.notes.append(f"{self.name} 第{ln.number}行：“{its[0].text} {its[1].text}”是"
                                  f"{_SCHEME_NAME[its[0].text[0]]}科目，不属于本表，本表从此行起不再读取。"
                                  f"可能是下一张表的标题或标签没有识别，请核对该表")
                return
            for k, it in enumerate(its):
                if it.kind != "num" or k + 1 >= len(its) or its[k + 1].kind != "text":
                    continue
                nxt = its[k + 2] if k + 2 < len(its) else Item("blank", "")
                starts_triple = nxt.kind == "num" and k + 3 < len(its) and its[k + 3].kind == "text"
                value = Item("blank", "") if (nxt.kind == "text" or starts_triple) else nxt
                if it.text not in codes and looks_like_code(it.text) and not is_code(it.text) \
                        and it.text[0] in "35" and (k == 0 or its[k - 1].kind != "num" or "." in its[k - 1].text):
                    resolved = self._resolve(ln, it.text, its[k + 1].text,
                                             {c: r.label for c, r in codes.items()})
                    if resolved is not None:
                        self._set(ln, codes[resolved].key, "c1", value)
                    continue
                if it.text in codes:
                    self._set(ln, codes[it.text].key, "c1", value)
                elif is_code(it.text) and it.text[0] in "35":
                    self.notes.append(f"{self.name} 第{ln.number}行：经济分类科目“{it.text} {its[k + 1].text}”"
                                      f"不在本表表样中，未导入")

    def _totals(self, ln: Line, its: list[Item], totals: dict) -> None:
        """Each total label takes the last amount before the next label (a nonzero one first)."""
        current, got = None, []
        for it in [*its, Item("text", "")]:
            if it.kind == "text":
                if current is not None and got:
                    nonzero = [g for g in got if g.text.strip("0.,") != ""]
                    self._set(ln, current.key, "c1", (nonzero or got)[-1])
                current, got = totals.get(plain(it.text)), []
            elif it.kind == "num" and current is not None:
                got.append(it)

    # -- coded forms -------------------------------------------------------------------------
    def _coded(self, rows: list[Line]) -> None:
        panel = self.spec.panels[0]
        names = self.project.codes(self.spec.id)
        scheme = self.spec.coded.scheme if self.spec.coded else FUNCTION
        total_seen = False
        seen = {r.code for r in names}
        rows = join_wrapped_codes(rows)
        for ln in rows:
            got = coded_row(ln, len(panel.columns))
            if got is None:
                continue
            kind, code, name, values, positional = got
            if kind == "total":
                if total_seen:
                    self.notes.append(f"{self.name} 第{ln.number}行：第二个“合计”行，未导入（已按第一个合计行导入）："
                                      f"“{short(ln.text)}”")
                    continue
                total_seen = True
                self.put(ln, "total", panel, values, positional, "合计")
                continue
            if not name:
                self.notes.append(f"{self.name} 第{ln.number}行：科目代码“{code}”后没有科目名称，未导入")
                continue
            if not is_code(code):
                code = self._resolve(ln, code, name, self._catalogue(scheme))
                if code is None:
                    continue
            first = _SCHEME_FIRST.get(scheme)
            if (first and code[0] != first) or (scheme == ECONOMIC and code[0] not in "35") \
                    or (scheme == FUNCTION and len(code) > 7):
                kind_zh = _SCHEME_NAME.get(code[0], "其他")
                self.notes.append(f"{self.name} 第{ln.number}行：“{code} {name}”是{kind_zh}科目，不属于本表，"
                                  f"本表从此行起不再读取。可能是下一张表的标题或标签没有识别，请核对该表")
                return
            if kind == "unreadable":
                self.notes.append(f"{self.name} 第{ln.number}行：科目“{code} {name}”之后还有文字，无法按表样读取，"
                                  f"未导入：“{short(ln.text)}”")
                continue
            if code in seen:
                self.notes.append(f"{self.name} 第{ln.number}行：科目代码“{code}”重复出现，后一行未导入")
                continue
            seen.add(code)
            names.append(CodeRow(code, name))
            self.put(ln, code, panel, values, positional, f"{code} {name}")

    def _catalogue(self, scheme: str) -> dict[str, str]:
        from ..catalogues import economic_catalogue, function_catalogue
        year = self.project.info.year
        return dict((economic_catalogue if scheme == ECONOMIC else function_catalogue)(year).names)

    def _resolve(self, ln: Line, printed: str, name: str, names: dict[str, str]) -> str | None:
        """A code printed truncated or damaged ("3010" 基本工资), resolved by its printed name;
        noted either way (a row that cannot be placed is named, never dropped silently)."""
        code = resolve_code(printed, name, names)
        if code is None:
            self.notes.append(f"{self.name} 第{ln.number}行：科目代码“{printed}”不完整或有误，按名称“{name}”也对应不到"
                              f"唯一的科目，该行未导入：“{short(ln.text)}”。请核对原文件")
            return None
        self.notes.append(f"提示：{self.name} 第{ln.number}行：科目代码印为“{printed}”，按名称“{name}”读作 {code}")
        return code

    # -- fixed forms ---------------------------------------------------------------------------
    def _numbered(self, rows: list[Line]) -> None:
        by_line = {r.line: r for r in self.spec.fixed_rows if r.line}
        panel = self.spec.panels[0]
        for ln in rows:
            cells = ln.cells
            if ln.tabbed and len(cells) >= 2 and cells[1].isdigit():
                line, values = cells[1], [cell_item(c) or Item("text", c) for c in cells[2:3]]
            else:
                its = items(ln.text)
                k = next((k for k, it in enumerate(its) if it.kind == "num"), None)
                if k is None or not its[k].text.isdigit() or k > 1:
                    continue
                line, values = its[k].text, [it for it in its[k + 1:k + 2] if it.is_value]
            row = by_line.get(line)
            if row is None:
                self.notes.append(f"{self.name} 第{ln.number}行：行次{line}不在本表表样中，未导入")
                continue
            for col, item in zip(panel.columns, values or [Item("blank", "")]):
                self._set(ln, row.key, col.key, item)

    def _single(self, rows: list[Line]) -> None:
        panel = self.spec.panels[0]
        ncols = len(panel.columns)
        row = panel.rows[0].key
        for ln in rows:
            if "栏次" in ln.text or ln.text.strip().startswith("项目"):
                continue
            cells = positional_cells(ln, ncols, stub=0)
            its = cells if cells is not None else items(ln.text)
            while its and its[0].kind == "text" and cells is None:
                its = its[1:]                      # a row label such as "决算数"
            if not its or any(i.kind == "text" for i in its):
                continue
            if cells is not None and len(ln.cells) > ncols and any(ln.cells[ncols:]):
                continue
            numbers = [i.text for i in its if i.kind == "num"]
            if numbers and numbers == [str(k) for k in range(1, len(numbers) + 1)]:
                continue                           # the 栏次 line 1 2 3 …
            values = its if cells is not None else [i for i in its if i.is_value]
            self.put(ln, row, panel, values, cells is not None, "数据行")
            return


def read_tables(project: Project, lines: list[Line], spans: dict[str, tuple[int, int]],
                notes: list[str], reader: type[TableReader] | None = None) -> list[Pending]:
    """Read every form of the project's profile from its block ``spans[form]`` of ``lines`` with
    ``reader`` (:class:`TableReader` by default); the rows left to place by arithmetic
    (:func:`.published_text_resolve.resolve`)."""
    forms = project.profile.forms
    pending: list[Pending] = []
    for spec in forms:
        if spec.id not in spans:
            notes.append(f"没有找到{spec.label}“{spec.title}”：该表未导入，请核对原文件或在表中录入")
            continue
        a, b = spans[spec.id]
        (reader or TableReader)(project, spec, notes, pending).read(lines[a:b])
    return pending
