"""Which profile a published text was printed from, and the table readers the profiles name.

The kind (预算 or 决算) is told by :func:`.published_text_budget.detect_kind`; among the
profiles of that kind, the one whose ``import_hints.marks`` occur most often in the whole text
wins, ties going to the profile marked ``default`` (:func:`detect_profile`).  E.g. the 9-table
决算 prints ``部门：…`` over each table, the code header ``功能分类科目编码`` and a part heading
``…决算情况说明`` before the tables; the 10-table one ``部门名称：``, ``科目代码`` and 公开10表.

Tables are read by label or title (:class:`.published_text_tables.TableReader`); a profile
whose hints name the ``labelled`` reader also has fixed tables without 行次 or 栏次 (the vertical
三公 table: "合 计", "1、因公出国（境）费", "其中：（1）公务用车运行维护费" with 预算数 and
决算数), read row by row by label.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from decimal import Decimal

from ..amounts import AmountError, parse_amount
from ..forms.profiles import profiles
from ..model import Project
from .published_text_budget import BudgetTableReader, detect_kind, read_budget_tables
from .published_text_lines import Line
from .published_text_resolve import Pending
from .published_text_tables import TableReader, read_tables

__all__ = ["KINDS", "LabelledTableReader", "budget_current", "detect_profile", "prior_current_by_layout",
           "table_reader"]

KINDS = ("final", "budget")          # the kinds whose published text can be read


def detect_profile(text: str) -> str:
    """The id of the profile the text was printed from (see the module docstring)."""
    kind = detect_kind(text)
    candidates = [p for p in profiles() if p.kind == kind]
    if not candidates:
        raise KeyError(f"没有“{kind}”类型的公开文件格式")

    def votes(p) -> int:
        return sum(len(re.findall(m, text)) for m in p.import_hints.marks)

    scored = [(votes(p), p.import_hints.default, -i, p.id) for i, p in enumerate(candidates)]
    return max(scored)[3]


class LabelledTableReader(BudgetTableReader):
    """:class:`TableReader`, with a fixed table of several rows and no 行次 (the vertical 三公
    table) read row by row by label, as the 预算公开's 表一."""

    def read(self, block: list[Line]) -> None:
        spec = self.spec
        if spec.layout == "fixed" and len(spec.fixed_rows) > 1 and not any(r.line for r in spec.fixed_rows):
            self._labelled(self._clean(block))
            self.report_empty()
            return
        TableReader.read(self, block)


def _read_labelled(project: Project, lines: list[Line], spans: dict[str, tuple[int, int]],
                   notes: list[str]) -> list[Pending]:
    return read_tables(project, lines, spans, notes, LabelledTableReader)


Reader = Callable[[Project, list[Line], dict[str, tuple[int, int]], list[str]], list[Pending]]
_READERS: dict[str, Reader] = {"standard": read_tables, "labelled": _read_labelled, "budget": read_budget_tables}


def table_reader(project: Project) -> Reader:
    """The reader the profile's ``import_hints.reader`` names: each reads the tables from their
    blocks ``spans[form]`` of ``lines`` and returns the rows left to place by arithmetic."""
    return _READERS[project.profile.import_hints.reader]


# -- what a figure of the 情况说明 compares with ---------------------------------------------------

def prior_current_by_layout(project: Project, key: str) -> Decimal | None:
    """The current-year figure of a prior-year input that depends on the layout: a row of a
    vertical 三公 table (its 决算数), or the 机关运行经费 stated in the text when there is no
    公开10; ``None`` for any other key."""
    forms = {f.id: f for f in project.profile.forms}
    t09 = forms.get("T09")
    row = key.rsplit(".", 1)[1]
    if t09 is not None and key.startswith("prior.T09.") and t09.row(row) is not None \
            and project.profile.import_hints.three_public == "vertical":
        return project.get("T09", row, "final") or Decimal(0)
    if key == "prior.running_costs" and "T10" not in forms:
        try:
            return parse_amount(project.inputs.get("amount.running_costs", "")).value or Decimal(0)
        except AmountError:
            return Decimal(0)
    return None


def budget_current(project: Project, key: str) -> Decimal | None:
    """The 决算 figure a 年初预算 input is the base of, where the text states the completion rate
    ("完成年初预算的 110.23%") instead of the budget; ``None`` for any other key."""
    def total(*cells: tuple[str, str, str]) -> Decimal:
        return sum((project.get(*c) or Decimal(0) for c in cells), Decimal(0))
    if key.startswith("budget.item."):
        return project.get("T05", key.rsplit(".", 1)[1], "c1")
    if key == "budget.fiscal.total":
        return total(("T04", "R59", "c2"))
    if key == "budget.fiscal.basic":
        return total(("T05", "total", "c2"), ("T07", "total", "c4"), ("T08", "total", "c2"))
    if key == "budget.fiscal.project":
        return total(("T05", "total", "c3"), ("T07", "total", "c5"), ("T08", "total", "c3"))
    return None
