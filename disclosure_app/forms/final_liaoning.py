"""决算公开, Liaoning 9-table variant (final_accounts.md §1.0, §1.6, §1.9) — Shanxi's specs re-labelled.

Form ids name the content, not the printed number: the 三公 table keeps the id ``T09`` but
prints as 公开07表, in its vertical layout; 政府性基金 (``T07``) prints as 公开08表 and
国有资本经营 (``T08``) as 公开09表.  There is no 公开10 (its facts are in the narrative).
"""

from __future__ import annotations

from dataclasses import replace

from . import final_shanxi as sx
from .economic_layout import LIAONING_GROUPS, t06_panels
from .spec import TOTAL, Column, FormSpec, Panel, Row
from .spec import RuleDef as R

_CODE_HEADER = ("功能分类科目编码", "科目名称")
_EMPTY = "如本表为空，则我部门本年度无此类资金收支余。"
_TAIL = "本表金额转换成万元时，因四舍五入可能存在尾差。"


def _relabel(spec: FormSpec, label: str, title: str | None = None, note_tail: str = _TAIL) -> FormSpec:
    panels = spec.panels
    if spec.layout == "coded":
        panels = tuple(replace(p, stub=_CODE_HEADER) for p in panels)
    return replace(spec, label=label, title=title or spec.title, panels=panels, dept_line="部门：",
                   unit_line="金额单位：万元", note=f"{spec.note}{note_tail}{_EMPTY}", empty_note="",
                   note_covers_empty=True, code_header=_CODE_HEADER)


def _forms() -> tuple[FormSpec, ...]:
    by_id = {f.id: f for f in sx.FORMS}
    t01 = replace(by_id["T01"], dept_line="部门：", note_covers_empty=True, note="注：本表反映部门本年度的总收支和年末结转结余情况。"
                  "本套报表金额单位转换万元时可能存在尾数误差。" + _EMPTY)
    t01 = replace(t01, panels=(replace(t01.panels[0], rows=tuple(
        replace(r, label="使用非财政拨款结余") if r.key == "L28" else r for r in t01.panels[0].rows)),
        t01.panels[1]))
    t06 = _relabel(by_id["T06"], "公开06表", "一般公共预算财政拨款基本支出决算表")
    t06 = replace(t06, panels=t06_panels(LIAONING_GROUPS, ("科目编码", "科目名称")))
    rows = (
        Row("total", "合 计", kind=TOTAL, sum_of=("abroad", "reception", "car"), rule="09-1"),
        Row("abroad", "1、因公出国（境）费"),
        Row("reception", "2、公务接待费"),
        Row("car", "3、公务用车购置及运行费", kind=TOTAL, sum_of=("car_run", "car_buy"), rule="09-2"),
        Row("car_run", "其中：（1）公务用车运行维护费", indent=1),
        Row("car_buy", "（2）公务用车购置费", indent=1),
    )
    cols = (Column("budget", ("预算数",)), Column("final", ("决算数",)))
    t09 = FormSpec(
        id="T09", label="公开07表", title="财政拨款“三公”经费支出决算表", layout="fixed",
        panels=(Panel("main", None, ("项 目",), cols, rows),), dept_line="部门：", note_covers_empty=True,
        note="注：本表反映部门本年度财政拨款“三公”经费支出预决算情况。其中：预算数为年初预算数，"
             "反映经调整后的预算数；决算数是包括当年财政拨款和以前年度结转资金安排的实际支出。" + _EMPTY,
    )
    return (
        t01,
        _relabel(by_id["T02"], "公开02表"),
        _relabel(by_id["T03"], "公开03表"),
        _relabel(by_id["T04"], "公开04表"),
        _relabel(by_id["T05"], "公开05表"),
        t06,
        t09,
        _relabel(by_id["T07"], "公开08表"),
        _relabel(by_id["T08"], "公开09表", "国有资本经营预算财政拨款收入支出决算表"),
    )


FORMS = _forms()

# The Shanxi relations apply unchanged where their cells exist (those naming 公开10 or the
# horizontal 三公 row drop out by themselves); the vertical 三公 table brings its own.
RULES: tuple[R, ...] = (
    R("X12", "公开06表因公出国（境）费用不超过“三公”经费因公出国（境）费决算",
      "T06.30212.c1 <= T09.abroad.final", severity="warning"),
    R("X12", "公开06表公务用车运行维护费不超过“三公”经费公务用车运行维护费决算",
      "T06.30231.c1 <= T09.car_run.final", severity="warning"),
    R("X12", "公开06表公务用车购置不超过“三公”经费公务用车购置费决算",
      "T06.31013.c1 <= T09.car_buy.final", severity="warning"),
    R("X12", "公开06表公务接待费不超过“三公”经费公务接待费决算",
      "T06.30217.c1 <= T09.reception.final", severity="warning"),
)
