"""Every command over a hostile corpus: never a traceback, always a documented exit code with a
Chinese message, nothing saved that does not reopen, no hang past 20 s, no memory past 500 MB.

The corpus (:mod:`fuzz_corpus`) holds control characters, lone surrogates, deep nesting, long and
huge strings, corrupt and oversized workbooks, formulas without values, inf/NaN and values at the
limits.  The whole corpus runs in-process (fast); a few representative cases per command run as
real processes, timed and measured.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
from fuzz_corpus import build

from disclosure_app.cli import main
from disclosure_app.cli_args import COMMANDS, EXIT_FINDINGS, EXIT_OK, EXIT_UNREADABLE
from disclosure_app.store import open_project

DOCUMENTED = {EXIT_OK, EXIT_FINDINGS, EXIT_UNREADABLE}
_CJK = re.compile("[\u4e00-\u9fff]")
TIMEOUT_S = 20
MEMORY_MB = 500


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    folder = tmp_path_factory.mktemp("corpus")
    return folder, build(folder)


def _writes(args: list[str]) -> Path | None:
    """The project a command writes, if it writes one."""
    for flag in ("--out", "--into"):
        if flag in args and (args[0] in ("load", "import", "import-xlsx", "import-text") or args[0] not in COMMANDS_KNOWN):
            target = Path(args[args.index(flag) + 1])
            return target if target.suffix == ".dapj" else None
    if args[0] == "sample":
        return Path(args[2])
    if args[0] == "set":
        return Path(args[1])
    return None


COMMANDS_KNOWN = ("sample", "validate", "dump", "load", "set", "export", "import", "import-xlsx", "import-text", "audit")


def _check(args: list[str], code: int, out: str, err: str) -> None:
    shown = [a[:60] for a in args]
    assert "Traceback" not in out + err, (shown, err[-2000:])
    assert code in DOCUMENTED, (shown, code, err[-2000:])
    if err.strip():                   # what goes to stderr is a Chinese 错误/注意 line or the usage
        assert err.lstrip().startswith(("错误：", "用法：", "注意：")), (shown, err[:500])
    if code != EXIT_OK:               # refused or with findings: said in Chinese (validate/audit say it on stdout)
        assert _CJK.search(err or out), (shown, out[:300], err[:300])
    target = _writes(args)
    if code == EXIT_OK and target is not None and target.is_file():
        open_project(target)              # whatever was saved reopens


def _cases(folder: Path, c: dict[str, dict[str, Path]]) -> list[list[str]]:
    out = folder / "out"
    out.mkdir(exist_ok=True)
    cases: list[list[str]] = []
    for name, path in c["dapj"].items():
        cases.append(["validate", str(path)])
        cases.append(["dump", str(path), "--out", str(out / f"{name}.json"), "--force"])
        if path.is_file():
            copy = out / f"set-{name}.dapj"
            shutil.copyfile(path, copy)
            cases.append(["set", str(copy), "T01", "L1", "c1", "1.00"])
    for name in ("valid", "amount_at_bound", "year_negative", "garbage"):
        cases.append(["validate", str(c["dapj"][name]), "--json"])
    for name in ("hostile", "amount_at_bound", "long_name", "huge_duties", "year_negative",
                 "year_text", "truncated", "folder"):
        cases.append(["export", str(c["dapj"][name]), "--out", str(out / f"export-{name}"), "--format", "xlsx",
                      "--force", "--draft"])
    values = ["999999999999.995", "999999999999.994", "-999999999999.995", "12 34", "1\t2", "１２\u3000３４",
              "12\ud800", "\x00", "9" * 100000, "1e3", "NaN", "Infinity", "-0", "5000元", "(1,199.89)", ""]
    for i, value in enumerate(values):
        copy = out / f"value-{i}.dapj"
        shutil.copyfile(c["dapj"]["valid"], copy)
        cases.append(["set", str(copy), "T01", "L1", "c1", value])
    copy = out / "where.dapj"
    shutil.copyfile(c["dapj"]["valid"], copy)
    for form, row, col in (("T99", "L1", "c1"), ("T01", "\ud800", "c1"), ("T01", "L1", "c9" * 5000), ("T01", "L1\x00", "c1")):
        cases.append(["set", str(copy), form, row, col, "1"])
    for name, path in c["json"].items():
        cases.append(["load", str(path), "--out", str(out / f"load-{name}.dapj"), "--force"])
    for name, path in c["xlsx"].items():
        cases.append(["import-xlsx", str(path), "--out", str(out / f"xlsx-{name}.dapj"), "--force"])
    for name, path in c["text"].items():
        cases.append(["import-text", str(path), "--out", str(out / f"text-{name}.dapj"), "--force"])
    # ``import`` reads workbooks with the same reader as import-xlsx: a few of each kind suffice
    for kind, names in (("xlsx", ("hostile", "far_cell", "bad_deflate", "formula_no_value", "bomb", "not_zip")),
                        ("text", ("control", "long_line", "binary")), ("json", ("deep_1000",))):
        for name in names:
            cases.append(["import", str(c[kind][name]), "--out", str(out / f"import-{kind}-{name}.dapj"), "--force",
                          "--yes"])
    copy = out / "into.dapj"
    shutil.copyfile(c["dapj"]["valid"], copy)
    cases.append(["import", str(c["xlsx"]["far_cell"]), "--into", str(copy), "--yes"])
    for name, path in [*c["text"].items(), ("dapj", c["dapj"]["garbage"]), ("xlsx", c["xlsx"]["bad_deflate"])]:
        cases.append(["audit", str(path), "--out", str(out / f"audit-{name}.xlsx")])
    cases.append(["audit", str(folder), "--out", str(out / "audit-folder.xlsx")])
    cases += [["sample", "final", str(out / "s.dapj")], ["sample", "final", str(out / "s.dapj")],
              ["sample", "budget", str(out)], ["sample", "final", str(out / "no" / "such" / "x.dapj")],
              ["sample", "final", str(out / "s\x00.dapj")]]
    # a command added later is still fed the corpus, by its first argument and an --out
    for command in [x for x in COMMANDS if x not in COMMANDS_KNOWN]:
        for kind in ("dapj", "json", "xlsx", "text"):
            for name, path in c[kind].items():
                cases.append([command, str(path), "--out", str(out / f"{command}-{kind}-{name}.dapj"), "--force"])
    return cases


def test_every_command_over_the_corpus_ends_in_a_documented_code_and_a_chinese_message(corpus, capsys):
    folder, c = corpus
    cases = _cases(folder, c)
    slowest = (0.0, [])
    for args in cases:
        start = time.perf_counter()
        try:
            code = main(list(args))
        except SystemExit as exc:         # argparse's usage error, as the process would exit
            code = exc.code
        took = time.perf_counter() - start
        out, err = capsys.readouterr()
        _check(args, code, out, err)
        slowest = max(slowest, (took, [a[:40] for a in args]))
        if os.environ.get("FUZZ_TIMES"):
            print(f"{took:6.2f} {[a[-30:] for a in args]}", file=sys.__stderr__)
    assert len(cases) > 100
    assert slowest[0] < TIMEOUT_S, slowest


def test_what_is_refused_says_why(corpus, capsys):
    """Refusals at entry name the field, the character or the bound, and leave no file behind."""
    folder, c = corpus
    out = folder / "said"
    out.mkdir()
    expect = {"amount_rounds_over_bound": "超出金额上限", "amount_inner_space": "空格", "year_negative": "年度 -1",
              "long_name": "单位名称", "ten_mb_string": "机构设置情况", "deep_1000": "嵌套", "deep_100000": "嵌套",
              "deep_annex": "嵌套"}
    for name, words in expect.items():
        target = out / f"{name}.dapj"
        code = main(["load", str(c["json"][name]), "--out", str(target)])
        _, err = capsys.readouterr()
        assert code == EXIT_UNREADABLE and words in err, (name, err[:300])
        assert not target.exists()
    code = main(["load", str(c["json"]["control_chars"]), "--out", str(out / "cc.dapj")])
    stdout, _ = capsys.readouterr()
    assert code == EXIT_OK and "U+0000" in stdout and "单位名称" in stdout and "U+000C" in stdout
    assert open_project(out / "cc.dapj").info.name == "司法局"
    for name, words in {"far_cell": "XFD1048576", "bomb": "MB", "bad_deflate": "不是可读取的 Excel"}.items():
        code = main(["import-xlsx", str(c["xlsx"][name]), "--out", str(out / f"{name}.dapj")])
        _, err = capsys.readouterr()
        assert code == EXIT_UNREADABLE and words in err, (name, err[:300])


def test_a_file_holding_what_cannot_be_published_still_opens_with_the_finding(corpus, capsys):
    folder, c = corpus
    for name, words in (("amount_at_bound", "超出金额上限"), ("year_negative", "年度 -1"), ("long_name", "单位名称")):
        code = main(["validate", str(c["dapj"][name])])
        out, _ = capsys.readouterr()
        assert code == EXIT_FINDINGS and "U01" in out and words in out, (name, out[-500:])
        code = main(["export", str(c["dapj"][name]), "--out", str(folder / f"refused-{name}"), "--force"])
        _, err = capsys.readouterr()
        assert code == EXIT_FINDINGS and "无法发布" in err
        assert not (folder / f"refused-{name}").exists() or not any((folder / f"refused-{name}").iterdir())


def test_an_import_never_drops_a_number_without_naming_its_cell(corpus, capsys):
    folder, c = corpus
    for name in ("formula_no_value", "inf", "nan"):
        code = main(["import-xlsx", str(c["xlsx"][name]), "--out", str(folder / f"drop-{name}.dapj"), "--force"])
        out, err = capsys.readouterr()
        assert code != EXIT_OK or re.search(r"[A-Z]+[0-9]+", out), (name, out, err)
        assert code == EXIT_UNREADABLE and re.search(r"[A-Z]+[0-9]+", err), (name, out, err)
        if name == "formula_no_value":
            assert "请在 Excel 中打开并保存后再导入" in err


# -- real processes: time and memory ----------------------------------------------------------------------
# The command run as ``python -m disclosure_app`` would be, writing its own peak resident memory
# (VmHWM, which starts afresh at exec, unlike the child's ru_maxrss that inherits the forking
# pytest process's size) to PEAK_FILE when it exits.
_MEASURED = (
    "import atexit, os, runpy, sys\n"
    "def _peak():\n"
    "    try:\n"
    "        for ln in open('/proc/self/status'):\n"
    "            if ln.startswith('VmHWM:'):\n"
    "                open(os.environ['PEAK_FILE'], 'w').write(ln.split()[1])\n"
    "    except OSError:\n"
    "        pass\n"
    "atexit.register(_peak)\n"
    "sys.argv = ['disclosure-app', *sys.argv[1:]]\n"
    "runpy.run_module('disclosure_app', run_name='__main__', alter_sys=True)\n")
def _run_measured(args: list[str], cwd: Path) -> tuple[int, str, float, float]:
    """Run the command line as a process: (code, stderr, seconds, peak memory in MB)."""
    hwm = cwd / f".peak-{time.monotonic_ns()}"
    env = dict(os.environ, PYTHONPATH=str(Path(__file__).resolve().parents[1]), PEAK_FILE=str(hwm))
    start = time.monotonic()
    proc = subprocess.Popen([sys.executable, "-c", _MEASURED, *args], cwd=cwd, env=env,
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    timer = threading.Timer(TIMEOUT_S, proc.kill)
    timer.start()
    err = proc.stderr.read() if proc.stderr else b""
    _, status, usage = os.wait4(proc.pid, 0)
    timer.cancel()
    proc.returncode = os.waitstatus_to_exitcode(status)
    peak = usage.ru_maxrss / 1024 if sys.platform != "darwin" else usage.ru_maxrss / 1048576
    if hwm.exists():                 # the command's own peak (ru_maxrss also counts the forking test process)
        peak = int(hwm.read_text(encoding="ascii")) / 1024
        hwm.unlink()
    return proc.returncode, err.decode("utf-8", "replace"), time.monotonic() - start, peak


@pytest.mark.skipif(not hasattr(os, "wait4"), reason="peak memory of a child is measured with wait4 (POSIX)")
def test_representative_cases_as_real_processes_stay_within_time_and_memory(corpus):
    folder, c = corpus
    out = folder / "proc"
    out.mkdir()
    cases = [                         # one per command, each among the heaviest of its kind
        ["validate", str(c["dapj"]["huge_duties"])],
        ["dump", str(c["dapj"]["control_chars"])],
        ["set", str(shutil.copyfile(c["dapj"]["valid"], out / "v.dapj")), "T01", "L1", "c1", "999999999999.995"],
        ["load", str(c["json"]["deep_100000"]), "--out", str(out / "deep.dapj")],
        ["export", str(c["dapj"]["long_name"]), "--out", str(out / "e"), "--force"],
        ["import-xlsx", str(c["xlsx"]["far_cell"]), "--out", str(out / "far.dapj")],
        ["import-text", str(c["text"]["long_line"]), "--out", str(out / "t.dapj")],
        ["sample", "budget", str(out / "b.dapj")],
    ]
    for args in cases:
        code, err, seconds, peak = _run_measured(args, out)
        shown = [a[:40] for a in args]
        assert "Traceback" not in err, (shown, err[-1500:])
        assert code in DOCUMENTED, (shown, code, err[-500:])
        assert seconds < TIMEOUT_S and peak < MEMORY_MB, (shown, seconds, peak)
