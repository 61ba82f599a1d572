"""Command line: the scriptable mirror of the GUI.

    disclosure-app [PROJECT]                      open the main window (on the sample if none)
    disclosure-app sample final|budget|performance PATH [--force]   write a bundled sample project
    disclosure-app validate PATH [--json]         findings; exit 0 clean, 1 错误, 2 unreadable
    disclosure-app dump PATH [--out JSON [--force]]     the project as documented JSON
    disclosure-app load JSON --out PATH [--force] a project from that JSON
    disclosure-app set PATH FORM ROW COLUMN VALUE set one cell, parsed as typed in the GUI
    disclosure-app export PATH --out DIR [--format pdf,docx,xlsx] [--force] [--draft]
    disclosure-app import FILE (--out PATH | --into PROJECT) [--yes] [--profile ID]
                                                  any workbook (.xlsx .xls .csv) or text of the tables
    disclosure-app prior PATH --from LAST [--overwrite] [--yes]   从上年导入: last year's figures
    disclosure-app import-xlsx FILE --out PATH [--force]   read our own Excel back into a project
    disclosure-app import-text FILE --out PATH [--force] [--profile ID]  a published .pdf/.docx/.txt
    disclosure-app audit DIR_OR_FILES… --out REPORT.xlsx [--force] [--jobs N]  many published documents

A command never overwrites an existing file without ``--force``, never its own input, and never
a project a window has open (the project lock of :mod:`disclosure_app.filelock`).
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import NoReturn

from . import __version__
from .cli_args import COMMANDS, EXIT_FINDINGS, EXIT_INTERNAL, EXIT_OK, EXIT_UNREADABLE, unknown_command
from .cli_args import build_parser as _build_parser
from .errors import UNEXPECTED, AppError
from .operations import Format, all_findings, read_any, sample_project
from .oserrors import os_message
from .rules.findings import ERROR, SEVERITY_ZH, counts
from .textfiles import write_text_atomic

__all__ = ["CliError", "build_parser", "main", "sample_project"]   # sample_project: re-exported, now in operations

LOCK_WAIT_S = 10.0         # how long a command waits for another command's write of the same project


class CliError(AppError):
    """A failure reported to the user in Chinese with an exit code (any other AppError exits 2)."""

    def __init__(self, message: str, code: int = EXIT_UNREADABLE) -> None:
        super().__init__(message)
        self.code = code


def _out(text: str) -> None:
    sys.stdout.write(text if text.endswith("\n") else text + "\n")


def _open(path: str):
    """The project file at ``path`` (a failure is a ProjectFileError, reported by :func:`main`).

    What the reader noticed (characters no output can carry, removed) goes to stderr, so the
    output of ``validate --json`` and ``dump`` stays what it says it is."""
    result = read_any(path, Format.PROJECT)
    for n in result.notices:
        sys.stderr.write(f"注意：{n}\n")
    return result.project


def _save(project, path: str) -> None:
    from .store import save_project
    save_project(project, path)


@contextmanager
def _locked(path: str | os.PathLike) -> Iterator[None]:
    """Hold the project's lock while writing it: never under a window that has it open."""
    from .filelock import ProjectLock, ProjectLockedError
    lock = ProjectLock(path, command=True)
    try:
        # a script writing cells one after another waits its turn rather than failing at random
        lock.acquire(wait=LOCK_WAIT_S)   # False (no lock possible) in a read-only folder: saving fails there
    except ProjectLockedError as exc:
        raise CliError(f"{exc}文件未被改动。") from None
    try:
        yield
    finally:
        lock.release()


def _same_file(a: Path, b: Path) -> bool:
    """The same file (a link or another spelling of the path counts), existing or not."""
    try:
        if a.exists() and b.exists():
            return os.path.samefile(a, b)
    except OSError:
        pass
    return a.resolve() == b.resolve()


