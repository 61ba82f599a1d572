"""Adding a document layout is data (docs/adding-a-profile.md): a profile defined here, in the
test, with one form fewer and two 情况说明 sections swapped, exports with its own numbering."""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import replace

import pdfplumber
import pytest

from disclosure_app.export.package import export_package
from disclosure_app.forms import profiles as registry
from disclosure_app.forms.document import Narrative
from disclosure_app.forms.profiles import get_profile, register
from disclosure_app.narrative.generate import build_text
from disclosure_app.store import dumps, loads, to_dict

VARIANT = "final_variant_probe"


def _variant() -> registry.Profile:
    """The 10-table 决算 without 公开08 (国有资本经营), its 情况说明 without that section and with
    支出 before 收入; nothing but data."""
    base = get_profile("final_shanxi")
    text = base.narrative
    assert text is not None
    by_name = {s.name: s for s in text.sections}
    order = ["totals", "expenditure", "income", "fiscal", "general_budget", "basic", "fund", "three_public",
             "other_matters"]
    narrative = Narrative(templates=text.templates, overview=text.overview, numbering=text.numbering,
                          style=text.style, sections=tuple(by_name[n] for n in order))
    return replace(base, id=VARIANT, title="部门决算公开", forms=tuple(f for f in base.forms if f.id != "T08"),
                   narrative=narrative, region="试验格式")


@pytest.fixture(scope="module")
def variant() -> Iterator[registry.Profile]:
    profile = _variant()
    register(profile)
    yield profile
    registry._profiles().pop(VARIANT)


@pytest.fixture(scope="module")
def project(variant):
    from disclosure_app.cli import sample_project
    data = to_dict(sample_project("final"))
    data["profile"] = VARIANT
    data["forms"].pop("T08")
    return loads(json.dumps(data, ensure_ascii=False))


def test_the_sections_are_numbered_from_their_new_order(project) -> None:
    titles = [s.title for s in build_text(project).narrative]
    assert titles[:3] == ["一、收入支出决算总体情况说明", "二、支出决算情况说明", "三、收入决算情况说明"]
    assert titles[6] == "七、政府性基金预算财政拨款收支决算情况说明"
    assert titles[7] == "八、财政拨款“三公”经费支出决算情况说明"          # 九 in the 10-table layout
    assert titles[8] == "九、其他重要事项情况说明"
    assert not any("国有资本经营预算财政拨款支出决算情况说明" in t for t in titles)
    sub = [c.title for c in build_text(project).narrative[7].children]
    assert sub == ["（一）“三公”经费财政拨款支出决算总体情况说明", "（二）“三公”经费财政拨款支出决算具体情况说明"]


def test_inputs_follow_their_sections(project) -> None:
    from disclosure_app.narrative.inputs import input_specs
    sections = list(dict.fromkeys(s.section for s in input_specs(project)))
    assert sections[0] == "totals" and "state_capital" not in sections
    assert sections.index("three_public.overall") < sections.index("other_matters.running_costs")


def test_it_exports_with_its_numbering_and_without_the_form(project, tmp_path) -> None:
    manifest = export_package(project, tmp_path, formats=("pdf",), force=True, draft=True)
    pdf = tmp_path / manifest["files"][0]["name"]
    with pdfplumber.open(pdf) as doc:
        text = "\n".join(page.extract_text() or "" for page in doc.pages)
    assert "二、支出决算情况说明" in text and "三、收入决算情况说明" in text
    assert "八、财政拨款“三公”经费支出决算情况说明" in text
    assert "国有资本经营预算财政拨款支出决算表" not in text
    assert "部门决算公开" in text


def test_round_trip_keeps_the_profile(project) -> None:
    assert dumps(loads(dumps(project))) == dumps(project)
    assert json.loads(dumps(project))["profile"] == VARIANT
