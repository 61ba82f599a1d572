"""The project as documented, human-readable JSON (see docs/project-format.md).

``dumps`` is deterministic (forms in profile order, rows in printed order, columns in spec
order), so dump → load → dump is byte-identical and a project diffs well in version control.
Every value goes through :mod:`disclosure_app.amounts`, the same parser as typing in a cell.
"""

from __future__ import annotations

import json
import re
from decimal import Decimal
from typing import Any

from ..acceptance import refuse_problems, sanitise_project
from ..amounts import AmountError, parse_amount, parse_count
from ..annexes.model import AnnexError, allowed_keys, annexes_from_list, annexes_to_list
from ..forms.profiles import get_profile
from ..forms.spec import FormSpec
from ..model import UNIT_TYPES, CodeRow, DepartmentInfo, Project
from .errors import ProjectFileError
from .migrate import upgrade_narrative_keys

FORMAT = "disclosure-app-project"
MAX_DEPTH = 32                # the format nests 6 levels; anything far deeper is not a project
FORMAT_VERSION = 2            # 2: the 情况说明 keyed by section name, not number (see .migrate)


def _num(v: Decimal, kind: str) -> str:
    return str(int(v)) if kind == "count" else f"{v:.2f}"


def _row_dict(spec: FormSpec, row: CodeRow) -> dict[str, str]:
    """A variable row: code and name, then its non-empty texts in the spec's column order."""
    d = {"code": row.code, "name": row.name}
    d.update((t.key, row.texts[t.key]) for t in spec.text_columns if row.texts.get(t.key))
    return d


def to_dict(project: Project) -> dict[str, Any]:
    """The project as the documented JSON data (plain dicts, lists and strings; year an integer)."""
    forms: dict[str, Any] = {}
    for spec in project.profile.forms:
        entry: dict[str, Any] = {}
        if spec.layout == "coded":
            entry["rows"] = [_row_dict(spec, r) for r in project.codes(spec.id)]
        cells: dict[str, dict[str, str]] = {}
        for rk in project.row_keys(spec.id):
            row_vals = {}
            for col in spec.columns_for(rk):
                v = project.get(spec.id, rk, col.key)
                if v is not None:
                    row_vals[col.key] = _num(v, spec.value_kind(rk, col.key))
            if row_vals:
                cells[rk] = row_vals
        # values at keys the spec does not print (kept so nothing is ever lost; a finding names them)
        written = {(rk, ck) for rk, cols in cells.items() for ck in cols}
        for (f, rk, ck), v in sorted(project.values.items()):
            if f == spec.id and (rk, ck) not in written:
                cells.setdefault(rk, {})[ck] = f"{v:.2f}"
        entry["cells"] = cells
        if spec.id in project.form_notes:
            entry["empty_note"] = project.form_notes[spec.id]
        forms[spec.id] = entry
    out: dict[str, Any] = {
        "format": FORMAT,
        "format_version": FORMAT_VERSION,
        "profile": project.profile_id,
        "department": {
            "name": project.info.name, "code": project.info.code, "year": project.info.year,
            "unit_type": project.info.unit_type, "duties": project.info.duties,
            "organisation": project.info.organisation,
            **({"units": project.info.units} if project.info.units else {}),   # absent when blank
        },
        "forms": forms,
        "inputs": dict(sorted(project.inputs.items())),
        "accepted": dict(sorted(project.accepted.items())),
        "overrides": dict(sorted(project.overrides.items())),
        "options": dict(sorted(project.options.items())),
    }
    if project.annexes:          # 第五部分 附件; absent when there are none, so older files stay as they were
        out["annexes"] = annexes_to_list(project.annexes)
    return out


def dumps(project: Project) -> str:
    """The project as deterministic, indented JSON text (see the module docstring)."""
    return json.dumps(to_dict(project), ensure_ascii=False, indent=2) + "\n"


_TOP_KEYS = ("format", "format_version", "profile", "department", "forms", "inputs", "accepted",
             "overrides", "options", "annexes")
_DEPT_KEYS = ("name", "code", "year", "unit_type", "duties", "organisation", "units")
_TEXT_MAPS = ("inputs", "accepted", "overrides", "options")


