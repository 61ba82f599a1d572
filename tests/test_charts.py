"""The budget publication's charts (收入预算图, 支出预算图, 三公经费支出图): profile data, the figures
and shares they print, and the three files — the PDF re-read with pdfplumber, the Word file's
pictures with python-docx, the workbook's native charts with openpyxl."""

from __future__ import annotations

import io
import re
from decimal import Decimal
from pathlib import Path

import docx
import openpyxl
import pdfplumber
import pytest
from PIL import Image

from disclosure_app.export.chart_image import png_bytes
from disclosure_app.export.charts import NO_DATA, PALETTE, build_chart, drawing, project_charts, shares
from disclosure_app.export.fonts import register_pdf_fonts
from disclosure_app.export.package import export_package
from disclosure_app.export.pdf_writer import write_pdf
from disclosure_app.forms.charts import ChartSpec
from disclosure_app.forms.profiles import profiles
from disclosure_app.model import new_project
from disclosure_app.operations import sample_project

D = Decimal
LEGEND = re.compile(r"(\S+) (-?[\d,]+\.\d{2})万元 (\d+\.\d{2})%")


# -- profile data ------------------------------------------------------------------------------
def test_every_chart_follows_a_section_and_reads_cells_its_forms_have() -> None:
    seen = 0
    for profile in profiles():
        sections = {s.name for s, _, _ in profile.narrative.walk()} if profile.narrative else set()
        for spec in profile.charts:
            seen += 1
            assert spec.after in sections, f"{profile.id} {spec.key}: no section {spec.after}"
            assert spec.kind in ("pie", "bar") and spec.caption
            for form_id, row, col in spec.refs():
                form = profile.form(form_id)
                assert form.row(row) is not None, f"{spec.key}: {form_id} has no row {row}"
                assert any(c.key == col for c in form.columns_for(row)), f"{spec.key}: {form_id}.{row} has no {col}"
    budget = next(p for p in profiles() if p.charts)
    assert [c.caption for c in budget.charts] == ["收入预算图", "支出预算图", "三公经费支出图"]
    assert seen == 3


# -- shares --------------------------------------------------------------------------------------
@pytest.mark.parametrize("amounts", [
    [D("1"), D("1"), D("1")],                      # 33.33 × 3 leaves 0.01 to place
    [D("893.07"), D("154.25")],
    [D("0.01"), D("0.01"), D("0.01"), D("0.01"), D("0.01"), D("0.01"), D("9999.94")],
    [D("2"), D("1"), D("1"), D("1"), D("1"), D("1"), D("1")],
    [D("3.60")],
])
def test_shares_add_to_exactly_100(amounts) -> None:
    got = shares(amounts)
    assert sum(got) == D("100.00")
    assert all(s == s.quantize(D("0.01")) for s in got)
    exact = [a * 100 / sum(amounts) for a in amounts]
    assert all(abs(s - e) < D("0.01") for s, e in zip(got, exact))


def test_shares_largest_remainder_and_ties() -> None:
    assert shares([D(1), D(1), D(1)]) == [D("33.34"), D("33.33"), D("33.33")]
    # 1/6 = 16.666…, 5/6 = 83.333…: the larger fraction gets the unit
    assert shares([D(1), D(5)]) == [D("16.67"), D("83.33")]
    assert shares([D(0), D(0)]) == [D("0.00"), D("0.00")]


# -- figures -------------------------------------------------------------------------------------
def test_sample_figures_are_the_project_cells() -> None:
    p = sample_project("budget")
    income, spending, three = project_charts(p)
    assert {v.label: v.amount for v in income.values}["一般公共预算拨款收入"] == p.get("B01", "L1", "c1")
    assert [(v.amount, v.share) for v in income.drawn] == [(D("893.07"), D("85.27")), (D("154.25"), D("14.73"))]
    assert [(v.label, v.share) for v in spending.drawn] == [("基本支出", D("61.85")), ("项目支出", D("38.15"))]
    assert [(v.label, v.amount, v.share) for v in three.drawn] == [("公务用车运行维护费", D("3.60"), D("100.00"))]
    assert [v.share for v in three.values] == [D("0.00")] * 3 + [D("100.00")]


def test_empty_and_negative_figures() -> None:
    p = new_project("budget_shanxi", 2025, "某局")
    charts = project_charts(p)
    assert all(c.empty and c.caption.endswith(NO_DATA) for c in charts)
    font = register_pdf_fonts()["song"].name
    assert all(drawing(c, 400, font) is None for c in charts)
    p.set("B01", "L1", "c1", D("-5.00"))
    p.set("B01", "L32", "c1", D("10.00"))
    income = project_charts(p)[0]
    assert [v.label for v in income.drawn] == ["上年结转"] and income.drawn[0].share == D("100.00")
    negative = next(v for v in income.values if v.amount < 0)
    assert negative.share is None and not negative.drawn
    assert income.notes == ("注：负数未绘入图中：一般公共预算拨款收入-5.00万元。",)
    d = drawing(income, 400, font)
    pie = next(n for n in d.contents if n.__class__.__name__ == "Pie")
    assert pie.data == [1000]                     # whole cents, the negative one left out
    p.set("B01", "L32", "c1", D("-1.00"))           # nothing positive: no drawing, a clear caption
    assert project_charts(p)[0].caption == "收入预算图（无数据）"


