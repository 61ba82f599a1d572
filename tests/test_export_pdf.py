"""The PDF read back with pdfplumber: every table's numbers on its pages, the narrative, fonts,
目录 page numbers, bookmarks, landscape pages, watermark and the missing-glyph error."""

from __future__ import annotations

import re
from collections import Counter

import pdfplumber
import pytest
from fixtures import edit, sample
from pdfminer.pdftypes import resolve1

from disclosure_app.export.fonts import MissingGlyphError
from disclosure_app.export.layouts import GONGWEN
from disclosure_app.export.pdf_writer import footer_zone, write_pdf
from disclosure_app.export.publication import build_publication, table_heading
from disclosure_app.layout.table import render_tables
from disclosure_app.narrative.generate import build_text

_NUMBER = re.compile(r"-?\d[\d,]*\.\d\d")


class Read:
    """Page texts (footer cut off), footer page numbers and the document's outline."""

    def __init__(self, path) -> None:
        with pdfplumber.open(path) as pdf:
            self.sizes = [(p.width, p.height) for p in pdf.pages]
            zones = [footer_zone(GONGWEN, p.width > p.height) for p in pdf.pages]
            self.texts = [p.crop((0, 0, p.width, p.height - z)).extract_text() or ""
                          for p, z in zip(pdf.pages, zones)]
            self.footers = [p.crop((0, p.height - z, p.width, p.height)).extract_text() or ""
                            for p, z in zip(pdf.pages, zones)]
            self.outline = [(level, title) for level, title, *_ in pdf.doc.get_outlines()]
            self.watermarks = ["".join(c["text"] for c in p.chars if c["size"] > 40) for p in pdf.pages]
            self.fonts = _fonts(pdf)

    def pages_of(self, label: str, labels: list[str]) -> list[int]:
        """Pages from the one showing ``label`` up to the next table's label (a table runs on)."""
        start = next(i for i, t in enumerate(self.texts) if label in t)
        end = start + 1
        while end < len(self.texts) and not any(other in self.texts[end] for other in labels) \
                and "第三部分" not in self.texts[end]:
            end += 1
        return list(range(start, end))

    def flat(self) -> str:
        return re.sub(r"\s+", "", "".join(self.texts))


def _fonts(pdf) -> dict[str, dict]:
    found = {}
    for page in pdf.pages:
        fonts = resolve1(resolve1(page.page_obj.resources).get("Font", {}))
        for ref in fonts.values():
            font = resolve1(ref)
            for f in [resolve1(d) for d in resolve1(font.get("DescendantFonts", []))] or [font]:
                if "FontDescriptor" in f:
                    found[resolve1(f["BaseFont"]).name] = resolve1(f["FontDescriptor"])
    return found


@pytest.fixture(scope="module")
def sample_pdf(tmp_path_factory):
    project = sample()
    path = tmp_path_factory.mktemp("pdf") / "sample.pdf"
    write_pdf(project, path)
    return project, Read(path)


def test_every_amount_of_every_table_is_on_its_pages(sample_pdf) -> None:
    project, pdf = sample_pdf
    tables = render_tables(project)
    labels = [t.label for t in tables]
    for t in tables:
        pages = pdf.pages_of(t.label, labels)
        text = "\n".join(pdf.texts[i] for i in pages)
        assert t.title in text and t.dept_line in text and t.year_line in text and t.unit_line in text
        printed = Counter(_NUMBER.findall(text))
        wanted = Counter(c.text for r in t.body for c in r.cells if c.kind == "amount" and c.text)
        assert not wanted - printed, f"{t.label}: missing {wanted - printed}"
        counts = [c.text for r in t.body for c in r.cells if c.kind == "count" and c.text]
        assert all(re.search(rf"(?<![\d.]){n}(?![\d.])", text) for n in counts)
        if t.empty_note:
            assert t.empty_note in text


def test_narrative_and_overview_paragraphs_are_printed(sample_pdf) -> None:
    project, pdf = sample_pdf
    flat = pdf.flat()
    text = build_text(project)
    for section in (*text.overview, *text.narrative):
        stack = [section]
        while stack:
            s = stack.pop()
            stack += s.children
            assert re.sub(r"\s+", "", s.title) in flat
            for p in s.paragraphs:
                assert re.sub(r"\s+", "", p.text) in flat, p.text
    assert "基本支出870.54万元，占比72.55%" in flat
    for term, _ in text.glossary:
        assert term in flat


def test_fonts_are_embedded_truetype_subsets(sample_pdf) -> None:
    _, pdf = sample_pdf
    assert len(pdf.fonts) >= 2                            # 宋体/仿宋 and 黑体
    for name, descriptor in pdf.fonts.items():
        assert "FontFile2" in descriptor, name
        assert re.match(r"^[A-Z]{6}\+", name)            # a subset


