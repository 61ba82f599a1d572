"""Small projects written inline, in the terms the accountant uses.

A fixture is a few lines such as::

    公开01 L1 = 1199.89, L27 = 1199.88
    公开03 204 = 80.00 | 50.00 | 30.00
    公开07 -22960

- a line starts with the form (``公开01`` or ``T01``);
- ``ROW = VALUE`` sets the only column of that row's panel, ``ROW.COLUMN = VALUE`` one column,
  ``ROW = A | B | C`` the row's columns in printed order (an empty slot leaves the cell blank);
- ``空`` or nothing clears a cell; values are read by the same parser as a typed cell;
- in a code table, a code that is not there yet is inserted in code order with its catalogue
  name; ``+CODE [名称]`` inserts a row explicitly, ``-CODE`` removes one with its values.
"""

from __future__ import annotations

import bisect
import re
from decimal import Decimal

from disclosure_app.amounts import parse_amount, parse_count
from disclosure_app.catalogues import function_catalogue
from disclosure_app.model import CodeRow, Project, new_project
from disclosure_app.operations import sample_project
from disclosure_app.rules.engine import Engine
from disclosure_app.rules.findings import Cell, Finding

PROFILE = "final_shanxi"

# A consistent department: 100.00 万元, all 一般公共预算财政拨款, no carry-over;
# 公共安全 80.00 (基本 50.00, 项目 30.00) and 社会保障和就业 20.00 (基本).
TINY = """
公开01 L1 = 100.00, L27 = 100.00, L31 = 100.00
公开01 R35 = 80.00, R39 = 20.00, R58 = 100.00, R62 = 100.00
公开02 total = 100.00 | 100.00
公开02 204 = 80.00 | 80.00, 20406 = 80.00 | 80.00, 2040601 = 80.00 | 80.00
公开02 208 = 20.00 | 20.00, 20805 = 20.00 | 20.00, 2080505 = 20.00 | 20.00
公开03 total = 100.00 | 70.00 | 30.00
公开03 204 = 80.00 | 50.00 | 30.00, 20406 = 80.00 | 50.00 | 30.00, 2040601 = 80.00 | 50.00 | 30.00
公开03 208 = 20.00 | 20.00, 20805 = 20.00 | 20.00, 2080505 = 20.00 | 20.00
公开04 L1 = 100.00, L27 = 100.00, L32 = 100.00
公开04 R36 = 80.00 | 80.00, R40 = 20.00 | 20.00, R59 = 100.00 | 100.00, R64 = 100.00 | 100.00
公开05 total = 100.00 | 70.00 | 30.00
公开05 204 = 80.00 | 50.00 | 30.00, 20406 = 80.00 | 50.00 | 30.00, 2040601 = 80.00 | 50.00 | 30.00
公开05 208 = 20.00 | 20.00, 20805 = 20.00 | 20.00, 2080505 = 20.00 | 20.00
公开06 301 = 50.00, 30101 = 30.00, 30108 = 20.00, personnel_total = 50.00
公开06 302 = 20.00, 30201 = 10.00, 30217 = 5.00, 30231 = 5.00, public_total = 20.00
公开09 r1 = 10.00 | | 5.00 | | 5.00 | 5.00 | 10.00 | | 5.00 | | 5.00 | 5.00
公开10 r5 = 20.00, r7 = 1, r12 = 1
"""

# 政府性基金 (公开07) and 国有资本经营 (公开08) tables that add up on their own.
T07_FILLED = """
公开07 total = 2.00 | 10.00 | 8.00 | 3.00 | 5.00 | 4.00
公开07 229 = 2.00 | 10.00 | 8.00 | 3.00 | 5.00 | 4.00, 22960 = 2.00 | 10.00 | 8.00 | 3.00 | 5.00 | 4.00
公开07 2296002 = 2.00 | 10.00 | 8.00 | 3.00 | 5.00 | 4.00
"""
T08_FILLED = """
公开08 +223, +22301 解决历史遗留问题及改革成本支出, +2230105 国有企业退休人员社会化管理补助支出
公开08 total = 6.00 | 2.00 | 4.00, 223 = 6.00 | 2.00 | 4.00
公开08 22301 = 6.00 | 2.00 | 4.00, 2230105 = 6.00 | 2.00 | 4.00
"""

_SPLIT = re.compile(r",\s+|，\s*")


def form_id(word: str) -> str:
    """"公开01" or "T01" → "T01"."""
    m = re.fullmatch(r"(?:公开|T)(\d\d)表?", word)
    if not m:
        raise ValueError(f"unknown form {word!r}")
    return f"T{m.group(1)}"


def _catalogue_name(project: Project, code: str) -> str:
    return function_catalogue(project.info.year).name(code) or ""


