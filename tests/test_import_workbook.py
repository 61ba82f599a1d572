"""Any workbook of the standard tables: our export without its keys, in 元, all tables on one
sheet, codes split over 类/款/项 under a merged header, spacer rows, hidden rows and columns,
a workbook saved by LibreOffice, .xls and .csv — each imported to the sample's exact cells."""

from __future__ import annotations

import re
import shutil
from decimal import Decimal
from pathlib import Path

import openpyxl
import pytest
from fixtures import sample
from keys_sheet import as_format2, change_keys

from disclosure_app.export.xlsx_writer import write_xlsx
from disclosure_app.importers.cells import ImportError_
from disclosure_app.importers.dispatch import import_file
from disclosure_app.layout.xlsx_anchors import KEYS_SHEET
from disclosure_app.model import CodeRow
from disclosure_app.operations import sample_project

DATA = Path(__file__).parent / "data"
KINDS = ("final", "budget")


def _without_keys(wb) -> None:
    """Our export as any workbook: its keys sheet and hidden columns removed."""
    del wb[KEYS_SHEET]
    for ws in wb.worksheets:
        hidden = sorted((openpyxl.utils.column_index_from_string(k) for k, d in ws.column_dimensions.items()
                         if d.hidden), reverse=True)
        for c in hidden:
            ws.delete_cols(c)


@pytest.fixture(scope="module")
def whole(tmp_path_factory) -> dict[str, Path]:
    """The 决算 sample's whole export (附件 sheets included) without keys."""
    folder = tmp_path_factory.mktemp("whole")
    out = {}
    for kind in KINDS[:1]:
        path = folder / f"{kind}.xlsx"
        write_xlsx(sample_project(kind), path)
        out[kind] = _derive(path, folder, f"{kind}-plain.xlsx", _without_keys)
    return out


@pytest.fixture(scope="module")
def exports(tmp_path_factory) -> dict[str, Path]:
    """Each bundled sample's tables (no 附件, for speed) exported without keys."""
    folder = tmp_path_factory.mktemp("books")
    out = {}
    for kind in KINDS:
        project = sample_project(kind)
        project.annexes = []
        path = folder / f"{kind}.xlsx"
        write_xlsx(project, path)
        out[kind] = _derive(path, folder, f"{kind}-plain.xlsx", _without_keys)
    return out


def _same_cells(project, kind: str) -> None:
    expected = sample_project(kind)
    assert project.profile.id == expected.profile.id
    assert project.values == expected.values
    codes = {f: [(r.code, r.name) for r in rows] for f, rows in expected.code_rows.items() if rows}
    assert {f: [(r.code, r.name) for r in rows] for f, rows in project.code_rows.items() if rows} == codes
    assert (project.info.name, project.info.year) == (expected.info.name, expected.info.year)


def _derive(src: Path, tmp_path: Path, name: str, change) -> Path:
    dst = tmp_path / name
    shutil.copyfile(src, dst)
    wb = openpyxl.load_workbook(dst)
    change(wb)
    wb.save(dst)
    return dst


@pytest.mark.parametrize("kind", KINDS)
def test_export_without_keys_imports_to_the_sample(whole, exports, kind) -> None:
    got = import_file(whole.get(kind) or exports[kind])
    _same_cells(got.project, kind)
    assert len(got.forms) == len(sample_project(kind).profile.forms) and not got.missing
    assert all(n.startswith("以下工作表含有数字但不是公开表格") and "附件1" in n for n in got.notes)


def _in_yuan(wb) -> None:
    """Amounts ×10,000 and the unit line saying 元 (counts such as 车辆数 left as they are)."""
    for ws in wb.worksheets:
        for row in ws.iter_rows():
            for cell in row:
                if isinstance(cell.value, str) and "单位：万元" in cell.value:
                    cell.value = cell.value.replace("单位：万元", "单位：元")


@pytest.mark.parametrize("kind", KINDS)
def test_amounts_in_yuan_are_converted_cell_by_cell(tmp_path, kind) -> None:
    project = sample_project(kind)
    project.annexes = []
    for key, v in list(project.values.items()):
        if project.form(key[0]).value_kind(key[1], key[2]) != "count":
            project.values[key] = v * 10000
    path = tmp_path / "yuan.xlsx"
    write_xlsx(project, path)
    path = _derive(path, tmp_path, "yuan2.xlsx", lambda wb: (wb.remove(wb[KEYS_SHEET]), _in_yuan(wb)))
    got = import_file(path)
    _same_cells(got.project, kind)
    assert any("金额单位为元" in n and "换算为万元" in n for n in got.notes)


