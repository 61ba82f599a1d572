"""What identifies each row of an exported sheet, so the reader never takes a value from a wrong row.

A user may insert or delete rows in Excel; the coordinates in the hidden keys then point at
other rows.  Every sheet therefore also records, row by row, what the layout printed there:

- ``fixed`` rows carry their identity — the header lines (texts per column, the 栏次 line
  included), and each body row's 科目代码 or 行次, or its label when it prints neither;
- ``data`` rows print nothing of their own (公开09's single row of figures, the fund and
  indicator rows of a 绩效自评表): they are found by their place between two fixed rows;
- ``blank`` rows are layout (the gap above the notes); ``soft`` rows (the notes) help to
  locate but may be edited or removed.

:mod:`disclosure_app.importers.xlsx_locate` matches these against the sheet.  No third-party
imports here: the anchors are plain data derived from the rendered table.
"""

from __future__ import annotations

import json
from dataclasses import dataclass

from ..annexes.layout import HEAD, LABEL, RenderedAnnex
from .table import RenderedTable

# The workbook's fixed names, shared by the writer (export) and the reader (importers).
KEYS_SHEET = "_project"
FINDINGS_SHEET = "校验结果"
ANNEX_SHEET = "附件"                 # sheets 附件1, 附件2, …
FORMAT = "disclosure-app-xlsx"
FORMAT_VERSION = 3            # 2: 情况说明 inputs and paragraphs keyed by section name; 3: records packed as JSON
INFO_FIELDS = ("name", "code", "year", "unit_type", "duties", "organisation")
OPTIONAL_INFO = ("units",)            # recorded only when typed, so older workbooks read the same
TEXT_KINDS = {"input": "inputs", "accepted": "accepted", "override": "overrides", "option": "options"}

FIXED, DATA, BLANK, SOFT = "fixed", "data", "blank", "soft"
FORM_HEADER_ROW = 4            # a form sheet: title, label, 部门名称 line, then the header
ANNEX_GRID_ROW = 4             # an annex sheet: title, 年度, a blank row, then the grid
# how a message names the identity of a row
ROLE_ZH = {"header": "表头", "number": "栏次", "code": "科目代码", "line": "行次", "label": "项目", "note": "注"}


@dataclass(frozen=True)
class Anchor:
    """One sheet row as written: its row number, kind, and the (column, text) cells naming it."""
    row: int
    kind: str
    role: str = ""
    ids: tuple[tuple[int, str], ...] = ()

    def what(self) -> str:
        """The row as a message names it: “栏次”行, 科目代码“201”的行, 行次“5”的行, “合计”行."""
        texts = [t for _, t in self.ids]
        if self.role == "number":
            return "“栏次”行"
        if self.role == "header":
            return f"表头“{'、'.join(texts[:3])}”行"
        if self.role in ("code", "line"):
            return f"{ROLE_ZH[self.role]}“{'”“'.join(texts)}”的行"
        if self.role == "note":
            return "注释行"
        return f"“{'、'.join(texts[:2])}”行" if texts else "数据行"


@dataclass(frozen=True)
class SheetAnchors:
    width: int                       # columns of the table
    rows: tuple[Anchor, ...]

    def to_json(self) -> str:
        return json.dumps({"width": self.width, "rows": [[a.row, a.kind, a.role, [list(i) for i in a.ids]]
                                                         for a in self.rows]}, ensure_ascii=False)

    @classmethod
    def from_json(cls, text: str) -> SheetAnchors:
        """Raises ``ValueError`` on a damaged record."""
        data = json.loads(text)
        rows = tuple(Anchor(int(r), str(k), str(role), tuple((int(c), str(t)) for c, t in ids))
                     for r, k, role, ids in data["rows"])
        return cls(int(data["width"]), rows)


def _is_number_line(line: tuple[str, ...]) -> bool:
    texts = [t for t in line if t]
    return bool(texts) and all(t.isdigit() or t == "栏次" for t in texts)


def table_anchors(table: RenderedTable, header_row: int) -> SheetAnchors:
    """The anchors of a form sheet whose header starts at ``header_row`` (notes one row below the body)."""
    rows: list[Anchor] = []
    for i, line in enumerate(table.header):
        role = "number" if i == table.header_rows - 1 and _is_number_line(line) else "header"
        rows.append(Anchor(header_row + i, FIXED, role, tuple((j + 1, t) for j, t in enumerate(line) if t)))
    first_body = header_row + table.header_rows
    for i, body in enumerate(table.body):
        r = first_body + i
        strong = tuple((j + 1, c.text) for j, c in enumerate(body.cells) if c.kind in ("code", "line") and c.text)
        if strong:
            role = "code" if any(body.cells[j - 1].kind == "code" for j, _ in strong) else "line"
            rows.append(Anchor(r, FIXED, role, strong))
            continue
        labels = tuple((j + 1, c.text) for j, c in enumerate(body.cells) if c.kind in ("label", "heading") and c.text)
        if labels:
            rows.append(Anchor(r, FIXED, "label", labels))
        else:
            rows.append(Anchor(r, DATA if any(c.key for c in body.cells) else BLANK))
    r = first_body + len(table.body)
    rows.append(Anchor(r, BLANK))
    for text in (table.note, table.empty_note):
        if text:
            r += 1
            rows.append(Anchor(r, SOFT, "note", ((1, text),)))
    return SheetAnchors(table.width, tuple(rows))


def annex_anchors(annex: RenderedAnnex, grid_row: int) -> SheetAnchors:
    """The anchors of a 绩效自评表 sheet: rows with a printed label are fixed, the others are data."""
    rows: list[Anchor] = []
    for r, line in enumerate(annex.rows):
        ids = tuple((c + 1, x.text) for c, x in enumerate(line) if x.text and x.kind in (HEAD, LABEL) and x.key is None)
        has_field = any(x.key is not None for x in line)
        kind = FIXED if ids else (DATA if has_field else BLANK)
        rows.append(Anchor(grid_row + r, kind, "label" if ids else "", ids))
    r = grid_row + len(annex.rows)
    rows.append(Anchor(r, BLANK))
    for note in annex.notes:
        r += 1
        rows.append(Anchor(r, SOFT, "note", ((1, note),)))
    return SheetAnchors(len(annex.widths), tuple(rows))
