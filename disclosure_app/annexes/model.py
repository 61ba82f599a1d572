"""Annex tables (附件 绩效目标表 / 绩效自评表) of any kind, kept on ``Project.annexes``.

An :class:`Annex` is a record of its kind's spec (:class:`~disclosure_app.forms.annex_spec.AnnexKind`,
:func:`~disclosure_app.forms.annex_kinds.get_annex_kind`): ``values`` holds the single fields,
``rows`` each group's records.  Amounts, rates and scores are ``Decimal`` kept exactly as typed —
the published tables print 44.639 万元 or 100.00 — so nothing here rounds; a blank figure is
``None`` ("not entered"), never 0.

Every editable value has a *field path*: ``name``, ``total``, ``funds.0.rate``,
``indicators.3.score``.  The session, the findings (``Cell("annex", "<index>", "<path>")``) and
the GUI all address values by that path; :func:`get_text` and :func:`set_text` read and write it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from ..amounts import AmountError, _normalise, parse_amount
from ..errors import AppError
from ..forms.annex_kinds import DEFAULT_KIND, get_annex_kind
from ..forms.annex_spec import PERCENT, THOUSANDS, AnnexKind, Group
from ..forms.annex_spec import Field as FieldSpec

Value = Decimal | str | None
Row = dict[str, Value]


class AnnexError(AppError, ValueError):
    """A value that cannot be set; the message is Chinese and names the field."""


@dataclass
class Annex:
    """One annex table of kind ``kind``."""
    kind: str = DEFAULT_KIND
    values: dict[str, Value] = field(default_factory=dict)
    rows: dict[str, list[Row]] = field(default_factory=dict)

    @property
    def spec(self) -> AnnexKind:
        return get_annex_kind(self.kind)

    def get(self, key: str) -> Value:
        """A single field's stored value (``None`` or "" when empty)."""
        return self.values.get(key)

    def text(self, key: str) -> str:
        f = self.spec.field(key)
        return _shown(self.values.get(key), f)

    def group(self, key: str) -> list[Row]:
        return self.rows.setdefault(key, [])

    @property
    def name(self) -> str:
        """What names the table in lists and messages (项目名称, 部门名称)."""
        return self.text(self.spec.label) if self.spec.field(self.spec.label) else ""

    def _fill(self, pattern: str) -> str:
        for f in self.spec.fields:
            if "{" + f.key + "}" in pattern:
                pattern = pattern.replace("{" + f.key + "}", self.text(f.key))
        return pattern

    @property
    def title(self) -> str:
        """The printed title: the kind's title with the fields filled in."""
        return self._fill(self.spec.title)

    @property
    def heading(self) -> str:
        """The 目录 line after 附件N：, which tells tables of one kind apart (by project)."""
        return self._fill(self.spec.heading or self.spec.title)

    def copy(self) -> Annex:
        return Annex(self.kind, dict(self.values), {k: [dict(r) for r in rows] for k, rows in self.rows.items()})


def new_annex(kind: str = DEFAULT_KIND, rows: dict[str, list[Row]] | None = None, **values: Value) -> Annex:
    """A table of ``kind`` with the group rows the kind starts with (``rows`` replaces them)."""
    spec = get_annex_kind(kind)
    a = Annex(kind)
    for f in spec.fields:
        a.values[f.key] = f.blank
    for g in spec.groups:
        a.rows[g.key] = [new_row(g, dict(start)) for start in g.start]
    for k, v in values.items():
        if spec.field(k) is None:
            raise AnnexError(f"{spec.name}没有“{k}”这一项")
        a.values[k] = v
    for k, given in (rows or {}).items():
        g = spec.group(k)
        if g is None:
            raise AnnexError(f"{spec.name}没有“{k}”这一组")
        a.rows[k] = [new_row(g, r) for r in given]
    return a


def new_row(group: Group, values: dict[str, Value] | None = None) -> Row:
    """A record of ``group`` (blank, or with ``values``)."""
    row: Row = {c.key: c.blank for c in group.columns}
    for k, v in (values or {}).items():
        group.column(k)                 # KeyError for an unknown column
        row[k] = v
    return row


