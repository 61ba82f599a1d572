"""The Word file read back with python-docx: every table cell, headings, 目录 field, fonts,
repeated header rows, landscape sections and footer page numbers."""

from __future__ import annotations

import pytest
from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.style import WD_STYLE_TYPE
from docx.oxml.ns import qn
from fixtures import edit, sample

from disclosure_app.export.docx_writer import write_docx
from disclosure_app.export.pdf_writer import write_pdf
from disclosure_app.export.publication import build_publication
from disclosure_app.importers.published_docx import cell_text, plain
from disclosure_app.layout.table import render_tables
from disclosure_app.narrative.generate import build_text


@pytest.fixture(scope="module")
def sample_docx(tmp_path_factory):
    project = sample()
    path = tmp_path_factory.mktemp("docx") / "sample.docx"
    write_docx(project, path)
    return project, Document(str(path))


def test_every_table_cell_equals_the_displayed_value(sample_docx) -> None:
    project, doc = sample_docx
    tables = render_tables(project)
    assert len(doc.tables) == len(tables) + len(project.annexes)   # the 附件 绩效自评表 follow
    for t, dt in zip(tables, doc.tables):
        assert len(dt.rows) == t.header_rows + len(t.body), t.label
        for i, row in enumerate(t.body):
            cells = dt.rows[t.header_rows + i].cells
            assert len(cells) == t.width
            for j, c in enumerate(row.cells):
                if c.text and not any(first < j < first + n for first, n in row.spans):
                    assert cell_text(cells[j].text) == c.text, (t.label, i, j)
        checked = [c for r in t.body for c in r.cells if c.numeric and c.text]
        shown = [cell_text(c.text) for r in dt.rows for c in r.cells]
        assert all(c.text in shown for c in checked)


def test_merged_multi_level_headers_repeat_on_each_page(sample_docx) -> None:
    project, doc = sample_docx
    tables = render_tables(project)
    for t, dt in zip(tables, doc.tables):
        trs = dt._tbl.tr_lst
        for k, tr in enumerate(trs):
            repeated = tr.trPr is not None and tr.trPr.find(qn("w:tblHeader")) is not None
            assert repeated == (k < t.header_rows), (t.label, k)
    t09 = doc.tables[8]
    top = [cell_text(c.text) for c in t09.rows[0].cells]
    assert top == ["预算数"] * 6 + ["决算数"] * 6                     # gridSpan merges read back
    assert [cell_text(c.text) for c in t09.rows[1].cells][2:5] == ["公务用车购置及运行维护费"] * 3
    assert t09.rows[3].cells[0].text == "1" and t09.rows[4].cells[0].text == "38.99"
    t06 = doc.tables[5]
    assert [cell_text(c.text) for c in t06.rows[0].cells] == ["人员经费"] * 3 + ["公用经费"] * 9


def test_labels_titles_notes_and_empty_table_notes_are_printed(sample_docx) -> None:
    project, doc = sample_docx
    texts = [plain(p.text) for p in doc.paragraphs]
    for t in render_tables(project):
        assert t.title in texts and t.label in texts
        assert f"{t.dept_line}\t{t.year_line}\t{t.unit_line}" in texts
        assert t.note in texts
    assert texts.count("说明：本表无数据") == 2                       # 公开07 and 公开08


def test_headings_toc_field_and_update_on_open(sample_docx) -> None:
    project, doc = sample_docx
    h1 = [plain(p.text) for p in doc.paragraphs if p.style.name == "Heading 1"]
    assert h1 == ["第一部分 概况", "第二部分 2024年部门决算表", "第三部分 情况说明", "第四部分 名词解释",
                  "第五部分 附件"]
    h2 = [plain(p.text) for p in doc.paragraphs if p.style.name == "Heading 2"]
    assert "一、收入支出决算总体情况说明" in h2 and "十、其他重要事项情况说明" in h2
    for name in ("Heading 1", "Heading 2", "Heading 3"):       # never alone at the foot of a page
        assert doc.styles[name].paragraph_format.keep_with_next is True
    instr = [el.text for el in doc.element.body.iter(qn("w:instrText"))]
    assert any('TC "一、收入支出决算总表" \\l 2' in i for i in instr)
    # the 目录: one entry per heading, its page number a PAGEREF to the heading's bookmark
    entries = [p for p in doc.paragraphs if p.style.name in ("toc 1", "toc 2")]
    assert [plain(p.text).split("\t")[0] for p in entries] == [text for _, text in build_publication(project).toc]
    marks = {b.get(qn("w:name")): b.getparent() for b in doc.element.body.iter(qn("w:bookmarkStart"))}
    for p in entries:
        ref = next(el.text for el in p._p.iter(qn("w:instrText"))).split()
        assert ref[0] == "PAGEREF" and ref[1] in marks
        heading = plain("".join(t.text for t in marks[ref[1]].iter(qn("w:t"))))
        assert heading and heading in plain(p.text)
    update = doc.settings.element.find(qn("w:updateFields"))
    assert update is not None and update.get(qn("w:val")) == "true"


