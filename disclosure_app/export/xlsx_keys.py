"""The very hidden ``_project`` sheet: the keys that let our own workbook be read back losslessly.

The keys are a list of records, each a list of texts, the first naming the kind:

================  ==========================================================================
``format``        ``disclosure-app-xlsx`` and the version
``profile``       profile id
``info``          department field (name, code, year, unit_type, duties, organisation), text
``sheet``         form id, sheet name
``code``          form id, code, name, coordinate of the code cell, of the name cell
``cell``          form id, row key, column key, coordinate of the value on the form's sheet
``value``         form id, row key, column key, value — a value no sheet cell prints
``input`` ``accepted`` ``override`` ``option``   key, text
``form_note``     form id, 空表说明
``annex``         annex index, sheet name, the 绩效自评表 as JSON (``annexes.model.to_dict``)
``annex_cell``    annex index, field path, coordinate of the field on the annex's sheet
``anchors``       sheet name, what identifies each of its rows as JSON (:mod:`.xlsx_anchors`)
================  ==========================================================================

Format 3 (written now) packs them: row 1 is ``format``, ``disclosure-app-xlsx``, ``3``, the
number of records and the number of parts; each following row is ``records`` and one part (at
most :data:`CHUNK` characters) of the records as one JSON array.  A 3,000-row department has
some 60,000 records: one cell per part instead of one per field makes the sheet a few dozen
cells instead of 300,000, which was most of the time an export took.  Formats 1 and 2 (still
read, :mod:`disclosure_app.importers.xlsx`) wrote one record per row, one field per cell, a
text longer than one Excel cell continuing in the following columns.

Every text is written as text, never as a formula (see :func:`write_text`).  The visible sheets
stay the source of the numbers and names: the reader takes each value from the coordinate recorded
here, so an amount corrected in Excel is read back as corrected — after checking, with the
anchors, that the row there is still the row that was written (rows inserted or deleted in
Excel are followed, or the workbook is refused).  Older workbooks without ``anchors`` records
get anchors computed from their layout.
"""

from __future__ import annotations

import json
from collections.abc import Mapping

from openpyxl import Workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE, Cell

from ..annexes.model import to_dict as annex_dict
from ..layout.xlsx_anchors import (
    FORMAT,
    FORMAT_VERSION,
    INFO_FIELDS,
    KEYS_SHEET,
    OPTIONAL_INFO,
    TEXT_KINDS,
    SheetAnchors,
)

CHUNK = 30000                     # an Excel cell holds at most 32,767 characters
_FORMULA_LEAD = ("=", "+", "-", "@")
_CELL_MAX = 32767


def write_text(cell: Cell, text: str) -> None:
    """Put text in a cell as text: never a formula, even when it starts with = + - @.

    The one function through which every string cell of the exported workbook is written (titles,
    labels, headers, names, texts, findings, the hidden keys), so no text can ever become a formula
    or a DDE payload; numbers are written as numbers by their callers.  Characters Excel cannot
    store are dropped, and a text is cut at the 32 767 characters one cell holds."""
    text = ILLEGAL_CHARACTERS_RE.sub("", str(text))[:_CELL_MAX]
    # set as a string directly: openpyxl's own value binding would re-check the characters
    # cleaned above and take a leading "=" for a formula (tens of thousands of cells per export)
    cell._value = text
    cell.data_type = "s"
    if text.startswith(_FORMULA_LEAD):
        cell.quotePrefix = True


RECORDS = "records"               # format 3: the kind of every row after the first


def write_records(ws, records: list[list[str]]) -> None:
    """Write ``records`` (the first the ``format`` record) on the keys sheet ``ws`` in format 3.

    The JSON escapes every control character, so no part loses a character to the cleaning of
    :func:`write_text`, and each part stays below the 32,767 characters a cell holds."""
    head, rest = records[0], records[1:]
    text = json.dumps(rest, ensure_ascii=False, separators=(",", ":"))
    parts = [text[i:i + CHUNK] for i in range(0, len(text), CHUNK)]
    for j, v in enumerate([*head[:3], str(len(rest)), str(len(parts))], start=1):
        write_text(ws.cell(1, j), v)
    for i, part in enumerate(parts, start=2):
        write_text(ws.cell(i, 1), RECORDS)
        write_text(ws.cell(i, 2), part)


class _Records:
    def __init__(self) -> None:
        self.records: list[list[str]] = []

    def record(self, kind: str, *fields: str, text: str | None = None) -> None:
        values = [kind, *map(str, fields)]
        if text is not None:
            values.append(str(text))
        self.records.append(values)


def write_keys(wb: Workbook, project, sheets: Mapping[str, str],
               maps: Mapping[str, Mapping[str, dict]],
               annexes: Mapping[int, tuple[str, Mapping[str, str]]] | None = None,
               anchors: Mapping[str, SheetAnchors] | None = None) -> None:
    """Write the ``_project`` sheet.  ``maps[form]`` has ``cells`` {key: coord} and ``codes``
    {code: (code coord, name coord)} as returned by the table sheet writer; ``anchors`` what
    identifies the rows of each sheet."""
    w = _Records()
    w.record("format", FORMAT, str(FORMAT_VERSION))
    w.record("profile", project.profile_id)
    for name in INFO_FIELDS:
        w.record("info", name, text=str(getattr(project.info, name)))
    for name in OPTIONAL_INFO:
        if getattr(project.info, name):
            w.record("info", name, text=str(getattr(project.info, name)))
    for form_id, sheet in sheets.items():
        w.record("sheet", form_id, sheet)
    printed: set[tuple[str, str, str]] = set()
    for form_id, m in maps.items():
        names = project.code_names(form_id)
        row_texts = {r.code: r.texts for r in project.code_rows.get(form_id, []) if r.texts}
        for code, (code_at, name_at) in m["codes"].items():
            w.record("code", form_id, code, code_at, name_at, text=names.get(code, ""))
            if code in row_texts:   # 表六's 政府经济科目 and the like: kept exactly
                w.record("code_texts", form_id, code,
                         text=json.dumps(row_texts[code], ensure_ascii=False, sort_keys=True))
        for (f, r, c), at in m["cells"].items():
            w.record("cell", f, r, c, at)
            printed.add((f, r, c))
    for (f, r, c), v in sorted(project.values.items()):
        if (f, r, c) not in printed:
            w.record("value", f, r, c, text=str(v))
    for kind, attr in TEXT_KINDS.items():
        for key, text in sorted(getattr(project, attr).items()):
            w.record(kind, key, text=text)
    for form_id, text in sorted(project.form_notes.items()):
        w.record("form_note", form_id, text=text)
    for i, (sheet, coords) in sorted((annexes or {}).items()):
        w.record("annex", str(i), sheet, text=json.dumps(annex_dict(project.annexes[i]), ensure_ascii=False))
        for path, at in coords.items():
            w.record("annex_cell", str(i), path, at)
    for sheet, a in (anchors or {}).items():
        w.record("anchors", sheet, text=a.to_json())
    ws = wb.create_sheet(KEYS_SHEET)
    ws.sheet_state = "veryHidden"
    write_records(ws, w.records)
