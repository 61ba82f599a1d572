"""The rows of one group of a printed 附件 table (资金来源, 年度主要任务, 绩效指标) from its lines.

A group's read spec (``AnnexKind.extra["read"]["rows"][group]``, data) says:

- ``after`` — the label of the header line the rows follow (the last header line);
- ``until`` — labels that start the line after the last row (``总分``);
- ``levels`` — the columns carried down from the rows above when a row leaves them empty (一级/二级
  指标: printed once, merged over the rows below); ``vocab`` — ``{column: names}`` recognised as
  that column wherever they stand;
- ``parents`` — ``{二级 name: 一级 name}``: the 一级 of a row whose own 一级 cell is empty and whose
  二级 belongs elsewhere (a merged 一级 cell prints its name in the middle of its rows);
- ``skip`` — block labels printed in the rows' first column (``绩效指标``);
- ``fill`` — which text columns before the figures a row fills when it prints fewer texts than
  there are columns (most certain first: 实际完成值 before 定性值情况说明);
- ``blank`` — which figures are missing first when a row prints fewer figures than columns;
- ``percent`` — figures printed with a % sign (完成程度), which a bare number cannot be.

A row is read by position when its line has every grid column (our own PDF and Word files: each
cell in the column of the kind's layout) and the positions make sense (figures in the figure
columns, the name not a level's name, no bare number in a text column after the figures);
otherwise by shape: the level names, the name, the texts, the run of figures from the right and
the texts after it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from ..forms.annex_spec import AnnexKind, Each, Group, Item
from .annex_cells import cells, is_number, label_match, norm, number

__all__ = ["GroupRead", "read_rows"]


@dataclass
class GroupRead:
    rows: list[dict] = field(default_factory=list)
    unread: list[str] = field(default_factory=list)     # lines that gave no row


def _each(items: tuple[Item, ...], group: str) -> Each | None:
    from ..forms.annex_spec import Block
    for it in items:
        if isinstance(it, Each) and it.group == group:
            return it
        if isinstance(it, Block):
            found = _each(it.items, group)
            if found is not None:
                return found
    return None


def _positions(kind: AnnexKind, group: str) -> dict[str, int]:
    each = _each(kind.layout, group)
    return {p.path: p.col for p in each.cells} if each is not None else {}


class _Shape:
    """The columns of a group as the reader needs them."""

    def __init__(self, kind: AnnexKind, group: Group, spec: dict) -> None:
        self.group = group
        self.levels: tuple[str, ...] = tuple(spec.get("levels", ()))
        cols = [c for c in group.columns if c.key not in self.levels]
        first = next((i for i, c in enumerate(cols) if c.numeric), len(cols))
        last = first
        while last < len(cols) and cols[last].numeric:
            last += 1
        self.before = [c.key for c in cols[:first]]
        self.run = [c.key for c in cols[first:last]]
        self.after = [c.key for c in cols[last:]]
        self.name = self.before[0] if self.before else ""
        self.fill = [k for k in spec.get("fill", ()) if k in self.before]
        self.fill += [k for k in reversed(self.before[1:]) if k not in self.fill]
        self.blank = list(spec.get("blank", ()))
        self.percent = set(spec.get("percent", ()))
        self.vocab = {k: {norm(v) for v in names} for k, names in spec.get("vocab", {}).items()}
        self.skip = {norm(x) for x in spec.get("skip", ())}
        self.parents = {norm(k): v for k, v in spec.get("parents", {}).items()}
        self.choices = {c.key: set(c.choices) for c in group.columns if c.choices}
        self.pos = _positions(kind, group.key)
        self.width = len(kind.widths)

    def level_of(self, text: str) -> str:
        n = norm(text)
        return next((k for k, names in self.vocab.items() if n in names), "")

    def fits(self, key: str, text: str) -> bool:
        return is_number(text) and (key not in self.percent or text.rstrip().endswith(("%", "％")))


def _by_position(shape: _Shape, row: list[str]) -> dict[str, str] | None:
    if len(row) != shape.width or not shape.pos:
        return None
    got = {k: row[c] for k, c in shape.pos.items() if c < len(row)}
    if not got.get(shape.name) or shape.level_of(got[shape.name]) or is_number(got[shape.name]):
        return None
    if any(got.get(k) and not shape.fits(k, got[k]) for k in shape.run):
        return None
    if any(got.get(k) and (is_number(got[k]) or shape.level_of(got[k]) not in ("", k)) for k in shape.levels):
        return None
    if any(is_number(got.get(k, "")) for k in shape.after):
        return None
    at = set(shape.pos.values())
    if any(c and is_number(c) for i, c in enumerate(row) if i not in at):
        return None               # a figure outside every column: the cells are shifted
    return got


def _pick(keys: list[str], order: list[str], n: int) -> list[str]:
    """``n`` of ``keys`` (the first of ``order`` first), in the order of ``keys``."""
    chosen = set(order[:n])
    return [k for k in keys if k in chosen]


def _by_shape(shape: _Shape, row: list[str]) -> dict[str, str]:
    got: dict[str, str] = {}
    texts = [c for c in row if c and norm(c) not in shape.skip]
    rest = []
    for c in texts:
        level = shape.level_of(c)
        if level in shape.levels and not rest:
            got[level] = c
        else:
            rest.append(c)
    # the figures: the run of numbers ending at the last number, read from the right
    end = max((i for i, c in enumerate(rest) if is_number(c)), default=-1)
    after = rest[end + 1:]
    start = end
    while start - 1 >= 0 and is_number(rest[start - 1]) and end - start + 1 < len(shape.run):
        start -= 1
    figures = rest[start:end + 1] if end >= 0 else []
    before = rest[:start] if end >= 0 else rest
    order = list(dict.fromkeys(k for k in (*shape.blank, *shape.run) if k in shape.run))
    blanks = set(order[:max(0, len(shape.run) - len(figures))])
    k = len(figures) - 1
    for key in reversed(shape.run):
        if key in blanks or k < 0:
            continue
        if shape.fits(key, figures[k]):
            got[key] = figures[k]
            k -= 1
    before = [*before, *figures[:k + 1]]           # numbers no figure column took: texts
    # the texts before the figures: levels left of the name, the name, then the values
    cols = shape.before
    extra = len(before) - len(cols)
    if extra > 0 and shape.levels:
        lead = before[:extra]
        targets = list(shape.levels) if extra >= len(shape.levels) else list(shape.levels[-extra:])
        for key, text in zip(targets, lead):
            got[key] = text
        before = before[extra:]
    if before:
        got[shape.name] = before[0]
        values = before[1:]
        others = cols[1:]
        forced = [k for k in others if any(v in shape.choices.get(k, ()) for v in values)]
        order = forced + [k for k in shape.fill if k not in forced]
        keys = _pick(others, order, len(values)) if len(values) < len(others) else others
        for key, text in zip(keys, values):
            got[key] = text
        if len(values) > len(others) and others:
            got[others[-1]] = " ".join(values[len(others) - 1:])
    if after and shape.after:
        keys = shape.after if len(after) >= len(shape.after) else shape.after[-len(after):]
        for key, text in zip(keys, after):
            got[key] = text
        if len(after) > len(shape.after):
            got[shape.after[-1]] = " ".join(after[len(shape.after) - 1:])
    return got


def _value(group: Group, key: str, text: str) -> Decimal | str | None:
    col = group.column(key)
    if col.numeric:
        return number(text)
    text = text.strip()
    return text.rstrip("：:") if key == group.names else text      # "资金总额：" names the row 资金总额


def read_rows(kind: AnnexKind, group: Group, spec: dict, block: list[str]) -> GroupRead:
    """The rows of ``group`` from the lines of one table (see the module docstring)."""
    shape = _Shape(kind, group, spec)
    out = GroupRead()
    on = False
    until = tuple(spec.get("until", ()))
    after = spec["after"]
    carried = {k: "" for k in shape.levels}
    for ln in block:
        row = cells(ln)
        filled = [c for c in row if c]
        if not on:
            on = any(label_match(c, after) for c in filled)
            continue
        if not filled:
            continue
        if any(label_match(filled[0], u) for u in until):
            break
        if all(norm(c) in shape.skip for c in filled):
            continue
        got = _by_position(shape, row) or _by_shape(shape, row)
        if not got.get(shape.name) and not any(got.get(k) for k in shape.run):
            out.unread.append(ln.replace("\t", " ").strip())
            continue
        top = shape.levels[0] if shape.levels else ""
        low = got.get(shape.levels[-1]) if len(shape.levels) > 1 else ""
        if top and not got.get(top) and low and shape.parents.get(norm(low), carried[top]) != carried[top]:
            got[top] = shape.parents[norm(low)]     # the 一级 name printed lower, in its merged cell's middle
        for i, key in enumerate(shape.levels):
            if got.get(key):
                if got[key] != carried[key]:
                    for lower in shape.levels[i + 1:]:
                        carried[lower] = ""
                carried[key] = got[key]
            else:
                got[key] = carried[key]
        out.rows.append({c.key: _value(group, c.key, got.get(c.key, "")) for c in group.columns})
    return out
