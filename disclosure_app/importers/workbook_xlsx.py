"""An .xlsx/.xlsm file read straight from its XML parts into a :class:`~.workbook.Book`.

Read with the standard library (``zipfile``, ``xml.etree``) rather than openpyxl: it is several
times faster on large sheets, and it sees what a values-only read hides — whether a cell holds
a formula and whether that formula has a cached value.  Only the cells present are read (a
declared dimension of ``A1:XFD1048576`` costs nothing), styles are not.
"""

from __future__ import annotations

import posixpath
import re
import zipfile
import zlib
from pathlib import Path
from xml.etree import ElementTree as ET

from .cells import ImportError_
from .workbook import MAX_COLS, MAX_UNPACKED_BYTES, NO_NUMBER, UNCACHED, Book, Budget, Sheet, number, place

_REF = re.compile(r"^([A-Z]{1,3})(\d+)$")
_RANGE = re.compile(r"^([A-Z]{1,3})(\d+)(?::([A-Z]{1,3})(\d+))?$")
_REL_NS = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id"
_REL_NS_STRICT = "{http://purl.oclc.org/ooxml/officeDocument/relationships}id"


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


def _col(letters: str) -> int:
    n = 0
    for ch in letters:
        n = n * 26 + ord(ch) - 64
    return n


def _refuse(name: str, why: str = "") -> ImportError_:
    return ImportError_(f"“{name}”不是可读取的 Excel 工作簿（.xlsx）{why}。"
                        "请在 Excel 中另存为“Excel 工作簿 (*.xlsx)”后再导入")


class _Zip:
    def __init__(self, path: Path) -> None:
        self.name = path.name
        try:
            self.zf = zipfile.ZipFile(path)
        except (zipfile.BadZipFile, OSError, ValueError) as exc:
            raise _refuse(self.name, f"（{getattr(exc, 'strerror', None) or '文件已损坏'}）") from None
        self.names = {i.filename: i for i in self.zf.infolist()}
        unpacked = sum(i.file_size for i in self.names.values())
        if unpacked > MAX_UNPACKED_BYTES:
            raise ImportError_(f"“{self.name}”解压后有 {unpacked / 1048576:,.0f} MB，超过可导入的 "
                               f"{MAX_UNPACKED_BYTES // 1048576} MB，不像是公开表格。请只保留公开表格的工作表后再导入")

    def has(self, part: str) -> bool:
        return part in self.names

    def open(self, part: str):
        info = self.names.get(part)
        if info is None:
            raise _refuse(self.name, f"（缺少部件 {part}）")
        return self.zf.open(info)

    def parse(self, part: str) -> ET.Element:
        try:
            with self.open(part) as fh:
                return ET.parse(fh).getroot()
        except (ET.ParseError, zipfile.BadZipFile, zlib.error, EOFError, OSError, ValueError):
            raise _refuse(self.name, f"（部件 {part} 已损坏）") from None


def _rels(z: _Zip, part: str) -> dict[str, str]:
    folder, base = posixpath.split(part)
    rels_part = posixpath.join(folder, "_rels", base + ".rels")
    if not z.has(rels_part):
        return {}
    out = {}
    for rel in z.parse(rels_part):
        target = rel.get("Target", "")
        if rel.get("TargetMode") == "External":
            continue
        full = target.lstrip("/") if target.startswith("/") else posixpath.normpath(posixpath.join(folder, target))
        out[rel.get("Id", "")] = full
    return out


def _workbook_part(z: _Zip) -> str:
    for target in _rels(z, "").values():
        if target.endswith(".xml") and "workbook" in target.lower():
            return target
    return "xl/workbook.xml"


def _shared_strings(z: _Zip, rels: dict[str, str]) -> list[str]:
    part = next((t for t in rels.values() if t.lower().endswith("sharedstrings.xml")), "xl/sharedStrings.xml")
    if not z.has(part):
        return []
    out = []
    for si in z.parse(part):
        if _local(si.tag) != "si":
            continue
        out.append(_text(si))
    return out


def _text(el: ET.Element) -> str:
    """The text of an ``<si>`` or ``<is>``: its ``<t>`` runs, phonetic runs left out."""
    parts = []
    for child in el:
        tag = _local(child.tag)
        if tag == "t":
            parts.append(child.text or "")
        elif tag == "r":
            parts.extend(t.text or "" for t in child if _local(t.tag) == "t")
    return "".join(parts)


