"""The command line never destroys work: no silent overwrite, no write under an open window,
no traceback on a full disk, and Chinese messages for every file it cannot read."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from fixtures import tiny

from disclosure_app.cli import main, sample_project
from disclosure_app.export.xlsx_writer import write_xlsx
from disclosure_app.filelock import lock_path
from disclosure_app.store import dumps, open_project, save_project
from disclosure_app.store.sqlite import SUFFIX


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def _cli(*args: str, cwd: Path | None = None, timeout: float = 60) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "disclosure_app", *args], cwd=cwd, capture_output=True,
                          text=True, encoding="utf-8", timeout=timeout)


@pytest.fixture
def project_file(tmp_path: Path) -> Path:
    path = tmp_path / f"司法局{SUFFIX}"
    save_project(tiny(), path)
    return path


@pytest.fixture
def json_file(tmp_path: Path) -> Path:
    path = tmp_path / "样例.json"
    path.write_text(dumps(sample_project("final")), encoding="utf-8")
    return path


# -- no silent overwrite ------------------------------------------------------------------------
def test_load_refuses_to_overwrite_a_project_without_force(capsys, project_file: Path, json_file: Path) -> None:
    before = project_file.read_bytes()
    code, _, err = run(capsys, "load", str(json_file), "--out", str(project_file))
    assert code == 2 and project_file.name in err and "--force" in err and "已存在" in err
    assert project_file.read_bytes() == before
    assert run(capsys, "load", str(json_file), "--out", str(project_file), "--force")[0] == 0
    assert open_project(project_file).info.name == "阳城县司法局"


def test_dump_refuses_to_overwrite_without_force(capsys, project_file: Path, tmp_path: Path) -> None:
    other = tmp_path / f"别的项目{SUFFIX}"
    save_project(sample_project("budget"), other)
    before = other.read_bytes()
    code, _, err = run(capsys, "dump", str(project_file), "--out", str(other))
    assert code == 2 and "--force" in err and other.read_bytes() == before
    assert run(capsys, "dump", str(project_file), "--out", str(other), "--force")[0] == 0
    assert other.read_text(encoding="utf-8") == dumps(open_project(project_file))


def test_import_xlsx_refuses_to_overwrite_without_force(capsys, project_file: Path, tmp_path: Path) -> None:
    book = tmp_path / "样例.xlsx"
    write_xlsx(sample_project("final"), book)
    before = project_file.read_bytes()
    code, _, err = run(capsys, "import-xlsx", str(book), "--out", str(project_file))
    assert code == 2 and "--force" in err and project_file.read_bytes() == before
    assert run(capsys, "import-xlsx", str(book), "--out", str(project_file), "--force")[0] == 0
    assert dumps(open_project(project_file)) == dumps(sample_project("final"))


def test_import_text_refuses_to_overwrite_or_to_replace_its_own_input(capsys, project_file: Path,
                                                                     tmp_path: Path) -> None:
    src = tmp_path / "公开.txt"
    src.write_text("阳城县司法局2024年度单位决算公开\n", encoding="utf-8")
    text = src.read_bytes()
    before = project_file.read_bytes()
    code, _, err = run(capsys, "import-text", str(src), "--out", str(project_file))
    assert code == 2 and "--force" in err and project_file.read_bytes() == before
    for extra in ((), ("--force",)):
        code, _, err = run(capsys, "import-text", str(src), "--out", str(src), *extra)
        assert code == 2 and "输入文件本身" in err and src.read_bytes() == text


def test_load_and_dump_never_replace_their_input(capsys, project_file: Path, json_file: Path) -> None:
    text = json_file.read_bytes()
    code, _, err = run(capsys, "load", str(json_file), "--out", str(json_file), "--force")
    assert code == 2 and "输入文件本身" in err and json_file.read_bytes() == text
    before = project_file.read_bytes()
    code, _, err = run(capsys, "dump", str(project_file), "--out", str(project_file), "--force")
    assert code == 2 and "输入文件本身" in err and project_file.read_bytes() == before


# -- the project lock a window holds -----------------------------------------------------------
@pytest.fixture
def held(project_file: Path):
    """Another process (a window, as far as the lock tells) has the project open."""
    holder = subprocess.Popen(
        [sys.executable, "-c", "import sys; from disclosure_app.filelock import ProjectLock; "
         "lock = ProjectLock(sys.argv[1]); lock.acquire(); print('held', flush=True); sys.stdin.read(); "
         "lock.release()", str(project_file)],
        stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "held"
        yield project_file
    finally:
        holder.communicate("", timeout=30)
    assert not lock_path(project_file).exists()


def test_set_refuses_a_project_open_in_a_window(capsys, held: Path) -> None:
    before = held.read_bytes()
    code, _, err = run(capsys, "set", str(held), "T01", "L8", "c1", "1.00")
    assert code == 2 and "正在另一个窗口或程序中编辑" in err and "文件未被改动" in err
    assert held.read_bytes() == before
    assert lock_path(held).exists()          # the window's lock is left alone


def test_load_and_sample_refuse_to_replace_a_project_open_in_a_window(capsys, held: Path,
                                                                      json_file: Path) -> None:
    before = held.read_bytes()
    for args in (("load", str(json_file), "--out", str(held), "--force"),
                 ("sample", "final", str(held), "--force")):
        code, _, err = run(capsys, *args)
        assert code == 2 and "正在另一个窗口或程序中编辑" in err, args
    assert held.read_bytes() == before


def test_reading_commands_work_on_a_project_open_in_a_window(capsys, held: Path) -> None:
    assert run(capsys, "validate", str(held))[0] == 0
    code, out, _ = run(capsys, "dump", str(held))
    assert code == 0 and json.loads(out)["profile"] == "final_shanxi"


def test_set_takes_and_gives_back_the_lock(capsys, project_file: Path) -> None:
    assert run(capsys, "set", str(project_file), "T01", "L8", "c1", "1.00")[0] == 0
    assert not lock_path(project_file).exists()
    assert str(open_project(project_file).get("T01", "L8", "c1")) == "1.00"


# -- a full disk -------------------------------------------------------------------------------
_LIMITED = """
import resource, signal, sys
signal.signal(signal.SIGXFSZ, signal.SIG_IGN)       # a write past the limit fails with EFBIG instead
resource.setrlimit(resource.RLIMIT_FSIZE, (20000, 20000))
from disclosure_app.cli import main
sys.exit(main(sys.argv[1:]))
"""


def test_save_on_a_full_disk_keeps_the_original(tmp_path: Path) -> None:
    path = tmp_path / f"样例{SUFFIX}"
    save_project(sample_project("final"), path)       # about 150 KB: far over the 20 KB limit
    before = path.read_bytes()
    r = subprocess.run([sys.executable, "-c", _LIMITED, "set", str(path), "T01", "L8", "c1", "1.00"],
                       capture_output=True, text=True, encoding="utf-8", timeout=60)
    assert r.returncode == 2, r.stderr
    assert "Traceback" not in r.stderr and "保存失败" in r.stderr and "磁盘空间" in r.stderr
    assert "原文件未被改动" in r.stderr and path.name in r.stderr
    assert path.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == [path.name]     # no temp file, no lock left


def test_dump_onto_an_existing_file_on_a_full_disk_keeps_that_file(tmp_path: Path) -> None:
    path = tmp_path / f"样例{SUFFIX}"
    save_project(sample_project("final"), path)
    keep = tmp_path / "keep.json"
    keep.write_text('{"kept": true}', encoding="utf-8")
    r = subprocess.run([sys.executable, "-c", _LIMITED, "dump", str(path), "--out", str(keep), "--force"],
                       capture_output=True, text=True, encoding="utf-8", timeout=60)
    assert r.returncode == 2, r.stderr
    assert "Traceback" not in r.stderr and "无法写入" in r.stderr
    assert keep.read_text(encoding="utf-8") == '{"kept": true}'
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(["keep.json", path.name])


# -- unknown commands, help --------------------------------------------------------------------
def test_a_misspelt_command_is_refused_not_opened_in_a_window(tmp_path: Path) -> None:
    r = _cli("validat", "s.db", cwd=tmp_path, timeout=30)
    assert r.returncode == 2
    assert "未知命令“validat”" in r.stderr and "validate" in r.stderr and "可用的命令有" in r.stderr
    r = _cli("frobnicate", cwd=tmp_path, timeout=30)
    assert r.returncode == 2 and "未知命令“frobnicate”" in r.stderr and "是不是" not in r.stderr


def test_help_is_chinese_throughout() -> None:
    for args in ((), ("validate",), ("set",), ("load",), ("export",), ("import-text",)):
        r = _cli(*args, "--help")
        assert r.returncode == 0
        for english in ("usage:", "positional arguments", "options:", "show this help", "optional arguments"):
            assert english not in r.stdout, (args, english)
        assert r.stdout.startswith("用法：")
    text = _cli("validate", "--help").stdout
    assert "0 没有错误" in text and "1 有错误" in text and "2 文件无法读取" in text
    assert "表号，如 T01（公开01表）" in _cli("set", "--help").stdout


def test_every_argument_has_chinese_help() -> None:
    from disclosure_app.cli import build_parser
    parser = build_parser()
    subs = next(a for a in parser._actions if a.dest == "command").choices
    for name, sub in subs.items():
        for action in sub._actions:
            assert action.help and not action.help.isascii(), (name, action.dest)


def test_usage_errors_are_chinese(capsys) -> None:
    with pytest.raises(SystemExit) as exc:
        main(["validate"])
    err = capsys.readouterr().err
    assert exc.value.code == 2 and "缺少参数：path" in err and "usage" not in err and "error" not in err


# -- text files as Windows tools save them; OS errors in Chinese --------------------------------
@pytest.mark.parametrize("encoding", ["utf-8-sig", "utf-16"])
def test_load_reads_json_with_bom_and_utf16(capsys, tmp_path: Path, encoding: str) -> None:
    src = tmp_path / "记事本.json"
    src.write_text(dumps(tiny()), encoding=encoding)
    out = tmp_path / f"p{SUFFIX}"
    assert run(capsys, "load", str(src), "--out", str(out))[0] == 0
    assert dumps(open_project(out)) == dumps(tiny())


def test_load_of_gbk_json_says_so_in_chinese(capsys, tmp_path: Path) -> None:
    src = tmp_path / "gbk.json"
    src.write_bytes(dumps(tiny()).encode("gbk"))
    code, _, err = run(capsys, "load", str(src), "--out", str(tmp_path / f"p{SUFFIX}"))
    assert code == 2 and "不是UTF-8" in err and "另存为 UTF-8" in err and "codec" not in err


def test_import_text_reads_utf16(capsys, tmp_path: Path) -> None:
    from test_import_text import render
    src = tmp_path / "公开.txt"
    src.write_text(render(sample_project("final")), encoding="utf-16")
    out = tmp_path / f"审核{SUFFIX}"
    assert run(capsys, "import-text", str(src), "--out", str(out))[0] == 0
    assert open_project(out).info.name == "阳城县司法局"


def test_os_errors_are_reported_in_chinese(capsys, tmp_path: Path, project_file: Path) -> None:
    code, _, err = run(capsys, "load", str(tmp_path / "没有.json"), "--out", str(tmp_path / f"x{SUFFIX}"))
    assert code == 2 and "文件或文件夹不存在" in err and "No such file" not in err
    folder = tmp_path / "文件夹.json"
    folder.mkdir()
    code, _, err = run(capsys, "load", str(folder), "--out", str(tmp_path / f"x{SUFFIX}"))
    assert code == 2 and "文件夹" in err and "Is a directory" not in err
    code, _, err = run(capsys, "dump", str(project_file), "--out", str(tmp_path / "无" / "x.json"))
    assert code == 2 and "无法写入" in err and "不存在" in err and "No such" not in err


def test_export_exit_codes_tell_refusal_from_failure(tmp_path: Path, capsys) -> None:
    from disclosure_app.cli import main
    path = tmp_path / f"样例{SUFFIX}"
    save_project(sample_project("final"), path)
    blocker = tmp_path / "a-file"
    blocker.write_text("x", encoding="utf-8")
    assert main(["export", str(path), "--out", str(blocker / "sub"), "--draft"]) == 2
    err = capsys.readouterr().err
    assert "无法创建导出文件夹" in err and "不是文件夹" in err and "Not a directory" not in err
    assert main(["export", str(path), "--out", str(tmp_path / "o"), "--format", "pfd"]) == 2
    main(["set", str(path), "T01", "L27", "c1", "1209.89"])                  # now the data has 错误
    assert main(["export", str(path), "--out", str(tmp_path / "o")]) == 1
    assert "个错误，未导出" in capsys.readouterr().err
