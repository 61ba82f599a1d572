"""What the command line and the window both do with a project, written once.

- :func:`sample_project` — the bundled sample publications (决算 and 预算), which the window
  opens for a newcomer and ``disclosure-app sample`` writes out;
- :func:`full_checks` / :func:`all_findings` — which checks make a *full* validation (the
  rules of the forms, plus the 情况说明 and 附件 checks), so ``validate``, the window's findings
  panel and the export's refusal always agree on what counts as an error;
- :func:`read_any` — every format a project can be read from (the project file, the JSON dump,
  our own Excel workbook, the text of a published document), with the reader's notices.

It lives outside both front ends so neither imports the other: ``qt/`` never imports the
command line, and the command line never needs Qt.  Every failure is an
:class:`~disclosure_app.errors.AppError` with a Chinese message, so each front end shows it in
its own way (a ``错误：`` line, a message box) without knowing which reader failed.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass
from enum import Enum
from pathlib import Path

from .errors import AppError
from .model import Project
from .oserrors import os_message
from .rules.findings import Finding
from .validation import all_findings, full_checks

__all__ = ["SAMPLES", "Format", "ReadResult", "all_findings", "detect_format", "full_checks", "read_any",
           "sample_project"]


def _samples() -> dict[str, str]:
    """kind -> the sample's JSON dump among the bundled resources (the first profile of each kind
    that names one: ``Profile.sample``)."""
    from .forms.profiles import profiles
    out: dict[str, str] = {}
    for p in profiles():
        if p.sample:
            out.setdefault(p.kind, p.sample)
    return out


SAMPLES = _samples()

Check = Callable[[Project], list[Finding]]


# -- samples ------------------------------------------------------------------------------------
def blank_project(profile_id: str, year: int = 2024, name: str = "") -> Project:
    """A new project to be typed in by hand: its totals follow their parts (自动计算合计 on).

    Imported projects are made by their readers with the mode off: their totals are the
    published figures."""
    from .model import new_project
    from .totals import AUTO_TOTALS

    project = new_project(profile_id, year, name)
    project.options[AUTO_TOTALS] = "1"
    return project


def sample_project(kind: str = "final") -> Project:
    """The bundled sample project (``final``: 决算, ``budget``: 预算) as a new Project each call."""
    from .paths import resource
    from .store import loads
    if kind not in SAMPLES:
        raise AppError(f"没有“{kind}”类型的样例，可用的有：{'、'.join(SAMPLES)}")
    path = resource("sample", SAMPLES[kind])
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:        # a damaged installation: say so rather than crash
        raise AppError(os_message(exc, "无法读取内置样例", path.name) + "；请重新安装本程序") from None
    return loads(text, f"样例“{path.name}”")


# -- the full validation: see .validation ------------------------------------------------------


# -- reading -------------------------------------------------------------------------------------
class Format(Enum):
    """A format a project can be read from; the value names it on the command line and in menus."""

    PROJECT = "project"        # the program's own project file (.dapj, SQLite)
    JSON = "json"              # ``disclosure-app dump``
    XLSX = "xlsx"              # a workbook this program exported
    TEXT = "text"              # the text extracted from a published 决算/预算公开 PDF

    @property
    def label(self) -> str:
        """How the user calls it, for titles and messages."""
        return _LABELS[self]


_LABELS = {Format.PROJECT: "项目文件", Format.JSON: "JSON 导出文件", Format.XLSX: "Excel 文件",
           Format.TEXT: "公开文本"}
_BY_SUFFIX = {".json": Format.JSON, ".xlsx": Format.XLSX, ".xlsm": Format.XLSX, ".txt": Format.TEXT,
              ".pdf": Format.TEXT, ".docx": Format.TEXT}     # a published document: its PDF, Word file or text

# how a text read names the file it could not decode (the command line's wording, kept)
JSON_WHAT = "JSON 文件"
TEXT_WHAT = "文本文件（请导入从决算或预算公开 PDF 中提取的文字 .txt）"


@dataclass(frozen=True)
class ReadResult:
    """A project read from a file, with what the reader noticed (rounded amounts, rows skipped,
    parts of a published text it could not take over) — to be shown to the user, not hidden."""

    project: Project
    notices: tuple[str, ...]
    format: Format
    path: Path


def detect_format(path: str | os.PathLike) -> Format:
    """The format of ``path``: by its suffix, else by its first bytes (a renamed file still reads)."""
    from .store.sqlite import SUFFIX
    p = Path(path)
    suffix = p.suffix.lower()
    if suffix == SUFFIX:
        return Format.PROJECT
    if suffix in _BY_SUFFIX:
        return _BY_SUFFIX[suffix]
    try:
        with open(p, "rb") as fh:
            head = fh.read(16)
    except OSError:
        return Format.PROJECT            # the project reader words the missing file best
    if head.startswith(b"SQLite format 3"):
        return Format.PROJECT
    if head.startswith(b"%PDF"):
        return Format.TEXT
    if head.startswith(b"PK"):
        return Format.TEXT if _is_word(p) else Format.XLSX
    if head.lstrip(b"\xef\xbb\xbf \t\r\n").startswith(b"{"):
        return Format.JSON
    return Format.TEXT


def _is_word(path: Path) -> bool:
    import zipfile
    try:
        with zipfile.ZipFile(path) as z:
            return "word/document.xml" in z.namelist()
    except (OSError, zipfile.BadZipFile):
        return False


def read_any(path: str | os.PathLike, fmt: Format | str | None = None, *, profile: str | None = None) -> ReadResult:
    """Read ``path`` as ``fmt`` (detected when ``None``) into a project.

    ``profile`` chooses the publication profile of a published text (detected when ``None``).
    Every failure is an :class:`AppError`: the readers' own errors
    (:class:`~disclosure_app.store.ProjectFileError`, :class:`~disclosure_app.textfiles.TextFileError`,
    :class:`~disclosure_app.importers.cells.ImportError_`,
    :class:`~disclosure_app.importers.published_text.TextImportError`) pass through unchanged, so a
    caller may still tell them apart, and an ``OSError`` a reader did not word itself becomes one.
    A published text's refusal does not name the file (it is about the text): callers say which."""
    p = Path(path)
    kind = detect_format(p) if fmt is None else Format(fmt)
    notices: list[str] = []
    try:
        project = _READERS[kind](p, notices, profile)
    except OSError as exc:
        raise AppError(os_message(exc, "无法读取", p)) from None
    except RecursionError:        # a workbook or text nested beyond any reader's reach
        raise AppError(f"“{p.name}”的内容嵌套过深，无法读取。请检查是否选错了文件") from None
    if kind in (Format.XLSX, Format.TEXT):
        # what enters by an import passes the same acceptance as typing (the JSON reader and the
        # project file apply it themselves): characters removed and said, unpublishable refused
        from .acceptance import refuse_problems, sanitise_project
        sanitise_project(project, notices)
        refuse_problems(project, f"“{p.name}”")
    return ReadResult(project, tuple(notices), kind, p)


