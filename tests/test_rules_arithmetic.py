"""Every arithmetic rule, passing and failing, on a small department written inline.

Each case starts from the consistent department of ``fixtures.TINY`` (plus ``setup`` lines),
checks the rule is silent there, then applies one edit in the accountant's terms and checks the
rule reports it with the expected severity at the expected first cell.  Conditional rules also
carry ``off`` lines under which the same edit must not be reported.
"""

from __future__ import annotations

from dataclasses import dataclass

import pytest
from fixtures import T07_FILLED, T08_FILLED, at, findings, of_rule, tiny

from disclosure_app.rules.findings import ERROR, INFO, SEVERITY_ZH, WARNING


@dataclass(frozen=True)
class Case:
    rule: str
    edit: str
    severity: str
    cell: tuple[str, str, str]
    setup: str = ""
    off: str = ""          # lines switching a conditional rule off (or satisfying it)
    soft: bool = False     # a soft check: only with project.options["soft_checks"] = "1"

    @property
    def id(self) -> str:
        return f"{self.rule}:{self.edit.splitlines()[0][:28]}"


# Within-table sums generated from the form specs (final_accounts.md §2.2).
TABLE_RULES = [
    Case("01-1", "公开01 L27 = 99.00", ERROR, ("T01", "L27", "c1")),
    Case("01-2", "公开01 R58 = 99.00", ERROR, ("T01", "R58", "c2")),
    Case("01-3", "公开01 L31 = 101.00", ERROR, ("T01", "L31", "c1")),
    Case("01-4", "公开01 R62 = 101.00", ERROR, ("T01", "R62", "c2")),
    Case("02-1", "公开02 2040601.c1 = 81.00", ERROR, ("T02", "2040601", "c1")),
    Case("02-2", "公开02 2040601 = 81.00 | 81.00", ERROR, ("T02", "20406", "c1")),
    Case("02-2", "公开02 20406 = 79.00 | 79.00", ERROR, ("T02", "204", "c1")),
    Case("02-3", "公开02 total = 99.00 | 99.00", ERROR, ("T02", "total", "c1")),
    Case("03-1", "公开03 2040601.c2 = 51.00", ERROR, ("T03", "2040601", "c1")),
    Case("03-2", "公开03 2040601 = 81.00 | 51.00 | 30.00", ERROR, ("T03", "20406", "c1")),
    Case("03-3", "公开03 total = 99.00 | 69.00 | 30.00", ERROR, ("T03", "total", "c1")),
    Case("04-1", "公开04 L27 = 99.00", ERROR, ("T04", "L27", "c1")),
    Case("04-2", "公开04 R59 = 99.00 | 99.00", ERROR, ("T04", "R59", "c2")),
    Case("04-3", "公开04 R36.c2 = 81.00", ERROR, ("T04", "R36", "c2")),
    Case("04-4", "公开04 L29 = 5.00", ERROR, ("T04", "L28", "c1")),
    Case("04-5", "公开04 L32 = 101.00", ERROR, ("T04", "L32", "c1")),
    Case("04-6", "公开04 R64.c3 = 101.00", ERROR, ("T04", "R64", "c3")),
    Case("05-1", "公开05 2040601.c2 = 51.00", ERROR, ("T05", "2040601", "c1")),
    Case("05-2", "公开05 2040601 = 81.00 | 51.00 | 30.00", ERROR, ("T05", "20406", "c1")),
    Case("05-3", "公开05 total = 99.00 | 69.00 | 30.00", ERROR, ("T05", "total", "c1")),
    Case("06-1", "公开06 30101 = 31.00", ERROR, ("T06", "301", "c1")),
    Case("06-1", "公开06 31002 = 1.00", ERROR, ("T06", "310", "c1")),
    Case("06-2a", "公开06 personnel_total = 51.00", ERROR, ("T06", "personnel_total", "c1")),
    Case("06-2b", "公开06 public_total = 21.00", ERROR, ("T06", "public_total", "c1")),
    Case("07-1", "公开07 2296002.c4 = 4.00", ERROR, ("T07", "2296002", "c3"), setup=T07_FILLED),
    Case("07-1", "公开07 2296002.c6 = 5.00", ERROR, ("T07", "2296002", "c6"), setup=T07_FILLED),
    Case("07-2", "公开07 2296002 = 2.00 | 11.00 | 9.00 | 4.00 | 5.00 | 4.00", ERROR,
         ("T07", "22960", "c2"), setup=T07_FILLED),
    Case("07-3", "公开07 total = 3.00 | 10.00 | 8.00 | 3.00 | 5.00 | 5.00", ERROR,
         ("T07", "total", "c1"), setup=T07_FILLED),
    Case("08-1", "公开08 2230105.c2 = 3.00", ERROR, ("T08", "2230105", "c1"), setup=T08_FILLED),
    Case("08-2", "公开08 2230105 = 7.00 | 3.00 | 4.00", ERROR, ("T08", "22301", "c1"), setup=T08_FILLED),
    Case("08-3", "公开08 total = 7.00 | 3.00 | 4.00", ERROR, ("T08", "total", "c1"), setup=T08_FILLED),
    Case("09-1", "公开09 r1.c1 = 11.00", ERROR, ("T09", "r1", "c1")),
    Case("09-1", "公开09 r1.c7 = 9.00", ERROR, ("T09", "r1", "c7")),
    Case("09-2", "公开09 r1.c3 = 6.00, r1.c1 = 11.00", ERROR, ("T09", "r1", "c3")),
    Case("09-2", "公开09 r1.c11 = 4.00", ERROR, ("T09", "r1", "c9")),
    Case("10-1", "公开10 r2 = 4.00", ERROR, ("T10", "r1", "c1"), setup="公开10 r1 = 5.00, r2 = 5.00"),
    Case("10-2", "公开10 r12 = 2", ERROR, ("T10", "r7", "c1")),
]

