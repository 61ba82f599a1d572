"""Word line breaking without LibreOffice: the Word file read back with python-docx, every table
cell's lines (ended by ``w:br``) checked against its column width and the rules of the PDF's
line breaking, word joiners between numbers and units in the prose, the East Asian
line-breaking properties, and the Word importer reading the same figures back."""

from __future__ import annotations

import re

import pytest
from docx import Document
from docx.oxml.ns import qn

from disclosure_app.export.docx_lines import SAFETY_EM, WJ, cell_lines, glue_tail, join_numbers, text_ems
from disclosure_app.export.docx_writer import write_docx
from disclosure_app.export.linebreak import CLOSING, OPENING, units
from disclosure_app.importers.published_docx import cell_text, docx_document, plain
from disclosure_app.operations import sample_project

# a number with its unit, as build_scripts/measure_pdf.py counts a split one
NUMBER = re.compile(r"[-+－]?\d[\d,]*(?:\.\d+)?(?:%|％|‰|万元|亿元|千元|元|万|亿)?")


@pytest.fixture(scope="module")
def files(tmp_path_factory) -> dict:
    folder = tmp_path_factory.mktemp("docx")
    return {kind: write_docx(sample_project(kind), folder / f"{kind}.docx") for kind in ("final", "budget")}


@pytest.fixture(scope="module", params=["final", "budget"])
def written(request, files):
    return files[request.param], Document(str(files[request.param]))


def _style_sizes(doc) -> dict[str, float]:
    """Paragraph style id → its font size, points (table text takes its size from its style)."""
    out = {}
    for st in doc.styles.element.iter(qn("w:style")):
        sz = st.find(f"{qn('w:rPr')}/{qn('w:sz')}")
        if sz is not None:
            out[st.get(qn("w:styleId"))] = int(sz.get(qn("w:val"))) / 2
    return out


def _cells(doc):
    """(lines, text width in ems) of every cell paragraph of every table."""
    sizes = _style_sizes(doc)
    for tbl in doc.element.body.iter(qn("w:tbl")):
        mar = tbl.find(f"{qn('w:tblPr')}/{qn('w:tblCellMar')}/{qn('w:left')}")
        margin = int(mar.get(qn("w:w"))) if mar is not None else 108
        for tc in tbl.iter(qn("w:tc")):
            width = int(tc.find(f"{qn('w:tcPr')}/{qn('w:tcW')}").get(qn("w:w")))
            for p in tc.iter(qn("w:p")):
                sz = p.find(f"{qn('w:pPr')}/{qn('w:rPr')}/{qn('w:sz')}")
                ind = p.find(f"{qn('w:pPr')}/{qn('w:ind')}")
                indent = int(ind.get(qn("w:left"))) if ind is not None else 0
                style = p.find(f"{qn('w:pPr')}/{qn('w:pStyle')}")
                size = int(sz.get(qn("w:val"))) / 2 if sz is not None else sizes[style.get(qn("w:val"))]
                lines, cur = [], ""
                for el in p.iter(qn("w:t"), qn("w:br")):
                    if el.tag == qn("w:br"):
                        lines.append(cur)
                        cur = ""
                    else:
                        cur += el.text or ""
                if cur or lines:
                    lines.append(cur)
                yield lines, (width - 2 * margin - indent) / 20 / size


def _split(a: str, b: str) -> bool:
    cut = len(a)
    return any(m.start() < cut < m.end() for m in NUMBER.finditer(a + b))


def test_cell_lines_follow_the_pdf_rules_and_fit_their_column(written) -> None:
    _, doc = written
    broken = 0
    for lines, room in _cells(doc):
        shown = [plain(ln).strip() for ln in lines]
        shown = [s for s in shown if s]
        if len(shown) < 2:
            continue
        broken += 1
        widest = max(text_ems(u) for u in units(plain("".join(lines))))
        for ln in shown:                          # Word's own wrapping adds no line
            assert text_ems(ln) <= max(room - SAFETY_EM, widest) + 1e-9, (shown, room)
        for a, b in zip(shown, shown[1:]):
            assert not _split(a, b), shown
            assert b[0] not in CLOSING and a[-1] not in OPENING, shown
        if room >= 3.2:                           # the measurement's widow rule
            assert len(shown[-1].rstrip("".join(CLOSING))) >= 2, shown
    assert broken > 20                            # the rules ran on real wrapped cells


def test_wrapped_labels_keep_two_characters_on_their_last_line(files) -> None:
    path = files["final"]
    doc = Document(str(path))
    got = {cell_text(p.text): p.text.split("\n") for t in doc.tables for r in t.rows for c in r.cells
           for p in c.paragraphs if "\n" in p.text}
    assert got["附属单位上缴收入"][-1] == "收入"
    assert all(len(lines[-1]) >= 2 for lines in got.values() if len(cell_text("".join(lines))) > 4)
    # the importer joins the lines back: the same labels and figures as the PDF
    text = "\n".join(ln.text for pg in docx_document(path).pages for ln in pg.lines)
    assert WJ not in text
    assert "附属单位上缴收入" in text and "1,199.89万元" in text


def test_numbers_are_glued_to_their_units_in_the_prose(written) -> None:
    _, doc = written
    body = [p.text for p in doc.paragraphs if p.style.name == "Normal" and len(p.text) > 40]
    glued = [m.group(0) for t in body for m in re.finditer(r"\d" + WJ + r"[万元%]", t)]
    assert glued
    for t in body:                                # no number meets its unit without a joiner
        assert not re.search(r"\d(?:万元|元|%)", t), t


def test_east_asian_line_breaking_is_stated(written) -> None:
    _, doc = written
    normal = doc.styles["Normal"].element.pPr
    assert normal.find(qn("w:kinsoku")) is not None and normal.find(qn("w:wordWrap")) is not None
    assert normal.find(qn("w:overflowPunct")).get(qn("w:val")) == "0"
    # a table cell's paragraph says it through its style (one per size), in schema order
    ppr = next(doc.tables[0]._tbl.iter(qn("w:pPr")))
    style = doc.styles.element.get_by_id(ppr.find(qn("w:pStyle")).get(qn("w:val")))
    tags = [el.tag.rsplit("}", 1)[1] for el in style.pPr]
    assert {"kinsoku", "wordWrap", "overflowPunct", "autoSpaceDE", "autoSpaceDN"} <= set(tags)
    assert tags.index("kinsoku") < tags.index("spacing") < tags.index("ind")
    assert style.find(qn("w:basedOn")) is None            # not the body's indent and leading


def test_joiners_and_line_pieces() -> None:
    assert join_numbers("减少55.28万元，下降4.4%，共1,199.89") == f"减少55.28{WJ}万{WJ}元，下降4.4{WJ}%，共1,199.89"
    assert join_numbers("2024年调出3人") == f"2024{WJ}年调出3{WJ}人"
    assert glue_tail("第一部分 概况") == f"第一部分 概{WJ}况" and glue_tail("一、收入合计数 ABC") == "一、收入合计数 ABC"
    for text in ("附属单位上缴收入", "因公出国（境）费", " Total amount of the year ", "项目支出7.19万元。"):
        lines = cell_lines(text, 60, 10)
        assert "".join(lines) == text and len(lines) > 1
        assert all(text_ems(ln.strip()) <= 6 - SAFETY_EM for ln in lines)
    assert cell_lines("99.81", 25.5, 10) == ["99.81"]     # a number that fits the column is not cut
    assert cell_lines("", 50, 10) == []