def test_east_asian_fonts_for_body_headings_and_tables(sample_docx) -> None:
    _, doc = sample_docx

    def east_asian(style) -> str:
        return style.element.rPr.find(qn("w:rFonts")).get(qn("w:eastAsia"))
    assert east_asian(doc.styles["Normal"]) == "仿宋"
    assert east_asian(doc.styles["Heading 1"]) == "黑体"
    assert east_asian(doc.styles["Heading 2"]) == "黑体"
    # table text takes its font from its paragraph style (one per size), not from each cell
    cell_styles = {p.style.style_id for t in doc.tables for row in t.rows for c in row.cells for p in c.paragraphs}
    assert cell_styles and all(s.startswith("TableText") for s in cell_styles)
    assert {east_asian(doc.styles.get_by_id(s, WD_STYLE_TYPE.PARAGRAPH)) for s in cell_styles} == {"宋体"}
    assert not any(True for t in doc.tables for _ in t._tbl.iter(qn("w:rFonts")))
    normal_indent = doc.styles["Normal"].paragraph_format.first_line_indent
    table_style = doc.styles.get_by_id(sorted(cell_styles)[0], WD_STYLE_TYPE.PARAGRAPH)
    assert table_style.base_style is None and not table_style.paragraph_format.first_line_indent, normal_indent


def test_wide_tables_sit_in_landscape_sections_and_pages_are_numbered(sample_docx) -> None:
    project, doc = sample_docx
    body = doc.element.body
    # the section of a table is the one whose sectPr follows it
    orientation = {}
    pending = []
    for el in body.iterchildren():
        if el.tag == qn("w:tbl"):
            pending.append(el)
        sect = el.find(qn("w:pPr") + "/" + qn("w:sectPr")) if el.tag == qn("w:p") else None
        if el.tag == qn("w:sectPr"):
            sect = el
        if sect is not None:
            sz = sect.find(qn("w:pgSz"))
            for tbl in pending:
                orientation[tbl] = sz.get(qn("w:orient")) == "landscape"
            pending = []
    for t, dt in zip(render_tables(project), doc.tables):
        assert orientation[dt._tbl] == t.landscape, t.label
    assert any(s.orientation == WD_ORIENT.LANDSCAPE for s in doc.sections)
    numbered = [s for s in doc.sections if not s.footer.is_linked_to_previous]
    assert len(numbered) == 1
    footer_instr = [el.text.strip() for el in numbered[0].footer._element.iter(qn("w:instrText"))]
    assert footer_instr == ["PAGE"]
    assert numbered[0]._sectPr.find(qn("w:pgNumType")).get(qn("w:start")) == "1"
    assert not doc.sections[0].footer.paragraphs or not doc.sections[0].footer.paragraphs[0].text


def test_narrative_text_and_placeholders_in_word(tmp_path) -> None:
    project = sample()
    key = next(k for k in project.inputs if k.startswith("reason."))
    del project.inputs[key]
    edit(project, "公开01 L1 = 1234.56")
    write_docx(project, tmp_path / "draft.docx")
    doc = Document(str(tmp_path / "draft.docx"))
    texts = "\n".join(plain(p.text) for p in doc.paragraphs)
    text = build_text(project)
    for s in text.narrative:
        for p in s.paragraphs:
            assert p.text in texts
    assert text.missing and "【待填写" in texts
    red = [r for p in doc.paragraphs for r in p.runs if r.text.startswith("【待填写")]
    assert red and all(str(r.font.color.rgb) == "C00000" for r in red)
    assert "1234.56" in [c.text for c in doc.tables[0].rows[3].cells]


