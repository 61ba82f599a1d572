"""The printed 项目支出绩效自评表: one bordered grid of eleven columns, as published.

:func:`render_annex` turns a :class:`~.model.ProjectEvaluation` into a :class:`RenderedAnnex` —
title lines, a full matrix of cells with merged spans, the field path shown in each data cell
(the cell's key), and the 备注 lines.  The grid is the same :class:`~disclosure_app.layout.cells.PrintGrid`
a form table becomes, so the PDF, Word and Excel writers print it with the very function that
prints the forms, and the three files agree.  No third-party imports here.

Columns: 0 block label · 1 一级指标 / 资金来源 · 2 二级指标 / 目标申报数 · 3 三级指标 / 预算编制数 ·
4 年初指标值 / 全年预算数 · 5 调整后指标值 / 全年执行数 · 6 实际完成值 / 资金结(转)余 ·
7 定性值情况说明 / 执行率 · 8 分值 / 得分 · 9 得分 / 偏差原因 · 10 偏差原因分析及改进措施.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from typing import TYPE_CHECKING

from ..layout.cells import CAPTION, HEAD, NUMBER, TEXT, Cell, PrintGrid, Span
from .model import NOTES, ProjectEvaluation, get_text

if TYPE_CHECKING:
    from ..model import Project

WIDTH = 11
# natural column widths in em (one CJK character = 1)
WIDTHS = (3.0, 4.0, 4.0, 7.0, 4.5, 4.5, 4.5, 4.5, 3.0, 3.0, 7.0)
LABEL = CAPTION                      # a printed label: centred, like the headings
__all__ = ["HEAD", "LABEL", "NUMBER", "TEXT", "RenderedAnnex", "Span", "render_annex", "render_annexes"]


@dataclass
class RenderedAnnex:
    """One annex as a grid: ``rows[r][c]`` is the cell (blank under a merge)."""
    index: int
    title: str                        # {项目名称}项目支出绩效自评表
    year_line: str                    # (2024年度)
    rows: list[list[Cell]] = field(default_factory=list)
    spans: list[Span] = field(default_factory=list)
    notes: tuple[str, ...] = ()
    total_row: int = 0                # the 总分 row (for tests and styling)

    @property
    def widths(self) -> tuple[float, ...]:
        """Natural column widths in em; writers scale them to the page."""
        return WIDTHS

    @property
    def cells(self) -> list[list[str]]:
        """The printed texts, ``cells[r][c]`` (empty under a merge)."""
        return [[c.text for c in row] for row in self.rows]

    @property
    def fields(self) -> dict[tuple[int, int], str]:
        """(row, col) -> the field path a data cell shows."""
        return {(r, c): str(x.key) for r, row in enumerate(self.rows) for c, x in enumerate(row) if x.key is not None}

    def grid(self) -> PrintGrid:
        """The annex as the writers print it (no header rows: nothing repeats on a new page)."""
        return PrintGrid(tuple(tuple(r) for r in self.rows), tuple(self.spans), WIDTHS)

    def texts(self) -> list[tuple[str, str]]:
        """Every printed text as (where, text) pairs, for the PDF glyph check."""
        where = f"附件 {self.title}"
        out = [(where, self.title), (where, self.year_line), *((where, n) for n in self.notes)]
        out += [(where, t) for row in self.cells for t in row if t]
        return out


class _Grid:
    def __init__(self, annex: ProjectEvaluation, out: RenderedAnnex) -> None:
        self.annex = annex
        self.out = out

    def row(self) -> int:
        """Append a blank grid row; returns its index."""
        self.out.rows.append([Cell("", TEXT)] * WIDTH)
        return len(self.out.rows) - 1

    def put(self, r: int, c: int, text: str, kind: str = TEXT, rowspan: int = 1, colspan: int = 1,
            path: str | None = None) -> None:
        """Write ``text`` at (r, c), merging ``rowspan`` × ``colspan`` cells."""
        value = Decimal(text) if kind == NUMBER and text else None
        self.out.rows[r][c] = Cell(text, kind, path, value)
        if rowspan > 1 or colspan > 1:
            self.out.spans.append(Span(r, c, rowspan, colspan))

    def value(self, r: int, c: int, path: str, kind: str = TEXT, colspan: int = 1) -> None:
        """Write the annex's field ``path`` at (r, c), remembering which field the cell shows."""
        self.put(r, c, get_text(self.annex, path), kind, 1, colspan, path)


def _runs(values: list[str]) -> list[tuple[int, int]]:
    """(first, length) of each run of equal consecutive values."""
    runs: list[tuple[int, int]] = []
    for i, v in enumerate(values):
        if runs and values[runs[-1][0]] == v and v:
            runs[-1] = (runs[-1][0], runs[-1][1] + 1)
        else:
            runs.append((i, 1))
    return runs