def read_xlsx_book(path: Path) -> Book:
    """The workbook at ``path`` (an .xlsx/.xlsm zip package) as a :class:`Book`."""
    z = _Zip(path)
    wb_part = _workbook_part(z)
    root = z.parse(wb_part)
    rels = _rels(z, wb_part)
    strings = _shared_strings(z, rels)
    budget = Budget(z.name)
    sheets = []
    for el in root.iter():
        if _local(el.tag) != "sheet":
            continue
        rid = el.get(_REL_NS) or el.get(_REL_NS_STRICT) or ""
        part = rels.get(rid)
        if part is None or not z.has(part):
            continue                                  # a chart sheet or a dangling entry: no cells
        sheet = Sheet(el.get("name", ""), hidden=el.get("state", "visible") != "visible", book=z.name)
        _read_sheet(z, part, sheet, strings, budget)
        sheets.append(sheet)
    if not sheets:
        raise _refuse(z.name, "（没有工作表）")
    return Book(sheets, z.name, "xlsx")


def _read_sheet(z: _Zip, part: str, sheet: Sheet, strings: list[str], budget: Budget) -> None:
    row_no, col_no = 0, 0
    try:
        with z.open(part) as fh:
            for event, el in ET.iterparse(fh, events=("start", "end")):
                tag = _local(el.tag)
                if event == "start":
                    if tag == "row":
                        r = el.get("r")
                        row_no = int(r) if r and r.isdigit() else row_no + 1
                        col_no = 0
                        if el.get("hidden") in ("1", "true"):
                            sheet.hidden_rows.add(row_no)
                    continue
                if tag == "c":
                    ref = el.get("r")
                    m = _REF.match(ref) if ref else None
                    if m:
                        col_no, row_no = _col(m.group(1)), int(m.group(2))
                    else:
                        col_no += 1
                    budget.take()
                    _cell(sheet, row_no, col_no, el, strings)
                    el.clear()
                elif tag == "row":
                    el.clear()
                elif tag == "col":
                    if el.get("hidden") in ("1", "true"):
                        lo, hi = int(el.get("min", "0") or 0), int(el.get("max", "0") or 0)
                        sheet.hidden_cols.update(range(lo, min(hi, MAX_COLS) + 1))
                elif tag == "mergeCell":
                    m = _RANGE.match(el.get("ref", ""))
                    if m:
                        c0, r0 = _col(m.group(1)), int(m.group(2))
                        c1, r1 = _col(m.group(3) or m.group(1)), int(m.group(4) or m.group(2))
                        sheet.merged.append((r0, c0, r1, c1))
    except (ET.ParseError, zipfile.BadZipFile, zlib.error, EOFError, ValueError):
        raise _refuse(z.name, f"（工作表“{sheet.name}”已损坏）") from None


def _cell(sheet: Sheet, r: int, c: int, el: ET.Element, strings: list[str]) -> None:
    t = el.get("t", "n")
    v = f = None
    inline = None
    has_v = False
    for child in el:
        tag = _local(child.tag)
        if tag == "v":
            v, has_v = child.text or "", True
        elif tag == "f":
            f = child
        elif tag == "is":
            inline = _text(child)
    if f is not None:
        sheet.formulas.add((r, c))
    if t == "inlineStr":
        place(sheet, r, c, inline or "")
        return
    if not has_v or (v == "" and t != "str"):
        if f is not None:
            place(sheet, r, c, None, UNCACHED)
        elif has_v and t == "n":
            place(sheet, r, c, None, NO_NUMBER)      # what a writer leaves of inf or NaN
        return
    if t == "s":
        try:
            place(sheet, r, c, strings[int(v)])
        except (ValueError, IndexError):
            place(sheet, r, c, None, "共享字符串引用已损坏")
        return
    if t in ("str", "d"):
        place(sheet, r, c, v or "")
        return
    if t == "b":
        place(sheet, r, c, v.strip() in ("1", "true"))
        return
    if t == "e":
        place(sheet, r, c, None, f"单元格是错误值“{v}”")
        return
    value = number(v)
    if value is None:
        place(sheet, r, c, None, f"单元格的值“{v}”不是有限的数字")
        return
    place(sheet, r, c, value)
