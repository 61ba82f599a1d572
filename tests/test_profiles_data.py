"""A document layout is data: every profile's rules compile except those it drops on purpose,
its narrative tree is well formed, and nothing outside ``forms/`` names a profile."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

import disclosure_app
from disclosure_app.forms.profiles import get_profile, profile_ids, profiles
from disclosure_app.narrative.sections import BUILDERS
from disclosure_app.paths import template_dir
from disclosure_app.rules.checks import unresolved_rules

PACKAGE = Path(disclosure_app.__file__).resolve().parent

# Rules each profile inherits but cannot check, by id and number of variants: the 9-table 决算
# has no 公开10 (W01, X11, X11b, X13) and prints 三公 vertically (the one-row X12 variants; its
# own vertical X12 variants do compile).  Anything else that fails to compile is a typo.
DROPPED = {"final_shanxi": {}, "budget_shanxi": {}, "performance_hunan": {},
           "final_liaoning": {"W01": 1, "X11": 1, "X11b": 1, "X12": 4, "X13": 1}}


@pytest.mark.parametrize("profile_id", profile_ids())
def test_every_rule_compiles_but_those_dropped_on_purpose(profile_id: str) -> None:
    found = {rid: len(titles) for rid, titles in unresolved_rules(get_profile(profile_id)).items()}
    assert found == DROPPED[profile_id]


def test_a_typo_in_a_rule_is_found() -> None:
    from dataclasses import replace

    from disclosure_app.forms.spec import RuleDef
    base = get_profile("final_shanxi")
    broken = replace(base, id="typo_probe", rules=(*base.rules, RuleDef("Z99", "错字", "T01.L31.c1 = T01.L3l.c1"),
                                                    RuleDef("Z98", "错栏", "T01.L31.c9 = T01.L31.c1")))
    from disclosure_app.forms.profiles import register
    register(broken)
    try:
        assert set(unresolved_rules(broken)) == {"Z99", "Z98"}
    finally:
        from disclosure_app.forms import profiles as registry
        registry._profiles().pop("typo_probe")


@pytest.mark.parametrize("profile", profiles(), ids=lambda p: p.id)
def test_narrative_sections_name_known_builders_and_templates(profile) -> None:
    narrative = profile.narrative
    assert narrative is not None
    names = [s.name for s, _, _ in narrative.walk()]
    assert len(names) == len(set(names))
    folder = template_dir(narrative.templates)
    for section, _, _ in [*narrative.walk(), *((s, "", 0) for s in narrative.overview)]:
        assert section.builder in BUILDERS, section.builder
        assert (folder / section.template).is_file(), section.template
        text = (folder / section.template).read_text(encoding="utf-8")
        assert f"macro {section.title_macro}(" in text
        # titles carry no number: numbers are given from the order at render time
        title = re.search(rf"macro {section.title_macro}\(d\) %\}}(.*?)\{{%", text).group(1)
        assert not re.match(r"[一二三四五六七八九十]+、|（[一二三四五六七八九十]+）|\d+[、.]", title), title


def test_no_profile_id_outside_forms() -> None:
    ids = profile_ids()
    offenders = []
    for path in PACKAGE.rglob("*.py"):
        rel = path.relative_to(PACKAGE).as_posix()
        if rel.startswith("forms/"):
            continue
        text = path.read_text(encoding="utf-8")
        offenders += [f"{rel}: {pid}" for pid in ids if pid in text]
    assert offenders == []


def test_no_province_named_modules_in_narrative() -> None:
    names = [p.name for p in (PACKAGE / "narrative").glob("*.py")]
    assert not [n for n in names if "liaoning" in n or "shanxi" in n]