def render_annex(annex: ProjectEvaluation, year: int, index: int = 0) -> RenderedAnnex:
    """The published layout of one 项目支出绩效自评表."""
    out = RenderedAnnex(index, annex.title, f"({year}年度)", notes=("备注：" + NOTES[0], *NOTES[1:]))
    g = _Grid(annex, out)
    r = g.row()
    g.put(r, 0, "项目名称", LABEL, colspan=2)
    g.value(r, 2, "name", colspan=9)
    r = g.row()
    g.put(r, 0, "主管部门及代码", LABEL, colspan=2)
    g.value(r, 2, "department", colspan=4)
    g.put(r, 6, "预算单位", LABEL, colspan=2)
    g.value(r, 8, "unit", colspan=3)

    nf = len(annex.funds)
    r = g.row()
    g.row()
    g.put(r, 0, "项目资金预算安排及执行进度（万元）", HEAD, rowspan=2 + nf)
    g.put(r, 1, "资金来源", HEAD, rowspan=2)
    g.put(r, 2, "年初预算数", HEAD, colspan=2)
    for c, text in zip(range(4, 9), ("全年预算数", "全年执行数", "资金结(转)余", "执行率(%)", "得分")):
        g.put(r, c, text, HEAD, rowspan=2)
    g.put(r, 9, "偏差原因", HEAD, rowspan=2, colspan=2)
    g.put(r + 1, 2, "目标申报数", HEAD)
    g.put(r + 1, 3, "预算编制数", HEAD)
    for k in range(nf):
        r = g.row()
        g.value(r, 1, f"funds.{k}.source", LABEL)
        for c, attr in zip(range(2, 9), ("declared", "planned", "budget", "spent", "balance", "rate", "score")):
            g.value(r, c, f"funds.{k}.{attr}", NUMBER)
        g.value(r, 9, f"funds.{k}.reason", colspan=2)

    r = g.row()
    g.row()
    g.put(r, 0, "项目年度绩效目标", HEAD, rowspan=2)
    g.put(r, 1, "年度目标", HEAD, colspan=5)
    g.put(r, 6, "实际完成情况", HEAD, colspan=5)
    g.value(r + 1, 1, "goal", colspan=5)
    g.value(r + 1, 6, "achieved", colspan=5)

    r = g.row()
    g.put(r, 0, "绩效指标", HEAD, rowspan=1 + len(annex.indicators))
    for c, text in enumerate(("一级指标", "二级指标", "三级指标", "年初指标值", "调整后指标值", "实际完成值",
                              "定性值情况说明", "分值", "得分", "偏差原因分析及改进措施"), start=1):
        g.put(r, c, text, HEAD)
    first = r + 1
    for k in range(len(annex.indicators)):
        r = g.row()
        for c, attr in enumerate(("level1", "level2", "name", "initial", "adjusted", "actual", "qualitative"), start=1):
            g.value(r, c, f"indicators.{k}.{attr}", LABEL if c <= 2 else TEXT)
        g.value(r, 8, f"indicators.{k}.weight", NUMBER)
        g.value(r, 9, f"indicators.{k}.score", NUMBER)
        g.value(r, 10, f"indicators.{k}.analysis")
    ones = [i.level1 for i in annex.indicators]
    for start, n in _runs(ones):
        if n > 1:
            out.spans.append(Span(first + start, 1, n, 1))
            for j in range(start + 1, start + n):
                out.rows[first + j][1] = Cell("", TEXT)   # under the merge: the first row shows it
    twos = [f"{i.level1}\t{i.level2}" for i in annex.indicators]
    for start, n in _runs(twos):
        if n > 1:
            out.spans.append(Span(first + start, 2, n, 1))
            for j in range(start + 1, start + n):
                out.rows[first + j][2] = Cell("", TEXT)

    r = g.row()
    out.total_row = r
    g.put(r, 0, "总分", HEAD, colspan=9)
    g.value(r, 9, "total", NUMBER)
    g.value(r, 10, "grade", LABEL)

    analysis = (("analysis_execution", "项目实施和预算执行情况及分析"), ("analysis_output", "产出情况及分析"),
                ("analysis_benefit", "效益情况及分析"), ("analysis_satisfaction", "满意度情况及分析"))
    tail = (("experience", "主要经验做法"), ("problems", "项目管理中存在的主要问题及原因分析"),
            ("improvements", "下一步改进措施及管理建议"))
    r0 = len(out.rows)
    for k, (path, label) in enumerate(analysis):
        r = g.row()
        if k == 0:
            g.put(r, 0, "项目绩效分析", HEAD, rowspan=len(analysis) + len(tail))
            g.put(r, 1, "自评结果分析", HEAD, rowspan=len(analysis))
        g.put(r, 2, label, LABEL, colspan=2)
        g.value(r, 4, path, colspan=7)
    for path, label in tail:
        r = g.row()
        g.put(r, 1, label, LABEL, colspan=3)
        g.value(r, 4, path, colspan=7)
    assert len(out.rows) == r0 + len(analysis) + len(tail)
    return out


def render_annexes(project: Project) -> list[RenderedAnnex]:
    """Every annex of ``project`` in order."""
    return [render_annex(a, project.info.year, i) for i, a in enumerate(project.annexes)]
