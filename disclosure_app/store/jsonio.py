"""The project as documented, human-readable JSON (see docs/project-format.md).

``dumps`` is deterministic (forms in profile order, rows in printed order, columns in spec
order), so dump → load → dump is byte-identical and a project diffs well in version control.
Every value goes through :mod:`disclosure_app.amounts`, the same parser as typing in a cell.
"""

from __future__ import annotations

import json
from decimal import Decimal
from typing import Any

from ..amounts import AmountError, parse_amount, parse_count
from ..annexes.model import AnnexError, annexes_from_list, annexes_to_list
from ..forms.profiles import get_profile
from ..forms.spec import FormSpec
from ..model import CodeRow, DepartmentInfo, Project
from .errors import ProjectFileError

FORMAT = "disclosure-app-project"
FORMAT_VERSION = 1


def _num(v: Decimal, kind: str) -> str:
    return str(int(v)) if kind == "count" else f"{v:.2f}"


def _row_dict(spec: FormSpec, row: CodeRow) -> dict[str, str]:
    """A variable row: code and name, then its non-empty texts in the spec's column order."""
    d = {"code": row.code, "name": row.name}
    d.update((t.key, row.texts[t.key]) for t in spec.text_columns if row.texts.get(t.key))
    return d


def to_dict(project: Project) -> dict[str, Any]:
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
        # values at keys the spec does not print (kept so nothing is ever lost)
        known = set(project.row_keys(spec.id))
        for (f, rk, ck), v in sorted(project.values.items()):
            if f == spec.id and rk not in known:
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
    return json.dumps(to_dict(project), ensure_ascii=False, indent=2) + "\n"


def _str_map(d: Any, where: str) -> dict[str, str]:
    if d is None:
        return {}
    if not isinstance(d, dict) or not all(isinstance(v, str) for v in d.values()):
        raise ProjectFileError(f"“{where}”应为“名称: 文本”的对象，请检查该部分")
    return {str(k): v for k, v in d.items()}


def _obj(d: Any, where: str, source: str, kind: type = dict) -> Any:
    """``d`` checked to be an object (or list); absent means empty."""
    if d is None:
        return kind()
    if not isinstance(d, kind):
        shape = "对象 {…}" if kind is dict else "列表 […]"
        raise ProjectFileError(f"{source}：“{where}”应为{shape}，请检查该部分")
    return d


def from_dict(data: Any, source: str = "项目数据", notices: list[str] | None = None) -> Project:
    """Build a project, checking every key and value; errors name the place in Chinese."""
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise ProjectFileError(f"{source} 不是本程序的项目数据（缺少 \"format\": \"{FORMAT}\"）")
    version = data.get("format_version")
    if not isinstance(version, int) or version > FORMAT_VERSION:
        raise ProjectFileError(f"{source} 的格式版本 {version} 比本程序支持的 {FORMAT_VERSION} 更新，请升级程序后再打开")
    try:
        profile = get_profile(str(data.get("profile")))
    except KeyError as exc:
        raise ProjectFileError(f"{source}：{exc.args[0]}") from None
    dept = _obj(data.get("department"), "department", source)
    try:
        year = int(dept.get("year", 0))
    except (TypeError, ValueError):
        raise ProjectFileError(f"{source}：department.year“{dept.get('year')}”不是年份") from None
    info = DepartmentInfo(
        name=str(dept.get("name", "")), code=str(dept.get("code", "")), year=year,
        unit_type=str(dept.get("unit_type", "行政单位")), duties=str(dept.get("duties", "")),
        organisation=str(dept.get("organisation", "")),
    )
    project = Project(profile.id, info)
    forms = _obj(data.get("forms"), "forms", source)
    for form_id, entry in forms.items():
        if not profile.has_form(form_id):
            raise ProjectFileError(f"{source}：未知的表“{form_id}”（{profile.title}只有 "
                                   f"{'、'.join(f.id for f in profile.forms)}）")
        spec = profile.form(form_id)
        entry = _obj(entry, f"forms.{form_id}", source)
        rows = _obj(entry.get("rows"), f"forms.{form_id}.rows", source, list)
        for i, r in enumerate(rows if spec.layout == "coded" else []):
            r = _obj(r, f"forms.{form_id}.rows 第 {i + 1} 项", source)
            texts = {t.key: str(r[t.key]) for t in spec.text_columns if r.get(t.key)}
            unknown = set(r) - {"code", "name"} - {t.key for t in spec.text_columns}
            if unknown:
                raise ProjectFileError(f"{source}：{spec.label} rows 第 {i + 1} 项有未知的字段"
                                       f"“{'、'.join(sorted(unknown))}”，请检查该行")
            project.codes(form_id).append(CodeRow(str(r.get("code", "")), str(r.get("name", "")), texts))
        known_rows = set(project.row_keys(form_id)) | {r.key for r in spec.fixed_rows}
        for rk, cols in _obj(entry.get("cells"), f"forms.{form_id}.cells", source).items():
            if rk not in known_rows:
                raise ProjectFileError(f"{source}：{spec.label}没有行“{rk}”（编码行须先列在 rows 中）")
            valid_cols = {c.key for c in spec.columns_for(rk)}
            for ck, raw in _obj(cols, f"forms.{form_id}.cells.{rk}", source).items():
                if ck not in valid_cols:
                    raise ProjectFileError(f"{source}：{spec.label} 行“{rk}”没有栏“{ck}”")
                parser = parse_count if spec.value_kind(rk, ck) == "count" else parse_amount
                try:
                    parsed = parser(str(raw))
                    value = parsed.value
                    if parsed.notice and notices is not None:
                        notices.append(f"{spec.label} 行“{rk}”栏“{ck}”：{parsed.notice}")
                except AmountError as exc:
                    raise ProjectFileError(f"{source}：{spec.label} 行“{rk}”栏“{ck}”：{exc}") from None
                project.set(form_id, rk, ck, value)
        if "empty_note" in entry:
            project.form_notes[form_id] = str(entry["empty_note"])
    project.inputs = _str_map(data.get("inputs"), "inputs")
    project.accepted = _str_map(data.get("accepted"), "accepted")
    project.overrides = _str_map(data.get("overrides"), "overrides")
    project.options = _str_map(data.get("options"), "options")
    try:
        project.annexes = annexes_from_list(data.get("annexes"), "annexes")
    except AnnexError as exc:
        raise ProjectFileError(f"{source}：附件 {exc}") from None
    return project


def loads(text: str, source: str = "JSON 文件", notices: list[str] | None = None) -> Project:
    try:
        # numbers written by hand (1199.89 rather than "1199.89") stay exact: never float
        data = json.loads(text, parse_float=Decimal)
    except json.JSONDecodeError as exc:
        raise ProjectFileError(f"{source} 不是有效的 JSON：第 {exc.lineno} 行第 {exc.colno} 列，{exc.msg}") from None
    return from_dict(data, source, notices)