def _shown(v: Any) -> str:
    """A JSON value as the user wrote it, for messages (``true``, ``2024.5``, ``"x"``)."""
    return json.dumps(v, ensure_ascii=False, default=str)[:40]


def _kind_zh(v: Any) -> str:
    if v is None:
        return "null"
    if isinstance(v, bool):
        return "true/false"
    if isinstance(v, (int, Decimal)):
        return "数字"
    if isinstance(v, str):
        return "文本"
    return "列表" if isinstance(v, list) else "对象"


class _Reader:
    """Walks the JSON data; every complaint names the source and the JSON path in Chinese."""

    def __init__(self, source: str) -> None:
        self.source = source

    def fail(self, message: str) -> ProjectFileError:
        return ProjectFileError(f"{self.source}：{message}")

    def obj(self, d: Any, where: str, kind: type = dict) -> Any:
        """``d`` checked to be an object (or list); absent means empty."""
        if d is None:
            return kind()
        if not isinstance(d, kind):
            shape = "对象 {…}" if kind is dict else "列表 […]"
            raise self.fail(f"“{where}”应为{shape}，现为{_kind_zh(d)}，请检查该部分")
        return d

    def keys(self, d: dict, allowed: tuple[str, ...] | set[str], where: str) -> None:
        """Refuse keys the format does not have: a misspelt key would otherwise lose its data."""
        unknown = [k for k in d if k not in allowed]
        if unknown:
            path = f"{where}.{unknown[0]}" if where else str(unknown[0])
            raise self.fail(f"未知的键“{path}”（该处可用的键有：{'、'.join(allowed)}）。"
                            f"请检查拼写，未知的内容不会被读入")

    def text(self, v: Any, where: str, default: str = "") -> str:
        if v is None:
            return default
        if not isinstance(v, str):
            raise self.fail(f"“{where}”应为文本（用英文双引号括起），现为{_kind_zh(v)} {_shown(v)}")
        return v

    def text_map(self, d: Any, where: str) -> dict[str, str]:
        d = self.obj(d, where)
        return {str(k): self.text(v, f"{where}.{k}") for k, v in d.items()}


def _year(r: _Reader, dept: dict, opened: bool) -> int:
    year = dept.get("year", 0)
    if opened and isinstance(year, str) and re.fullmatch(r"-?[0-9]{1,9}", year.strip()):
        return int(year)          # a project file stores it as text; its bounds are a finding
    if isinstance(year, bool) or not isinstance(year, int):
        raise r.fail(f"department.year 应为整数年份（不加引号），如 2024，现为 {_shown(year)}")
    return year


def _unit_type(r: _Reader, dept: dict, strict: bool) -> str:
    unit_type = r.text(dept.get("unit_type"), "department.unit_type", "行政单位")
    if strict and unit_type not in UNIT_TYPES:
        raise r.fail(f"department.unit_type“{unit_type}”不是可用的单位性质，应为 {'、'.join(UNIT_TYPES)} 之一")
    return unit_type


def _header(r: _Reader, data: Any) -> int:
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise ProjectFileError(f"{r.source} 不是本程序的项目数据（缺少 \"format\": \"{FORMAT}\"）")
    r.keys(data, _TOP_KEYS, "")
    version = data.get("format_version")
    if isinstance(version, bool) or not isinstance(version, int):
        raise r.fail(f"format_version 应为整数（不加引号），如 {FORMAT_VERSION}，现为 {_shown(version)}")
    if version < 1:
        raise r.fail(f"format_version {version} 无效，应为 {FORMAT_VERSION}")
    if version > FORMAT_VERSION:
        raise r.fail(f"格式版本 {version} 比本程序支持的 {FORMAT_VERSION} 更新，请升级程序后再打开")
    return version


