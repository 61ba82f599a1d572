"""The reviewer's audit workbook: a 汇总 sheet and one findings sheet per document.

Takes plain records (:class:`disclosure_app.audit.DocumentAudit`-shaped: ``name``, ``department``,
``year``, ``kind``, ``pages``, ``errors``, ``warnings``, ``infos``, ``notes``, ``failure``,
``rows`` of ``severity``, ``rule``, ``message``, ``where``, ``page``).  Every text goes through
:func:`.xlsx_keys.write_text`, so nothing a document prints becomes a formula.  The summary links
each document to its sheet.
"""

from __future__ import annotations

import os
import re

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter

from .xlsx_keys import write_text

__all__ = ["write_audit_report"]

_SUMMARY = ("文件", "单位", "年度", "类型", "错误", "警告", "提示", "导入说明", "页数", "明细", "说明")
_SUMMARY_WIDTHS = (40, 24, 8, 16, 8, 8, 8, 10, 8, 14, 50)
_DETAIL = ("类别", "规则", "内容", "单元格", "页码")
_DETAIL_WIDTHS = (8, 8, 90, 40, 8)
_BAD = re.compile(r"[\[\]:*?/\\]")
_WRAP = Alignment(wrap_text=True, vertical="top")


def _sheet_name(name: str, used: set[str]) -> str:
    base = _BAD.sub("_", name)[:26] or "文件"
    title, k = base, 1
    while title in used:
        k += 1
        title = f"{base[:26 - len(str(k)) - 1]}_{k}"
    used.add(title)
    return title


def write_audit_report(audits, path: str | os.PathLike) -> None:
    """Write the workbook (see the module docstring) to ``path``."""
    wb = Workbook()
    summary = wb.active
    summary.title = "汇总"
    bold = Font(bold=True)
    for j, (head, width) in enumerate(zip(_SUMMARY, _SUMMARY_WIDTHS), start=1):
        summary.cell(1, j, head).font = bold
        summary.column_dimensions[get_column_letter(j)].width = width
    used = {"汇总"}
    for i, a in enumerate(audits, start=2):
        write_text(summary.cell(i, 1), a.name)
        write_text(summary.cell(i, 2), a.department)
        if a.year:
            summary.cell(i, 3, a.year)
        write_text(summary.cell(i, 4), a.kind)
        if a.failure:
            write_text(summary.cell(i, 11), f"无法审核：{a.failure}")
            continue
        for j, v in enumerate((a.errors, a.warnings, a.infos, a.notes, a.pages), start=5):
            summary.cell(i, j, v)
        ws = wb.create_sheet(_sheet_name(a.name, used))
        link = summary.cell(i, 10, "查看明细")
        link.hyperlink = f"#'{ws.title}'!A1"
        link.font = Font(color="0563C1", underline="single")
        if not a.errors and not a.warnings:
            write_text(summary.cell(i, 11), "未发现错误和警告")
        write_text(ws.cell(1, 1), f"{a.name}　{a.department}　{a.year or ''}　{a.kind}　共 {a.pages} 页")
        ws.cell(1, 1).font = bold
        for j, (head, width) in enumerate(zip(_DETAIL, _DETAIL_WIDTHS), start=1):
            ws.cell(2, j, head).font = bold
            ws.column_dimensions[get_column_letter(j)].width = width
        for r, row in enumerate(a.rows, start=3):
            for j, text in enumerate((row.severity, row.rule, row.message, row.where), start=1):
                write_text(ws.cell(r, j), text)
                ws.cell(r, j).alignment = _WRAP
            if row.page:
                ws.cell(r, 5, row.page)
        if not a.rows:
            ws.cell(3, 1, "未发现问题")
        ws.freeze_panes = "A3"
    summary.freeze_panes = "A2"
    wb.save(str(path))