def test_toc_page_numbers_match_the_footer_of_each_table_page(sample_pdf) -> None:
    project, pdf = sample_pdf
    toc = next(t for t in pdf.texts if "目" in t and "第一部分" in t and "收入支出决算总表" in t)
    assert all(not f.strip() for f in pdf.footers[:2])    # cover and 目录 carry no page number
    for i, t in enumerate(render_tables(project), start=1):
        line = next(ln for ln in toc.splitlines() if ln.startswith(table_heading(i, t)))
        listed = int(re.search(r"(\d+)\s*$", line).group(1))
        page = pdf.pages_of(t.label, [])[0]
        assert re.search(rf"—\s*{listed}\s*—", pdf.footers[page]), (t.label, listed, pdf.footers[page])


def test_bookmarks_per_part_and_per_table(sample_pdf) -> None:
    project, pdf = sample_pdf
    titles = [title for _, title in pdf.outline]
    for part in ("第一部分 概况", "第二部分 2024年部门决算表", "第三部分 情况说明", "第四部分 名词解释"):
        assert part in titles
    levels = dict((title, level) for level, title in pdf.outline)
    assert levels["一、收入支出决算总表"] == levels["第二部分 2024年部门决算表"] + 1
    assert "九、财政拨款“三公”经费支出决算表" in titles
    assert "六、一般公共预算财政拨款基本支出决算明细表" in titles


def test_wide_tables_are_on_landscape_pages(sample_pdf) -> None:
    project, pdf = sample_pdf
    labels = [t.label for t in render_tables(project)]
    for t in render_tables(project):
        for page in pdf.pages_of(t.label, labels):
            w, h = pdf.sizes[page]
            assert (w > h) == t.landscape, t.label
    p06 = pdf.pages_of("公开06表", labels)
    assert len(p06) == 1 and pdf.sizes[p06[0]][0] > pdf.sizes[p06[0]][1]


def test_changed_cell_changes_the_pdf_and_draft_carries_watermark(tmp_path) -> None:
    project = edit(sample(), "公开01 L1 = 1234.56")
    path = tmp_path / "changed.pdf"
    write_pdf(project, path, draft=True)
    pdf = Read(path)
    page = pdf.pages_of("公开01表", [])[0]
    assert "1234.56" in pdf.texts[page]
    assert all(w == "仅供内部审核" for w in pdf.watermarks)


def test_final_pdf_has_no_watermark(sample_pdf) -> None:
    _, pdf = sample_pdf
    assert not any(pdf.watermarks)


def test_missing_glyph_is_a_clear_error_naming_the_place(tmp_path, monkeypatch) -> None:
    monkeypatch.delenv("WINDIR", raising=False)
    project = sample()
    project.codes("T02")[0].name = "一般公共服务支出䶮"           # U+4DAE, outside GB 2312
    with pytest.raises(MissingGlyphError) as err:
        write_pdf(project, tmp_path / "x.pdf")
    assert "䶮" in str(err.value) and "公开02表" in str(err.value)
    assert not (tmp_path / "x.pdf").exists()


def test_publication_lists_every_table_in_toc_order() -> None:
    pub = build_publication(sample())
    assert [t for level, t in pub.toc if level == 0][:2] == ["第一部分 概况", "第二部分 2024年部门决算表"]
    assert ("一、收入支出决算总表" in [t for _, t in pub.toc]
            and "十、部门决算公开相关信息统计表" in [t for _, t in pub.toc])


def test_every_font_the_pdf_names_is_embedded(sample_pdf, tmp_path) -> None:
    """No base-14 font (Helvetica from the canvas or the 目录 table) slips in unembedded."""
    path = tmp_path / "draft.pdf"
    write_pdf(sample(), path, draft=True)
    with pdfplumber.open(path) as pdf:
        for page in pdf.pages:
            fonts = resolve1(resolve1(page.page_obj.resources).get("Font", {}))
            for ref in fonts.values():
                font = resolve1(ref)
                for f in [resolve1(d) for d in resolve1(font.get("DescendantFonts", []))] or [font]:
                    name = resolve1(f["BaseFont"]).name
                    assert "FontDescriptor" in f and "FontFile2" in resolve1(f["FontDescriptor"]), \
                        f"第{page.page_number}页 {name}"


def test_no_line_starts_with_closing_punctuation(sample_pdf) -> None:
    _, pdf = sample_pdf
    start = next(i for i, t in enumerate(pdf.texts) if "第三部分" in t and "目" not in t[:3])
    lines = [line.strip() for t in pdf.texts[start:] for line in t.splitlines() if line.strip()]
    assert len(lines) > 100
    bad = [line for line in lines if line[0] in "，。、；：？！”）》」"]
    assert bad == []


def test_a_heading_is_never_the_last_line_of_a_page(sample_pdf) -> None:
    project, pdf = sample_pdf
    text = build_text(project)
    titles = set()
    stack = list(text.narrative) + list(text.overview)
    while stack:
        s = stack.pop()
        titles.add(re.sub(r"\s+", "", s.title))
        stack += s.children
    for i, page in enumerate(pdf.texts):
        lines = [re.sub(r"\s+", "", line) for line in page.splitlines() if line.strip()]
        assert not lines or lines[-1] not in titles, f"第{i + 1}页最后一行是标题“{lines[-1]}”"
