"""The table editor, the exporters and the annexes lay out every grid the same way.

Every form of every profile is laid out through the GUI view-model (:class:`FormGrid`) and
through the rendered table the PDF, Word and Excel writers print; headers (texts and merges),
stub columns and the key of every data cell must agree.  The annexes go through the same
printable grid and the same sheet writer as the forms.
"""

from __future__ import annotations

import pytest
from openpyxl import Workbook
from test_profile_liaoning import liaoning_from_sample

from disclosure_app.annexes.layout import render_annexes
from disclosure_app.cli import sample_project
from disclosure_app.export.xlsx_writer import write_annex_sheet, write_table_sheet
from disclosure_app.forms.profiles import get_profile, profile_ids
from disclosure_app.grid import NAME, FormGrid
from disclosure_app.layout import FormLayout, PrintGrid, Span
from disclosure_app.layout.table import render_table
from disclosure_app.layout.xlsx_anchors import ANNEX_GRID_ROW, FORM_HEADER_ROW

_PROJECTS = {"final_shanxi": lambda: sample_project("final"), "budget_shanxi": lambda: sample_project("budget"),
             "final_liaoning": liaoning_from_sample, "performance_hunan": lambda: sample_project("performance")}


@pytest.fixture(scope="module", params=sorted(profile_ids()))
def project(request: pytest.FixtureRequest):
    assert request.param in _PROJECTS, f"no sample project for profile {request.param}"
    p = _PROJECTS[request.param]()
    assert p.profile_id == request.param
    return p


def _merged(blocks) -> set[tuple[int, int, int, int]]:
    return {(s.row, s.col, s.rowspan, s.colspan) for s in blocks if s.rowspan > 1 or s.colspan > 1}


def test_every_form_agrees_between_the_editor_and_the_exports(project) -> None:
    for spec in get_profile(project.profile_id).forms:
        grid, table = FormGrid(project, spec.id), render_table(project, spec)
        where = f"{project.profile_id} {spec.label}"
        # stub columns: the same roles, decided once (the editor calls a code table's label NAME)
        assert [("label" if c.kind == NAME else c.kind) for c in grid.columns] == [c.role for c in table.columns], where
        # headers: the same texts at the same places, the same merges
        assert grid.header_rows == table.header_rows, where
        texts = [[""] * grid.column_count for _ in range(grid.header_rows)]
        for h in grid.header:
            texts[h.row][h.col] = h.text
        assert tuple(tuple(r) for r in texts) == table.header, where
        assert _merged(grid.header) == _merged(table.header_spans), where
        # every header position lies in exactly one of the editor's blocks
        cover = sorted((r, c) for h in grid.header for r in range(h.row, h.row + h.rowspan)
                       for c in range(h.col, h.col + h.colspan))
        assert cover == [(r, c) for r in range(grid.header_rows) for c in range(grid.column_count)], where
        # the key of every data cell, at the same place
        shown = {(r, c): grid.key(r, c) for r in range(grid.row_count) for c in range(grid.column_count)
                 if grid.key(r, c) is not None}
        printed = {(r, c): x.key for r, row in enumerate(table.body) for c, x in enumerate(row.cells)
                   if x.key is not None}
        assert grid.row_count == len(table.body) and shown == printed, where
        assert shown, where


def test_stub_columns_come_from_the_spec_not_from_header_text(project) -> None:
    for spec in get_profile(project.profile_id).forms:
        lay = FormLayout(spec.resolve(project.info.year, project.info.name), project.codes(spec.id))
        for i, panel in enumerate(spec.panels):
            roles = [c.role for c in lay.columns if c.panel == i and c.role != "value"]
            if spec.layout == "coded":
                assert roles[0] == ("code" if spec.print_codes else "label")
            elif any(r.print_code for r in panel.rows):      # 公开06, whatever its stub is called
                assert roles == ["code", "label"][: len(panel.stub)], (spec.label, panel.key)


def test_the_sheet_prints_each_key_where_the_grid_has_it(project) -> None:
    wb = Workbook()
    for spec in get_profile(project.profile_id).forms:
        table = render_table(project, spec)
        grid = table.grid()
        assert isinstance(grid, PrintGrid) and all(isinstance(s, Span) for s in grid.spans)
        ws = wb.create_sheet()
        coords = write_table_sheet(ws, table)["cells"]
        assert set(coords) == set(grid.keys()), spec.label
        for key, (r, c) in grid.keys().items():
            assert coords[key] == ws.cell(FORM_HEADER_ROW + r, c + 1).coordinate, (spec.label, key)


def test_annexes_go_through_the_same_grid_and_writer() -> None:
    project = sample_project("final")
    annexes = render_annexes(project)
    assert annexes
    wb = Workbook()
    for a in annexes:
        grid = a.grid()
        assert isinstance(grid, PrintGrid) and all(isinstance(s, Span) for s in grid.spans)
        assert grid.width == len(a.widths) and all(len(row) == grid.width for row in grid.rows)
        assert {(r, c): k for k, (r, c) in grid.keys().items()} == a.fields
        # merges stay inside the grid and never overlap
        seen: set[tuple[int, int]] = set()
        for s in grid.spans:
            block = {(r, c) for r in range(s.row, s.row + s.rowspan) for c in range(s.col, s.col + s.colspan)}
            assert not block & seen and max(r for r, _ in block) < len(grid.rows)
            seen |= block
        ws = wb.create_sheet()
        coords = write_annex_sheet(ws, a)
        for path, (r, c) in grid.keys().items():
            assert coords[path] == ws.cell(ANNEX_GRID_ROW + r, c + 1).coordinate
