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
    try:
        spec = project.form(form_id)
    except KeyError:
        return f"{form_id}.{row}.{col}"
    if form_id == "input":
        return row
    panel_cols = spec.panel_of(row).columns if spec.row(row) or spec.layout == "coded" else ()
    col_part = f" {col_name(project, form_id, row, col)}" if len(panel_cols) > 1 else ""
    return f"{spec.label} {row_name(project, form_id, row)}{col_part}"
