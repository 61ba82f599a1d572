"""Checks that are not arithmetic: code structure, catalogue names, cell validity, completeness.

Each is a plain function of the project returning findings (beancount's ``validate_x`` style).
"""

from __future__ import annotations

import re
from decimal import Decimal

from ..forms.spec import ECONOMIC, FUNCTION, INCOME, ITEM_PREFIX, RECORDS, UNIT_PREFIX, FormSpec
from ..model import Project
from .describe import cell_name
from .findings import ERROR, INFO, WARNING, Cell, Finding

CODE_RE = re.compile(r"^(\d{3}|\d{5}|\d{7})$")
# code lengths and what the message calls them, per scheme of a coded form
_CODES = {
    FUNCTION: (CODE_RE, "3 位（类）、5 位（款）或 7 位（项）"),
    ECONOMIC: (re.compile(r"^(\d{3}|\d{5})$"), "3 位（类）或 5 位（款）"),
    INCOME: (re.compile(r"^(\d{3}|\d{5}|\d{7}|\d{9})$"), "3 位（类）、5 位（款）、7 位（项）或 9 位（目）"),
}
_LEVEL = {3: "类", 5: "款", 7: "项"}


def code_pattern(scheme: str) -> tuple[re.Pattern[str], str]:
    """The valid row codes of a coded form's scheme and how to describe them in a message."""
    return _CODES.get(scheme, _CODES[FUNCTION])
RECORD_RE = re.compile(rf"^[{UNIT_PREFIX}{ITEM_PREFIX}][1-9]\d*$")


def check_structure(project: Project, spec: FormSpec) -> list[Finding]:
    """Codes 3/5/7 digits, parents present, no duplicates, ascending, 类/款 with children, named."""
    if spec.layout != "coded" or spec.coded is None:
        return []
    if spec.coded.scheme == RECORDS:
        return _record_structure(project, spec)
    rid = spec.coded.structure
    pattern, lengths = _CODES[spec.coded.scheme]
    rows = project.codes(spec.id)
    codes = [r.code for r in rows]
    present = set(codes)
    out: list[Finding] = []

    def add(sev: str, code: str, msg: str) -> None:
        out.append(Finding(rid, sev, f"{spec.label} 科目 {code}：{msg}", (Cell(spec.id, code, "c1"),)))

    seen: set[str] = set()
    kids_of = spec.coded.children_map(codes)
    for r in rows:
        if not r.name.strip():
            add(WARNING, r.code, "没有科目名称，公开表中这一行将只印代码。请在“科目名称”栏填写名称")
    for code in codes:
        if not pattern.match(code):
            add(ERROR, code, f"科目代码应为 {lengths}数字，请改正代码")
            continue
        if code in seen:
            add(ERROR, code, "科目代码重复，请删除重复的行")
        seen.add(code)
        if len(code) > 3 and code[: len(code) - 2] not in present:
            level = _LEVEL[len(code) - 2]
            add(ERROR, code, f"缺少上级{level}科目 {code[: len(code) - 2]}，请插入上级科目行")
        if spec.coded.is_group(code) and not kids_of.get(code):
            level = _LEVEL[len(code)]
            add(WARNING, code, f"{level}级科目下没有下级科目，请补充下级科目或核对代码")
    valid = [c for c in codes if pattern.match(c)]
    if valid != sorted(valid):
        first = next(b for a, b in zip(valid, valid[1:]) if b < a)
        add(WARNING, first, "科目未按代码升序排列，请在表格右键菜单中选择“排序科目（按代码）”")
    return out


def _record_structure(project: Project, spec: FormSpec) -> list[Finding]:
    """Record keys u<n>/p<n>, unique, named; projects listed under a unit when there are units."""
    assert spec.coded is not None
    rid = spec.coded.structure
    out: list[Finding] = []
    seen: set[str] = set()
    unit_seen = False
    units = any(r.code.startswith(UNIT_PREFIX) for r in project.codes(spec.id))
    for r in project.codes(spec.id):
        cell = (Cell(spec.id, r.code, "c1"),)
        what = f"{spec.label} 第 {len(seen) + 1} 行“{r.name or r.code}”"
        if not RECORD_RE.match(r.code) or r.code in seen:
            out.append(Finding(rid, ERROR, f"{what}的行键“{r.code}”无效或重复：单位行应为 {UNIT_PREFIX}1、"
                               f"{UNIT_PREFIX}2…，项目行应为 {ITEM_PREFIX}1、{ITEM_PREFIX}2…，请改正", cell))
        seen.add(r.code)
        if not r.name.strip():
            out.append(Finding(rid, WARNING, f"{what}没有名称，请填写单位或项目名称", cell))
        unit_seen = unit_seen or r.code.startswith(UNIT_PREFIX)
        if units and not unit_seen:
            out.append(Finding(rid, WARNING, f"{what}列在第一个单位行之前，请把项目移到所属单位之下", cell))
    return out


