"""The project file (SQLite) and the JSON dump: lossless, deterministic, and safe on bad input."""

from __future__ import annotations

import json
import sqlite3
import subprocess
import sys
from decimal import Decimal
from pathlib import Path

import pytest
from fixtures import sample, tiny

from disclosure_app.model import Project
from disclosure_app.store import ProjectFileError, dumps, loads, open_project, save_project, to_dict
from disclosure_app.store.sqlite import SUFFIX

D = Decimal


def _rich() -> Project:
    """The sample plus everything a project can carry besides cells."""
    p = sample("公开10 r1 = 12.30, r2 = 12.30\n公开01 L9 = 0.50\n公开02 2040601.c3 = -1.00")
    p.info.duties = "1.负责全县司法行政工作。\n2.负责普法宣传。"
    p.info.organisation = "内设股室5个，下属单位1个。"
    p.inputs.update({"reason.totals": "人员变动", "prior.total": "1,255.17", "空格 键": "  有空格  "})
    p.accepted["W01|T10.r1.c1"] = "车辆由上级统一采购"
    p.overrides["other_matters.procurement"] = "本年度政府采购支出总额12.30万元。"
    p.options["soft_checks"] = "1"
    p.form_notes["T08"] = "本单位无国有资本经营预算财政拨款支出，本表无数据"
    return p


def _cli(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "disclosure_app", *args], cwd=cwd, capture_output=True,
                          text=True, encoding="utf-8", timeout=60)


# -- round trips ---------------------------------------------------------------------------------
@pytest.mark.parametrize("make", [sample, tiny, _rich], ids=["sample", "tiny", "rich"])
def test_json_round_trip_is_lossless_and_byte_identical(make) -> None:
    project = make()
    text = dumps(project)
    again = loads(text)
    assert dumps(again) == text
    assert again.values == project.values
    assert all(isinstance(v, Decimal) for v in again.values.values())
    assert vars(again.info) == vars(project.info)
    for attr in ("inputs", "accepted", "overrides", "options", "form_notes"):
        assert getattr(again, attr) == getattr(project, attr), attr
    for form in ("T02", "T03", "T05", "T07", "T08"):
        assert [(r.code, r.name) for r in again.codes(form)] == [(r.code, r.name) for r in project.codes(form)]


@pytest.mark.parametrize("make", [sample, _rich], ids=["sample", "rich"])
def test_sqlite_round_trip_is_lossless(make, tmp_path: Path) -> None:
    project = make()
    path = tmp_path / f"项目 #1{SUFFIX}"             # spaces, '#' and Chinese in the name
    save_project(project, path)
    opened = open_project(path)
    assert dumps(opened) == dumps(project)
    save_project(opened, tmp_path / f"b{SUFFIX}")
    assert dumps(open_project(tmp_path / f"b{SUFFIX}")) == dumps(project)


def test_dump_is_deterministic_and_documented_shape() -> None:
    data = json.loads(dumps(sample()))
    assert data["format"] == "disclosure-app-project" and data["format_version"] == 2
    assert data["profile"] == "final_shanxi"
    assert list(data["forms"]) == [f"T{n:02d}" for n in range(1, 11)]
    assert data["forms"]["T01"]["cells"]["L1"] == {"c1": "1199.89"}
    assert data["forms"]["T10"]["cells"]["r7"] == {"c1": "2"}
    assert data["forms"]["T02"]["rows"][0] == {"code": "201", "name": "一般公共服务支出"}
    assert to_dict(sample()) == to_dict(sample())


def test_json_values_go_through_the_cell_parser() -> None:
    data = json.loads(dumps(tiny()))
    data["forms"]["T01"]["cells"]["L1"]["c1"] = "１，２００．００万元"
    assert loads(json.dumps(data)).get("T01", "L1", "c1") == D("1200.00")