def _check_out(out: str, force: bool, *sources: str) -> Path:
    """Refuse to overwrite an input, or an existing file without ``--force``."""
    target = Path(out)
    for src in sources:
        if _same_file(target, Path(src)):
            raise CliError(f"--out“{target}”就是输入文件本身，不能覆盖它（--force 也不行）。请换一个输出文件名")
    if target.is_dir():
        raise CliError(f"--out“{target}”是文件夹，请给出文件路径，如 {target / ('项目' + _suffix())}")
    if target.exists() and not force:
        raise CliError(f"“{target}”已存在，未覆盖。如确需覆盖，请加 --force")
    return target


def _suffix() -> str:
    from .store.sqlite import SUFFIX
    return SUFFIX


def cmd_sample(args) -> int:
    target = _check_out(args.path, args.force)
    project = sample_project(args.kind)
    with _locked(target):
        _save(project, str(target))
    _out(f"已写入样例项目：{target}")
    return EXIT_OK


_all_findings = all_findings     # the former private name, still imported by older tests


def cmd_validate(args) -> int:
    project = _open(args.path)
    findings = all_findings(project)
    c = counts(findings)
    if args.json:
        payload = {"findings": [f.as_dict() for f in findings], "counts": c}
        _out(json.dumps(payload, ensure_ascii=False, indent=2))
    else:
        for f in findings:
            where = ""
            if f.cells:
                cell = f.cells[0]
                where = f"{cell.form}:{cell.row}:{cell.column} "
            accepted = f"（已接受：{f.accepted_note}）" if f.accepted_note else ""
            _out(f"[{SEVERITY_ZH[f.severity]}] {f.rule} {where}{f.message}{accepted}")
        _out(f"共 {c[ERROR]} 个错误，{c['warning']} 个警告，{c['info']} 个提示。")
    return EXIT_FINDINGS if c[ERROR] else EXIT_OK


def cmd_dump(args) -> int:
    from .store import dumps
    target = _check_out(args.out, args.force, args.path) if args.out else None
    text = dumps(_open(args.path))
    if target is None:
        sys.stdout.write(text)
        return EXIT_OK
    with _locked(target):      # --force onto a project a window has open: refused like any write
        try:
            write_text_atomic(target, text)
        except OSError as exc:
            raise CliError(os_message(exc, "无法写入", target)) from None
    return EXIT_OK


def cmd_load(args) -> int:
    target = _check_out(args.out, args.force, args.json)
    result = read_any(args.json, Format.JSON)
    for n in result.notices:
        _out(f"注意：{n}")
    with _locked(target):
        _save(result.project, str(target))
    _out(f"已生成项目：{target}")
    return EXIT_OK


def cmd_set(args) -> int:
    from .session import EditError, Session
    with _locked(args.path):
        project = _open(args.path)
        session = Session(project, args.path)
        try:
            project.form(args.form)
        except KeyError:
            forms = "、".join(f.id for f in project.profile.forms)
            raise CliError(f"没有表“{args.form}”，可用的有：{forms}", EXIT_FINDINGS) from None
        try:
            notice = session.set_cell_text(args.form, args.row, args.column, args.value)
        except EditError as exc:
            raise CliError(f"{exc}。文件未被改动", EXIT_FINDINGS) from None
        if notice:
            _out(f"注意：{notice}")
        session.save()
    c = counts(all_findings(project))
    _out(f"已保存。当前共 {c[ERROR]} 个错误，{c['warning']} 个警告，{c['info']} 个提示。")
    return EXIT_OK


def _remember_choices(args) -> None:
    """``--layout`` / ``--publisher`` given: the project file remembers them (saved like ``set``)."""
    from .export.layouts import OPTION as LAYOUT_OPTION
    from .publisher import PUBLISHER_OPTION
    from .session import Session
    wanted = {LAYOUT_OPTION: args.layout, PUBLISHER_OPTION: args.publisher}
    wanted = {k: v for k, v in wanted.items() if v}
    if not wanted:
        return
    with _locked(args.path):
        project = _open(args.path)
        if all(project.options.get(k) == v for k, v in wanted.items()):
            return
        project.options.update(wanted)
        Session(project, args.path).save()
    _out("已在项目中记住：" + "，".join(f"{k}={v}" for k, v in wanted.items()))


