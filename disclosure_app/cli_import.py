"""``disclosure-app import FILE (--out NEW | --into PROJECT) [--yes]``: any source of the tables.

The file type decides the reader (:mod:`disclosure_app.importers.dispatch`).  Before anything
is written the command prints the preview (:func:`~disclosure_app.import_editing.preview_lines`):
which sheet or page became which form, what was skipped, the totals' check.  It then writes
only when confirmed: ``--yes``, or "y" typed on a terminal; a run without a terminal and
without ``--yes`` writes nothing and says so.  ``--into`` replaces only the forms the file holds,
and puts the 附件 it holds in the place of the project's of the same kind and heading (or adds
them); the preview names each table replaced and how many of its values change.
"""

from __future__ import annotations

import sys
from pathlib import Path

from .cli_args import EXIT_FINDINGS, EXIT_OK
from .import_editing import merged, preview_lines
from .importers.dispatch import import_file


def _confirmed(args) -> bool:
    if args.yes:
        return True
    stdin = sys.stdin
    if stdin is None or not stdin.isatty():
        return False
    sys.stdout.write("确认写入？输入 y 回车写入，直接回车取消：")
    sys.stdout.flush()
    try:
        answer = stdin.readline()
    except (OSError, ValueError):
        return False
    return answer.strip().lower() in ("y", "yes", "是")


def cmd_import(args) -> int:
    from .cli import CliError, _check_out, _locked, _open, _out, _save
    if bool(args.out) == bool(args.into):
        raise CliError("请给出 --out（生成新项目）或 --into（导入到已有项目，只替换文件中有的表和同名的附件）之一")
    if args.out:
        target = _check_out(args.out, args.force, args.file)
    else:
        target = Path(args.into)
        if not target.is_file():
            raise CliError(f"找不到项目“{target}”。要生成新项目请用 --out")
    imported = import_file(args.file, args.profile)
    into = None
    if args.into:
        with _locked(target):
            into = _open(str(target))
            result = merged(into, imported)
    else:
        result = imported.project
    for line in preview_lines(imported, result, into=into):
        _out(line)
    if not imported.forms and not imported.project.annexes:
        raise CliError(f"“{imported.source}”中没有读到任何表格，未写入", EXIT_FINDINGS)
    if not _confirmed(args):
        _out("未写入：请核对以上内容，确认无误后加 --yes 再运行（或在终端中运行并输入 y 确认）")
        return EXIT_FINDINGS
    with _locked(target):
        if args.into:
            result = merged(_open(str(target)), imported)     # the file as it is now, under the lock
        _save(result, str(target))
    _out(f"已{'导入到' if args.into else '生成项目'}：{target}")
    return EXIT_OK


def cmd_prior(args) -> int:
    """``prior PROJECT --from LAST [--overwrite] [--yes]``: 从上年导入 (see :mod:`disclosure_app.prior_year`)."""
    from .cli import CliError, _locked, _open, _out, _save
    from .prior_year import FILLED, OVERWRITTEN, prior_figures, read_last_year
    target = Path(args.path)
    last, notes = read_last_year(args.source)
    figures, more = prior_figures(_open(str(target)), last, args.overwrite)
    _out(f"从“{Path(args.source).name}”（{last.info.name or '未写单位'} {last.info.year} 年）取上年数：")
    for f in figures:
        _out(f"  {f.describe()}")
    for n in [*more, *notes[:10]]:
        _out(f"注意：{n}")
    todo = [f for f in figures if f.action in (FILLED, OVERWRITTEN)]
    kept = sum(1 for f in figures if f.action == "kept")
    if kept and not args.overwrite:
        _out(f"{kept} 项已有录入且与上年文件不同，未改动；如需按上年文件替换，请加 --overwrite")
    if not todo:
        _out("没有需要填入的上年数，文件未改动")
        return EXIT_OK
    if not _confirmed(args):
        _out("未写入：请核对以上内容，确认无误后加 --yes 再运行（或在终端中运行并输入 y 确认）")
        return EXIT_FINDINGS
    from .session import Session
    with _locked(target):
        session = Session(_open(str(target)), target)
        figures, _ = prior_figures(session.project, last, args.overwrite)   # the file as it is now
        n = session.fill_prior_year(figures, Path(args.source).name)
        _save(session.project, str(target))
    if n == 0:
        raise CliError("没有填入任何上年数", EXIT_FINDINGS)
    _out(f"已填入 {n} 项上年数：{target}")
    return EXIT_OK