@pytest.mark.parametrize("mutate,words", [
    (lambda d: d.update(format="something-else"), "不是本程序的项目数据"),
    (lambda d: d.update(format_version=99), "更新"),
    (lambda d: d.update(profile="budget_mars"), "budget_mars"),
    (lambda d: d["forms"].update(T99={"cells": {}}), "T99"),
    (lambda d: d["forms"]["T01"]["cells"].update(L99={"c1": "1.00"}), "L99"),
    (lambda d: d["forms"]["T01"]["cells"]["L1"].update(c7="1.00"), "c7"),
    (lambda d: d["forms"]["T01"]["cells"]["L1"].update(c1="一千"), "一千"),
    (lambda d: d["forms"]["T10"]["cells"]["r7"].update(c1="2.5"), "2.5"),
    (lambda d: d["forms"]["T02"]["cells"].update({"2999999": {"c1": "1.00"}}), "2999999"),
    (lambda d: d["department"].update(year="二〇二四"), "二〇二四"),
    (lambda d: d.update(inputs=["a"]), "inputs"),
    (lambda d: d.update(forms=[]), "forms"),
    (lambda d: d.update(department=["阳城县司法局"]), "department"),
    (lambda d: d["forms"].update(T01=[]), "forms.T01"),
    (lambda d: d["forms"]["T01"].update(cells=[]), "forms.T01.cells"),
    (lambda d: d["forms"]["T01"]["cells"].update(L1="5.00"), "forms.T01.cells.L1"),
    (lambda d: d["forms"]["T02"].update(rows="204"), "forms.T02.rows"),
    (lambda d: d["forms"]["T02"].update(rows=["204"]), "第 1 项"),
])
def test_bad_json_is_a_chinese_project_file_error(mutate, words: str) -> None:
    data = json.loads(dumps(tiny()))
    mutate(data)
    with pytest.raises(ProjectFileError) as err:
        loads(json.dumps(data, ensure_ascii=False))
    assert words in str(err.value)
    assert not str(err.value).isascii()


def test_damaged_meta_is_reported_as_damage(tmp_path: Path) -> None:
    path = tmp_path / f"p{SUFFIX}"
    save_project(tiny(), path)
    con = sqlite3.connect(path)
    con.execute("UPDATE meta SET value = 'x' WHERE key = 'format_version'")
    con.commit()
    con.close()
    with pytest.raises(ProjectFileError) as err:
        open_project(path)
    assert "已损坏" in str(err.value)


def test_not_json_at_all() -> None:
    with pytest.raises(ProjectFileError) as err:
        loads("{not json", "“x.json”")
    assert "不是有效的 JSON" in str(err.value) and "第 1 行" in str(err.value)


