"""Which profile a published text was printed from, and the Liaoning 9-table 决算 tables.

A 决算公开 printed in the Liaoning variant (final_accounts.md §1.0) is told from the Shanxi one
by its wording, counted over the whole text (:func:`detect_profile`):

- Liaoning: the department line ``部门：…`` over each table, the code header ``功能分类科目编码``,
  the notes ``本表金额转换成万元时…`` and ``如本表为空，则我部门本年度无此类资金收支余``, a part
  heading ``…决算情况说明`` (the 情况说明 comes before the tables);
- Shanxi: ``部门名称：`` / ``单位名称：``, ``科目代码``, ``说明：本表无数据``, the 公开10表
  部门决算公开相关信息统计表 and the 明细 in 公开06's title.

Its tables are read as the Shanxi ones (:class:`.published_text_tables.TableReader`), by label or
title, except the vertical 三公 table (公开07表, no 行次 or 栏次): each row by its printed label
("合 计", "1、因公出国（境）费", "其中：（1）公务用车运行维护费"), with its 预算数 and 决算数.
"""

from __future__ import annotations

import re
from decimal import Decimal

from ..amounts import AmountError, parse_amount
from ..model import Project
from .published_text_budget import BudgetTableReader, detect_kind
from .published_text_lines import Line
from .published_text_resolve import Pending
from .published_text_tables import TableReader, read_tables

__all__ = ["LiaoningTableReader", "PROFILES", "budget_current", "detect_profile", "liaoning_prior_current",
           "read_liaoning_tables"]

PROFILES = {"final": "final_shanxi", "budget": "budget_shanxi"}
LIAONING = "final_liaoning"
_LIAONING_MARKS = (re.compile(r"^\s*部门[：:]", re.M), re.compile(r"功能分类科目编码"),
                   re.compile(r"本表金额转换成万元时"), re.compile(r"如本表为空，?则我部门本年度无此类资金收支余"),
                   re.compile(r"^第[一二三四五]部分\s*\S*决算情况说明\s*$", re.M))
_SHANXI_MARKS = (re.compile(r"(?:部门|单位)名称[：:]"), re.compile(r"科目代码"), re.compile(r"说明[：:]\s*本表无数据"),
                 re.compile(r"部门决算公开相关信息统计表|公开\s*10\s*表"), re.compile(r"基本支出决算明细表"))


def detect_profile(text: str) -> str:
    """The profile the text was printed from: ``budget_shanxi`` for a 预算公开; for a 决算公开
    ``final_liaoning`` when its wording is Liaoning's more than Shanxi's, else ``final_shanxi``."""
    kind = detect_kind(text)
    if kind != "final":
        return PROFILES[kind]
    liaoning = sum(len(p.findall(text)) for p in _LIAONING_MARKS)
    shanxi = sum(len(p.findall(text)) for p in _SHANXI_MARKS)
    return LIAONING if liaoning > shanxi else PROFILES[kind]


class LiaoningTableReader(BudgetTableReader):
    """:class:`TableReader`, with a fixed table of several rows and no 行次 (the vertical 三公
    table) read row by row by label, as the 预算公开's 表一."""

    def read(self, block: list[Line]) -> None:
        spec = self.spec
        if spec.layout == "fixed" and len(spec.fixed_rows) > 1 and not any(r.line for r in spec.fixed_rows):
            self._labelled(self._clean(block))
            self.report_empty()
            return
        TableReader.read(self, block)


def read_liaoning_tables(project: Project, lines: list[Line], spans: dict[str, tuple[int, int]],
                         notes: list[str]) -> list[Pending]:
    """Read the nine tables of a Liaoning 决算公开 from their blocks ``spans[form]`` of ``lines``;
    the rows left to place by arithmetic."""
    return read_tables(project, lines, spans, notes, LiaoningTableReader)


# -- what a figure of the 情况说明 compares with ---------------------------------------------------

def liaoning_prior_current(project: Project, key: str) -> Decimal | None:
    """The current-year figure of a prior-year input that only the Liaoning variant has: a row
    of the vertical 三公 table (its 决算数), or the 机关运行经费 stated in the text (no 公开10);
    ``None`` for any other key."""
    forms = {f.id: f for f in project.profile.forms}
    t09 = forms.get("T09")
    row = key.rsplit(".", 1)[1]
    if t09 is not None and key.startswith("prior.T09.") and t09.row(row) is not None \
            and any(c.key == "final" for c in t09.panels[0].columns):
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