def _value(r: _Reader, spec: FormSpec, rk: str, ck: str, raw: Any, notices: list[str] | None,
           bounded: bool = True) -> Decimal | None:
    where = f"{spec.label} 行“{rk}”栏“{ck}”"
    if isinstance(raw, bool) or not isinstance(raw, (str, int, Decimal)):
        raise r.fail(f"{where}（forms.{spec.id}.cells.{rk}.{ck}）应为文本形式的数值，如 \"1199.89\"，"
                     f"现为{_kind_zh(raw)} {_shown(raw)}")
    parser = parse_count if spec.value_kind(rk, ck) == "count" else parse_amount
    try:
        parsed = parse_count(str(raw)) if parser is parse_count else parse_amount(str(raw), bounded)
    except AmountError as exc:
        raise r.fail(f"{where}：{exc}") from None
    if parsed.notice and notices is not None:
        notices.append(f"{where}：{parsed.notice}")
    return parsed.value


def _stray(r: _Reader, spec: FormSpec, rk: str, ck: str, raw: Any) -> Decimal | None:
    where = f"{spec.label} 行“{rk}”栏“{ck}”"
    if isinstance(raw, bool) or not isinstance(raw, (str, int, Decimal)):
        raise r.fail(f"{where}应为文本形式的数值，现为{_kind_zh(raw)} {_shown(raw)}")
    try:
        return parse_amount(str(raw), bounded=False).value
    except AmountError as exc:
        raise r.fail(f"{where}：{exc}") from None


def _form(r: _Reader, project: Project, spec: FormSpec, entry: Any, notices: list[str] | None,
          bounded: bool = True) -> None:
    form_id = spec.id
    entry = r.obj(entry, f"forms.{form_id}")
    r.keys(entry, ("rows", "cells", "empty_note") if spec.layout == "coded" else ("cells", "empty_note"),
           f"forms.{form_id}")
    text_keys = tuple(t.key for t in spec.text_columns)
    for i, row in enumerate(r.obj(entry.get("rows"), f"forms.{form_id}.rows", list)):
        where = f"forms.{form_id}.rows[{i}]"
        row = r.obj(row, f"{where}（rows 第 {i + 1} 项）")
        unknown = [k for k in row if k not in ("code", "name", *text_keys)]
        if unknown:
            raise r.fail(f"{spec.label} rows 第 {i + 1} 项有未知的字段“{unknown[0]}”（{where}.{unknown[0]}；"
                         f"可用的有：{'、'.join(('code', 'name', *text_keys))}），请检查该行")
        if "code" not in row:
            raise r.fail(f"{spec.label} rows 第 {i + 1} 项（{where}）缺少科目代码 code")
        texts = {k: r.text(row[k], f"{where}.{k}") for k in text_keys if row.get(k)}
        project.codes(form_id).append(CodeRow(r.text(row["code"], f"{where}.code"),
                                              r.text(row.get("name"), f"{where}.name"), texts))
    known_rows = set(project.row_keys(form_id)) | {x.key for x in spec.fixed_rows}
    for rk, cols in r.obj(entry.get("cells"), f"forms.{form_id}.cells").items():
        if rk not in known_rows and not bounded:
            # a project file keeps what it holds (saved values at keys the form does not print): it
            # opens, and a finding names them (:func:`disclosure_app.acceptance.stray_findings`)
            for ck, raw in r.obj(cols, f"forms.{form_id}.cells.{rk}").items():
                project.set(form_id, rk, ck, _stray(r, spec, rk, ck, raw))
            continue
        if rk not in known_rows:
            raise r.fail(f"{spec.label}没有行“{rk}”（forms.{form_id}.cells.{rk}；编码行须先列在 rows 中）")
        valid_cols = tuple(c.key for c in spec.columns_for(rk))
        for ck, raw in r.obj(cols, f"forms.{form_id}.cells.{rk}").items():
            if ck not in valid_cols and not bounded:
                project.set(form_id, rk, ck, _stray(r, spec, rk, ck, raw))
                continue
            if ck not in valid_cols:
                raise r.fail(f"{spec.label} 行“{rk}”没有栏“{ck}”（forms.{form_id}.cells.{rk}.{ck}；"
                             f"该行的栏有：{'、'.join(valid_cols)}）")
            project.set(form_id, rk, ck, _value(r, spec, rk, ck, raw, notices, bounded))
    if "empty_note" in entry:
        project.form_notes[form_id] = r.text(entry["empty_note"], f"forms.{form_id}.empty_note")