# -- files that are not (readable) projects ---------------------------------------------------------
def _bad_files(tmp_path: Path) -> dict[str, tuple[Path, str]]:
    good = tmp_path / f"good{SUFFIX}"
    save_project(tiny(), good)
    data = good.read_bytes()
    out: dict[str, tuple[Path, str]] = {}

    text = tmp_path / f"text{SUFFIX}"
    text.write_text(dumps(tiny()), encoding="utf-8")
    out["json text"] = (text, "不是本程序的项目文件")

    other = tmp_path / f"other{SUFFIX}"
    con = sqlite3.connect(other)
    con.execute("CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT)")
    con.execute("INSERT INTO notes (body) VALUES ('另一个程序的数据')")
    con.commit()
    con.close()
    out["other sqlite"] = (other, "不是本程序的项目文件")

    newer = tmp_path / f"newer{SUFFIX}"
    newer.write_bytes(data)
    con = sqlite3.connect(newer)
    con.execute("PRAGMA user_version = 9")
    con.commit()
    con.close()
    out["newer version"] = (newer, "较新版本")

    truncated = tmp_path / f"truncated{SUFFIX}"
    truncated.write_bytes(data[: len(data) // 2 + 100])
    out["truncated"] = (truncated, "已损坏")

    cut = tmp_path / f"cut{SUFFIX}"
    cut.write_bytes(data[:4096])                       # whole pages, tables missing
    out["cut at a page"] = (cut, "已损坏")

    empty = tmp_path / f"empty{SUFFIX}"
    empty.write_bytes(b"")
    out["empty"] = (empty, "不是本程序的项目文件")

    out["missing"] = (tmp_path / f"missing{SUFFIX}", "找不到")
    return out


def test_bad_files_raise_chinese_project_file_errors(tmp_path: Path) -> None:
    for what, (path, words) in _bad_files(tmp_path).items():
        before = path.read_bytes() if path.exists() else None
        with pytest.raises(ProjectFileError) as err:
            open_project(path)
        assert words in str(err.value), what
        assert path.name in str(err.value), what
        assert (path.read_bytes() if path.exists() else None) == before, what


def test_cli_reports_bad_files_without_a_stack_trace(tmp_path: Path) -> None:
    for what, (path, words) in _bad_files(tmp_path).items():
        before = path.read_bytes() if path.exists() else None
        commands = [("validate", str(path))]
        if what in ("newer version", "truncated", "other sqlite"):
            commands.append(("set", str(path), "T01", "L1", "c1", "1.00"))
        for args in commands:
            r = _cli(*args, cwd=tmp_path)
            assert r.returncode == 2, (what, args, r.stderr)
            assert "Traceback" not in r.stderr and words in r.stderr, (what, r.stderr)
            assert r.stderr.startswith("错误：")
            assert (path.read_bytes() if path.exists() else None) == before, what


def test_failed_set_leaves_the_file_untouched(tmp_path: Path) -> None:
    path = tmp_path / f"p{SUFFIX}"
    save_project(tiny(), path)
    before = path.read_bytes()
    for args, words in [(("T01", "L1", "c1", "一千二"), "一千二"),
                        (("T01", "L9", "c1", "1.00"), "不能填数"),
                        (("T01", "L99", "c1", "1.00"), "L99"),
                        (("T10", "r7", "c1", "2.5"), "2.5"),
                        (("T42", "L1", "c1", "1.00"), "T42")]:
        r = _cli("set", str(path), *args, cwd=tmp_path)
        assert r.returncode == 1, r.stderr
        assert words in r.stderr and "Traceback" not in r.stderr
        assert path.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == [f"p{SUFFIX}"]


def test_save_into_missing_folder_is_a_project_file_error(tmp_path: Path) -> None:
    with pytest.raises(ProjectFileError) as err:
        save_project(tiny(), tmp_path / "没有这个文件夹" / f"p{SUFFIX}")
    assert "无法保存" in str(err.value)
    src = tmp_path / "p.json"
    src.write_text(dumps(tiny()), encoding="utf-8")
    r = _cli("load", str(src), "--out", str(tmp_path / "nowhere" / f"p{SUFFIX}"), cwd=tmp_path)
    assert r.returncode == 2 and "Traceback" not in r.stderr and "无法保存" in r.stderr


def test_failed_save_keeps_the_old_file_and_no_temp(tmp_path: Path) -> None:
    path = tmp_path / f"p{SUFFIX}"
    save_project(tiny(), path)
    before = path.read_bytes()
    broken = tiny()
    broken.inputs["bad"] = object()  # type: ignore[assignment]  # cannot be written
    with pytest.raises(Exception):  # noqa: B017 — whatever the driver raises, the file must survive
        save_project(broken, path)
    assert path.read_bytes() == before
    assert [p.name for p in tmp_path.iterdir()] == [path.name]


def test_save_over_a_folder_is_refused(tmp_path: Path) -> None:
    folder = tmp_path / f"dir{SUFFIX}"
    folder.mkdir()
    with pytest.raises(ProjectFileError):
        save_project(tiny(), folder)
    with pytest.raises(ProjectFileError) as err:
        open_project(folder)
    assert "文件夹" in str(err.value)
    assert [p.name for p in tmp_path.iterdir()] == [folder.name]


def test_saved_file_is_marked_as_ours(tmp_path: Path) -> None:
    path = tmp_path / f"p{SUFFIX}"
    save_project(tiny(), path)
    con = sqlite3.connect(path)
    try:
        assert con.execute("PRAGMA application_id").fetchone()[0] == 0x44495331
        assert con.execute("PRAGMA user_version").fetchone()[0] == 1
    finally:
        con.close()


def test_hand_written_json_numbers_stay_exact_and_rounding_is_reported(tmp_path) -> None:
    import json as _json

    from disclosure_app.store import loads as _loads
    text = _json.dumps({"format": "disclosure-app-project", "format_version": 1, "profile": "final_shanxi",
                        "department": {"name": "某县某局", "year": 2024},
                        "forms": {"T01": {"cells": {"L1": {"c1": "PLACEHOLDER"}}}}}).replace('"PLACEHOLDER"', "0.1")
    project = _loads(text)
    assert str(project.get("T01", "L1", "c1")) == "0.10"          # not 0.1000000000000000055…
    notices: list[str] = []
    _loads(text.replace("0.1", "1199.895"), notices=notices)
    assert notices and "1,199.90" in notices[0] and "L1" in notices[0]