def cmd_export(args) -> int:
    from .export.package import ExportError, export_package
    _remember_choices(args)
    project = _open(args.path)
    formats = [f.strip() for f in args.format.split(",") if f.strip()]
    try:
        manifest = export_package(project, Path(args.out), formats, force=args.force, draft=args.draft,
                                  progress=lambda step, total, text: _out(f"[{step}/{total}] {text}"))
    except ExportError as exc:       # refused because of the data: 1; could not be written: 2
        raise CliError(str(exc), EXIT_FINDINGS if exc.findings else EXIT_UNREADABLE) from None
    for item in manifest["files"]:
        _out(f"{item['name']}  {item['size']} 字节  sha256={item['sha256'][:16]}…")
    return EXIT_OK


def cmd_import_xlsx(args) -> int:
    target = _check_out(args.out, args.force, args.file)
    result = read_any(args.file, Format.XLSX)
    for n in result.notices:
        _out(f"注意：{n}")
    with _locked(target):
        _save(result.project, str(target))
    _out(f"已导入：{target}")
    return EXIT_OK


def cmd_import_text(args) -> int:
    from .importers.published_text import TextImportError
    target = _check_out(args.out, args.force, args.file)
    try:
        result = read_any(args.file, Format.TEXT, profile=args.profile)
    except TextImportError as exc:        # about the text, not the file: say which file
        raise CliError(f"“{Path(args.file).name}”：{exc}") from None
    for note in result.notices:
        _out(f"注意：{note}")
    with _locked(target):
        _save(result.project, str(target))
    c = counts(all_findings(result.project))
    _out(f"已导入：{target}。校验共 {c[ERROR]} 个错误，{c['warning']} 个警告，{c['info']} 个提示"
         f"（用 validate 查看明细）。")
    return EXIT_OK


def cmd_audit(args) -> int:
    import time

    from .audit import audit_all, documents, write_report
    paths = documents(args.paths)
    out = Path(args.out)
    if out.suffix.lower() != ".xlsx":
        raise CliError(f"审核结果应写成 Excel 工作簿（.xlsx）：“{args.out}”")
    target = _check_out(args.out, args.force, *map(str, paths))
    if not paths:
        raise CliError("给出的文件夹中没有公开文件（.pdf、.docx、.txt）")
    started = time.monotonic()

    def progress(done: int, total: int, a) -> None:
        what = f"无法审核：{a.failure}" if a.failure else \
            f"{a.department or '（单位名称未读到）'} {a.year or ''} {a.pages}页：{a.errors} 个错误，{a.warnings} 个警告，{a.infos} 个提示"
        _out(f"[{done}/{total}] {a.name}  {what}")

    audits = audit_all(paths, args.jobs or None, progress)
    try:
        write_report(audits, target)
    except OSError as exc:
        raise CliError(os_message(exc, "无法写入", target)) from None
    bad = sum(1 for a in audits if a.errors or a.failure)
    _out(f"已写出审核结果：{target}。共 {len(audits)} 个文件，{bad} 个有错误或无法读取，"
         f"用时 {time.monotonic() - started:.0f} 秒。")
    return EXIT_FINDINGS if bad else EXIT_OK


def cmd_gui(args) -> int:
    from .qt.app import run
    return run(args.project)


def cmd_import(args) -> int:
    from .cli_import import cmd_import as run
    return run(args)


def cmd_prior(args) -> int:
    from .cli_import import cmd_prior as run
    return run(args)


_COMMAND_FUNCS = {"import": cmd_import, "prior": cmd_prior, "sample": cmd_sample, "validate": cmd_validate, "dump": cmd_dump, "load": cmd_load,
                  "set": cmd_set, "export": cmd_export, "import-xlsx": cmd_import_xlsx,
                  "import-text": cmd_import_text, "audit": cmd_audit}


def build_parser() -> argparse.ArgumentParser:
    """The command line's parser (Chinese usage, help and errors)."""
    return _build_parser(_COMMAND_FUNCS, __version__)


