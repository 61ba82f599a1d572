"""Checks of the printed 情况说明 wording a reviewer makes, beyond figure against cell.

Each reads the paragraphs as printed (a published document's paragraphs are the project's
overrides) against the paragraph generated from the tables:

- **N09** 警告 – a stale template sentence: "本部门无机关运行经费。", "本年度无此项收支。" printed where
  the tables (through the generated paragraph) show that very thing with a non-zero amount;
- **N10** 警告 – a rate of a zero base: "完成全年预算的0%" where there is no budget (the generated
  paragraph states no completion rate there);
- **N11** 警告 – a template figure never filled in or mistyped: "0X万元", "X%", "05.96万元";
- **N12** 警告 – 资本性支出 stated with an amount while the economic table's 310 资本性支出 is empty;
- **N13** 警告 – a percentage no pair of the paragraph's figures (those it prints, and the cells
  and inputs our paragraph quotes) gives at the precision printed — only for a percentage the
  override check could not pair with one of ours.
"""

from __future__ import annotations

import re
from decimal import ROUND_HALF_UP, Decimal
from itertools import islice

from ..model import Project
from ..rules.findings import WARNING, Cell, Finding
from .generate import Built, Detail

__all__ = ["printed_checks"]

_SUBJECT = r"(?:本部门|本单位|我部门|我单位|本级|本年度|本年|当年)\s*(?:\d{4}\s*年度?)?\s*"
_STALE = re.compile(_SUBJECT + r"(?:没有|无)\s*([^。；，,;：:]{2,26})")
_AMOUNT = r"(\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)\s*万元"
_RATE_OF = re.compile(r"完成[^，。；,;]{0,10}预算(?:数)?的?\s*(\d+(?:\.\d+)?)\s*[%％]")
_TEMPLATE = re.compile(r"(?<![A-Za-z])(\d*[XxＸｘ×]{1,3}(?:\.\d+)?)\s*(万元|%|％|个|辆|人次|批次)")
_LEADING_ZERO = re.compile(r"(?<![\d.,])(0\d+(?:\.\d+)?)\s*万元")
_CAPITAL = re.compile(r"资本性支出\s*[（(]?\d{0,3}[)）]?\s*[:：]?\s*" + _AMOUNT)
_PERCENT = re.compile(r"(?<![\d.])(\d+(?:\.\d+)?)\s*[%％]")


def _cell(d: Detail) -> Cell:
    return Cell("narrative", d.key, "")


def _quote(text: str, start: int, end: int, width: int = 14) -> str:
    a, b = max(0, start - width), min(len(text), end + width)
    return f"{'……' * (a > 0)}{text[a:b]}{'……' * (b < len(text))}"


def _number(text: str) -> Decimal:
    return Decimal(text.replace(",", ""))


def printed_checks(project: Project, built: Built) -> list[Finding]:
    """N09–N13 over every paragraph of ``built`` (see the module docstring)."""
    out: list[Finding] = []
    capital = _capital_cells(project)
    for d in built.details:
        if d.override is None:
            continue                      # our own wording: the generator guards these itself
        printed, generated = d.override, d.rendered.text
        out += _stale(d, printed, generated)
        out += _zero_base(d, printed, generated)
        out += _typos(d, printed)
        if capital is not None:
            out += _capital(project, d, printed, capital)
        untraced = _untraced_percentages(printed, generated)
        if untraced:
            out += _impossible(d, printed, untraced, _figures(project, d))
    return out


# -- N09 ---------------------------------------------------------------------------------------

def _stale(d: Detail, printed: str, generated: str) -> list[Finding]:
    out = []
    for m in _STALE.finditer(printed):
        thing = m.group(1).strip()
        if thing.startswith(("变化", "增减", "差异", "偏差", "明显", "重大")) or m.group(0) in generated:
            continue
        amount = _stated_amount(generated, thing)
        if amount is None or amount == 0:
            continue
        shown = f"{thing}{amount:,.2f}万元" if not thing.startswith("此项") else f"金额 {amount:,.2f}万元"
        out.append(Finding("N09", WARNING, f"{d.text_name}“{d.where}”写有“{m.group(0).strip()}”（“{_quote(printed, m.start(), m.end())}”），"
                           f"但表中有{shown}：这是模板中未删去的句子。请删去或改写该句", (_cell(d),)))
    return out


def _stated_amount(generated: str, thing: str) -> Decimal | None:
    """The first non-zero amount our paragraph states for ``thing`` ("机关运行经费支出108.42万元"), or
    for "此项…" any amount of the paragraph; None when ours states none."""
    if thing.startswith("此项"):
        amounts = [_number(a) for a in re.findall(_AMOUNT, generated)]
        return next((a for a in amounts if a), Decimal(0) if amounts else None)
    key = re.sub(r"(支出|经费|费用|收支|收入)$", "", thing) or thing
    for m in re.finditer(re.escape(key), generated):
        tail = generated[m.end():m.end() + 16]
        a = re.match(r"[^0-9，。；]{0,8}?" + _AMOUNT, tail)
        if a:
            return _number(a.group(1))
    return None