def check_catalogue(project: Project, spec: FormSpec) -> list[Finding]:
    """Unknown codes or names differing from the year's catalogue: 警告, never 错误."""
    if spec.layout != "coded" or spec.coded is None or spec.coded.scheme not in (FUNCTION, ECONOMIC):
        return []
    economic = spec.coded.scheme == ECONOMIC
    try:
        from ..catalogues import economic_catalogue, function_catalogue, names_match
        cat = (economic_catalogue if economic else function_catalogue)(project.info.year)
    except Exception:  # noqa: BLE001 — a missing catalogue must never block validation
        return []
    kind = "部门预算支出经济分类科目" if economic else "支出功能分类科目"
    pattern = _CODES[spec.coded.scheme][0]
    out = []
    for r in project.codes(spec.id):
        if not pattern.match(r.code):
            continue
        official = cat.name(r.code)
        cell = (Cell(spec.id, r.code, "c1"),)
        named = f"{r.code}“{r.name}”" if r.name.strip() else r.code
        if official is None:
            if cat.name(r.code[:3]) is None:
                out.append(Finding("C01", WARNING, f"{spec.label} 科目 {named}的类 {r.code[:3]} 不在"
                                   f"{cat.year}年{kind}中，请核对代码", cell))
            elif cat.children(r.code[:3]):
                # every 类 is catalogued, but not every 款/项 (the list is kept short rather than
                # guessed): an unknown 款/项 is a hint, a warning only where the family is complete
                full = cat.covers(r.code)
                note = "（其上级科目的下级科目已全部收录）" if full else "（目录未必完整）"
                out.append(Finding("C03", WARNING if full else INFO, f"{spec.label} 科目 {named}未收录在内置的"
                                   f"{cat.year}年科目目录中{note}，请核对代码是否正确", cell))
        elif r.name and not names_match(r.name, official):
            out.append(Finding("C02", WARNING, f"{spec.label} 科目 {r.code} 名称“{r.name}”与{cat.year}年"
                               f"科目名称“{official}”不一致，请核对", cell))
    return out


def check_cell(project: Project, form: str, row: str, col: str, value: Decimal | None) -> Finding | None:
    """A value where none may stand, or a negative amount (警告)."""
    if value is None:
        return None
    spec = project.form(form)
    r = spec.row(row)
    cell = (Cell(form, row, col),)
    if r is not None and not r.editable:
        rid = "06-3" if r.kind == "dash" else "01-6"
        what = "“——”栏" if r.kind == "dash" else "空白行"
        return Finding(rid, ERROR, f"{cell_name(project, form, row, col)} 是{what}，不应填数（现为 {value}），"
                       f"请清除", cell, Decimal(0), value, value)
    if value < 0:
        return Finding("V01", WARNING, f"{cell_name(project, form, row, col)} 为负数 {value}，"
                       f"决算金额一般不为负，请核对", cell, None, value, None)
    return None


def form_unfilled(project: Project, spec: FormSpec) -> bool:
    """A form not filled in yet: empty and not declared empty by a 空表说明.

    Such a form's figures are not zero but unknown: the narrative prints 【待填写】 for them and
    the completeness check asks for the table or its 空表说明."""
    if spec.note_covers_empty or not project.form_is_empty(spec.id):
        return False
    return not project.form_notes.get(spec.id, spec.empty_note).strip()


def check_completeness(project: Project, spec: FormSpec) -> list[Finding]:
    """An empty form must carry its 空表说明 so the reader knows the blank is intended."""
    if not form_unfilled(project, spec):
        return []
    first = spec.fixed_rows[0].key if spec.fixed_rows else "total"
    col = spec.panels[0].columns[0].key
    return [Finding("E01", WARNING, f"{spec.label} {spec.title_for(project.info.year)}为空表，但没有空表说明（如“本表无数据”），"
                    f"请在表格下方填写空表说明", (Cell(spec.id, first, col),))]


def check_department(project: Project) -> list[Finding]:
    out = []
    info = project.info
    if not info.name.strip():
        out.append(Finding("D01", ERROR, "单位名称为空：封面、表头和正文都要用到，请在“封面与概况”中填写"))
    if not (2000 <= int(info.year) <= 2100):
        out.append(Finding("D02", ERROR, f"年度“{info.year}”不是有效年份，请在“封面与概况”中改正"))
    return out


def fold_empty_forms(findings: list[Finding]) -> list[Finding]:
    """The E01 of every form not filled in yet, folded into one finding per acceptance state.

    A blank project has every form empty: one warning naming the forms says it, not one per
    form.  A form leaves the fold as soon as the user starts filling it (its E01 goes away).
    The folded finding marks the first cell of each form it names; accepting it accepts each
    form's own E01 (:func:`folded_keys`)."""
    groups: dict[str | None, list[Finding]] = {}
    for f in findings:
        if f.rule == "E01" and len(f.cells) == 1:
            groups.setdefault(f.accepted_note, []).append(f)
    if all(len(g) < 2 for g in groups.values()):
        return findings
    out = [f for f in findings if not (f.rule == "E01" and len(groups.get(f.accepted_note, ())) > 1)]
    for note, group in groups.items():
        if len(group) < 2:
            continue
        names = "、".join(f.message.split("为空表")[0] for f in group)
        message = (f"{len(group)} 张表尚未填写且没有空表说明：{names}。开始填写某张表后它即移出本条；"
                   f"确实无数据的表，请在表格下方填写空表说明（如“本表无数据”）")
        out.append(Finding("E01", WARNING, message, tuple(c for f in group for c in f.cells),
                           accepted_note=note))
    return out


def folded_keys(f: Finding) -> list[str]:
    """The acceptance keys behind a finding: its own, or each form's of a folded E01."""
    if f.rule == "E01" and len(f.cells) > 1:
        return [f"E01|{c.form}.{c.row}.{c.column}" for c in f.cells]
    return [f.key]