_NO_FISCAL_CARRY_OFF = "公开04 L28 = 1.00, L29 = 1.00"

# Relations of the profile (forms/final_rules.py, final_accounts.md §2.3–2.4).
PROFILE_RULES = [
    Case("01-5", "公开01 L29 = 1.00, L31 = 101.00", ERROR, ("T01", "L31", "c1")),
    Case("04-7", "公开04 L28 = 1.00, L29 = 1.00, L32 = 101.00", ERROR, ("T04", "L32", "c1")),
    Case("04-8", "公开04 R60 = 1.00 | 1.00", ERROR, ("T04", "L1", "c1")),
    Case("04-8", "公开04 R60.c4 = 1.00, R60.c2 = 1.00", ERROR, ("T04", "L2", "c1")),
    Case("X01", "公开04 L1 = 101.00", ERROR, ("T01", "L1", "c1")),
    Case("X02a", "公开02 total.c1 = 101.00", ERROR, ("T02", "total", "c1")),
    Case("X02b", "公开02 total.c2 = 101.00", ERROR, ("T02", "total", "c2")),
    Case("X02c", "公开02 total.c3 = 5.00", ERROR, ("T02", "total", "c3")),
    Case("X03", "公开03 total.c1 = 101.00", ERROR, ("T03", "total", "c1")),
    Case("X04", "公开01 R35 = 81.00", ERROR, ("T01", "R35", "c2")),
    Case("X05", "公开04 R36.c3 = 81.00", ERROR, ("T04", "R36", "c3")),
    Case("X05b", "公开04 R36.c2 = 81.00", ERROR, ("T04", "R36", "c2"), off="公开01 L29 = 1.00"),
    Case("X05b", "公开04 R40.c2 = 21.00", ERROR, ("T04", "R40", "c2"), off="公开01 L5 = 1.00"),
    Case("X06", "公开04 R59.c3 = 101.00", ERROR, ("T04", "R59", "c3")),
    Case("X06b", "公开07 total.c3 = 5.00", ERROR, ("T04", "R59", "c4")),
    Case("X06b", "公开07 total.c2 = 5.00", ERROR, ("T01", "L2", "c1")),
    Case("X06b", "公开08 total.c1 = 5.00", ERROR, ("T04", "R59", "c5")),
    Case("X06c", "公开08 total.c1 = 5.00", ERROR, ("T04", "R59", "c2")),
    Case("X07", "公开02 2040601.c1 = 81.00", ERROR, ("T02", "2040601", "c1"), off="公开01 L28 = 1.00"),
    Case("X07", "公开03 2080505.c1 = 21.00", ERROR, ("T02", "2080505", "c1"), off="公开01 R60 = 1.00"),
    Case("X08", "公开01 L29 = 1.00", ERROR, ("T03", "total", "c1")),
    Case("X09", "公开05 2040601.c1 = 81.00", WARNING, ("T05", "2040601", "c1")),
    Case("X09", "公开05 2080505.c2 = 21.00", WARNING, ("T05", "2080505", "c2")),
    Case("X09b", "公开02 2040601.c2 = 81.00", ERROR, ("T02", "2040601", "c2"), off=_NO_FISCAL_CARRY_OFF),
    Case("X10", "公开06 personnel_total = 51.00", ERROR, ("T06", "personnel_total", "c1")),
    Case("X11", "公开10 r5 = 21.00", WARNING, ("T10", "r5", "c1")),
    Case("X11b", "公开10 r5 = 18.00", INFO, ("T10", "r5", "c1")),
    Case("X12", "公开06 30231 = 6.00", WARNING, ("T06", "30231", "c1")),
    Case("X12", "公开06 30217 = 6.00", WARNING, ("T06", "30217", "c1")),
    Case("X12", "公开06 30212 = 1.00", WARNING, ("T06", "30212", "c1")),
    Case("X12", "公开06 31013 = 1.00", WARNING, ("T06", "31013", "c1")),
    Case("X13", "公开10 r7 = 空, r12 = 空", WARNING, ("T10", "r7", "c1"), off="公开09 r1.c11 = 空"),
    Case("X14", "公开03 total.c2 = 69.00", WARNING, ("T05", "total", "c2")),
    Case("X14", "公开03 total.c3 = 29.00", WARNING, ("T05", "total", "c3")),
    Case("X15", "公开04 L28 = 1.00", WARNING, ("T04", "L28", "c1")),
    Case("X15", "公开04 R60.c2 = 1.00", WARNING, ("T04", "R60", "c2")),
    Case("W01", "公开09 r1.c10 = 1.00", WARNING, ("T10", "r1", "c1"), off="公开10 r1 = 1.00"),
    Case("S01", "公开06 30108 = 21.00", WARNING, ("T06", "30108", "c1"), soft=True),
    Case("S02", "公开06 30109 = 3.00", WARNING, ("T06", "30109", "c1"), soft=True),
    Case("S03", "公开06 30110 = 3.00", WARNING, ("T06", "30110", "c1"), soft=True),
    Case("S04", "公开06 30113 = 3.00", WARNING, ("T06", "30113", "c1"), soft=True),
    Case("S05", "公开06 30304 = 3.00", WARNING, ("T06", "30304", "c1"), soft=True),
]

