"""The charts a publication prints, as data: which figures, drawn how, captioned how, and where.

A :class:`ChartSpec` names its figures by cell (``B01.L1.c1``: form, row, column; several cells
are added up) or, with ``rows``, takes one figure per top-level row of a coded form (its 类, or
its units), labelled by the row's name.  ``after`` is the name of the 情况说明 section the chart
follows (:class:`~.document.NarrativeSection`); the writers place it there and nowhere else.
``kind`` is ``pie`` (shares of a whole) or ``bar`` (items side by side).  The exporters compute
the 万元 labels and percentages (:mod:`disclosure_app.export.charts`); nothing here knows how a
chart is drawn.
"""

from __future__ import annotations

from dataclasses import dataclass

PIE, BAR = "pie", "bar"


@dataclass(frozen=True)
class ChartItem:
    """One slice or bar: its printed label and the cells whose sum it shows."""
    label: str
    cells: tuple[str, ...]            # "B01.L1.c1"


@dataclass(frozen=True)
class ChartSpec:
    key: str                          # "income": stable, names the chart in files and tests
    caption: str                      # 收入预算图 — printed under the chart
    kind: str                         # pie | bar
    after: str                        # narrative section name: the chart follows its text
    items: tuple[ChartItem, ...] = ()
    rows: tuple[str, str] | None = None   # (form, column): one item per 类 / unit of a coded form
    unit: str = "万元"

    def refs(self) -> tuple[tuple[str, ...], ...]:
        """Every (form, row, column) the fixed items read."""
        return tuple(tuple(c.split(".")) for i in self.items for c in i.cells)


def _item(label: str, *cells: str) -> ChartItem:
    return ChartItem(label, cells)


# 预算公开 (Shanxi, seed 002): 收入预算图 after 二、收入预算情况说明 — 本年收入 by source plus 上年结转
# (the narrative's shares of 收入总计); 支出预算图 after 三 — 基本支出 / 项目支出 of 表三;
# 三公经费支出图 after 七 — the four items of 表十 side by side.
BUDGET_SHANXI_CHARTS: tuple[ChartSpec, ...] = (
    ChartSpec("income", "收入预算图", PIE, "income", (
        _item("一般公共预算拨款收入", "B01.L1.c1"), _item("政府性基金预算拨款收入", "B01.L2.c1"),
        _item("国有资本经营预算拨款收入", "B01.L3.c1"), _item("财政专户管理资金收入", "B01.L4.c1"),
        _item("单位资金", "B01.L5.c1"), _item("上年结转", "B01.L32.c1"))),
    ChartSpec("expenditure", "支出预算图", PIE, "expenditure", (
        _item("基本支出", "B03.total.c2"), _item("项目支出", "B03.total.c3"))),
    ChartSpec("three_public", "三公经费支出图", BAR, "three_public", (
        _item("因公出国（境）费", "B10.r1.c1"), _item("公务接待费", "B10.r2.c1"),
        _item("公务用车购置费", "B10.r4.c1"), _item("公务用车运行维护费", "B10.r5.c1"))),
)