def _read_project(path: Path, notices: list[str], profile: str | None) -> Project:
    from .store import open_project
    return open_project(path, notices)


def _read_json(path: Path, notices: list[str], profile: str | None) -> Project:
    from .store import loads
    from .textfiles import read_text_file
    return loads(read_text_file(path, JSON_WHAT), f"“{path.name}”", notices)


def _read_xlsx(path: Path, notices: list[str], profile: str | None) -> Project:
    from .importers.xlsx import read_xlsx
    return read_xlsx(path, notices)


def _read_text(path: Path, notices: list[str], profile: str | None) -> Project:
    """A published document: its PDF, its Word file or the text extracted from it."""
    from .importers.published_file import read_published_file
    from .textfiles import read_text_file
    with open(path, "rb") as fh:
        head = fh.read(4)
    kind = "pdf" if head == b"%PDF" else "docx" if head.startswith(b"PK") and _is_word(path) else None
    text = None if kind or path.suffix.lower() == ".doc" else read_text_file(path, TEXT_WHAT, gbk=True)
    result = read_published_file(path, profile, text, kind)
    notices.extend(result.notes)
    return result.project


_READERS: dict[Format, Callable[[Path, list[str], str | None], Project]] = {
    Format.PROJECT: _read_project, Format.JSON: _read_json, Format.XLSX: _read_xlsx, Format.TEXT: _read_text}
