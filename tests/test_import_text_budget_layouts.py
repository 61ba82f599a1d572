"""import-text on 预算公开 documents printed or extracted differently from the bundled budget sample.

The bundled budget sample printed as its published PDF's text
(:func:`test_import_text_budget.render_budget`), re-spaced the way other extractors do, or with
one of the differences seen between publications: labels without list numbers or reworded,
表六 with a code column, 表九 with amounts, 表十二 without a unit row or with a rounding tail,
titles carrying the department or a 表N label.
"""

from __future__ import annotations

import re
from decimal import Decimal

import pytest
from test_import_text_budget import budget_sample, render_budget
from test_import_text_layouts import VARIANTS

from disclosure_app.importers.published_text import read_published_text
from disclosure_app.model import Project
from disclosure_app.operations import all_findings

B09_LINE = "合计\t\t\t\t\t\t\t"


def _nonzero(project: Project) -> dict:
    return {k: v for k, v in project.values.items() if v}


def _records(project: Project, form: str) -> list[tuple[str, str]]:
    return [(r.code, r.name) for r in project.codes(form)]


@pytest.fixture(scope="module")
def published() -> str:
    return render_budget(budget_sample())


@pytest.mark.parametrize("variant", list(VARIANTS))
def test_every_layout_gives_back_the_budget_sample(published: str, variant: str) -> None:
    result = read_published_text(VARIANTS[variant](published))
    src = budget_sample()
    assert _nonzero(result.project) == _nonzero(src)
    for spec in src.profile.forms:
        if spec.layout == "coded":
            assert _records(result.project, spec.id) == _records(src, spec.id), spec.id
    assert not [n for n in result.notes if "不应有数" in n or "列位置不确定" in n or "不是本表表样" in n]


def test_labels_without_list_numbers_or_reworded(published: str) -> None:
    text = re.sub(r"\n([一二三四五六七八九十]{1,3})、", "\n", published)
    text = re.sub(r"\t([一二三四五六七八九十]{1,3})、", "\t", text)
    text = text.replace("公务用车购置及运行费", "公务用车购置及运行维护费").replace("①", "").replace("②", "")
    result = read_published_text(text)
    assert _nonzero(result.project) == _nonzero(budget_sample())


def test_a_label_matching_no_row_is_noted(published: str) -> None:
    line = "②公务用车运行维护费\t3.60\t3.60\t\t"
    assert line in published
    result = read_published_text(published.replace(line, "车辆保险费\t3.60\t3.60\t\t"))
    assert any(n.startswith("表十 第") and "“车辆保险费”不是本表表样中的行" in n for n in result.notes)
    assert result.project.get("B10", "r5", "c1") is None


def test_table_six_with_a_code_column(published: str) -> None:
    src = budget_sample()
    text = published
    for r in src.codes("B06"):
        text = re.sub(rf"\n{re.escape(r.name)}\t", f"\n{r.code} {r.name}\t", text, count=1)
    result = read_published_text(text)
    assert _records(result.project, "B06") == _records(src, "B06")
    assert _nonzero(result.project) == _nonzero(src)


def test_table_nine_amounts_by_position(published: str) -> None:
    assert B09_LINE in published
    p = read_published_text(published.replace(B09_LINE, "合计\t\t10.00\t\t合计\t10.00\t\t10.00")).project
    assert p.get("B09", "in_total", "c1") == Decimal("10.00")
    assert (p.get("B09", "out_total", "c2"), p.get("B09", "out_total", "c3"), p.get("B09", "out_total", "c4")) == \
           (Decimal("10.00"), None, Decimal("10.00"))


def test_table_nine_split_at_its_second_total_when_cells_are_dropped(published: str) -> None:
    p = read_published_text(published.replace(B09_LINE, "合计 10.00 合计 10.00 10.00")).project
    assert p.get("B09", "in_total", "c1") == Decimal("10.00")
    # 基本 or 项目? 表十二 prints no 国有资本经营预算 project money, so the 10.00 is 基本支出
    assert (p.get("B09", "out_total", "c2"), p.get("B09", "out_total", "c3"), p.get("B09", "out_total", "c4")) == \
           (Decimal("10.00"), Decimal("10.00"), None)


def _b12_block(text: str) -> tuple[int, int]:
    start = text.index("年项目支出预算表（本年预算）")
    start = text.index("\n1\t2\t3", start)
    start = text.index("\n", start + 1) + 1
    return start, text.index("\n\n", start)


def test_projects_listed_without_a_unit_row(published: str) -> None:
    a, b = _b12_block(published)
    rows = published[a:b].split("\n")
    assert rows[0].split("\t")[0] == rows[1].split("\t")[0] == "晋城市城区司法局"
    result = read_published_text(published[:a] + "\n".join([rows[0], *rows[2:]]) + published[b:])
    codes = [c for c, _ in _records(result.project, "B12")]
    assert codes and all(c.startswith("p") for c in codes)
    assert not [f for f in all_findings(result.project) if f.severity == "error" and f.cells[0].form == "B12"]


def test_units_add_up_within_the_rounding_tail(published: str) -> None:
    a, b = _b12_block(published)
    rows = ["晋城市城区司法局\t245.32\t245.32\t\t\t\t", "晋城市城区司法局（本级）\t100.00\t100.00\t\t\t\t",
            *(f"项目{n}\t33.33\t33.33\t\t\t\t" for n in "甲乙丙"), "晋城市城区公证处\t145.32\t145.32\t\t\t\t",
            "项目丁\t100.00\t100.00\t\t\t\t", "项目戊\t45.32\t45.32\t\t\t\t"]
    result = read_published_text(published[:a] + "\n".join(rows) + published[b:])
    assert [c for c, _ in _records(result.project, "B12")] == ["u1", "p1", "p2", "p3", "u2", "p4", "p5"]
    assert not [f for f in all_findings(result.project) if f.rule in ("B12-2", "B12-3") and f.severity == "error"]


@pytest.mark.parametrize("prefix", ["晋城市城区司法局", "表{n} ", "表{n}"])
def test_titles_with_the_department_or_a_label(published: str, prefix: str) -> None:
    src = budget_sample()
    text = published
    numerals = "一二三四五六七八九十"
    for n, spec in enumerate(src.profile.forms, start=1):
        title = spec.title_for(src.info.year)
        label = numerals[n - 1] if n <= 10 else "十" + numerals[n - 11]
        text = text.replace(f"\n{title}\n", f"\n{prefix.format(n=label)}{title}\n", 1)
    result = read_published_text(text)
    assert result.project.values == src.values
    assert not [n for n in result.notes if n.startswith("没有找到表")]
