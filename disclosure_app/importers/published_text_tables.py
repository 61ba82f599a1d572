"""The ten tables of a published 决算公开 document, read back from its extracted text.

Text pulled out of a published PDF prints each table row as one line of tab-separated cells;
page numbers and watermarks fall between the rows, labels break over two lines ("公开02" / "表")
and blank lines appear inside tables.  Tables are found by their label 公开NN表 (or, failing
that, by their title on a line of its own), never by line number; rows are keyed the way the
form spec keys them:

- ``sided`` forms with 行次 (公开01, 公开04): the left panel's label, 行次, values, then the right
  panel's, on one line; rows are keyed ``L<行次>`` / ``R<行次>`` through the spec;
- ``sided`` forms printing codes (公开06): any cell holding one of the form's economic codes starts
  a (code, name, value) triple; the last line holds 人员经费合计 … 公用经费合计 … value;
- ``coded`` forms: the 合计 row and every 3/5/7-digit code row with its name, in printed order;
- ``fixed`` forms with 行次 (公开10): 行次 in the second cell;
- ``fixed`` forms without 行次 (公开09): the one line holding only amounts that is not the
  栏次 line 1 2 3 … .

Every cell goes through :func:`disclosure_app.amounts.parse_amount` (counts through
``parse_count``); "——" is an empty cell.  What cannot be read becomes a note naming the table
and the line, never an exception.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..amounts import AmountError, parse_amount, parse_count
from ..forms.spec import DASH, FormSpec
from ..model import CodeRow, Project

_CODE = re.compile(r"^(\d{3}|\d{5}|\d{7})$")
_CODE_AND_NAME = re.compile(r"^(\d{3}|\d{5}|\d{7})\s+(\S.*)$")
_AMOUNT_LIKE = re.compile(r"^[+-]?[\d,，]+(\.\d+)?$|^(——|—|-|–)$")
_LABEL = re.compile(r"^公开\s*(\d{1,2})\s*(表)?\s*$")
_NOISE = (re.compile(r"^\d{1,3}$"), re.compile(r"^[-－—]\s*\d{1,3}\s*[-－—]$"),
          re.compile(r"^第\s*\d+\s*页(\s*[,，/]?\s*共\s*\d+\s*页)?$"), re.compile(r"^共\s*\d+\s*页$"),
          re.compile(r"^仅供内部审核$"))


@dataclass
class Line:
    number: int                        # 1-based line number in the text
    text: str

    @property
    def cells(self) -> list[str]:
        return [c.strip() for c in self.text.split("\t")]


def is_noise(text: str) -> bool:
    """A page number, "第 3 页", or a draft watermark: never part of a table or a paragraph."""
    s = text.strip()
    return any(p.match(s) for p in _NOISE)


def find_tables(lines: list[Line], forms: tuple[FormSpec, ...], end: int) -> dict[str, tuple[int, int]]:
    """Index range (start, stop) in ``lines`` of each form's block, found by label or title."""
    labels = {int(re.search(r"\d+", f.label).group()): f for f in forms if re.search(r"\d+", f.label)}
    starts: dict[str, int] = {}
    for i, ln in enumerate(lines[:end]):
        m = _LABEL.match(ln.text.strip().replace(" ", ""))
        if m and int(m.group(1)) in labels:
            starts.setdefault(labels[int(m.group(1))].id, i)
    for f in forms:
        if f.id in starts:
            continue
        for i, ln in enumerate(lines[:end]):
            if ln.text.strip() == f.title and "\t" not in ln.text:
                starts[f.id] = i
                break
    ordered = sorted(starts.items(), key=lambda kv: kv[1])
    spans = {}
    for k, (form_id, start) in enumerate(ordered):
        stop = ordered[k + 1][1] if k + 1 < len(ordered) else end
        spans[form_id] = (start, stop)
    return spans


