"""The three sample publications export exactly as recorded (``tests/golden/``, see
``golden_outputs.py``): dump JSON, PDF text page by page, Word and Excel text, findings."""

from __future__ import annotations

import difflib
import json
import re

import pytest
from golden_outputs import GOLDEN, outputs, samples

from disclosure_app.forms.profiles import get_profile
from disclosure_app.store.migrate import migrate_accepted, migrate_key, migrate_texts

PARTS = ("dump.json", "findings.json", "pdf.txt", "docx.txt", "xlsx.txt")


@pytest.fixture(scope="module", params=sorted(samples()))
def exported(request: pytest.FixtureRequest) -> tuple[str, dict[str, str]]:
    return request.param, outputs(samples()[request.param]())


def _inherited(name: str) -> set[str]:
    """Input keys the sample took over from the 10-table sample it was made from (``liaoning``
    is the Shanxi sample re-filed): they were written, and are migrated, by that layout's numbers."""
    if name != "liaoning":
        return set()
    return set(json.loads((GOLDEN / "final.dump.json").read_text(encoding="utf-8"))["inputs"])


# Format 1 conflated these in the re-filed sample: "reason.五.一" was the 10-table text's
# 一般公共预算 reason and the 9-table text's 机关运行经费 reason at once (the latter overwrote the
# former).  Format 2 keeps both; they are compared apart (test_conflated_keys_are_now_two).
_CONFLATED = ("reason.general_budget.overall", "reason.other_matters.running_costs")


def _drop_conflated(text: str, name: str) -> str:
    if name != "liaoning":
        return text
    return "\n".join(ln for ln in text.split("\n")
                     if not any(f'"{k}"' in ln or f"input\t{k}\t" in ln for k in _CONFLATED))


def _migrated(recorded: str, name: str) -> str:
    """The dump recorded by format 1 (sections keyed by number) as format 2 writes it (by name)."""
    data = json.loads(recorded)
    legacy = get_profile(data["profile"]).narrative.legacy_numbers
    inherited = _inherited(name)
    shanxi = get_profile("final_shanxi").narrative.legacy_numbers
    inputs = {migrate_key(k, shanxi if k in inherited else legacy): v for k, v in data["inputs"].items()}
    _, overrides, accepted = migrate_texts({}, data["overrides"], data["accepted"], legacy)
    data["inputs"], data["overrides"], data["accepted"] = (
        dict(sorted(m.items())) for m in (inputs, overrides, accepted))
    data["format_version"] = 2
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


_RECORD = re.compile(r"^[a-z_]+\t")


def _key_records(text: str, legacy: dict[str, str], inherited: set[str] = frozenset(),
                 shanxi: dict[str, str] | None = None) -> str:
    """The Excel text with the hidden key sheet's records keyed by section name and in key order
    (format 1 sorted them by the old keys); every other sheet as it is."""
    lines = text.split("\n")
    start = next(i for i, ln in enumerate(lines) if ln.startswith("format\tdisclosure-app-xlsx\t"))
    end = next((i for i in range(start, len(lines)) if lines[i].startswith("===")), len(lines))
    records: list[list[str]] = []
    for ln in lines[start + 1:end]:
        if _RECORD.match(ln) or not records:
            records.append([ln])
        else:
            records[-1].append(ln)
    out = []
    for rec in records:
        kind, _, rest = rec[0].partition("\t")
        key, sep, value = rest.partition("\t")
        if kind in ("input", "override"):
            key = migrate_key(key, shanxi if shanxi is not None and key in inherited else legacy)
        elif kind == "accepted":
            key = migrate_accepted(key, legacy)
        out.append("\n".join([f"{kind}\t{key}{sep}{value}", *rec[1:]]))
    return "\n".join([*lines[:start], "format\tdisclosure-app-xlsx", *sorted(out), *lines[end:]])


def _migrated_keys(recorded: str, now: str, name: str) -> tuple[str, str]:
    profile = json.loads((GOLDEN / f"{name}.dump.json").read_text(encoding="utf-8"))["profile"]
    legacy = dict(get_profile(profile).narrative.legacy_numbers)
    shanxi = dict(get_profile("final_shanxi").narrative.legacy_numbers)
    return _key_records(recorded, legacy, _inherited(name), shanxi), _key_records(now, {})


@pytest.mark.parametrize("part", PARTS)
def test_export_matches_the_recorded_publication(exported: tuple[str, dict[str, str]], part: str) -> None:
    name, out = exported
    recorded = (GOLDEN / f"{name}.{part}").read_text(encoding="utf-8")
    if part == "dump.json" and json.loads(recorded)["format_version"] == 1:
        recorded = _migrated(recorded, name)
    now = out[part]
    if part == "xlsx.txt" and "\nformat\tdisclosure-app-xlsx\t1\n" in recorded:
        recorded, now = _migrated_keys(recorded, now, name)
    if part in ("dump.json", "xlsx.txt"):
        recorded, now = _drop_conflated(recorded, name), _drop_conflated(now, name)
    if now != recorded:
        diff = list(difflib.unified_diff(recorded.splitlines(), now.splitlines(), "recorded", "now",
                                         lineterm="", n=1))
        pytest.fail(f"{name}.{part} differs from the recorded file:\n" + "\n".join(diff[:60]))


def test_conflated_keys_are_now_two() -> None:
    from disclosure_app.store import dumps
    inputs = json.loads(dumps(samples()["liaoning"]()))["inputs"]
    assert inputs["reason.other_matters.running_costs"] == "缩减机关运行经费"          # the 9-table text's
    assert inputs["reason.general_budget.overall"].startswith("基本收入较上年减少48.09万元")  # the 10-table text's