def insert_code(project: Project, form: str, code: str, name: str | None = None) -> None:
    rows = project.codes(form)
    if any(r.code == code for r in rows):
        return
    pos = bisect.bisect_left([r.code for r in rows], code)
    rows.insert(pos, CodeRow(code, name if name is not None else _catalogue_name(project, code)))


def remove_code(project: Project, form: str, code: str) -> None:
    project.code_rows[form] = [r for r in project.codes(form) if r.code != code]
    for key in [k for k in project.values if k[0] == form and k[1] == code]:
        del project.values[key]


def _value(project: Project, form: str, row: str, col: str, text: str) -> Decimal | None:
    text = text.strip()
    if text in ("", "空"):
        return None
    kind = project.form(form).value_kind(row, col)
    return (parse_count if kind == "count" else parse_amount)(text).value


def _assign(project: Project, form: str, item: str) -> None:
    spec = project.form(form)
    if item.startswith("+"):
        code, _, name = item[1:].partition(" ")
        insert_code(project, form, code.strip(), name.strip() or None)
        return
    if item.startswith("-"):
        remove_code(project, form, item[1:].strip())
        return
    target, _, text = item.partition("=")
    target = target.strip()
    row, _, col = target.partition(".")
    if spec.layout == "coded" and row != "total":
        insert_code(project, form, row)
    columns = [c.key for c in spec.columns_for(row)]
    if col:
        project.set(form, row, col, _value(project, form, row, col, text))
    elif "|" in text:
        for key, part in zip(columns, text.split("|")):
            project.set(form, row, key, _value(project, form, row, key, part))
    else:
        if len(columns) != 1:
            raise ValueError(f"{form} {row}: name the column, one of {columns}")
        project.set(form, row, columns[0], _value(project, form, row, columns[0], text))


def edit(project: Project, text: str) -> Project:
    """Apply fixture lines to ``project`` (in place) and return it."""
    for line in text.strip().splitlines():
        line = line.strip()
        if not line:
            continue
        head, _, rest = line.partition(" ")
        if head in ("选项", "option"):
            key, _, value = rest.partition("=")
            project.options[key.strip()] = value.strip()
            continue
        form = form_id(head)
        for item in _SPLIT.split(rest.strip()):
            if item.strip():
                _assign(project, form, item.strip())
    return project


def tiny(extra: str = "") -> Project:
    """The consistent little department of :data:`TINY`, then ``extra`` lines."""
    project = new_project(PROFILE, 2024, "测试县司法局")
    edit(project, TINY)
    return edit(project, extra) if extra else project


def sample(extra: str = "") -> Project:
    """The bundled sample (阳城县司法局 2024), then ``extra`` lines."""
    project = sample_project("final")
    return edit(project, extra) if extra else project


def findings(project: Project) -> list[Finding]:
    return Engine(project).findings


def of_rule(project: Project, rule: str) -> list[Finding]:
    return [f for f in findings(project) if f.rule == rule]


def at(found: list[Finding], rule: str, form: str, row: str, col: str) -> list[Finding]:
    """Findings of ``rule`` whose first named cell is (form, row, col)."""
    cell = Cell(form, row, col)
    return [f for f in found if f.rule == rule and f.cells and f.cells[0] == cell]


def large_project(rows: int = 600) -> Project:
    """The sample with a long code list in 公开02/03 (several hundred rows): for store tests."""
    project = sample_project("final")
    cat = function_catalogue(2024)
    codes = [c for c in cat.names if len(c) in (3, 5, 7)][:rows]
    for form in ("T02", "T03"):
        project.code_rows[form] = [CodeRow(c, cat.names[c]) for c in sorted(codes)]
        for i, c in enumerate(sorted(codes)):
            project.set(form, c, "c1", Decimal(i + 1) / 100)
    return project


def save_forever(path: str, projects: list[Project], ready) -> None:
    """Save ``projects`` to ``path`` in turn until killed (the crash-safety test's writer)."""
    from disclosure_app.store import save_project

    ready.set()
    i = 0
    while True:
        save_project(projects[i % 2], path)
        i += 1


def assert_printed_in_order(printed: list[str], cells, strip: str, what: object = "") -> int:
    """Every number cell of ``cells`` is found in ``printed`` (the figures a re-read file prints),
    in order, its text without the units ``strip``, and it reads back as the cell's value;
    returns how many were checked."""
    from disclosure_app.annexes.model import parse_number
    at = 0
    for c in cells:
        figure = c.text.rstrip(strip)
        while at < len(printed) and printed[at] != figure:
            at += 1
        assert at < len(printed), (what, c.key, figure)
        assert parse_number(printed[at]) == c.value
        at += 1
    return len(cells)
