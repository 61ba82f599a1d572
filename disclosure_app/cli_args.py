"""The command line's arguments, in Chinese: usage, help texts and argparse's own wording.

argparse words its help and errors in English ("usage:", "positional arguments", "show this
help message and exit", "error:").  Rather than patching its module-level gettext function,
which would change every parser in the process, the parser and formatter classes below supply
the Chinese wording themselves; :data:`_ARGPARSE_ZH` translates the few error phrases argparse
builds internally.
"""

from __future__ import annotations

import argparse
import difflib
import sys
from collections.abc import Callable

from .export.layouts import LAYOUTS
from .forms.profiles import profiles
from .publisher import PUBLISHERS

EXIT_OK, EXIT_FINDINGS, EXIT_UNREADABLE = 0, 1, 2
EXIT_INTERNAL = 3          # an internal error (a defect of the program): still a Chinese message, no traceback

COMMANDS = ("sample", "validate", "dump", "load", "set", "export", "import", "prior", "import-xlsx",
            "import-text", "audit")

_ARGPARSE_ZH = (
    ("the following arguments are required: ", "缺少参数："),
    ("unrecognized arguments: ", "无法识别的参数："),
    ("ambiguous option: ", "选项不明确："),
    (" could match ", "，可能是 "),
    ("invalid choice: ", "无效的选项："),
    ("choose from", "可选"),
    ("expected one argument", "需要一个参数值"),
    ("not allowed with argument", "不能与此参数同用："),
    ("ignored explicit argument", "多余的参数值"),
    ("argument ", "参数 "),
)


class _Formatter(argparse.HelpFormatter):
    """Help layout with the usage line introduced in Chinese."""

    def add_usage(self, usage, actions, groups, prefix=None):  # type: ignore[override]
        super().add_usage(usage, actions, groups, "用法：" if prefix is None else prefix)


class _Parser(argparse.ArgumentParser):
    """argparse speaking Chinese; usage errors exit with code 2, like an unreadable file."""

    def __init__(self, *args, **kwargs) -> None:
        kwargs.setdefault("formatter_class", _Formatter)
        kwargs["add_help"] = False
        super().__init__(*args, **kwargs)
        self._positionals.title = "位置参数"
        self._optionals.title = "选项"
        self.add_argument("-h", "--help", action="help", default=argparse.SUPPRESS, help="显示本帮助并退出")

    def error(self, message: str):  # type: ignore[override]
        for en, zh in _ARGPARSE_ZH:
            message = message.replace(en, zh)
        self.print_usage(sys.stderr)
        self.exit(EXIT_UNREADABLE, f"错误：{message}。用 --help 查看用法\n")


def unknown_command(word: str) -> str:
    """The message for a first argument that is neither a command nor a project file."""
    close = difflib.get_close_matches(word, COMMANDS, n=1, cutoff=0.5)
    hint = f"是不是要用“{close[0]}”？" if close else ""
    return (f"未知命令“{word}”。{hint}可用的命令有：{'、'.join(COMMANDS)}。"
            f"要在窗口中打开项目，请给出已存在的项目文件路径；用 --help 查看用法")


_PATH = "项目文件路径（.dapj）"
_OUT_FORCE = "输出文件已存在时覆盖它（不能覆盖输入文件本身，也不能覆盖正在窗口中编辑的项目）"