def test_yuan_rounds_half_up_to_the_cent(exports, tmp_path) -> None:
    def change(wb) -> None:
        _in_yuan(wb)
        ws = wb["公开02表"]
        for row in ws.iter_rows(min_row=7):
            for cell in row[2:]:
                if isinstance(cell.value, (int, float)):
                    cell.value = Decimal(str(cell.value)) * 10000
        ws["C8"] = 673250                          # 201: 67.325 万元 → 67.33 (half up)
    got = import_file(_derive(exports["final"], tmp_path, "half.xlsx", change))
    assert got.project.get("T02", "201", "c1") == Decimal("67.33")


def _one_sheet(wb) -> None:
    """Every table on one sheet, one under the other with two blank rows between them."""
    target = wb.create_sheet("公开表", 0)
    r = 1
    for ws in [w for w in wb.worksheets[1:] if w.title.startswith(("公开", "表"))]:
        for row in ws.iter_rows(values_only=True):
            for c, v in enumerate(row, start=1):
                if v is not None:
                    target.cell(r, c, v)
            r += 1
        r += 2
        wb.remove(ws)


@pytest.mark.parametrize("kind", KINDS)
def test_all_tables_on_one_sheet(exports, tmp_path, kind) -> None:
    got = import_file(_derive(exports[kind], tmp_path, "one.xlsx", _one_sheet))
    _same_cells(got.project, kind)
    assert {f.where.split("”")[0] for f in got.forms} == {"工作表“公开表"}


def _split_codes(ws) -> None:
    """The 科目代码 column split over 类 / 款 / 项 under a merged 科目编码 header, the 类 printed
    only on 类 rows, and a spacer row inside the code rows."""
    rows = [list(r) for r in ws.iter_rows(values_only=True)]
    for rng in list(ws.merged_cells.ranges):
        ws.unmerge_cells(rng.coord)
    ws.delete_rows(1, ws.max_row)
    out = []
    for row in rows:
        head, rest = row[0], row[1:]
        text = "" if head is None else str(head)
        if text == "项目":
            out.append(["科目编码", None, None, *rest])
        elif text == "科目代码":
            out.append(["类", "款", "项", *rest])
        elif text.isdigit() and len(text) in (3, 5, 7):
            lei = text[:3] if len(text) == 3 else None
            out.append([lei, text[3:5] if len(text) >= 5 else None, text[5:7] if len(text) == 7 else None, *rest])
            if len(out) == 10:
                out.append([None] * (len(row) + 2))    # a spacer row inside the code rows
        else:
            out.append([head, None, None, *rest])
    for r, row in enumerate(out, start=1):
        for c, v in enumerate(row, start=1):
            if v is not None:
                ws.cell(r, c, v)
    header = next(i for i, row in enumerate(out, start=1) if row[0] == "科目编码")
    ws.merge_cells(start_row=header, start_column=1, end_row=header, end_column=3)


def test_codes_split_over_three_columns_with_merged_header_and_spacer(exports, tmp_path) -> None:
    def change(wb) -> None:
        for name in ("公开02表", "公开03表", "公开05表"):
            _split_codes(wb[name])
    got = import_file(_derive(exports["final"], tmp_path, "split.xlsx", change))
    _same_cells(got.project, "final")


def test_hidden_rows_and_columns_are_ignored(exports, tmp_path) -> None:
    def change(wb) -> None:
        ws = wb["公开03表"]
        ws.insert_cols(3)
        for r in range(7, ws.max_row + 1):
            ws.cell(r, 3, 99999.99)                  # a hidden working column
        ws.column_dimensions["C"].hidden = True
        ws.insert_rows(9)
        ws.cell(9, 1, "2019999")
        ws.cell(9, 2, "隐藏的草稿行")
        ws.cell(9, 4, 1.11)
        ws.row_dimensions[9].hidden = True
    got = import_file(_derive(exports["final"], tmp_path, "hidden.xlsx", change))
    _same_cells(got.project, "final")


def test_client_sheet_titles(exports, tmp_path) -> None:
    """Sheets named and titled as the 部门决算 client does: "Z01 收入支出决算总表(财决01表)"."""
    def change(wb) -> None:
        for ws in wb.worksheets:
            if ws.title.startswith("公开"):
                n = ws.title[2:4]
                title = ws["A1"].value
                ws["A1"] = f"Z{n} {title}(财决{n}表)"
                ws["A2"] = None                     # no 公开NN表 label line
                ws.title = f"Z{n}"
    got = import_file(_derive(exports["final"], tmp_path, "client.xlsx", change))
    _same_cells(got.project, "final")