def test_one_item_per_class_of_a_coded_form() -> None:
    p = sample_project("budget")
    chart = build_chart(p, ChartSpec("classes", "支出预算图", "pie", "expenditure", rows=("B03", "c1")))
    assert [(v.label, v.amount) for v in chart.values] == [
        ("公共安全支出", D("890.04")), ("社会保障和就业支出", D("80.75")), ("卫生健康支出", D("29.37")),
        ("住房保障支出", D("47.16"))]
    assert sum(v.share for v in chart.values) == D("100.00")


def test_the_picture_is_the_drawing() -> None:
    chart = project_charts(sample_project("budget"))[0]
    d = drawing(chart, 440, register_pdf_fonts()["song"].name)
    image = Image.open(io.BytesIO(png_bytes(d, dpi=100)))
    assert image.format == "PNG" and image.size == (round(440 * 100 / 72), round(d.height * 100 / 72))
    colours = image.convert("RGB").getcolors(1 << 20)
    big = {rgb for n, rgb in colours if n > 200}
    for c in PALETTE[:2]:                          # both slices are painted in their legend colours
        want = (round(c.red * 255), round(c.green * 255), round(c.blue * 255))
        assert any(max(abs(a - b) for a, b in zip(want, got)) <= 3 for got in big), want


def test_empty_project_exports_captions_without_charts(tmp_path: Path) -> None:
    path = write_pdf(new_project("budget_shanxi", 2025, "某局"), tmp_path / "empty.pdf")
    with pdfplumber.open(path) as pdf:
        text = "".join(page.extract_text() or "" for page in pdf.pages)
    for caption in ("收入预算图", "支出预算图", "三公经费支出图"):
        assert caption + NO_DATA in text


# -- the exported files ---------------------------------------------------------------------------
@pytest.fixture(scope="module")
def exported(tmp_path_factory):
    project = sample_project("budget")
    out = tmp_path_factory.mktemp("charts")
    manifest = export_package(project, out, force=True)
    files = {f["format"]: out / f["name"] for f in manifest["files"]}
    return project, files


def _section_text(pdf_path: Path) -> str:
    with pdfplumber.open(pdf_path) as pdf:
        return "\n".join(page.extract_text() or "" for page in pdf.pages)


def test_pdf_prints_each_chart_after_its_section_with_the_figures(exported) -> None:
    project, files = exported
    text = _section_text(files["pdf"])
    narrative = text[text.rindex("第三部分"):]          # the part itself, not its 目录 line
    order = [narrative.index(t) for t in ("二、收入预算情况说明", "收入预算图", "三、支出预算情况说明", "支出预算图",
                                          "七、“三公”经费增减变动原因说明", "三公经费支出图", "八、")]
    assert order == sorted(order)
    for chart in project_charts(project):
        start = narrative.index(chart.spec.caption)
        block = narrative[narrative.rindex("情况说明" if chart.key != "three_public" else "原因说明", 0, start):start]
        lines = {m.group(1): (D(m.group(2).replace(",", "")), D(m.group(3))) for m in LEGEND.finditer(block)}
        assert lines == {v.label: (v.amount, v.share) for v in chart.listed}, chart.key
        assert sum(share for _, share in lines.values()) == D("100.00")
    assert lines["公务用车运行维护费"] == (project.get("B10", "r5", "c1"), D("100.00"))


def test_word_holds_the_three_pictures_before_their_captions(exported) -> None:
    _, files = exported
    d = docx.Document(str(files["docx"]))
    assert len(d.inline_shapes) == 3
    paragraphs = list(d.paragraphs)
    captions = [i for i, p in enumerate(paragraphs) if p.text in ("收入预算图", "支出预算图", "三公经费支出图")]
    assert [paragraphs[i].text for i in captions] == ["收入预算图", "支出预算图", "三公经费支出图"]
    for i in captions:                              # the picture is in the paragraph just above
        assert paragraphs[i - 1]._p.xpath(".//pic:pic")
    blobs = [d.part.related_parts[s._inline.graphic.graphicData.pic.blipFill.blip.embed].blob for s in d.inline_shapes]
    assert all(Image.open(io.BytesIO(b)).format == "PNG" for b in blobs)


def test_workbook_holds_native_charts_over_the_form_cells(exported) -> None:
    project, files = exported
    wb = openpyxl.load_workbook(files["xlsx"])
    found = {}
    for ws in wb.worksheets:
        for ch in ws._charts:
            ref = ch.series[0].val.numRef.f
            cells = re.findall(r"'([^']+)'!\$([A-Z]+)\$(\d+)", ref)
            found[ws.title] = (ch.tagname, [wb[s][f"{c}{r}"].value for s, c, r in cells])
            assert all(s == ws.title for s, _, _ in cells)
    assert found["表一"] == ("pieChart", [893.07, None, None, None, None, 154.25])
    assert found["表三"][0] == "pieChart" and found["表三"][1] == [647.75, 399.57]
    assert found["表十"][0] == "barChart" and found["表十"][1] == [None, None, None, 3.6]
    assert wb["表一"].print_area                    # the table prints as before, the chart beside it
