"""Loading JSON refuses what it would otherwise lose or misread: unknown keys anywhere, wrong
types, values outside the format — each refusal in Chinese with the JSON path."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest
from fixtures import sample, tiny

from disclosure_app.cli import main
from disclosure_app.store import ProjectFileError, dumps, loads, open_project, save_project
from disclosure_app.store.sqlite import SUFFIX


def _refused(mutate) -> str:
    data = json.loads(dumps(tiny()))
    mutate(data)
    with pytest.raises(ProjectFileError) as err:
        loads(json.dumps(data, ensure_ascii=False))
    msg = str(err.value)
    assert not msg.isascii()
    return msg


@pytest.mark.parametrize("mutate,path", [
    (lambda d: d.update(overides={"other_matters.procurement": "改写"}), "overides"),
    (lambda d: d["forms"]["T01"].update(cell=d["forms"]["T01"].pop("cells")), "forms.T01.cell"),
    (lambda d: d["forms"]["T02"].update(row=[]), "forms.T02.row"),
    (lambda d: d["forms"]["T01"].update(rows=[]), "forms.T01.rows"),      # 公开01 has no code rows
    (lambda d: d["department"].update(nmae="阳城县司法局"), "department.nmae"),
    (lambda d: d.update(annexes=[{"name": "法律援助", "goall": "x"}]), "annexes[0].goall"),
])
def test_unknown_keys_are_refused_with_their_path(mutate, path: str) -> None:
    msg = _refused(mutate)
    assert f"“{path}”" in msg and "可用的键" in msg


def test_allowed_keys_are_listed() -> None:
    msg = _refused(lambda d: d["department"].update(foo=1))
    assert "name、code、year、unit_type、duties、organisation" in msg


@pytest.mark.parametrize("year", [2024.5, True, "2024", None])
def test_year_must_be_an_integer(year) -> None:
    msg = _refused(lambda d: d["department"].update(year=year))
    assert "department.year" in msg and "整数" in msg


def test_unit_type_must_be_one_of_the_three() -> None:
    msg = _refused(lambda d: d["department"].update(unit_type="企业"))
    assert "企业" in msg and "行政单位" in msg and "事业单位" in msg
    data = json.loads(dumps(tiny()))
    data["department"]["unit_type"] = "参照公务员法管理事业单位"
    assert loads(json.dumps(data)).info.unit_type == "参照公务员法管理事业单位"


@pytest.mark.parametrize("version", ["1", 1.0, True, None])
def test_format_version_must_be_an_integer(version) -> None:
    msg = _refused(lambda d: d.update(format_version=version))
    assert "format_version" in msg and "整数" in msg and "更新" not in msg


def test_a_wrongly_typed_input_names_its_key() -> None:
    msg = _refused(lambda d: d["inputs"].update({"prior.T01.L31": 1255.17}))
    assert "inputs.prior.T01.L31" in msg and "文本" in msg


@pytest.mark.parametrize("mutate,words", [
    (lambda d: d["forms"]["T01"]["cells"]["L1"].update(c1=None), "forms.T01.cells.L1.c1"),
    (lambda d: d["forms"]["T01"]["cells"]["L1"].update(c1=[1]), "forms.T01.cells.L1.c1"),
    (lambda d: d["forms"]["T01"]["cells"]["L1"].update(c1=True), "forms.T01.cells.L1.c1"),
    (lambda d: d["forms"]["T02"]["rows"][0].update(code=201), "forms.T02.rows[0].code"),
    (lambda d: d["forms"]["T02"]["rows"][0].pop("code"), "code"),
    (lambda d: d["forms"]["T07"].update(empty_note=5), "forms.T07.empty_note"),
    (lambda d: d["department"].update(name=["阳城县司法局"]), "department.name"),
])
def test_wrong_types_are_refused_with_their_place(mutate, words: str) -> None:
    assert words in _refused(mutate)


def test_hand_written_numbers_still_load_exactly() -> None:
    data = json.loads(dumps(tiny()))
    text = json.dumps(data).replace('"L1": {"c1": "100.00"}', '"L1": {"c1": 100.00}')
    assert '{"c1": 100.00}' in text
    assert loads(text).get("T01", "L1", "c1") is not None
    assert str(loads(text).get("T01", "L1", "c1")) == "100.00"


def test_the_cli_refuses_a_typo_instead_of_losing_the_paragraph(tmp_path: Path, capsys) -> None:
    project = sample()
    project.overrides["other_matters.procurement"] = "本年度政府采购支出总额0万元。"
    data = json.loads(dumps(project))
    data["overides"] = data.pop("overrides")
    src = tmp_path / "typo.json"
    src.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    out = tmp_path / f"p{SUFFIX}"
    assert main(["load", str(src), "--out", str(out)]) == 2
    assert "overides" in capsys.readouterr().err and not out.exists()


def test_round_trip_stays_byte_identical_through_the_project_file(tmp_path: Path) -> None:
    project = sample()
    project.info.unit_type = "事业单位"
    path = tmp_path / f"p{SUFFIX}"
    save_project(project, path)
    text = dumps(open_project(path))
    assert dumps(loads(text)) == text == dumps(project)


def test_a_project_file_keeps_an_unusual_unit_type(tmp_path: Path) -> None:
    """A window may hold a 单位性质 outside the list (read from an edited Excel): it still opens."""
    project = tiny()
    project.info.unit_type = "参公"
    path = tmp_path / f"p{SUFFIX}"
    save_project(project, path)
    assert open_project(path).info.unit_type == "参公"


def test_a_project_file_with_a_bad_year_is_refused(tmp_path: Path) -> None:
    path = tmp_path / f"p{SUFFIX}"
    save_project(tiny(), path)
    con = sqlite3.connect(path)
    con.execute("UPDATE department SET value = '二〇二四' WHERE key = 'year'")
    con.commit()
    con.close()
    with pytest.raises(ProjectFileError) as err:
        open_project(path)
    assert "department.year" in str(err.value)