def test_libreoffice_saved_workbook_and_xls() -> None:
    """Fixtures saved by LibreOffice (``soffice --headless --convert-to``) from our export
    without keys: inline strings, its own styles and merged ranges; and the .xls it writes."""
    for name in ("final_libreoffice.xlsx", "final_libreoffice.xls"):
        got = import_file(DATA / name)
        _same_cells(got.project, "final")


def test_csv_of_one_table(exports, tmp_path) -> None:
    ws = openpyxl.load_workbook(exports["final"])["公开03表"]
    lines = [",".join("" if v is None else f'"{v}"' for v in row) for row in ws.iter_rows(values_only=True)]
    path = tmp_path / "公开03.csv"
    path.write_text("\n".join(lines), encoding="gbk")
    got = import_file(path)
    assert got.form_ids == ["T03"]
    expected = sample()
    assert {k: v for k, v in got.project.values.items()} == {k: v for k, v in expected.values.items() if k[0] == "T03"}
    assert "公开01表（收入支出决算总表）" in got.missing


def test_formulas_without_cached_values_refuse(exports, tmp_path) -> None:
    def change(wb) -> None:
        ws = wb["公开02表"]
        ws["C8"] = "=D8"                            # openpyxl writes formulas without a cached value
        ws["C11"] = "=D11+E11"
    with pytest.raises(ImportError_, match=r"2 个公式单元格没有计算结果（如 公开02表 C8、公开02表 C11）.*请在 Excel 中打开并保存后再导入"):
        import_file(_derive(exports["final"], tmp_path, "formula.xlsx", change))


def test_inf_and_error_cells_are_named(exports, tmp_path) -> None:
    def change(wb) -> None:
        wb["公开02表"]["D8"] = float("inf")         # openpyxl leaves an empty number: <v></v>
    path = _derive(exports["final"], tmp_path, "inf.xlsx", change)
    got = import_file(path)
    assert any(n.startswith("公开02表 D8：数值单元格中没有数字") and n.endswith("该格未导入") for n in got.notes)
    assert got.project.get("T02", "201", "c2") is None
    text = tmp_path / "inf_text.xlsx"                 # a number cell holding the text inf
    shutil.copyfile(path, text)
    import zipfile
    with zipfile.ZipFile(path) as src, zipfile.ZipFile(text, "w") as dst:
        for item in src.infolist():
            data = src.read(item.filename)
            if item.filename.startswith("xl/worksheets/"):
                data = re.sub(rb'(<c r="D8"[^>]*?)(?:/>|>(?:<v\s*/>|<v></v>)</c>)', rb'\1><v>inf</v></c>', data)
            dst.writestr(item, data)
    got = import_file(text)
    assert "公开02表 D8：单元格的值“inf”不是有限的数字，该格未导入" in got.notes


def test_not_a_table_workbook_and_unknown_type(tmp_path) -> None:
    other = tmp_path / "工资.xlsx"
    wb = openpyxl.Workbook()
    wb.active["A1"] = "工资表"
    wb.active["B2"] = 3000
    wb.save(other)
    with pytest.raises(ImportError_, match="没有找到任何一张公开表格"):
        import_file(other)
    odd = tmp_path / "x.numbers"
    odd.write_bytes(b"x")
    with pytest.raises(ImportError_, match="不认识的文件类型“.numbers”"):
        import_file(odd)
    broken = tmp_path / "broken.xls"
    broken.write_bytes(b"\xd0\xcf\x11\xe0" + b"\x00" * 100)
    with pytest.raises(ImportError_, match="不是可读取的 Excel 97-2003 工作簿"):
        import_file(broken)


def test_cli_import_previews_and_writes_only_when_confirmed(exports, tmp_path, capsys) -> None:
    from disclosure_app.cli import main
    from disclosure_app.store import open_project
    out = tmp_path / "new.dapj"
    assert main(["import", str(exports["final"]), "--out", str(out)]) == 1      # no terminal, no --yes
    text = capsys.readouterr().out
    assert "公开02表 收入决算表 ← 工作表“公开02表”第1–38行：60 个数，29 个科目行" in text
    assert "合计与勾稽校验：0 个错误" in text and "未写入" in text and not out.exists()
    assert main(["import", str(exports["final"]), "--out", str(out), "--yes"]) == 0
    _same_cells(open_project(out), "final")


