"""import-text on the table layouts different extractors produce (决算公开).

Each variant is our bundled sample printed the way text comes out of a published PDF
(:func:`test_import_text.render`), then re-spaced the way another tool would extract it:
single or multiple spaces instead of tabs, columns aligned as ``pdftotext -layout`` does, empty
cells dropped, "-" / "—" / "0.00" printed in empty cells, full-width digits.  Every variant must
give back exactly the sample's amounts and code rows — or, where the text cannot say which
column an amount belongs to, a note and no guess.
"""

from __future__ import annotations

from decimal import Decimal

import pytest
from fixtures import sample
from test_import_text import render

from disclosure_app.importers.published_text import TextImportError, read_published_text
from disclosure_app.importers.published_text_lines import items
from disclosure_app.model import Project
from disclosure_app.operations import all_findings

# -- the ways an extractor prints a table row ------------------------------------------------------


def _cells(text: str, fn) -> str:
    return "\n".join(fn(line.split("\t")) if "\t" in line else line for line in text.split("\n"))


def one_space(text: str) -> str:
    return text.replace("\t", " ")


def three_spaces(text: str) -> str:
    return text.replace("\t", "   ")


def aligned(text: str) -> str:
    """Columns padded to a fixed width, empty cells as blanks (``pdftotext -layout``)."""
    return _cells(text, lambda cells: "".join(c.ljust(16) + "  " for c in cells).rstrip())


def collapsed(text: str) -> str:
    """Tab-separated, but the empty cells dropped."""
    return _cells(text, lambda cells: "\t".join(c for c in cells if c.strip()))


def filled(mark: str):
    return lambda text: _cells(text, lambda cells: "\t".join(c or mark for c in cells))


FULL_WIDTH = str.maketrans("0123456789.", "０１２３４５６７８９．")
VARIANTS = {
    "one space": one_space, "three spaces": three_spaces, "aligned": aligned, "empty cells dropped": collapsed,
    "hyphen": filled("-"), "em dash": filled("—"), "full-width minus": filled("－"), "double dash": filled("——"),
    "zeros": filled("0.00"), "full-width digits": lambda t: t.translate(FULL_WIDTH),
}


def _nonzero(project: Project) -> dict:
    return {k: v for k, v in project.values.items() if v}


def _codes(project: Project) -> dict:
    return {f: [(r.code, r.name) for r in project.codes(f)] for f in ("T02", "T03", "T05", "T07", "T08")}


@pytest.fixture(scope="module")
def published() -> str:
    return render(sample())


@pytest.mark.parametrize("variant", list(VARIANTS))
def test_every_layout_gives_back_the_sample(published: str, variant: str) -> None:
    result = read_published_text(VARIANTS[variant](published))
    src = sample()
    assert _nonzero(result.project) == _nonzero(src)
    assert _codes(result.project) == _codes(src)
    assert not [n for n in result.notes if "不应有数" in n or "列位置不确定" in n or "未能读取" in n]


def test_aligned_text_validates_like_the_sample(published: str) -> None:
    found = all_findings(read_published_text(aligned(published)).project)
    assert not [f for f in found if f.severity == "error"]
    assert len([f for f in found if f.rule[:2].isdigit() and f.severity == "info"]) == 19


def test_two_amounts_separated_by_a_space_are_never_one() -> None:
    assert [i.text for i in items("2040601 行政运行 10 10")] == ["2040601", "行政运行", "10", "10"]


# -- amounts whose columns the text does not say --------------------------------------------------

T05_ONLY = """
第二部分 2024年部门决算表

一般公共预算财政拨款支出决算表

公开05表

项目 本年支出
科目代码 科目名称 小计 基本支出 项目支出
合计 {total}
204 公共安全支出 {cls}
20406 司法 {kuan}
2040601 行政运行 523.15 523.15
2040602 一般行政管理事务 169.17 169.17
"""


