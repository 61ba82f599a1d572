"""What the accountant supplies that the tables cannot: reasons, uses, prior-year figures, counts.

Every input is an :class:`InputSpec` stored in ``Project.inputs`` under a stable key:

- ``reason.<section>`` / ``reason.class.<类>`` / ``reason.three_public.c8`` – 主要原因 (free text);
- ``use.…`` – 主要用于 / 用途 (free text);
- ``prior.<form>.<row>`` – the prior year's figure of that cell (``prior.T01.L31`` 上年收入总计),
  ``prior.class.<类>`` – the prior year's 决算 of a function class, ``prior.running_costs``;
- ``budget.total`` / ``budget.class.<类>`` – 年初预算;
- ``count.…`` / ``amount.…`` – counts (车辆, 团组, 接待批次) and other amounts;
- ``text.…`` – optional free text with a default.

``<section>`` is a section *name* (``general_budget.overall``), never its printed number.
Amounts are read with :func:`amounts.parse_amount`, counts with :func:`amounts.parse_count`.
Which inputs apply depends on the data (a 类 only when it is listed, 政府采购 details only when
there was 政府采购), so the list is a function of the project: :func:`input_specs`.  A profile's
inputs are those of its sections' builders (:mod:`.sections`), in the order of its sections; the
same key means the same thing wherever it is used.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from decimal import Decimal

from ..amounts import AmountError, parse_amount, parse_count
from ..forms.document import Narrative
from ..model import Project
from .model import InputSet, InputSpec

A, C, T = "amount", "count", "text"

INFO_LABELS = {"info.duties": "本部门（单位）职责", "info.organisation": "机构设置情况", "info.units": "决算单位构成"}


@dataclass(frozen=True)
class _Assembled:
    inputs: InputSet
    static: dict[str, InputSpec]
    sources: tuple[InputSet, ...]           # the builders' own input sets, in section order


_CACHE: dict[int, tuple[Narrative, _Assembled]] = {}


def _assemble(narrative: Narrative) -> _Assembled:
    """The profile's input set: each section's builder's inputs, under the section's name."""
    hit = _CACHE.get(id(narrative))
    if hit is not None and hit[0] is narrative:
        return hit[1]
    from .sections import builder
    specs: list[InputSpec] = []
    applies = {}
    sets: list[InputSet] = []
    for section, _, _ in narrative.walk():
        b = builder(section.builder)
        if b.inputs is None:
            continue
        if b.inputs not in sets:
            sets.append(b.inputs)
        for spec in b.inputs.specs:
            if spec.section == b.home:
                specs.append(replace(spec, section=section.name))
                if spec.key in b.inputs.applies:
                    applies[spec.key] = b.inputs.applies[spec.key]

    def first(attr: str):
        def call(project: Project, key: str):
            for s in sets:
                found = getattr(s, attr)(project, key)
                if found if attr == "expand" else found is not None:
                    return found
            return () if attr == "expand" else None
        return call

    inputs = InputSet(tuple(specs), applies, first("default"), first("expand"), first("lookup"), first("computed"))
    assembled = _Assembled(inputs, {s.key: s for s in specs}, tuple(sets))
    _CACHE[id(narrative)] = (narrative, assembled)
    return assembled


def _narrative(project: Project) -> Narrative:
    narrative = project.profile.narrative
    if narrative is None:
        raise KeyError(f"公开文件类型“{project.profile.title}”没有情况说明")
    return narrative


def input_set(project: Project) -> InputSet:
    """The inputs of the project's 情况说明 (KeyError, in Chinese, for a profile without one)."""
    return _assemble(_narrative(project)).inputs


def input_set_sources(project: Project) -> tuple[InputSet, ...]:
    """The input sets of the builders the project's sections use (their checks apply)."""
    return _assemble(_narrative(project)).sources


def input_specs(project: Project) -> tuple[InputSpec, ...]:
    """Every input the project's 情况说明 uses now, in the order of the text."""
    inputs = input_set(project)
    out: list[InputSpec] = []
    for spec in inputs.specs:
        applies = inputs.applies.get(spec.key)
        if applies is not None and not applies(project):
            continue
        out.append(spec)
        out.extend(inputs.expand(project, spec.key))
    return tuple(out)


def spec_of(project: Project, key: str) -> InputSpec | None:
    assembled = _assemble(_narrative(project))
    spec = assembled.static.get(key)
    return spec if spec is not None else assembled.inputs.lookup(project, key)


def label_of(project: Project, key: str) -> str:
    if key in INFO_LABELS:
        return INFO_LABELS[key]
    spec = spec_of(project, key)
    return spec.label if spec else key


def kind_of(project: Project, key: str) -> str:
    spec = spec_of(project, key)
    return spec.kind if spec else T


def default_of(project: Project, key: str) -> str | None:
    return input_set(project).default(project, key)


def value_of(project: Project, key: str) -> str | None:
    """The value the data determines for ``key``, else the text typed, else its default, else ``None``."""
    computed = input_set(project).computed(project, key)
    if computed is not None:
        return computed
    raw = project.inputs.get(key)
    if raw is not None and raw.strip():
        return raw
    return default_of(project, key)


def read_number(project: Project, key: str) -> tuple[Decimal | None, bool]:
    """(value, readable): ``(None, True)`` when empty, ``(None, False)`` when not a number."""
    raw = value_of(project, key)
    if raw is None:
        return None, True
    parser = parse_count if kind_of(project, key) == C else parse_amount
    try:
        return parser(raw).value, True
    except AmountError:
        return None, False


def number_error(project: Project, key: str) -> str | None:
    """The Chinese parse message for an unreadable amount or count input, else ``None``."""
    raw = project.inputs.get(key)
    if raw is None or kind_of(project, key) == T:
        return None
    parser = parse_count if kind_of(project, key) == C else parse_amount
    try:
        parser(raw)
    except AmountError as exc:
        return str(exc)
    return None