def test_cli_import_into_replaces_only_the_forms_in_the_file(exports, tmp_path, capsys) -> None:
    from disclosure_app.cli import main
    from disclosure_app.store import open_project, save_project
    project = sample_project("final")
    project.set("T01", "L1", "c1", Decimal("1.00"))          # kept: 公开01 is not in the file
    project.set("T03", "201", "c1", Decimal("2.00"))         # replaced from the file
    project.codes("T03").append(CodeRow("229", "其他支出"))
    target = tmp_path / "p.dapj"
    save_project(project, target)
    ws = openpyxl.load_workbook(exports["final"])["公开03表"]
    csv = tmp_path / "t03.csv"
    csv.write_text("\n".join(",".join("" if v is None else str(v) for v in row) for row in ws.iter_rows(values_only=True)),
                   encoding="utf-8")
    assert main(["import", str(csv), "--into", str(target), "--yes"]) == 0
    back = open_project(target)
    expected = sample_project("final")
    assert back.get("T01", "L1", "c1") == Decimal("1.00")
    assert back.get("T03", "201", "c1") == expected.get("T03", "201", "c1")
    assert [r.code for r in back.codes("T03")] == [r.code for r in expected.codes("T03")]
    assert back.info.duties == expected.info.duties and back.overrides == expected.overrides


# -- our own export with its keys: every printed number read, or each named ----------------------------
@pytest.fixture(scope="module")
def keyed(tmp_path_factory) -> Path:
    project = sample_project("final")
    project.annexes = []
    path = tmp_path_factory.mktemp("keyed") / "keyed.xlsx"
    write_xlsx(project, path)
    return path


def test_keyed_workbook_with_a_truncated_keys_sheet_is_refused_naming_cells(keyed, tmp_path) -> None:
    def cut(records):
        t03 = [i for i, r in enumerate(records) if r[:2] == ["cell", "T03"]]
        return records[:t03[len(t03) // 2]] + records[t03[-1] + 1:]
    for name, rewrite in (("cut.xlsx", change_keys), ("cut2.xlsx", as_format2)):   # format 3, and as format 2 wrote it
        with pytest.raises(ImportError_, match=r"个数字没有对应的隐藏信息记录.*公开03表 [A-Z]+\d+"):
            import_file(_derive(keyed, tmp_path, name, lambda wb, rewrite=rewrite: rewrite(wb, cut)))


def test_keyed_workbook_whose_packed_keys_lost_rows_is_refused(keyed, tmp_path) -> None:
    """Format 3 packs the records in parts, one per row: a part cut off or edited is refused."""
    def cut(wb) -> None:
        keys = wb[KEYS_SHEET]
        keys.delete_rows(keys.max_row, 1)

    def edited(wb) -> None:
        keys = wb[KEYS_SHEET]
        keys.cell(2, 2).value = keys.cell(2, 2).value[:-5]
    assert openpyxl.load_workbook(keyed)[KEYS_SHEET].max_row > 2
    for name, change in (("cut.xlsx", cut), ("edited.xlsx", edited)):
        with pytest.raises(ImportError_, match=r"隐藏信息页“_project”不完整或已损坏"):
            import_file(_derive(keyed, tmp_path, name, change))


def test_keyed_workbook_with_formulas_or_inf_is_refused_naming_cells(keyed, tmp_path) -> None:
    with pytest.raises(ImportError_, match=r"公开05表 C11.*请在 Excel 中打开并保存后再导入"):
        import_file(_derive(keyed, tmp_path, "f.xlsx", lambda wb: wb["公开05表"].__setitem__("C11", "=C12")))
    with pytest.raises(ImportError_, match=r"1 个单元格读不出数字：公开05表 C11：数值单元格中没有数字"):
        import_file(_derive(keyed, tmp_path, "inf.xlsx", lambda wb: wb["公开05表"].__setitem__("C11", float("inf"))))


def test_keyed_workbook_with_a_row_inserted_into_a_table_is_refused(keyed, tmp_path) -> None:
    def insert(wb) -> None:
        ws = wb["公开02表"]
        ws.insert_rows(10)
        ws["A10"], ws["B10"], ws["C10"] = "2010101", "行政运行", 5.5
    with pytest.raises(ImportError_, match="公开02表"):
        import_file(_derive(keyed, tmp_path, "ins.xlsx", insert))
