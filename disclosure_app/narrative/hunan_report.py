"""The Hunan 部门整体支出绩效自评报告 (budget_and_performance.md §4.4), written from its 自评表 and
the inputs of :mod:`.inputs_hunan`.

The figures the 自评表 holds come from it (the table is the annex of kind ``options["annex"]`` of
the section: 年初预算数, 全年预算数 and its split by 收入性质, 总分), quoted with their cells
(``Cell("annex", "<index>", "<path>")``); the 决算 figures the table does not hold are typed.  The
report's 完成率 is 决算 / 年初预算 — not the table's 执行率, which is against the 全年预算数.
"""

from __future__ import annotations

from decimal import Decimal
from types import SimpleNamespace as ns

from ..annexes.model import Annex
from ..forms.annex_kinds import get_annex_kind
from ..rules.findings import Cell
from . import inputs as inp
from .inputs_hunan import ECONOMIC_CLASSES
from .render import FORM_PLACEHOLDER, PLACEHOLDER, Num, Part, Quote, Rendered, Writer

_INCOME_SPLIT = ("general", "fund", "special", "other")


def _table(w: Writer) -> tuple[int, Annex] | None:
    """The 自评表 the section reads: the first annex of the kind its options name."""
    kind = w.options.get("annex")
    return next(((i, a) for i, a in enumerate(w.project.annexes) if a.kind == kind), None)


def _field(w: Writer, key: str) -> Num:
    """A figure of the 自评表, or the placeholder that asks for it (the table, not an input)."""
    found = _table(w)
    if found is not None:
        i, a = found
        spec = a.spec.field(key)
        v = a.values.get(key)
        if isinstance(v, Decimal) and spec is not None:
            return w.num(v, f"{a.spec.name} {spec.label}", (Cell("annex", str(i), key),))
    kind = get_annex_kind(str(w.options.get("annex")))
    spec = kind.field(key)
    label = f"{kind.name}的{spec.label if spec else key}"
    w.placeholders[label] = f"{FORM_PLACEHOLDER}annex"
    return Num(None, PLACEHOLDER.format(label=label))


_OPEN_RATE = Num(None, "【各项填写后计算】")      # a rate of figures still to be filled in


def _share(w: Writer, part: Num, whole: Num, what: str) -> Num | None:
    """part / whole in percent; ``None`` on a zero base, :data:`_OPEN_RATE` while one is missing."""
    if part.v is None or whole.v is None:
        return _OPEN_RATE
    return w.pct(part, whole, what)


def _lines(w: Writer, s: Part, key: str) -> None:
    """A typed text printed one paragraph a line, each marked as coming from the input."""
    raw = inp.value_of(w.project, key) or ""
    lines = [line.strip() for line in raw.splitlines() if line.strip()]
    if not lines:
        s.paras = [Rendered(f"{s.key}.1", w.placeholder(key))]
        return
    quote = Quote("text", None, inp.label_of(w.project, key), (Cell("input", key, ""),))
    s.paras = [Rendered(f"{s.key}.{i}", line, [(0, len(line), quote)]) for i, line in enumerate(lines, start=1)]


def preface(w: Writer, s: Part) -> None:
    """The opening paragraph before 一 (no heading)."""
    s.paras.append(w.render(f"{s.key}.1", s.template, "body", year=w.year(), subject=w.text("hunan.subject")))


def units(w: Writer, s: Part) -> None:
    """决算单位构成."""
    s.paras.append(w.render(f"{s.key}.1", s.template, "units", year=w.year(), name=w.project.info.name,
                            units=w.text("hunan.units")))


def staff(w: Writer, s: Part) -> None:
    """人员情况: 在职人员 at the year's end."""
    s.paras.append(w.render(f"{s.key}.1", s.template, "staff", year=w.year(), subject=w.text("hunan.subject"),
                            staff=w.number_input("hunan.staff")))


