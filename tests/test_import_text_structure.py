"""import-text on documents whose headings differ from ours (决算公开): table titles and labels
printed another way, the year said in several places, 情况说明 sections dropped, renumbered or
reworded, 名词解释 and 附件 without their part headings.

Each document is the bundled sample printed as a published PDF's text
(:func:`test_import_text.render`) with one such difference made to it.
"""

from __future__ import annotations

import re
from decimal import Decimal

import pytest
from fixtures import sample
from test_import_text import render

from disclosure_app.importers.published_text import TextImportError, read_published_text

LABELS = {f"公开{n:02d}表": n for n in range(1, 11)}


@pytest.fixture(scope="module")
def published() -> str:
    return render(sample())


def _without_labels(text: str) -> str:
    text = text.replace("\n公开02\n\n表\n", "\n")
    return re.sub(r"\n公开\d{2}表\n", "\n", text)


def _retitle(text: str, fn) -> str:
    """Every table's title line replaced by ``fn(title, label)``, its label line removed."""
    src = sample()
    text = _without_labels(text)
    for spec in src.profile.forms:
        text = text.replace(f"\n{spec.title}\n", f"\n{fn(spec.title, spec.label)}\n", 1)
    return text


HEADINGS = {
    "title and label, one space": lambda t, lab: f"{t} {lab}",
    "title and label, a tab": lambda t, lab: f"{t}\t{lab}",
    "label first": lambda t, lab: f"{lab}  {t}",
    "department and year before the title": lambda t, lab: f"阳城县司法局2024年度{t}",
    "year before the title": lambda t, lab: f"2024年度{t}",
    "表N label": lambda t, lab: f"表{LABELS[lab]} {t}",
    "title only": lambda t, lab: t,
}


@pytest.mark.parametrize("heading", list(HEADINGS))
def test_tables_are_found_however_their_heading_is_printed(published: str, heading: str) -> None:
    result = read_published_text(_retitle(published, HEADINGS[heading]))
    assert result.project.values == sample().values
    assert not [n for n in result.notes if "没有找到公开" in n]


def test_the_national_title_of_table_06_is_recognised(published: str) -> None:
    text = _without_labels(published).replace("一般公共预算财政拨款基本支出决算明细表", "一般公共预算财政拨款基本支出决算表")
    result = read_published_text(text)
    assert result.project.values == sample().values
    assert [r.code for r in result.project.codes("T05")] == [r.code for r in sample().codes("T05")]


def test_an_unrecognised_heading_does_not_let_the_table_before_swallow_the_next(published: str) -> None:
    text = published.replace("一般公共预算财政拨款基本支出决算明细表\n\n公开06表", "基本支出明细（经济分类）")
    result = read_published_text(text)
    p = result.project
    assert not [r for r in p.codes("T05") if r.code.startswith("3")]
    assert p.get("T05", "total", "c1") == Decimal("1199.89")
    assert any("公开05表" in n and "301" in n and "不属于本表" in n for n in result.notes)
    assert any("没有找到公开06表" in n for n in result.notes)


def test_no_table_found_names_the_titles_expected() -> None:
    with pytest.raises(TextImportError) as err:
        read_published_text("阳城县司法局\n2024年度单位决算公开\n\n第一部分 概况\n\n一、本部门（单位）职责\n\n负责……\n")
    assert "公开01表 收入支出决算总表" in str(err.value) and "决算公开文件" in str(err.value)


# -- department and year -------------------------------------------------------------------------

def test_the_year_comes_from_the_table_headers_not_from_a_sentence(published: str) -> None:
    text = published.replace("2024年度单位决算公开", "2024年单位决算公开")
    text = text.replace("二、机构设置情况\n\n", "二、机构设置情况\n\n根据2019年度机构改革方案，", 1)
    result = read_published_text(text)
    assert result.project.info.year == 2024
    assert not [n for n in result.notes if "年度" in n and "核对" in n]


def test_a_cover_year_that_disagrees_with_the_tables_is_noted(published: str) -> None:
    result = read_published_text(published.replace("2024年度单位决算公开", "2023年度单位决算公开"))
    assert result.project.info.year == 2024
    assert any("封面的年度（2023年）" in n and "2024" in n for n in result.notes)


