"""The bundled classification catalogues and their loader."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest

from disclosure_app import catalogues
from disclosure_app.catalogues import (
    Catalogue,
    CatalogueError,
    economic_catalogue,
    function_catalogue,
    names_match,
)
from disclosure_app.paths import resource


@pytest.fixture
def catalogue_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """An empty catalogue folder standing in for the bundled one; the cache is cleared around it."""
    folder = tmp_path / "catalogues"
    folder.mkdir()
    monkeypatch.setattr(catalogues, "resource", lambda *parts: tmp_path.joinpath(*parts))
    catalogues._catalogue.cache_clear()
    yield folder
    catalogues._catalogue.cache_clear()


def write(folder: Path, kind: str, year: int, entries: list[dict[str, str]]) -> None:
    doc = {"kind": kind, "year": year, "source": "测试", "entries": entries}
    (folder / f"{kind}_{year}.json").write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")


# --- the bundled files ---------------------------------------------------------------------


def test_function_2024_names_seed_codes() -> None:
    cat = function_catalogue(2024)
    assert (cat.kind, cat.year) == ("function", 2024)
    assert "2024" in cat.source
    assert cat.name("2040601") == "行政运行"
    assert cat.name("20406") == "司法"
    assert cat.name("204") == "公共安全支出"
    assert cat.name("2013199") == "其他党委办公厅（室）及相关机构事务支出"
    assert cat.name("2080505") == "机关事业单位基本养老保险缴费支出"
    assert cat.name(" 2210201 ") == "住房公积金"
    assert cat.name("2049998") is None


def test_function_2024_has_every_class_of_the_final_accounts_table() -> None:
    classes = [c for c in function_catalogue(2024).names if len(c) == 3]
    t01 = "201 202 203 204 205 206 207 208 210 211 212 213 214 215 216 217 219 220 221 222 223 224 229 231 232 234"
    assert set(t01.split()) <= set(classes)


def test_children() -> None:
    cat = function_catalogue(2024)
    assert "20406" in cat.children("204")
    assert all(len(c) == 5 and c.startswith("204") for c in cat.children("204"))
    assert cat.children("20406")[:3] == ["2040601", "2040602", "2040603"]
    assert cat.children("2040601") == []
    assert economic_catalogue(2024).children("313") == ["31302", "31303", "31304"]


def test_complete() -> None:
    cat = function_catalogue(2024)
    found = cat.complete("204060")
    assert ("2040601", "行政运行") in found
    assert all(code.startswith("204060") for code, _ in found)
    assert len(cat.complete("2", limit=5)) == 5
    assert cat.complete("9") == []
    assert ("20406", "司法") in cat.complete("司法")


def test_economic_2024_covers_the_basic_expenditure_table() -> None:
    cat = economic_catalogue(2024)
    assert cat.kind == "economic"
    assert cat.name("30217") == "公务接待费"
    assert cat.name("30231") == "公务用车运行维护费"
    assert cat.name("31013") == "公务用车购置"
    for code in ("309", "30999", "311", "31101", "31199", "31206", "31304", "39908", "39999"):
        assert cat.name(code), code


@pytest.mark.parametrize("kind, lengths", [("function", {3, 5, 7}), ("economic", {3, 5})])
def test_bundled_entries_are_well_formed(kind: str, lengths: set[int]) -> None:
    cat = function_catalogue(2024) if kind == "function" else economic_catalogue(2024)
    codes = list(cat.names)
    assert codes == sorted(codes)
    assert len(set(codes)) == len(codes)
    for code in codes:
        assert code.isdigit() and len(code) in lengths, code
        if len(code) > 3:
            assert code[:-2] in cat.names, f"{code} 缺少上级 {code[:-2]}"
        assert cat.names[code].strip() == cat.names[code] != ""


def test_bundled_file_order_is_ascending() -> None:
    for kind in ("function", "economic"):
        path = resource("catalogues", f"{kind}_2024.json")
        codes = [e["code"] for e in json.loads(path.read_text(encoding="utf-8"))["entries"]]
        assert codes == sorted(codes)


def test_catalogue_is_cached_and_read_only() -> None:
    cat = function_catalogue(2024)
    assert function_catalogue(2024) is cat
    assert isinstance(cat, Catalogue)
    with pytest.raises(TypeError):
        cat.names["999"] = "x"  # type: ignore[index]


# --- year fallback ------------------------------------------------------------------------


def test_later_year_falls_back_to_bundled_2024() -> None:
    assert function_catalogue(2030).year == 2024
    assert economic_catalogue(2030).year == 2024


def test_year_fallback_rules(catalogue_dir: Path) -> None:
    for year in (2022, 2024):
        write(catalogue_dir, "function", year, [{"code": "201", "name": f"一般公共服务支出{year}"}])
    assert function_catalogue(2024).year == 2024
    assert function_catalogue(2023).year == 2022  # nearest earlier year
    assert function_catalogue(2026).year == 2024
    assert function_catalogue(2019).year == 2024  # nothing earlier: the latest


# --- errors -------------------------------------------------------------------------------


def test_missing_catalogue_raises_chinese_error(catalogue_dir: Path) -> None:
    with pytest.raises(CatalogueError, match="未找到"):
        economic_catalogue(2024)


@pytest.mark.parametrize(
    "entries, message",
    [
        ([{"code": "2041", "name": "x"}], "编码无效"),
        ([{"code": "204", "name": " "}], "缺少科目名称"),
        ([{"code": "204", "name": "公共安全支出"}, {"code": "201", "name": "一般公共服务支出"}], "升序"),
        ([{"code": "204", "name": "公共安全支出"}, {"code": "2040601", "name": "行政运行"}], "缺少上级"),
        ([], "entries"),
    ],
)
def test_malformed_entries(catalogue_dir: Path, entries: list[dict[str, str]], message: str) -> None:
    write(catalogue_dir, "function", 2024, entries)
    with pytest.raises(CatalogueError, match=message):
        function_catalogue(2024)


def test_invalid_json_and_wrong_header(catalogue_dir: Path) -> None:
    (catalogue_dir / "function_2024.json").write_text("{not json", encoding="utf-8")
    with pytest.raises(CatalogueError, match="无法读取"):
        function_catalogue(2024)
    wrong_kind = {"kind": "function", "year": 2024, "entries": [{"code": "301", "name": "工资福利支出"}]}
    (catalogue_dir / "economic_2024.json").write_text(json.dumps(wrong_kind), encoding="utf-8")
    with pytest.raises(CatalogueError, match="kind/year"):
        economic_catalogue(2024)
    assert issubclass(CatalogueError, ValueError)


# --- name comparison ----------------------------------------------------------------------


@pytest.mark.parametrize(
    "a, b, same",
    [
        ("机关事业单位基本养老保险缴费", "机关事业单位基本养老保险缴费支出", True),
        ("党委办公厅(室)及相关机构事务", "党委办公厅（室）及相关机构事务", True),
        ("退职（役）费", "退职 (役) 费", True),
        (" 行政运行\u3000", "行政运行", True),
        ("资本金注入", "资本金注入（基本建设）", False),
        ("行政运行", "事业运行", False),
        ("支出", "", False),
    ],
)
def test_names_match(a: str, b: str, same: bool) -> None:
    assert names_match(a, b) is same
    assert names_match(b, a) is same