def general(w: Writer, s: Part) -> None:
    """一般公共预算支出情况: (1) 本年收入 from the 自评表's split by 收入性质; (2) 本年支出 (决算) by
    资金来源, 支出性质 and 经济分类, each a share of 本年支出."""
    total = _field(w, "budget")
    general_, fund, special, other = (_field(w, k) for k in _INCOME_SPLIT)
    fiscal = w.total([general_, fund], "财政拨款收入（一般公共预算 + 政府性基金拨款）")
    lines = [ns(name="财政拨款收入", amount=fiscal)]
    if special.v:
        lines.append(ns(name="纳入专户管理的非税收入拨款", amount=special))
    lines.append(ns(name="其他", amount=other))
    for line in lines:
        line.share = _share(w, line.amount, total, f"{line.name}占本年收入的比重")
    s.paras.append(w.render(f"{s.key}.1", s.template, "income", year=w.year(), total=total, lines=lines))

    spent = w.number_input("hunan.final.total")

    def items(pairs: tuple[tuple[str, str], ...]) -> list[ns]:
        out = []
        for key, name in pairs:
            amount = w.number_input(f"hunan.final.{key}")
            out.append(ns(name=name, amount=amount, share=_share(w, amount, spent, f"{name}占本年支出的比重")))
        return out
    s.paras.append(w.render(
        f"{s.key}.2", s.template, "spending", year=w.year(), total=spent,
        sources=items((("fiscal", "财政拨款支出"), ("other", "其他资金支出"))),
        natures=items((("basic", "基本支出"), ("project", "项目支出"))), classes=items(ECONOMIC_CLASSES)))


def _typed_or(w: Writer, key: str, fallback: Num | None) -> Num:
    if inp.value_of(w.project, key) is not None or fallback is None:
        return w.number_input(key)
    return fallback


def fund(w: Writer, s: Part) -> None:
    """政府性基金预算支出: typed, or none when the 自评表's 政府性基金拨款 is 0."""
    table = _field(w, "fund")
    amount = _typed_or(w, "hunan.final.fund", table if table.v is not None and table.v == 0 else None)
    s.paras.append(w.render(f"{s.key}.1", s.template, "body", year=w.year(), what="政府性基金预算", amount=amount))


def state_capital(w: Writer, s: Part) -> None:
    """国有资本经营预算支出: typed, or none when the 自评表's 收入性质 (which has no such line)
    adds up to its 全年预算数."""
    budget = _field(w, "budget")
    parts = [_field(w, k) for k in _INCOME_SPLIT]
    whole = budget.v is not None and all(p.v is not None for p in parts) and \
        sum((p.v for p in parts if p.v is not None), Decimal(0)) == budget.v
    fallback = w.num(Decimal(0), "国有资本经营预算支出（自评表按收入性质分各项之和等于全年预算数）",
                     (), "amount") if whole else None
    amount = _typed_or(w, "hunan.final.state_capital", fallback)
    s.paras.append(w.render(f"{s.key}.1", s.template, "body", year=w.year(), what="国有资本经营预算", amount=amount))


def performance(w: Writer, s: Part) -> None:
    """部门整体支出绩效情况: 决算 against 年初预算 (总, 基本, 项目) and the 总分 with the 成效."""
    initial, final = _field(w, "initial"), w.number_input("hunan.final.total")
    lines = []
    for key, name in (("basic", "基本支出"), ("project", "项目支出")):
        a, b = w.number_input(f"hunan.initial.{key}"), w.number_input(f"hunan.final.{key}")
        lines.append(ns(name=name, initial=a, final=b, rate=_share(w, b, a, f"{name}决算数占年初预算数的比重"),
                        reason=w.text(f"reason.{s.key}.{key}")))
    s.paras.append(w.render(f"{s.key}.1", s.template, "execution", year=w.year(), initial=initial, final=final,
                            rate=_share(w, final, initial, "决算数占年初预算数的比重（预算支出完成率）"), lines=lines))
    s.paras.append(w.render(f"{s.key}.2", s.template, "score", total=_field(w, "total"),
                            achievements=w.text("hunan.achievements")))


def problems(w: Writer, s: Part) -> None:
    """存在的问题及原因分析, as typed."""
    _lines(w, s, "hunan.problems")


def measures(w: Writer, s: Part) -> None:
    """下一步改进措施, as typed."""
    _lines(w, s, "hunan.measures")
