"""The 情况说明's input checks are data: ``InputRule``s on the narrative sections, in the formula
language, run for the sections a profile has; messages number sections as the text does."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from dataclasses import replace
from decimal import Decimal

import pytest

from disclosure_app.forms import profiles as registry
from disclosure_app.forms.document import NarrativeSection
from disclosure_app.forms.profiles import get_profile, profiles, register
from disclosure_app.forms.spec import InputRule
from disclosure_app.model import new_project
from disclosure_app.narrative.checks import narrative_checks
from disclosure_app.narrative.input_rules import evaluate
from disclosure_app.narrative.inputs import spec_of
from disclosure_app.rules.findings import INFO, WARNING, Cell
from disclosure_app.rules.formula import Ref, parse
from disclosure_app.store import loads, to_dict

PROBE = "final_rules_probe"

GROUPS = InputRule("Z01", "{three_public.detail}出国（境）团组不应多于 5 个", "input.count.abroad_groups <= 5",
                   severity="info", when="T09.r1.c8 > 0",
                   message="{three_public.detail}填写出国（境）团组 {actual} 个，多于 {expected} 个（{T09}因公出国（境）费 "
                           "{T09.r1.c8:,.2f}）")
PARTS = InputRule("Z02", "{three_public.detail}两项接待费之和应等于国内接待费",
                  "input.amount.reception.domestic = input.amount.reception.foreign + input.amount.reception.abroad",
                  message="{title}：差 {diff:+}", tail_message="尾差：{title}：差 {diff:+}，不超过 ±{bound}")


def _add(sections: tuple[NarrativeSection, ...], name: str, *rules: InputRule) -> tuple[NarrativeSection, ...]:
    return tuple(replace(s, checks=(*s.checks, *rules) if s.name == name else s.checks,
                         children=_add(s.children, name, *rules)) for s in sections)


@pytest.fixture(scope="module")
def probe() -> Iterator[registry.Profile]:
    """The 10-table 决算 with two rules more on 九（二）, and without 八 国有资本经营 (so 九 is 八)."""
    base = get_profile("final_shanxi")
    assert base.narrative is not None
    sections = tuple(s for s in _add(base.narrative.sections, "three_public.detail", GROUPS, PARTS)
                     if s.name != "state_capital")
    profile = replace(base, id=PROBE, narrative=replace(base.narrative, sections=sections))
    register(profile)
    yield profile
    registry._profiles().pop(PROBE)


@pytest.fixture
def project(probe):
    """An inline project of the probe profile: the sample's tables, no narrative inputs at all."""
    from disclosure_app.cli import sample_project
    data = to_dict(sample_project("final"))
    data["profile"] = PROBE
    data["inputs"] = {}
    return loads(json.dumps(data, ensure_ascii=False))


def _found(project, rule: str):
    return [f for f in narrative_checks(project) if f.rule == rule]


def test_a_rule_added_to_a_section_fires_with_its_id_and_severity(project) -> None:
    project.set("T09", "r1", "c8", Decimal("3.2"))
    project.inputs["count.abroad_groups"] = "7"
    [f] = _found(project, "Z01")
    assert f.severity == INFO
    # 九（二） of the 10-table layout is 八（二） here: the number is the probe's, at run time
    assert f.message == "八（二）填写出国（境）团组 7 个，多于 5 个（公开09表因公出国（境）费 3.20）"
    assert f.cells == (Cell("input", "count.abroad_groups", ""), Cell("T09", "r1", "c8"))
    assert (f.expected, f.actual, f.difference) == (Decimal(5), Decimal(7), Decimal(2))


def test_a_rule_waits_for_its_inputs_and_its_condition(project) -> None:
    project.set("T09", "r1", "c8", Decimal("3.2"))
    assert not _found(project, "Z01")                       # the input is empty
    project.inputs["count.abroad_groups"] = "七个"
    assert not _found(project, "Z01")                       # not a number: N05's, not the rule's
    assert any(f.rule == "N05" for f in narrative_checks(project))
    project.inputs["count.abroad_groups"] = "7"
    project.set("T09", "r1", "c8", None)
    assert not _found(project, "Z01")                       # when T09.r1.c8 > 0 does not hold
    project.set("T09", "r1", "c8", Decimal("3.2"))
    project.inputs["count.abroad_groups"] = "5"
    assert not _found(project, "Z01")                       # holds


def test_an_equation_of_typed_figures_tolerates_their_rounding_tail(project) -> None:
    p = project
    p.inputs.update({"amount.reception.domestic": "10.00", "amount.reception.foreign": "4.00",
                     "amount.reception.abroad": "5.99"})
    [f] = _found(p, "Z02")                                   # 0.01 within 2 terms × 0.01: a 提示
    assert (f.severity, f.message) == (INFO, "尾差：八（二）两项接待费之和应等于国内接待费：差 +0.01，不超过 ±0.02")
    assert f.cells == tuple(Cell("input", k, "") for k in ("amount.reception.domestic", "amount.reception.foreign",
                                                             "amount.reception.abroad"))
    p.inputs["amount.reception.abroad"] = "5.97"
    [f] = _found(p, "Z02")
    assert (f.severity, f.message) == (WARNING, "八（二）两项接待费之和应等于国内接待费：差 +0.03")
    assert evaluate(p, replace(PARTS, exact=True)) is not None
    p.inputs["amount.reception.abroad"] = "5.99"
    f = evaluate(p, replace(PARTS, exact=True))              # exact: no tail at all
    assert f is not None and f.severity == WARNING
    p.inputs["amount.reception.abroad"] = "6.00"
    assert not _found(p, "Z02")


def test_input_keys_of_any_depth_parse() -> None:
    rel = parse("input.count.perf.projects = input.count.perf.projects.general + T09.r1.c8")
    assert rel.refs() == [Ref("input", "count.perf.projects"), Ref("input", "count.perf.projects.general"),
                          Ref("T09", "r1", "c8")]


_PLACEHOLDER = re.compile(r"\{([^{}:]+)(?::[^{}]*)?\}")
_NAMES = {"title", "expected", "actual", "diff", "bound"}


@pytest.mark.parametrize("profile", [p for p in profiles() if p.narrative is not None], ids=lambda p: p.id)
def test_every_input_rule_names_inputs_cells_and_sections_the_profile_has(profile) -> None:
    assert profile.narrative is not None
    project = new_project(profile.id)
    sections = set(profile.narrative.numbers())
    rules = list(profile.narrative.input_rules())
    assert rules, "the narrative's input checks are data on its sections"
    for rule in rules:
        refs = parse(rule.expr).refs() + [r for c in (rule.when or "").split(" and ") if c for r in parse(c).refs()]
        for ref in refs:
            if ref.form == "input":
                assert spec_of(project, ref.row) is not None, (rule.title, ref.row)
            else:
                spec = profile.form(ref.form)
                assert ref.row in {r.key for r in spec.fixed_rows}, (rule.title, ref)
                assert ref.col in {c.key for p in spec.panels for c in p.columns}, (rule.title, ref)
        for text in (rule.title, rule.message, rule.tail_message or ""):
            for name in _PLACEHOLDER.findall(text):
                head = name.split(".")[0]
                assert name in _NAMES or name in sections or head == "input" or profile.has_form(head), \
                    (rule.title, name)
        assert rule.id in ("N03", "N07") and rule.severity == WARNING
