"""Human names for cells: ``公开01表 本年支出合计（行次58）`` — used in messages and the CLI."""

from __future__ import annotations

from ..model import Project


def _printed(project: Project, form_id: str):
    return project.form(form_id).resolve(project.info.year, project.info.name)


def row_name(project: Project, form_id: str, row: str) -> str:
    spec = _printed(project, form_id)
    r = spec.row(row)
    if r is not None:
        label = r.label or ""
        if r.print_code and r.code:
            label = f"{r.code} {label}"
        if r.line:
            label = f"{label}（行次{r.line}）" if label else f"行次{r.line}"
        return label or ("数据行" if row == "r1" else row)
    name = project.code_names(form_id).get(row)
    return f"{row} {name}" if name else row


def col_name(project: Project, form_id: str, row: str, col: str) -> str:
    spec = _printed(project, form_id)
    try:
        c = spec.panel_of(row).column(col)
    except KeyError:
        return col
    head = "/".join(c.headers)
    return f"{head}（栏次{c.number}）" if c.number else head


def cell_name(project: Project, form_id: str, row: str, col: str) -> str:
    if form_id == "annex":
        from ..annexes.model import annex_cell_name
        return annex_cell_name(project.annexes, row, col)
    if form_id in ("input", "narrative"):      # named by :func:`disclosure_app.narrative.naming.cell_name`
        return f"{form_id}.{row}"
    try:
        spec = project.form(form_id)
    except KeyError:
        return f"{form_id}.{row}.{col}"
    panel_cols = spec.panel_of(row).columns if spec.row(row) or spec.layout == "coded" else ()
    col_part = f" {col_name(project, form_id, row, col)}" if len(panel_cols) > 1 else ""
    return f"{spec.label} {row_name(project, form_id, row)}{col_part}"


def _row_part(project: Project, form_id: str, row: str) -> str:
    """The row in a cell description: ``“一、一般公共服务支出”行``, ``行次9``, ``第3行`` or ``""``."""
    spec = _printed(project, form_id)
    r = spec.row(row)
    if r is None:
        name = project.code_names(form_id).get(row)
        return f"“{row} {name}”行" if name else f"“{row}”行"
    label = r.label or ""
    if r.print_code and r.code:
        label = f"{r.code} {label}".strip()
    if label:
        return f"“{label}”行"
    panel = spec.panel_of(row)
    if len(panel.rows) == 1:          # the only data row of a one-row form (公开09) needs no name
        return ""
    if r.line:
        return f" 行次{r.line}"
    return f" 第{[x.key for x in panel.rows].index(row) + 1}行"


def describe_cell(project: Project, form_id: str, row: str, col: str | None, *,
                  stub: str | None = None) -> str:
    """A cell named as the user sees it on screen and in print, for messages and undo labels.

    ``公开01表 收入“二、政府性基金预算财政拨款收入”行“金额”栏（行次2，栏次1）``: the form's
    label, the panel title of a side-by-side form, the row's printed label (code and name for
    a 类/款/项 row; 行次 or position for a row without one), the last header of the column,
    then 行次 and 栏次 as printed.  ``stub`` names a label column (项目, 行次, 科目代码) in place
    of a value column ``col``.
    """
    try:
        spec = _printed(project, form_id)
    except KeyError:
        return f"{form_id}.{row}.{col or stub or ''}"
    r = spec.row(row)
    known = r is not None or (spec.layout == "coded" and row in project.code_names(form_id))
    panel = spec.panel_of(row) if known else None
    where = spec.label
    if panel is not None and spec.layout == "sided" and panel.title:
        where += f" {panel.title}"
    part = _row_part(project, form_id, row)
    where += part
    column = None
    if col is not None and panel is not None:
        try:
            column = panel.column(col)
        except KeyError:
            column = None
    head = column.headers[-1] if column is not None and column.headers else (stub or col or "")
    if head:
        where += f"“{head}”栏"
    numbers = []
    if r is not None and r.line and part.startswith("“"):
        numbers.append(f"行次{r.line}")
    if column is not None and column.number:
        numbers.append(f"栏次{column.number}")
    return where + (f"（{'，'.join(numbers)}）" if numbers else "")
