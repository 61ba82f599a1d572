"""Test helpers for the workbook's hidden keys: change its records, or rewrite them in the
format 2 layout that workbooks exported before format 3 carry (one record per row, one field
per cell, a long text continued in the following columns)."""

from __future__ import annotations

from collections.abc import Callable

from disclosure_app.export.xlsx_keys import CHUNK, write_records, write_text
from disclosure_app.importers.xlsx import key_records
from disclosure_app.layout.xlsx_anchors import KEYS_SHEET

Records = list[list[str]]


def _fresh_sheet(wb):
    index = wb.sheetnames.index(KEYS_SHEET)
    wb.remove(wb[KEYS_SHEET])
    ws = wb.create_sheet(KEYS_SHEET, index)
    ws.sheet_state = "veryHidden"
    return ws


def change_keys(wb, change: Callable[[Records], Records]) -> None:
    """Rewrite the keys sheet (format 3) with the records ``change`` returns."""
    records = change(key_records(wb))
    write_records(_fresh_sheet(wb), records)


def as_format2(wb, change: Callable[[Records], Records] = lambda r: r) -> None:
    """Rewrite the keys sheet as format 2 wrote it; ``change`` may edit the records first."""
    records = change(key_records(wb))
    ws = _fresh_sheet(wb)
    text_last = {"info", "code", "code_texts", "value", "input", "accepted", "override", "option",
                 "form_note", "annex", "anchors"}
    for r, rec in enumerate(records, start=1):
        if r == 1:
            values = ["format", rec[1], "2"]
        elif rec[0] in text_last:
            text = rec[-1]
            values = [*rec[:-1], *([text[i:i + CHUNK] for i in range(0, len(text), CHUNK)] or [""])]
        else:
            values = rec
        for j, v in enumerate(values, start=1):
            write_text(ws.cell(r, j), v)