def _gui(argv: list[str]) -> int:
    """No command: open the window, on the project named (if it is one) or the sample."""
    from .store.sqlite import SUFFIX
    if argv:
        first = argv[0]
        if not (Path(first).is_file() or first.lower().endswith(SUFFIX)):
            sys.stderr.write(f"错误：{unknown_command(first)}\n")
            return EXIT_UNREADABLE
        if len(argv) > 1:
            sys.stderr.write(f"错误：打开图形界面时只能给出一个项目文件，多余的参数：{' '.join(argv[1:])}\n")
            return EXIT_UNREADABLE
    try:
        return cmd_gui(argparse.Namespace(project=argv[0] if argv else None))
    except ImportError as exc:
        sys.stderr.write(f"错误：无法启动图形界面，缺少组件“{exc.name or exc}”。请重新安装本程序\n")
        return EXIT_UNREADABLE


def main(argv: list[str] | None = None) -> int:
    """Run the command line; returns the exit code (0 fine, 1 findings or refused edit, 2 unreadable
    or refused input, 3 an internal error — each with a Chinese message, never a traceback)."""
    import multiprocessing
    multiprocessing.freeze_support()      # a worker process (audit, the window's export) in the frozen app
    for stream in (sys.stdout, sys.stderr):
        if hasattr(stream, "reconfigure"):
            try:
                # backslashreplace: a lone surrogate read from a file can still be named in a message
                stream.reconfigure(encoding="utf-8", errors="backslashreplace")
            except (ValueError, OSError):
                pass
    argv = sys.argv[1:] if argv is None else argv
    if not argv or (argv[0] not in COMMANDS and not argv[0].startswith("-")):
        return _gui(argv)
    if any("\x00" in a for a in argv):       # no file name or value can hold one (only a script can pass it)
        sys.stderr.write("错误：参数中含有空字符（U+0000），请检查调用本程序的脚本\n")
        return EXIT_UNREADABLE
    parser = build_parser()
    args = parser.parse_args(argv)
    if not getattr(args, "func", None):
        parser.print_help()
        return EXIT_OK
    try:
        return args.func(args)
    except AppError as exc:     # every refusal of the core carries its Chinese message
        sys.stderr.write(f"错误：{exc.message}\n")
        return exc.code if isinstance(exc, CliError) else EXIT_UNREADABLE
    except OSError as exc:      # a read or write no command anticipated: still Chinese, no traceback
        if isinstance(exc, BrokenPipeError):     # output piped into `head` and the like
            try:
                sys.stdout = open(os.devnull, "w")  # noqa: SIM115 — keep interpreter shutdown quiet
            except OSError:
                pass
            return EXIT_OK
        sys.stderr.write(f"错误：{os_message(exc, '读写失败', exc.filename or '文件')}\n")
        return EXIT_UNREADABLE
    except KeyboardInterrupt:
        return 130
    except (MemoryError, RecursionError):
        sys.stderr.write("错误：输入过大或嵌套过深，内存不足以处理。请检查输入文件是否选错或已损坏\n")
        return EXIT_UNREADABLE
    except Exception as exc:  # noqa: BLE001 — the last resort: a defect still ends in Chinese, not a traceback
        sys.stderr.write(f"错误：命令“{argv[0]}”发生意外错误（{type(exc).__name__}: {str(exc)[:200]}）。"
                         f"{UNEXPECTED}\n")
        return EXIT_INTERNAL


def run(argv: list[str] | None = None) -> NoReturn:
    """The program's entry point (``disclosure-app``, ``python -m disclosure_app``, the frozen
    executables): :func:`main`, then the process ends with its exit code.

    After a command the output is flushed and the process ends at once.  When ``main`` returns,
    every file is closed and every lock released.  Freeing a large department's objects one by
    one would only delay the prompt (0.45 s after a 3,000-row export).  The window ends the
    normal way."""
    argv = sys.argv[1:] if argv is None else argv
    code = main(argv)
    if argv and (argv[0] in COMMANDS or argv[0].startswith("-")):
        for stream in (sys.stdout, sys.stderr):
            try:
                if stream is not None:
                    stream.flush()
            except (OSError, ValueError):      # a closed pipe: nothing more can be said
                pass
        os._exit(code)
    sys.exit(code)


if __name__ == "__main__":
    run()
