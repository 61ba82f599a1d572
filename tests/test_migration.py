"""Project files saved before the 情况说明 was keyed by section name (format 1: "reason.五.一",
paragraph "五.三.204", accepted "N01|input.reason.九.c8.") open with every input, hand-written
paragraph and accepted warning in place (``tests/data/v1_*.dapj`` were saved by that version)."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from disclosure_app.narrative.generate import build_text, iter_paragraphs
from disclosure_app.store import dumps
from disclosure_app.store.migrate import migrate_key
from disclosure_app.store.sqlite import open_project, save_project
from disclosure_app.validation import all_findings

DATA = Path(__file__).parent / "data"
EXPECTED = json.loads((DATA / "v1_expected.json").read_text(encoding="utf-8"))


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_an_old_project_prints_the_same_text(name: str, tmp_path: Path) -> None:
    path = tmp_path / f"{name}.dapj"
    shutil.copy(DATA / f"v1_{name}.dapj", path)
    project = open_project(path)
    text = build_text(project)
    assert [p.text for p in iter_paragraphs(text.narrative)] == EXPECTED[name]["narrative"][0]
    # a layout that came to print its 决算单位构成 (Liaoning 概况 三) asks an old file for the list
    added = ["决算单位构成"] if project.profile.lists_units else []
    assert list(text.missing) == EXPECTED[name]["missing"] + added
    # the hand-written paragraphs are still hand-written, now under section names
    assert project.overrides and not any(k[0] in "一二三四五六七八九十" for k in project.overrides)
    printed = {p.key: p for p in iter_paragraphs(text.narrative)}
    assert all(printed[k].overridden for k in project.overrides)


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_accepted_warnings_stay_accepted(name: str, tmp_path: Path) -> None:
    path = tmp_path / f"{name}.dapj"
    shutil.copy(DATA / f"v1_{name}.dapj", path)
    project = open_project(path)
    legacy = project.profile.narrative.legacy_numbers
    expected = {f"{k.partition('|')[0]}|{migrate_key(k.partition('|')[2], legacy)}": v
                for k, v in EXPECTED[name]["accepted"].items()}
    assert project.accepted == expected
    accepted = {f.key for f in all_findings(project) if f.accepted_note}
    assert accepted == set(expected)


def test_saved_again_it_is_format_2_and_stable(tmp_path: Path) -> None:
    path = tmp_path / "final.dapj"
    shutil.copy(DATA / "v1_final.dapj", path)
    project = open_project(path)
    assert "reason.three_public.c8" not in project.inputs           # removed before saving, still absent
    assert project.inputs["reason.totals"].startswith("基本收入较上年减少")
    save_project(project, path)
    again = open_project(path)
    assert json.loads(dumps(again))["format_version"] == 2
    assert dumps(again) == dumps(project)
