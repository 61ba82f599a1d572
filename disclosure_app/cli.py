"""Command line: the scriptable mirror of the GUI.

    disclosure-app [PROJECT]                      open the main window (on the sample if none)
    disclosure-app sample final|budget PATH       write a bundled sample project
    disclosure-app validate PATH [--json]         findings; exit 0 clean, 1 错误, 2 unreadable
    disclosure-app dump PATH [--out JSON]         the project as documented JSON
    disclosure-app load JSON --out PATH           a project from that JSON
    disclosure-app set PATH FORM ROW COLUMN VALUE set one cell, parsed as typed in the GUI
    disclosure-app export PATH --out DIR [--format pdf,docx,xlsx] [--force] [--draft]
    disclosure-app import-xlsx FILE --out PATH    read our own Excel back into a project
    disclosure-app import-text FILE.txt --out PATH [--profile ID]  a published document's text
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path

from . import __version__
from .rules.findings import ERROR, SEVERITY_ZH, counts

EXIT_OK, EXIT_FINDINGS, EXIT_UNREADABLE = 0, 1, 2


class CliError(Exception):
    """A failure reported to the user in Chinese with an exit code."""

    def __init__(self, message: str, code: int = EXIT_UNREADABLE) -> None:
        super().__init__(message)
        self.code = code


def _out(text: str) -> None:
    sys.stdout.write(text if text.endswith("\n") else text + "\n")


def _open(path: str):
    from .store import ProjectFileError, open_project
    try:
        return open_project(path)
    except ProjectFileError as exc:
        raise CliError(str(exc)) from None


def _save(project, path: str) -> None:
    from .store import ProjectFileError, save_project
    try:
        save_project(project, path)
    except ProjectFileError as exc:
        raise CliError(str(exc)) from None


def sample_project(kind: str = "final"):
    """The bundled sample project (seed publication data) as a Project."""
    from .paths import resource
    from .store import loads
    files = {"final": "final_shanxi_2024.json", "budget": "budget_shanxi_2025.json"}
    if kind not in files:
        raise CliError(f"没有“{kind}”类型的样例，可用的有：{'、'.join(files)}")
    path = resource("sample", files[kind])
    return loads(path.read_text(encoding="utf-8"), f"样例“{path.name}”")


def cmd_sample(args) -> int:
    target = Path(args.path)
    if target.exists() and not args.force:
        raise CliError(f"“{target}”已存在，未覆盖。如确需覆盖，请加 --force")
    _save(sample_project(args.kind), str(target))
    _out(f"已写入样例项目：{target}")
    return EXIT_OK


def _all_findings(project):
    from .annexes.checks import annex_checks
    from .rules.engine import Engine
    extra = []
    try:
        from .narrative.checks import narrative_checks
        extra = [narrative_checks]
    except ImportError:
        pass
    return Engine(project, [*extra, annex_checks]).findings


def cmd_validate(args) -> int:
    project = _open(args.path)
    findings = _all_findings(project)
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
    text = dumps(_open(args.path))
    if args.out:
        try:
            Path(args.out).write_text(text, encoding="utf-8")
        except OSError as exc:
            raise CliError(f"无法写入“{args.out}”：{exc.strerror or exc}。请检查路径和写入权限") from None
    else:
        sys.stdout.write(text)
    return EXIT_OK


def cmd_load(args) -> int:
    from .store import ProjectFileError, loads
    src = Path(args.json)
    try:
        text = src.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise CliError(f"无法读取“{src}”：{getattr(exc, 'strerror', None) or exc}") from None
    notices: list[str] = []
    try:
        project = loads(text, f"“{src.name}”", notices)
    except ProjectFileError as exc:
        raise CliError(str(exc)) from None
    for n in notices:
        _out(f"注意：{n}")
    _save(project, args.out)
    _out(f"已生成项目：{args.out}")
    return EXIT_OK


def cmd_set(args) -> int:
    from .session import EditError, Session
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
    from .store import ProjectFileError
    try:
        session.save()
    except ProjectFileError as exc:
        raise CliError(str(exc)) from None
    c = counts(_all_findings(project))
    _out(f"已保存。当前共 {c[ERROR]} 个错误，{c['warning']} 个警告，{c['info']} 个提示。")
    return EXIT_OK


def cmd_export(args) -> int:
    from .export.package import ExportError, export_package
    project = _open(args.path)
    formats = [f.strip() for f in args.format.split(",") if f.strip()]
    try:
        manifest = export_package(project, Path(args.out), formats, force=args.force, draft=args.draft,
                                  progress=lambda step, total, text: _out(f"[{step}/{total}] {text}"))
    except ExportError as exc:
        raise CliError(str(exc), EXIT_FINDINGS) from None
    for item in manifest["files"]:
        _out(f"{item['name']}  {item['size']} 字节  sha256={item['sha256'][:16]}…")
    return EXIT_OK


def cmd_import_xlsx(args) -> int:
    from .importers.xlsx import ImportError_, read_xlsx
    try:
        project = read_xlsx(Path(args.file))
    except ImportError_ as exc:
        raise CliError(str(exc)) from None
    _save(project, args.out)
    _out(f"已导入：{args.out}")
    return EXIT_OK


def cmd_import_text(args) -> int:
    from .importers.published_text import TextImportError, read_published_text
    src = Path(args.file)
    try:
        raw = src.read_bytes()
    except OSError as exc:
        raise CliError(f"无法读取“{src}”：{exc.strerror or exc}。请检查路径") from None
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        try:
            text = raw.decode("gb18030")
        except UnicodeDecodeError:
            raise CliError(f"“{src.name}”不是文本文件（既不是 UTF-8 也不是 GBK 编码）。"
                           "请导入从决算或预算公开 PDF 中提取的文字（.txt）") from None
    try:
        result = read_published_text(text, args.profile)
    except TextImportError as exc:
        raise CliError(f"“{src.name}”：{exc}") from None
    for note in result.notes:
        _out(f"注意：{note}")
    _save(result.project, args.out)
    c = counts(_all_findings(result.project))
    _out(f"已导入：{args.out}。校验共 {c[ERROR]} 个错误，{c['warning']} 个警告，{c['info']} 个提示"
         f"（用 validate 查看明细）。")
    return EXIT_OK


def cmd_gui(args) -> int:
    from .qt.app import run
    return run(args.project)


_ARGPARSE_ZH = (
    ("the following arguments are required:", "缺少参数："),
    ("unrecognized arguments:", "无法识别的参数："),
    ("invalid choice:", "无效的选项："),
    ("choose from", "可选"),
    ("expected one argument", "需要一个参数值"),
)


class _Parser(argparse.ArgumentParser):
    """argparse with its usage errors in Chinese (exit code 2, like an unreadable file)."""

    def error(self, message: str):  # type: ignore[override]
        for en, zh in _ARGPARSE_ZH:
            message = message.replace(en, zh)
        self.print_usage(sys.stderr)
        self.exit(EXIT_UNREADABLE, f"错误：{message}。用 --help 查看用法\n")


def build_parser() -> argparse.ArgumentParser:
    p = _Parser(prog="disclosure-app", description="部门预决算公开编制")
    p.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    sub = p.add_subparsers(dest="command", parser_class=_Parser)
    s = sub.add_parser("sample", help="写出内置样例项目")
    s.add_argument("kind", choices=["final", "budget"], help="公开文件类型：final（决算）或 budget（预算）")
    s.add_argument("path")
    s.add_argument("--force", action="store_true", help="覆盖已有文件")
    s.set_defaults(func=cmd_sample)
    s = sub.add_parser("validate", help="校验项目，列出错误、警告和提示")
    s.add_argument("path")
    s.add_argument("--json", action="store_true")
    s.set_defaults(func=cmd_validate)
    s = sub.add_parser("dump", help="把项目写成 JSON")
    s.add_argument("path")
    s.add_argument("--out")
    s.set_defaults(func=cmd_dump)
    s = sub.add_parser("load", help="由 JSON 生成项目文件")
    s.add_argument("json")
    s.add_argument("--out", required=True)
    s.set_defaults(func=cmd_load)
    s = sub.add_parser("set", help="设置一个单元格")
    for a in ("path", "form", "row", "column", "value"):
        s.add_argument(a)
    s.set_defaults(func=cmd_set)
    s = sub.add_parser("export", help="导出公开文件（PDF、Word、Excel）")
    s.add_argument("path")
    s.add_argument("--out", required=True)
    s.add_argument("--format", default="pdf,docx,xlsx")
    s.add_argument("--force", action="store_true", help="存在错误时仍然导出")
    s.add_argument("--draft", action="store_true", help="草稿：加水印，允许待填写内容")
    s.set_defaults(func=cmd_export)
    s = sub.add_parser("import-xlsx", help="读回本程序导出的 Excel")
    s.add_argument("file")
    s.add_argument("--out", required=True)
    s.set_defaults(func=cmd_import_xlsx)
    s = sub.add_parser("import-text", help="读取已公开的决算或预算文件（PDF 提取的文字）以便审核")
    s.add_argument("file")
    s.add_argument("--out", required=True)
    s.add_argument("--profile", choices=["final_shanxi", "budget_shanxi"],
                   help="公开文件类型（不填则按文字自动判断）：final_shanxi（决算）或 budget_shanxi（预算）")
    s.set_defaults(func=cmd_import_text)
    return p


def main(argv: list[str] | None = None) -> int:
    for stream in (sys.stdout, sys.stderr):
        if hasattr(stream, "reconfigure"):
            try:
                stream.reconfigure(encoding="utf-8")
            except (ValueError, OSError):
                pass
    argv = sys.argv[1:] if argv is None else argv
    parser = build_parser()
    known = {"sample", "validate", "dump", "load", "set", "export", "import-xlsx", "import-text"}
    if not argv or (argv[0] not in known and not argv[0].startswith("-")):
        args = argparse.Namespace(project=argv[0] if argv else None)
        try:
            return cmd_gui(args)
        except ImportError as exc:
            sys.stderr.write(f"无法启动图形界面：{exc}\n")
            return EXIT_UNREADABLE
    args = parser.parse_args(argv)
    if not getattr(args, "func", None):
        parser.print_help()
        return EXIT_OK
    try:
        return args.func(args)
    except CliError as exc:
        sys.stderr.write(f"错误：{exc}\n")
        return exc.code
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:   # output piped into `head` and the like
        try:
            sys.stdout = open(os.devnull, "w")  # noqa: SIM115 — keep interpreter shutdown quiet
        except OSError:
            pass
        return EXIT_OK


if __name__ == "__main__":
    sys.exit(main())