# -- N10 ---------------------------------------------------------------------------------------

def _zero_base(d: Detail, printed: str, generated: str) -> list[Finding]:
    stated = list(_RATE_OF.finditer(printed))
    if len(stated) <= len(_RATE_OF.findall(generated)):
        return []
    for m in stated:
        if _number(m.group(1)) == 0:
            return [Finding("N10", WARNING, f"{d.text_name}“{d.where}”写有“{m.group(0)}”（“{_quote(printed, m.start(), m.end())}”），"
                            f"但对应的预算数为0，不存在完成率：0的百分之几无从计算。请删去该完成率，或核对预算数",
                            (_cell(d),))]
    return []


# -- N11 ---------------------------------------------------------------------------------------

def _typos(d: Detail, printed: str) -> list[Finding]:
    out = []
    for m in _TEMPLATE.finditer(printed):
        out.append(Finding("N11", WARNING, f"{d.text_name}“{d.where}”中“{m.group(0)}”（“{_quote(printed, m.start(), m.end())}”）"
                           f"是模板中未填写的数字。请填写实际数字", (_cell(d),)))
    for m in _LEADING_ZERO.finditer(printed):
        out.append(Finding("N11", WARNING, f"{d.text_name}“{d.where}”中“{m.group(0)}”（“{_quote(printed, m.start(), m.end())}”）"
                           f"的数字以0开头，可能有误。请核对", (_cell(d),)))
    return out


# -- N12 ---------------------------------------------------------------------------------------

def _capital_cells(project: Project) -> list[tuple[str, str, str]] | None:
    """The cells of the economic 310 资本性支出 rows of the profile's tables (None: no such row)."""
    cells = []
    for spec in project.profile.forms:
        for r in spec.fixed_rows:
            if r.code == "310" and r.editable:
                cells += [(spec.id, r.key, c.key) for p in spec.panels if r in p.rows for c in p.columns]
    return cells or None


def _capital(project: Project, d: Detail, printed: str, cells: list[tuple[str, str, str]]) -> list[Finding]:
    if any(project.get(*c) for c in cells):
        return []
    for m in _CAPITAL.finditer(printed):
        if _number(m.group(1)):
            form, row, col = cells[0]
            label = project.form(form).label
            return [Finding("N12", WARNING, f"{d.text_name}“{d.where}”写有“{m.group(0)}”，但{label} 310 资本性支出为空："
                            f"正文与表格不一致。请核对{label}或改写该句", (Cell(form, row, col), _cell(d)))]
    return []


# -- N13 ---------------------------------------------------------------------------------------

def _untraced_percentages(printed: str, generated: str) -> list[re.Match]:
    ours = {_number(m.group(1)) for m in _PERCENT.finditer(generated)}
    return [m for m in _PERCENT.finditer(printed) if _number(m.group(1)) not in ours and _number(m.group(1)) != 100
            and _number(m.group(1)) != 0]


def _figures(project: Project, d: Detail) -> list[Decimal]:
    """The figures a percentage of this paragraph can be made of: those our paragraph quotes
    (amounts, and the cells and inputs behind them)."""
    values: set[Decimal] = set()
    for _, _, quote in d.rendered.spans:
        if quote.kind == "amount" and quote.value:
            values.add(abs(quote.value))
        for c in quote.cells:
            if c.form == "input":
                try:
                    v = Decimal(str(project.inputs.get(c.row, "")).replace(",", ""))
                except (ArithmeticError, ValueError):
                    continue
            else:
                v = project.get(c.form, c.row, c.column) or Decimal(0)
            if v:
                values.add(abs(v))
    return sorted(values)


def _impossible(d: Detail, printed: str, found: list[re.Match], figures: list[Decimal]) -> list[Finding]:
    own = [_number(a) for a in re.findall(_AMOUNT, printed)]
    pool = sorted({*figures, *(a for a in own if a)})
    if len(pool) < 2:
        return []
    out = []
    for m in islice(found, 5):
        target = _number(m.group(1))
        step = Decimal(1).scaleb(-(len(m.group(1).split(".", 1)[1]) if "." in m.group(1) else 0))
        if not _reachable(target, step, pool):
            out.append(Finding("N13", WARNING, f"{d.text_name}“{d.where}”中的“{m.group(0)}”（“{_quote(printed, m.start(), m.end())}”）"
                               f"不能由本文件中任何两个数算出（按原文的位数比较）。请核对该百分比", (_cell(d),)))
    return out


def _reachable(target: Decimal, step: Decimal, pool: list[Decimal]) -> bool:
    """Whether some a / b (or its change |a − b| / b) of ``pool`` gives ``target`` percent."""
    for b in pool:
        for a in pool:
            if a is b:
                continue
            if (a * 100 / b).quantize(step, rounding=ROUND_HALF_UP) == target:
                return True
            if a > b and ((a - b) * 100 / b).quantize(step, rounding=ROUND_HALF_UP) == target:
                return True
            if a < b and ((b - a) * 100 / b).quantize(step, rounding=ROUND_HALF_UP) == target:
                return True
    return False