def test_every_part_starts_a_new_page_and_rows_keep_with_the_notes(sample_docx) -> None:
    """第五部分 附件 no longer follows 名词解释 on its page; the header row and the last rows of a
    table keep with what follows (its notes), rows do not break across pages."""
    _, doc = sample_docx
    annex = next(p for p in doc.paragraphs if plain(p.text) == "第五部分 附件")
    before = annex._p.getprevious()
    assert before.find(qn("w:pPr") + "/" + qn("w:sectPr")) is not None        # a section (page) break
    t = doc.tables[0]._tbl
    rows = t.tr_lst
    keeps = [bool(list(tr.iter(qn("w:keepNext")))) for tr in rows]
    assert keeps[0] and keeps[-1] and not all(keeps)
    assert all(tr.trPr.find(qn("w:cantSplit")) is not None for tr in rows)


def test_core_properties_name_the_department_and_now(tmp_path) -> None:
    from datetime import datetime, timedelta, timezone

    project = sample()
    project.info.name = "阳城县" + "司法局" * 120                        # 363 characters
    path = tmp_path / "p.docx"
    write_docx(project, path)
    props = Document(str(path)).core_properties
    assert props.author == project.info.name[:255] and len(props.title) == 255
    now = datetime.now(timezone.utc)
    assert abs(props.created.replace(tzinfo=timezone.utc) - now) < timedelta(minutes=5) and props.modified == props.created
    assert "python-docx" not in (props.comments or "")


def test_gongwen_page_setup_and_outer_page_numbers(sample_docx) -> None:
    _, doc = sample_docx
    s = doc.sections[1]
    margins = (s.top_margin, s.bottom_margin, s.left_margin, s.right_margin)
    assert [round(m.mm, 1) for m in margins] == [37, 35, 28, 26]
    assert doc.styles["Normal"].font.size.pt == 16
    assert doc.settings.odd_and_even_pages_header_footer
    numbered = next(x for x in doc.sections if x._sectPr.find(qn("w:pgNumType")) is not None)
    assert numbered.footer.paragraphs[0].text.startswith("— ") and numbered.even_page_footer.paragraphs[0].text


def test_the_body_sets_28_characters_a_line_as_the_pdf_does(sample_docx, tmp_path) -> None:
    from disclosure_app.export.layouts import COMPACT
    _, doc = sample_docx
    spacing = doc.styles["Normal"].element.find(qn("w:rPr") + "/" + qn("w:spacing"))
    assert spacing is not None, "正文没有设字符间距，16 pt 的字每行只能排 27 字"
    pitch = 16 + int(spacing.get(qn("w:val"))) / 20          # points a character takes
    s = doc.sections[1]
    width = (s.page_width - s.left_margin - s.right_margin) / 12700
    assert 28 * pitch <= width < 29 * pitch and pitch > 15.5
    body = next(p for p in doc.paragraphs if p.text.replace("\u2060", "").startswith("2024年度收入总计"))
    assert body.paragraph_format.first_line_indent.pt == pytest.approx(2 * pitch)
    # the compact layout has no character grid: nothing condensed
    write_docx(sample(), tmp_path / "compact.docx", layout=COMPACT)
    compact = Document(str(tmp_path / "compact.docx")).styles["Normal"].element
    assert compact.find(qn("w:rPr") + "/" + qn("w:spacing")) is None


def test_toc_shows_the_pdf_pages_until_word_or_libreoffice_counts(tmp_path) -> None:
    """Written with the PDF of the same export, the 目录's stored page numbers are the PDF's;
    written alone, none (Word and LibreOffice compute the PAGEREF fields themselves)."""
    project = sample()
    pub = build_publication(project)
    write_pdf(project, tmp_path / "s.pdf", pub=pub)
    assert pub.pages and pub.pages[0] == "1"
    write_docx(project, tmp_path / "s.docx", pub=pub)
    entries = [p for p in Document(str(tmp_path / "s.docx")).paragraphs if p.style.name in ("toc 1", "toc 2")]
    shown = [plain(p.text).split("\t")[1] for p in entries]
    assert shown == [pub.pages[i] for i in range(len(pub.toc))]
    write_docx(project, tmp_path / "alone.docx")
    alone = [p for p in Document(str(tmp_path / "alone.docx")).paragraphs if p.style.name == "toc 1"]
    assert alone and all(plain(p.text).endswith("\t") for p in alone)