# -- numbers ----------------------------------------------------------------------------------------
def parse_number(text: str | None, where: str = "") -> Decimal | None:
    """An amount, rate or score as typed, kept exactly (44.639 stays 44.639); blank → ``None``.

    Accepts what :func:`disclosure_app.amounts.parse_amount` accepts (full-width digits,
    thousands separators, a trailing 万元, a trailing %), but never rounds.
    """
    if text is None:
        return None
    raw = str(text).strip().rstrip("%％").strip()
    try:
        parsed = parse_amount(raw)
    except AmountError as exc:
        raise AnnexError(f"{where}：{exc}" if where else str(exc)) from None
    if parsed.value is None:
        return None
    digits = _normalise(raw)            # validated above: a plain or bracketed number
    if digits.startswith("(") and digits.endswith(")"):
        digits = "-" + digits[1:-1]
    return Decimal(digits)


def number_text(value: Decimal | None) -> str:
    """A stored number as typed, blank for empty."""
    return "" if value is None else str(value)


def _shown(value: Value, spec: FieldSpec | None) -> str:
    """A stored value as printed and edited: numbers as typed, 元 with separators, rates with %."""
    if isinstance(value, Decimal):
        if spec is not None and spec.fmt == THOUSANDS:
            return f"{value:,}"
        if spec is not None and spec.fmt == PERCENT:
            return f"{value}%"
        return f"{value}{spec.suffix}" if spec is not None else str(value)
    return "" if value is None else str(value)


# -- field paths --------------------------------------------------------------------------------------
def _locate(annex: Annex, path: str) -> tuple[dict[str, Value], str, FieldSpec]:
    """(the dict holding the value, its key, the field's spec); KeyError for an unknown path."""
    spec = annex.spec
    parts = path.split(".")
    if len(parts) == 1:
        f = spec.field(path)
        if f is not None:
            return annex.values, path, f
    if len(parts) == 3 and parts[1].isdigit():
        g = spec.group(parts[0])
        i = int(parts[1])
        if g is not None and i < len(annex.group(g.key)):
            try:
                return annex.rows[g.key][i], parts[2], g.column(parts[2])
            except KeyError:
                pass
    raise KeyError(path)


def field_spec(annex: Annex, path: str) -> FieldSpec:
    """The spec of the field at ``path`` (KeyError for an unknown path)."""
    return _locate(annex, path)[2]


def row_name(annex: Annex, group: Group, i: int) -> str:
    rows = annex.group(group.key)
    if not group.names or i >= len(rows):
        return ""
    return _shown(rows[i].get(group.names), group.column(group.names))


def field_label(annex: Annex, path: str) -> str:
    """``资金“资金总额” 执行率``, ``第3个指标（办理法律援助案件数）得分`` — for messages."""
    spec = annex.spec
    parts = path.split(".")
    if len(parts) == 1:
        f = spec.field(path)
        return f.label if f else path
    g = spec.group(parts[0])
    if g is None or len(parts) != 3 or not parts[1].isdigit():
        return path
    i, attr = int(parts[1]), parts[2]
    try:
        label = g.column(attr).label
    except KeyError:
        label = attr
    name = row_name(annex, g, i)
    if g.named_by_value:
        return f"{g.label}“{name or f'第{i + 1}行'}” {label}"
    return f"第{i + 1}个{g.row_word}（{name}）{label}" if name else f"第{i + 1}个{g.row_word} {label}"


def get_value(annex: Annex, path: str) -> Any:
    """The stored value at ``path`` (Decimal, None or str); KeyError for an unknown path."""
    holder, key, _ = _locate(annex, path)
    return holder.get(key)


def get_text(annex: Annex, path: str) -> str:
    """The value at ``path`` as printed and edited (numbers as typed, 元 with separators)."""
    holder, key, f = _locate(annex, path)
    return _shown(holder.get(key), f)


def parse_field(annex: Annex, path: str, text: str) -> Any:
    """The value ``text`` gives the field at ``path`` (numbers parsed, texts kept as typed)."""
    try:
        _, _, f = _locate(annex, path)
    except KeyError:
        raise AnnexError(f"{annex.spec.name}没有“{path}”这一项") from None
    if f.numeric:
        raw = text.strip()
        if f.suffix and raw.endswith(f.suffix):
            raw = raw[:-len(f.suffix)]
        return parse_number(raw, f"“{annex.name or annex.spec.name}”{field_label(annex, path)}")
    if f.choices and text.strip() and text.strip() not in f.choices:
        raise AnnexError(f"{f.label}“{text.strip()}”无效：应为 {_or(f.choices)}")
    return text.strip() if f.strip or f.choices else text


def _or(choices: tuple[str, ...]) -> str:
    return "、".join(choices[:-1]) + f" 或 {choices[-1]}" if len(choices) > 1 else choices[0]