def test_a_row_is_placed_by_its_parent_and_siblings() -> None:
    text = T05_ONLY.format(total="692.32 523.15 169.17", cls="692.32 523.15 169.17", kuan="692.32 523.15 169.17")
    p = read_published_text(text).project
    assert (p.get("T05", "2040601", "c2"), p.get("T05", "2040601", "c3")) == (Decimal("523.15"), None)
    assert (p.get("T05", "2040602", "c2"), p.get("T05", "2040602", "c3")) == (None, Decimal("169.17"))


def test_a_row_nothing_places_is_noted_and_not_guessed() -> None:
    text = T05_ONLY.format(total="692.32 692.32", cls="692.32 692.32", kuan="692.32 692.32")
    result = read_published_text(text)
    p = result.project
    assert p.get("T05", "2040601", "c1") == Decimal("523.15")
    assert p.get("T05", "2040601", "c2") is None and p.get("T05", "2040601", "c3") is None
    notes = [n for n in result.notes if "列位置不确定" in n]
    assert any("公开05表" in n and "2040601" in n and "本年支出/小计" in n for n in notes)


def test_a_row_number_is_never_read_as_an_amount(published: str) -> None:
    line = "一般公共预算财政拨款\t29\t\t\t61\t\t\t\t"
    assert line in published
    result = read_published_text(published.replace(line, "一般公共预算财政拨款\t29\t61"))
    assert result.project.get("T04", "L29", "c1") is None
    assert result.project.values == sample().values


def test_totals_of_the_economic_table_skip_dashes_and_zeros(published: str) -> None:
    line = next(ln for ln in published.split("\n") if ln.startswith("人员经费合计"))
    marked = line.replace("人员经费合计\t\t", "人员经费合计\t0.00\t").replace("公用经费合计\t\t", "公用经费合计\t-\t")
    p = read_published_text(published.replace(line, marked)).project
    assert p.get("T06", "personnel_total", "c1") == Decimal("762.12")
    assert p.get("T06", "public_total", "c1") == Decimal("108.42")


# -- rows, page numbers, unreadable tables ---------------------------------------------------------

def test_a_class_code_wrapped_onto_its_own_line_is_not_a_page_number(published: str) -> None:
    row = "\n208\t社会保障和就业支出\t107.89\t107.89"
    assert row in published
    result = read_published_text(published.replace(row, "\n208\n社会保障和就业支出\t107.89\t107.89", 1))
    assert result.project.values == sample().values
    assert not any("“208”是页码" in n for n in result.notes)


def test_a_second_total_row_is_a_note_not_an_overwrite(published: str) -> None:
    first = "合计\t\t1199.89\t870.54\t329.35\t\t\t"
    assert first in published
    result = read_published_text(published.replace(first, first + "\n合计\t\t5.00\t5.00\t\t\t\t", 1))
    assert result.project.get("T03", "total", "c1") == Decimal("1199.89")
    assert any("公开03表" in n and "第二个“合计”行" in n for n in result.notes)


def test_a_table_whose_lines_give_no_row_is_named(published: str) -> None:
    start = published.index("收入决算表\n")
    stop = published.index("注：本表反映部门本年度取得的各项收入情况")
    block = published[start:stop]
    scrambled = "\n".join(c for ln in block.split("\n") for c in ln.split("\t") if c.strip()
                          and not c.strip().isdigit())
    result = read_published_text(published.replace(block, scrambled + "\n"))
    assert any(n.startswith("公开02表没有读到数据行") for n in result.notes)
    assert result.project.get("T03", "total", "c1") == Decimal("1199.89")


def test_a_text_without_any_table_rows_is_refused() -> None:
    text = render(sample())
    one_cell_per_line = "\n".join(c for ln in text.split("\n") for c in (ln.split("\t") if "\t" in ln else [ln]))
    with pytest.raises(TextImportError, match="没有从任何一张表中读到数据行"):
        read_published_text(one_cell_per_line)
