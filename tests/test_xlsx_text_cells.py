"""No text becomes a formula: every cell of every sheet of a hostile export is read from the file.

Every text field of the sample (unit name, duties, reasons, paragraphs, 空表说明, row names, the
附件 names and indicators…) is made to start with ``=``, ``+``, ``-`` or ``@`` — including
``=HYPERLINK(…)`` and the DDE payload ``=cmd|' /C calc'!A0`` — and the workbook's XML is checked
cell by cell: no formula anywhere, and every text that starts with a formula lead is a string
marked with Excel's quote prefix.
"""

from __future__ import annotations

import re
import zipfile

from fuzz_corpus import LEADS, hostile
from lxml import etree

from disclosure_app.export.xlsx_writer import write_xlsx
from disclosure_app.operations import sample_project
from disclosure_app.validation import all_findings

NS = {"m": "http://schemas.openxmlformats.org/spreadsheetml/2006/main"}


def _text(el) -> str:
    return "".join(el.itertext())


def test_every_string_cell_of_a_hostile_export_is_a_string(tmp_path):
    project = hostile(sample_project("final"))
    path = write_xlsx(project, tmp_path / "hostile.xlsx", all_findings(project))
    with zipfile.ZipFile(path) as z:
        names = z.namelist()
        shared = []
        if "xl/sharedStrings.xml" in names:
            shared = [_text(si) for si in etree.fromstring(z.read("xl/sharedStrings.xml")).findall("m:si", NS)]
        xfs = etree.fromstring(z.read("xl/styles.xml")).find("m:cellXfs", NS).findall("m:xf", NS)
        quoted = {i for i, xf in enumerate(xfs) if xf.get("quotePrefix") in ("1", "true")}
        sheets = [n for n in names if re.fullmatch(r"xl/worksheets/sheet[0-9]+\.xml", n)]
        assert len(sheets) > 20                      # 10 forms, the 附件, 校验结果, the hidden keys
        led = cells = 0
        for name in sheets:
            root = etree.fromstring(z.read(name))
            for c in root.iter(f"{{{NS['m']}}}c"):
                cells += 1
                ref = f"{name} {c.get('r')}"
                assert c.find("m:f", NS) is None, f"{ref} holds a formula"
                kind = c.get("t", "n")
                assert kind in ("s", "inlineStr", "n", "b"), f"{ref} has type {kind}"
                if kind == "s":
                    text = shared[int(c.find("m:v", NS).text)]
                elif kind == "inlineStr":
                    inline = c.find("m:is", NS)
                    text = _text(inline) if inline is not None else ""
                else:
                    continue
                if text.startswith(LEADS):
                    led += 1
                    assert int(c.get("s", "0")) in quoted, f"{ref} “{text[:30]}” lacks the quote prefix"
    assert cells > 1000 and led > 200, (cells, led)