class TableReader:
    """Reads one form's block of lines into ``project``; ``notes`` collects what it could not."""

    def __init__(self, project: Project, spec: FormSpec, notes: list[str]) -> None:
        self.project, self.spec, self.notes = project, spec, notes
        self.name = spec.label

    def read(self, block: list[Line]) -> None:
        rows = [ln for ln in block if ln.text.strip()]
        for ln in rows:
            if is_noise(ln.text):
                self.notes.append(f"{self.name} 第{ln.number}行：“{ln.text.strip()}”是页码或水印，已跳过")
        rows = [ln for ln in rows if not is_noise(ln.text)]
        for ln in rows:
            s = ln.text.strip()
            if s.startswith("说明：") and s != self.spec.empty_note:
                self.project.form_notes[self.spec.id] = s
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

    # -- cells -----------------------------------------------------------------------------
    def _set(self, ln: Line, row: str, col: str, text: str) -> None:
        spec_row = self.spec.row(row)
        if spec_row is not None and spec_row.kind == DASH:
            return
        parser = parse_count if self.spec.value_kind(row, col) == "count" else parse_amount
        try:
            value = parser(text).value
        except AmountError as exc:
            self.notes.append(f"{self.name} 第{ln.number}行（{self._where(row)}）：{exc}，该格已留空")
            return
        if spec_row is not None and not spec_row.editable and value is not None:
            self.notes.append(f"{self.name} 第{ln.number}行：{self._where(row)}不应有数，“{text}”未导入")
            return
        self.project.set(self.spec.id, row, col, value)

    def _where(self, row: str) -> str:
        r = self.spec.row(row)
        if r is not None and r.line:
            return f"行次{r.line}"
        return "合计" if row == "total" else row

    # -- layouts ---------------------------------------------------------------------------
    def _sided(self, rows: list[Line]) -> None:
        panels = self.spec.panels
        by_line = [{r.line: r for r in p.rows if r.line} for p in panels]
        for ln in rows:
            cells = ln.cells
            pos, found = 0, False
            for k, panel in enumerate(panels):
                width = 2 + len(panel.columns)
                part = (cells[pos:pos + width] + [""] * width)[:width]
                row = by_line[k].get(part[1])
                if row is not None:
                    found = True
                    for col, text in zip(panel.columns, part[2:]):
                        self._set(ln, row.key, col.key, text)
                pos += width
            if not found and len(cells) > 2 and any(c.isdigit() for c in cells[1:3]) and "栏次" not in ln.text:
                self.notes.append(f"{self.name} 第{ln.number}行：找不到行次，未能读取：“{_short(ln.text)}”")

    def _economic(self, rows: list[Line]) -> None:
        codes = {r.code: r for r in self.spec.fixed_rows if r.code}
        totals = {r.label: r for r in self.spec.fixed_rows if r.kind == "total" and not r.code and r.label}
        for ln in rows:
            cells = ln.cells
            if any(c in totals for c in cells):
                self._totals(ln, cells, totals)
                continue
            for i, c in enumerate(cells):
                if c in codes and i + 1 < len(cells) and not _AMOUNT_LIKE.match(cells[i + 1] or "x"):
                    value = cells[i + 2] if i + 2 < len(cells) else ""
                    if value in codes or not (value == "" or _AMOUNT_LIKE.match(value)):
                        value = ""
                    self._set(ln, codes[c].key, "c1", value)
                elif _CODE.match(c) and c not in codes and i + 1 < len(cells) and cells[i + 1] \
                        and not _AMOUNT_LIKE.match(cells[i + 1]):
                    self.notes.append(f"{self.name} 第{ln.number}行：经济分类科目“{c} {cells[i + 1]}”不在本表表样中，"
                                      f"未导入")

    def _totals(self, ln: Line, cells: list[str], totals: dict) -> None:
        current = None
        for c in cells:
            if c in totals:
                current = totals[c]
            elif current is not None and c and _AMOUNT_LIKE.match(c):
                self._set(ln, current.key, "c1", c)
                current = None

    def _coded(self, rows: list[Line]) -> None:
        ncols = len(self.spec.panels[0].columns)
        names = self.project.codes(self.spec.id)
        for ln in rows:
            cells = ln.cells
            m = _CODE_AND_NAME.match(cells[0])
            if m:                                   # "2040601 行政运行" in one cell
                cells = [m.group(1), m.group(2), *cells[1:]]
            if cells[0] == "合计" or (cells[0] == "" and len(cells) > 1 and cells[1] == "合计"):
                key = "total"
            elif _CODE.match(cells[0]) and len(cells) > 1 and not _AMOUNT_LIKE.match(cells[1] or "x"):
                key = cells[0]
                if any(r.code == key for r in names):
                    self.notes.append(f"{self.name} 第{ln.number}行：科目代码“{key}”重复出现，后一行未导入")
                    continue
                names.append(CodeRow(key, cells[1]))
            else:
                if _CODE.match(cells[0]):
                    self.notes.append(f"{self.name} 第{ln.number}行：科目代码“{cells[0]}”后没有科目名称，未导入")
                continue
            values = (cells[2:] + [""] * ncols)[:ncols]
            for col, text in zip(self.spec.panels[0].columns, values):
                self._set(ln, key, col.key, text)

    def _numbered(self, rows: list[Line]) -> None:
        by_line = {r.line: r for r in self.spec.fixed_rows if r.line}
        col = self.spec.panels[0].columns[0].key
        for ln in rows:
            cells = ln.cells
            if len(cells) >= 2 and cells[1] in by_line:
                self._set(ln, by_line[cells[1]].key, col, cells[2] if len(cells) > 2 else "")
            elif len(cells) >= 2 and cells[1].isdigit():
                self.notes.append(f"{self.name} 第{ln.number}行：行次{cells[1]}不在本表表样中，未导入")

    def _single(self, rows: list[Line]) -> None:
        columns = self.spec.panels[0].columns
        row = self.spec.panels[0].rows[0].key
        numbers = [str(i) for i in range(1, len(columns) + 1)]
        for ln in rows:
            cells = (ln.cells + [""] * len(columns))[:len(columns)]
            if cells == numbers or not any(cells) or len([c for c in ln.cells if c]) > len(columns):
                continue
            if all(c == "" or _AMOUNT_LIKE.match(c) for c in cells):
                for col, text in zip(columns, cells):
                    self._set(ln, row, col.key, text)
                return


def _short(text: str) -> str:
    s = " ".join(text.split())
    return s if len(s) <= 40 else s[:40] + "…"


def read_tables(project: Project, lines: list[Line], end: int, notes: list[str]) -> int:
    """Read every form of the project's profile from ``lines[:end]``; the number of tables found."""
    forms = project.profile.forms
    spans = find_tables(lines, forms, end)
    for spec in forms:
        if spec.id not in spans:
            notes.append(f"没有找到{spec.label}“{spec.title}”：该表未导入，请核对原文件或在表中录入")
            continue
        start, stop = spans[spec.id]
        TableReader(project, spec, notes).read(lines[start:stop])
    return len(spans)