def set_value(annex: Annex, path: str, value: Any) -> None:
    """Store an already parsed value (see :func:`parse_field`)."""
    holder, key, _ = _locate(annex, path)
    holder[key] = value


def set_text(annex: Annex, path: str, text: str) -> None:
    """Parse ``text`` for the field at ``path`` and store it (:class:`AnnexError` if refused)."""
    set_value(annex, path, parse_field(annex, path, text))


# -- JSON form ------------------------------------------------------------------------------------------
def _row_dict(row: Row, group: Group) -> dict[str, str]:
    out = {}
    for c in group.columns:
        v = row.get(c.key)
        if isinstance(v, Decimal):
            out[c.key] = number_text(v)
        elif v:
            out[c.key] = str(v)
    return out


def to_dict(annex: Annex) -> dict[str, Any]:
    """The annex as plain JSON data (numbers as their exact text; empty row values left out).

    A table of the original kind (项目支出绩效自评表) carries no ``kind``, so files written before
    kinds existed read and write unchanged."""
    spec = annex.spec
    out: dict[str, Any] = {} if annex.kind == DEFAULT_KIND else {"kind": annex.kind}
    for key in spec.keys:
        f = spec.field(key)
        if f is not None:
            v = annex.values.get(key)
            out[key] = number_text(v) if f.numeric else ("" if v is None else str(v))
        else:
            g = spec.group(key)
            assert g is not None
            out[key] = [_row_dict(r, g) for r in annex.rows.get(key, [])]
    return out


def allowed_keys(data: Any) -> tuple[str, ...]:
    """The keys a table's JSON form may have (its kind's fields and groups, and ``kind``)."""
    kind = data.get("kind", DEFAULT_KIND) if isinstance(data, dict) else DEFAULT_KIND
    try:
        return ("kind", *get_annex_kind(str(kind)).keys)
    except KeyError:
        return ("kind",)


def _row(group: Group, data: Any, where: str) -> Row:
    if not isinstance(data, dict):
        raise AnnexError(f"{where} 应为对象 {{…}}")
    row = new_row(group)
    for k, v in data.items():
        try:
            c = group.column(k)
        except KeyError:
            raise AnnexError(f"{where} 有未知的项“{k}”") from None
        row[k] = parse_number(str(v), f"{where}.{k}") if c.numeric else str(v)
    return row


def from_dict(data: Any, where: str = "annexes") -> Annex:
    """Read :func:`to_dict`'s form back; errors (:class:`AnnexError`) name the place."""
    if not isinstance(data, dict):
        raise AnnexError(f"{where} 应为对象 {{…}}")
    kind = str(data.get("kind", DEFAULT_KIND))
    try:
        spec = get_annex_kind(kind)
    except KeyError as exc:
        raise AnnexError(f"{where}.kind：{exc.args[0]}") from None
    annex = new_annex(kind)
    for key in spec.groups:
        annex.rows[key.key] = []
    for k, v in data.items():
        if k == "kind":
            continue
        f = spec.field(k)
        g = spec.group(k)
        if f is not None:
            annex.values[k] = parse_number(str(v), f"{where}.{k}") if f.numeric else str(v)
        elif g is not None:
            if not isinstance(v, list):
                raise AnnexError(f"{where} 的 {k} 应为列表 […]")
            annex.rows[k] = [_row(g, r, f"{where}.{k}[{i}]") for i, r in enumerate(v)]
        else:
            raise AnnexError(f"{where} 有未知的项“{k}”")
    return annex


def annexes_to_list(annexes: list[Annex]) -> list[dict[str, Any]]:
    """The project file's ``"annexes"`` list."""
    return [to_dict(a) for a in annexes]


def annexes_from_list(data: Any, where: str = "annexes") -> list[Annex]:
    """Read the ``"annexes"`` list (absent means none)."""
    if data is None:
        return []
    if not isinstance(data, list):
        raise AnnexError(f"“{where}”应为列表 […]")
    return [from_dict(d, f"{where}[{i}]") for i, d in enumerate(data)]


def annex_cell_name(annexes: list[Annex], index: str, path: str) -> str:
    """``附件7“乡镇综合行政执法体制改革工作经费” 资金“资金总额” 执行率`` for a finding's cell."""
    i = int(index) if index.isdigit() else -1
    if not 0 <= i < len(annexes):
        return f"附件 {index} {path}"
    a = annexes[i]
    try:
        label = field_label(a, path)
    except (ValueError, IndexError, KeyError):
        label = path
    return f"附件{i + 1}“{a.name}” {label}"