ALL = TABLE_RULES + PROFILE_RULES
SOFT_ON = "选项 soft_checks = 1"


def _base(case: Case) -> str:
    return "\n".join(x for x in (case.setup, SOFT_ON if case.soft else "") if x)


@pytest.mark.parametrize("case", ALL, ids=lambda c: c.id)
def test_rule_passes_on_consistent_tables(case: Case) -> None:
    assert of_rule(tiny(_base(case)), case.rule) == []


@pytest.mark.parametrize("case", ALL, ids=lambda c: c.id)
def test_rule_reports_the_broken_cell(case: Case) -> None:
    found = findings(tiny(_base(case) + "\n" + case.edit))
    hits = at(found, case.rule, *case.cell)
    assert hits, f"{case.rule} not reported at {case.cell}: {[(f.rule, f.cells[:1]) for f in found]}"
    for f in hits:
        assert f.severity == case.severity
        assert f.message and not f.message.isascii()          # Chinese, for the accountant
        label = {"T0" + str(n): f"公开0{n}表" for n in range(1, 10)} | {"T10": "公开10表"}
        assert label[case.cell[0]] in f.message
        if case.severity == ERROR:
            assert f.difference is not None and abs(f.difference) > 0
            assert f.difference == f.actual - f.expected


CONDITIONAL = [c for c in ALL if c.off]


@pytest.mark.parametrize("case", CONDITIONAL, ids=lambda c: c.id)
def test_condition_switches_rule_off(case: Case) -> None:
    project = tiny(_base(case) + "\n" + case.edit + "\n" + case.off)
    assert at(findings(project), case.rule, *case.cell) == []


SOFT = [c for c in ALL if c.soft]


@pytest.mark.parametrize("case", SOFT, ids=lambda c: c.id)
def test_soft_checks_are_off_unless_enabled(case: Case) -> None:
    assert of_rule(tiny(case.edit), case.rule) == []
    assert of_rule(tiny("选项 soft_checks = 0\n" + case.edit), case.rule) == []


def test_every_profile_rule_has_a_case() -> None:
    from disclosure_app.forms.profiles import get_profile

    ids = {rd.id for rd in get_profile("final_shanxi").rules}
    assert ids <= {c.rule for c in PROFILE_RULES}


def test_every_generated_sum_has_a_case() -> None:
    from disclosure_app.forms.profiles import get_profile

    generated: set[str] = set()
    for spec in get_profile("final_shanxi").forms:
        for panel in spec.panels:
            generated |= {r.rule for r in panel.rows if r.rule}
            generated |= {c.rule for c in panel.columns if c.rule}
        if spec.coded:
            generated |= {spec.coded.hierarchy, spec.coded.total}
    covered = {c.rule for c in TABLE_RULES}
    # 02-4-style structure rules are covered in test_rules_checks.py
    assert generated - covered == set()


def test_inequality_violation_is_never_an_error() -> None:
    project = tiny("公开10 r5 = 500.00\n公开05 2040601.c1 = 500.00")
    for f in findings(project):
        if f.rule in ("X09", "X11"):
            assert f.severity == WARNING, SEVERITY_ZH[f.severity]