def from_dict(data: Any, source: str = "项目数据", notices: list[str] | None = None, *,
              strict_unit_type: bool = False, opened: bool = False) -> Project:
    """Build a project, checking every key and value; errors name the place in Chinese.

    Unknown keys are refused anywhere (a misspelt key would silently lose its data).
    ``strict_unit_type`` refuses a 单位性质 outside :data:`UNIT_TYPES` (JSON written by hand);
    a project file keeps whatever its window stored.  ``opened`` (a project file or a recovery
    copy being opened) reads amounts and years beyond the bounds of
    :mod:`disclosure_app.acceptance` as they are — the file opens, and the bound is a finding —
    where a ``load`` refuses them.  Characters no output can carry are removed either way, each
    removal noted in ``notices``.
    """
    check_depth(data, source)
    r = _Reader(source)
    version = _header(r, data)
    try:
        profile = get_profile(r.text(data.get("profile"), "profile"))
    except KeyError as exc:
        raise r.fail(str(exc.args[0])) from None
    dept = r.obj(data.get("department"), "department")
    r.keys(dept, _DEPT_KEYS, "department")
    info = DepartmentInfo(
        name=r.text(dept.get("name"), "department.name"), code=r.text(dept.get("code"), "department.code"),
        year=_year(r, dept, opened), unit_type=_unit_type(r, dept, strict_unit_type),
        duties=r.text(dept.get("duties"), "department.duties"),
        organisation=r.text(dept.get("organisation"), "department.organisation"),
        units=r.text(dept.get("units", ""), "department.units"),
    )
    project = Project(profile.id, info)
    for form_id, entry in r.obj(data.get("forms"), "forms").items():
        if not profile.has_form(form_id):
            raise r.fail(f"未知的表“{form_id}”（forms.{form_id}；{profile.title}只有 "
                         f"{'、'.join(f.id for f in profile.forms)}）")
        _form(r, project, profile.form(form_id), entry, notices, bounded=not opened)
    project.inputs, project.accepted, project.overrides, project.options = (
        r.text_map(data.get(k), k) for k in _TEXT_MAPS)
    upgrade_narrative_keys(project, version)
    annexes = r.obj(data.get("annexes"), "annexes", list)
    for i, a in enumerate(annexes):
        r.keys(r.obj(a, f"annexes[{i}]"), allowed_keys(a), f"annexes[{i}]")
    try:
        project.annexes = annexes_from_list(annexes, "annexes")
    except AnnexError as exc:
        raise r.fail(f"附件 {exc}") from None
    sanitise_project(project, notices)
    return project


def check_depth(data: Any, source: str) -> None:
    """Refuse data nested deeper than :data:`MAX_DEPTH` (walked without recursion)."""
    todo: list[tuple[Any, int]] = [(data, 1)]
    while todo:
        item, depth = todo.pop()
        if depth > MAX_DEPTH:
            raise ProjectFileError(f"{source} 的数据嵌套超过 {MAX_DEPTH} 层，不是本程序的项目数据，未读入")
        if isinstance(item, dict):
            todo += [(v, depth + 1) for v in item.values()]
        elif isinstance(item, list):
            todo += [(v, depth + 1) for v in item]


def parse_json(text: str, source: str) -> Any:
    """JSON text as data (numbers as Decimal, never float), nesting bounded; errors in Chinese."""
    try:
        # numbers written by hand (1199.89 rather than "1199.89") stay exact: never float
        data = json.loads(text, parse_float=Decimal)
    except json.JSONDecodeError as exc:
        raise ProjectFileError(f"{source} 不是有效的 JSON：第 {exc.lineno} 行第 {exc.colno} 列，{exc.msg}") from None
    except RecursionError:
        raise ProjectFileError(f"{source} 的数据嵌套超过 {MAX_DEPTH} 层，不是本程序的项目数据，未读入") from None
    check_depth(data, source)
    return data


def loads(text: str, source: str = "JSON 文件", notices: list[str] | None = None) -> Project:
    """A project from JSON text (``dumps``'s form, or written by hand): strict about every key."""
    project = from_dict(parse_json(text, source), source, notices, strict_unit_type=True)
    refuse_problems(project, source)          # what cannot be published is refused where it enters
    return project