def test_the_department_is_read_from_a_compiling_unit_line(published: str) -> None:
    result = read_published_text(published.replace("部门名称：", "编制单位：").replace("单位名称：", "编制单位："))
    assert result.project.info.name == "阳城县司法局"


# -- 情况说明 ----------------------------------------------------------------------------------------

def _drop_section_8_and_renumber(text: str) -> str:
    start = text.index("八、国有资本经营预算财政拨款支出决算情况说明")
    stop = text.index("九、财政拨款“三公”经费支出决算情况说明")
    text = text[:start] + text[stop:]
    return text.replace("\n九、财政拨款“三公”", "\n八、财政拨款“三公”").replace("\n十、其他重要事项", "\n九、其他重要事项")


def test_sections_are_matched_by_their_heading_not_their_number(published: str) -> None:
    got = read_published_text(_drop_section_8_and_renumber(published)).project
    assert got.overrides["other_matters.running_costs.1"].startswith("2024年机关运行经费支出108.42万元")
    assert got.overrides["three_public.overall.c12"].startswith("公务接待费支出0.36万元")
    assert "state_capital.1" not in got.overrides


def test_reworded_and_differently_numbered_headings(published: str) -> None:
    text = published.replace("一、收入支出决算总体情况说明", "一、2024年度收入支出决算总体情况")
    text = text.replace("（一）一般公共预算财政拨款支出决算总体情况", "1.一般公共预算财政拨款支出决算总体情况")
    text = text.replace("（二）一般公共预算财政拨款支出决算结构情况", "2.一般公共预算财政拨款支出决算结构情况")
    got = read_published_text(text).project
    assert got.overrides["totals.1"].startswith("2024年度收入总计1,199.89万元")
    assert got.overrides["general_budget.overall.1"].startswith("2024年一般公共预算财政拨款决算支出1,199.89万元")
    assert got.overrides["general_budget.structure.204"] == "公共安全支出(类)927.95万元，占比77.34%；"


GLOSSARY = ["名词解释", "", "- 一、财政拨款收入：指单位从同级财政部门取得的财政预算资金。",
            "- 二、事业收入：指事业单位开展专业业务活动及辅助活动取得的收入。", "", "附件", "",
            "普法宣传项目支出绩效自评表", "(2024年度)", "项目名称\t普法宣传\t\t", "总分\t\t99.81\t优"]


def test_glossary_and_annex_without_part_headings_stay_out_of_the_narrative(published: str) -> None:
    text = published[:published.index("第四部分 名词解释")] + "\n".join(GLOSSARY) + "\n"
    got = read_published_text(text).project
    assert got.overrides["other_matters.performance.other.1"] == "无"
    assert not [k for k, v in got.overrides.items() if "名词解释" in v or "财政拨款收入：指" in v or "自评表" in v]


def test_the_narrative_is_found_without_its_part_heading(published: str) -> None:
    got = read_published_text(published.replace("\n第三部分 情况说明\n", "\n")).project
    assert got.overrides["totals.1"].startswith("2024年度收入总计1,199.89万元")
    assert got.get("T10", "r5", "c1") == Decimal("108.42")


def test_paragraphs_wrapped_over_lines_are_joined(published: str) -> None:
    paragraph = next(ln for ln in published.split("\n") if ln.startswith("2024年机关运行经费支出"))
    wrapped = "\n".join(paragraph[i:i + 30] for i in range(0, len(paragraph), 30))
    got = read_published_text(published.replace(paragraph, wrapped)).project
    assert got.overrides["other_matters.running_costs.1"] == paragraph


def test_tables_printed_after_the_narrative(published: str) -> None:
    tables = published.index("\n第二部分 2024年部门决算表\n")
    narrative = published.index("\n第三部分 情况说明\n")
    glossary = published.index("\n第四部分 名词解释")
    moved = published[:tables] + published[narrative:glossary] + published[tables:narrative] + published[glossary:]
    got = read_published_text(moved).project
    assert got.values == sample().values
    assert got.overrides["totals.1"].startswith("2024年度收入总计1,199.89万元")
    assert not [v for v in got.overrides.values() if "\t" in v or "公开0" in v]
