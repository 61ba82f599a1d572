"""The project: one department, one fiscal year, one document kind.

Values are keyed by (form, row key, column key), never by position.  In code tables the row
key is the classification code (or ``total`` for 合计); the ordered code rows with their names
are kept per form.  Amounts are ``Decimal``; a missing key is an empty cell.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal

from .annexes.model import Annex
from .forms.profiles import get_profile
from .forms.spec import FormSpec, Profile

CellKey = tuple[str, str, str]          # (form, row, column)

UNIT_TYPES = ("行政单位", "参照公务员法管理事业单位", "事业单位")


@dataclass
class DepartmentInfo:
    name: str = ""
    code: str = ""
    year: int = 2024
    unit_type: str = "行政单位"
    duties: str = ""                      # 一、本部门（单位）职责
    organisation: str = ""                # 二、机构设置情况
    units: str = ""                       # 决算单位构成: the units the 决算 consolidates, one per line


@dataclass
class CodeRow:
    code: str
    name: str
    texts: dict[str, str] = field(default_factory=dict)   # the form's text_columns (表六 政府经济科目)


# ``Project.options`` key: how many 附件 an imported published document prints that the project does
# not hold (import-text reads the tables and the text, not the 绩效 annex forms)
ANNEXES_NOT_IMPORTED = "annexes_not_imported"
# ``Project.options`` key: the inputs (comma-separated keys) an import worked back from a printed rate
# ("完成年初预算的110.23%" → 年初预算): not printed figures, so no rule holds them to each other or to
# the rate they came from
WORKED_BACK = "inputs_worked_back"


_UNIT_SPLIT = re.compile(r"[、；;]+")
_UNIT_NUMBER = re.compile(r"^\s*(?:\d+[.、．]|（\d+）|\(\d+\))\s*")


def unit_names(info: DepartmentInfo) -> tuple[str, ...]:
    """The 决算单位构成 as typed (one per line, or separated by 、；), in order, without list
    numbers or final punctuation; () when blank."""
    return split_units(info.units)


def split_units(text: str) -> tuple[str, ...]:
    """Unit names from a list typed or printed one per line or separated by 、；."""
    out = []
    for line in (text or "").splitlines():
        for part in _UNIT_SPLIT.split(_UNIT_NUMBER.sub("", line)):
            name = part.strip().rstrip("。，,.")
            if name:
                out.append(name)
    return tuple(out)


def worked_back(project: Project) -> set[str]:
    """The input keys an import worked back from a printed rate (see :data:`WORKED_BACK`)."""
    return {k for k in project.options.get(WORKED_BACK, "").split(",") if k}


@dataclass
class Project:
    profile_id: str
    info: DepartmentInfo = field(default_factory=DepartmentInfo)
    values: dict[CellKey, Decimal] = field(default_factory=dict)
    code_rows: dict[str, list[CodeRow]] = field(default_factory=dict)
    inputs: dict[str, str] = field(default_factory=dict)        # narrative inputs, see docs
    accepted: dict[str, str] = field(default_factory=dict)      # finding key -> 说明
    form_notes: dict[str, str] = field(default_factory=dict)    # form -> 空表说明 (override)
    overrides: dict[str, str] = field(default_factory=dict)     # narrative section -> text
    options: dict[str, str] = field(default_factory=dict)       # e.g. soft_checks = "1"
    annexes: list[Annex] = field(default_factory=list)   # 附件: 绩效目标表 / 绩效自评表 of the profile's kinds

    @property
    def profile(self) -> Profile:
        return get_profile(self.profile_id)

    @property
    def kind(self) -> str:
        return self.profile.kind

    def form(self, form_id: str) -> FormSpec:
        return self.profile.form(form_id)

    # -- cells ---------------------------------------------------------------------------
    def get(self, form: str, row: str, col: str) -> Decimal | None:
        return self.values.get((form, row, col))

    def set(self, form: str, row: str, col: str, value: Decimal | None) -> None:
        if value is None:
            self.values.pop((form, row, col), None)
        else:
            self.values[(form, row, col)] = value

    def codes(self, form: str) -> list[CodeRow]:
        return self.code_rows.setdefault(form, [])

    def code_names(self, form: str) -> dict[str, str]:
        return {r.code: r.name for r in self.code_rows.get(form, [])}

    def row_keys(self, form_id: str) -> list[str]:
        """Every row key that can hold values, in printed order (coded forms: 合计 first)."""
        spec = self.form(form_id)
        keys = [r.key for r in spec.fixed_rows if r.editable]
        if spec.layout == "coded":
            keys += [r.code for r in self.code_rows.get(form_id, [])]
        return keys

    def form_is_empty(self, form_id: str) -> bool:
        return not any(v for (f, _, _), v in self.values.items() if f == form_id)

    def copy(self) -> Project:
        return Project(
            self.profile_id,
            DepartmentInfo(**vars(self.info)),
            dict(self.values),
            {f: [CodeRow(r.code, r.name, dict(r.texts)) for r in rows] for f, rows in self.code_rows.items()},
            dict(self.inputs), dict(self.accepted), dict(self.form_notes), dict(self.overrides),
            dict(self.options),
            annexes=[a.copy() for a in self.annexes],
        )


def new_project(profile_id: str, year: int = 2024, name: str = "") -> Project:
    get_profile(profile_id)  # raises a Chinese KeyError for an unknown profile
    return Project(profile_id, DepartmentInfo(name=name, year=year))