def build_parser(commands: dict[str, Callable], version: str) -> argparse.ArgumentParser:
    """The parser of every subcommand; ``commands`` maps a command name to its function."""
    p = _Parser(prog="disclosure-app", description="部门预决算公开编制。不带命令时打开图形界面"
                "（可给出一个项目文件路径）。")
    p.add_argument("--version", action="version", version=f"%(prog)s {version}", help="显示程序版本并退出")
    sub = p.add_subparsers(dest="command", parser_class=_Parser, title="命令", metavar="<命令>",
                           help="见下；用“disclosure-app <命令> --help”查看各命令的用法")

    def command(name: str, summary: str, description: str | None = None) -> argparse.ArgumentParser:
        s = sub.add_parser(name, help=summary, description=description or summary)
        s.set_defaults(func=commands[name])
        return s

    s = command("sample", "写出内置样例项目")
    kinds = {p.kind: p.name or p.title for p in profiles() if p.sample}     # a bundled sample per kind
    s.add_argument("kind", choices=list(kinds),
                   help="公开文件类型：" + "、".join(f"{k}（{name}）" for k, name in kinds.items()))
    s.add_argument("path", help="要写出的项目文件路径（.dapj）")
    s.add_argument("--force", action="store_true", help=_OUT_FORCE)
    s = command("validate", "校验项目，列出错误、警告和提示",
                "校验项目，列出错误、警告和提示。退出码：0 没有错误（可有警告、提示），1 有错误，"
                "2 文件无法读取或参数有误。")
    s.add_argument("path", help=_PATH)
    s.add_argument("--json", action="store_true", help="以 JSON 输出校验结果（findings 与 counts）")
    s = command("dump", "把项目写成 JSON")
    s.add_argument("path", help=_PATH)
    s.add_argument("--out", help="写入的 JSON 文件路径（不填则输出到屏幕）")
    s.add_argument("--force", action="store_true", help=_OUT_FORCE)
    s = command("load", "由 JSON 生成项目文件", "由 JSON 生成项目文件（JSON 可为 UTF-8、带 BOM 的 UTF-8 或 UTF-16）。")
    s.add_argument("json", help="项目 JSON 文件路径（dump 的输出格式）")
    s.add_argument("--out", required=True, help="要生成的项目文件路径（.dapj）")
    s.add_argument("--force", action="store_true", help=_OUT_FORCE)
    s = command("set", "设置一个单元格", "设置一个单元格，按与界面录入相同的规则解析，保存后报告校验结果。")
    s.add_argument("path", help=_PATH)
    s.add_argument("form", help="表号，如 T01（公开01表）")
    s.add_argument("row", help="行键，如 L27（见 dump 输出）；编码表为科目代码或 total（合计）")
    s.add_argument("column", help="栏键，如 c1（第 1 栏，见 dump 输出）")
    s.add_argument("value", help="数值（单位万元，如 1,199.89）；空字符串或 - 表示清空")
    s = command("export", "导出公开文件（PDF、Word、Excel）",
                "导出公开文件（PDF、Word、Excel）和清单 manifest.json。退出码：0 已导出；1 因数据有错误或"
                "情况说明有待填写内容而未导出（可加 --force 或 --draft）；2 无法读取项目或无法写入文件。")
    s.add_argument("path", help=_PATH)
    s.add_argument("--out", required=True, help="导出到的文件夹")
    s.add_argument("--format", default="pdf,docx,xlsx", help="导出格式，逗号分隔：pdf、docx、xlsx（默认全部）")
    s.add_argument("--force", action="store_true", help="存在错误时仍然导出")
    s.add_argument("--draft", action="store_true", help="草稿：加水印，允许待填写内容")
    s.add_argument("--layout", choices=list(LAYOUTS),
                   help="PDF 版式（项目会记住所选）：" + "、".join(f"{k}（{v.label}）" for k, v in LAYOUTS.items())
                   + "；默认为项目记住的版式，未选过则为 gongwen")
    s.add_argument("--publisher", choices=list(PUBLISHERS),
                   help="以部门或单位名义公开（项目会记住所选），用于标题和文件名，如“部门决算公开”或“单位决算公开”")
    s = command("import", "导入公开表格：任何 Excel（.xlsx .xls .csv）或已公开的文件（.pdf .docx .txt）",
                "导入公开表格：部门决算软件、预算一体化系统导出的 Excel（.xlsx、.xlsm、.xls、.et、.csv），"
                "本程序导出的 Excel，或已公开的文件（PDF、Word .docx，或从 PDF 中提取的文字 .txt）。先列出各工作表读成了哪张表、未能读取的内容和"
                "勾稽校验结果，确认后才写入。退出码：0 已写入；1 未确认或没有读到表格，未写入；2 文件无法读取。")
    s.add_argument("file", help="要导入的文件")
    s.add_argument("--out", help="要生成的新项目文件路径（.dapj）")
    s.add_argument("--into", help="导入到已有项目：只替换文件中有的表和同名的附件（没有的附件新增），其余内容不变")
    s.add_argument("--yes", action="store_true", help="不再询问，直接写入（脚本中使用）")
    s.add_argument("--force", action="store_true", help=_OUT_FORCE)
    s.add_argument("--profile", choices=[p.id for p in profiles()],
                   help="公开文件类型（不填则按内容自动判断）")
    s = command("prior", "从上年导入：由上年的项目或公开文件填入情况说明所需的上年数",
                "从上年导入：由上年的项目文件（.dapj）或上年的公开文件（PDF、Word、文字或 Excel）填入情况说明所需的"
                "上年数（上年收支总计、各类上年决算、“三公”经费各项、机关运行经费等）。先列出各项及其来源；已录入的"
                "不改动，除非加 --overwrite。退出码：0 已写入或无需写入；1 未确认；2 文件无法读取。")
    s.add_argument("path", help=_PATH)
    s.add_argument("--from", dest="source", required=True, help="上年的项目文件或公开文件")
    s.add_argument("--overwrite", action="store_true", help="已录入且与上年文件不同的，也按上年文件替换")
    s.add_argument("--yes", action="store_true", help="不再询问，直接写入（脚本中使用）")
    s = command("import-xlsx", "读回本程序导出的 Excel")
    s.add_argument("file", help="本程序导出的 Excel 文件（.xlsx）")
    s.add_argument("--out", required=True, help="要生成的项目文件路径（.dapj）")
    s.add_argument("--force", action="store_true", help=_OUT_FORCE)
    s = command("import-text", "读取已公开的决算或预算文件（PDF、Word 或提取的文字）以便审核",
                "读取已公开的决算或预算文件以便审核：PDF（.pdf）、Word（.docx），或从 PDF 中提取的文字"
                "（.txt，UTF-8、UTF-16 或 GBK 编码）。")
    s.add_argument("file", help="公开文件（.pdf、.docx）或从公开 PDF 中提取的文字文件（.txt）")
    s.add_argument("--out", required=True, help="要生成的项目文件路径（.dapj）")
    s.add_argument("--force", action="store_true", help=_OUT_FORCE)
    s.add_argument("--profile", choices=[p.id for p in profiles()],
                   help="公开文件类型（不填则按文字自动判断）：" + "、".join(f"{p.id}（{p.name or p.title}）" for p in profiles()))
    s = command("audit", "批量审核已公开的决算或预算文件，写出审核结果工作簿",
                "批量审核已公开的决算或预算文件（.pdf、.docx、.txt；可给出文件夹），按 CPU 核数并行读取，"
                "写出一个 Excel 工作簿：汇总表（文件、单位、年度、类型、错误、警告、提示、页数）和每个文件一张"
                "明细表（含页码）。退出码：0 全部没有错误，1 有文件存在错误或无法读取，2 参数有误或无法写入。")
    s.add_argument("paths", nargs="+", help="公开文件或存放公开文件的文件夹（可给出多个）")
    s.add_argument("--out", required=True, help="要写出的审核结果工作簿（.xlsx）")
    s.add_argument("--force", action="store_true", help=_OUT_FORCE)
    s.add_argument("--jobs", type=int, default=0, help="同时读取的文件数（默认等于 CPU 核数）")
    return p
