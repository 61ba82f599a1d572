"""Batch audit of published documents for a reviewer: many PDF, Word or text files, one workbook.

:func:`documents` lists the files to read (folders searched for ``.pdf``, ``.docx``, ``.txt``);
:func:`audit_file` reads one as a published document (:mod:`.importers.published_file`) and runs
the full checks on it; :func:`audit_all` does that for every file in a pool of processes, one per
core, reporting each finished document; :func:`write_report` writes the workbook
(:mod:`.export.audit_report`): a 汇总 sheet — document, department, year, kind, errors,
warnings, infos, pages — and one sheet of findings per document with the page each one is on.

A file that cannot be read is one row of the summary saying why, never the end of the batch.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable
from concurrent.futures import ProcessPoolExecutor, as_completed
from dataclasses import dataclass, field
from pathlib import Path

from .errors import AppError
from .rules.findings import ERROR, INFO, SEVERITY_ZH, WARNING

__all__ = ["DocumentAudit", "audit_all", "audit_file", "documents", "write_report"]

SUFFIXES = (".pdf", ".docx", ".txt")
NOTE = "导入"                      # the kind of a reader's note in the findings sheet


@dataclass
class Row:
    """One line of a document's findings sheet."""
    severity: str                  # 错误 / 警告 / 提示 / 导入
    rule: str
    message: str
    where: str = ""
    page: int | None = None


@dataclass
class DocumentAudit:
    """What the audit of one file found (plain data: it crosses process boundaries)."""
    path: str
    department: str = ""
    year: int | None = None
    kind: str = ""
    pages: int = 0
    errors: int = 0
    warnings: int = 0
    infos: int = 0
    notes: int = 0
    failure: str = ""              # why the file could not be read at all
    rows: list[Row] = field(default_factory=list)

    @property
    def name(self) -> str:
        return Path(self.path).name


def documents(targets: Iterable[str | os.PathLike]) -> list[Path]:
    """The files to audit: each file named, and the published documents found in each folder
    (searched recursively, in name order); a missing path raises :class:`AppError`."""
    out: list[Path] = []
    for t in targets:
        p = Path(t)
        if p.is_dir():
            out += sorted((f for f in p.rglob("*") if f.is_file() and f.suffix.lower() in SUFFIXES
                           and not f.name.startswith(("~$", "."))), key=lambda f: str(f))
        elif p.is_file():
            out.append(p)
        else:
            raise AppError(f"找不到“{t}”：请给出公开文件（.pdf、.docx、.txt）或存放它们的文件夹")
    return list(dict.fromkeys(out))


def audit_file(path: str | os.PathLike) -> DocumentAudit:
    """Read ``path`` as a published document and check it (see the module docstring)."""
    from .importers.published_file import read_published_file
    from .operations import all_findings
    from .rules.describe import cell_name

    out = DocumentAudit(str(path))
    try:
        read = read_published_file(path)
    except AppError as exc:
        out.failure = exc.message
        return out
    except OSError as exc:
        from .oserrors import os_message
        out.failure = os_message(exc, "无法读取", path)
        return out
    project = read.project
    out.department, out.year, out.pages = project.info.name, project.info.year, read.page_count
    out.kind = project.profile.name or project.profile.title
    for f in [*all_findings(project), *read.result.findings]:      # with 批复 = 公开 (P01/P02)
        where = "；".join(cell_name(project, c.form, c.row, c.column) for c in f.cells[:3])
        page = read.form_pages.get(f.form) if f.form in read.form_pages else (
            read.narrative_page if f.form in ("input", "narrative", "") else _annex_page(read, f))
        out.rows.append(Row(SEVERITY_ZH.get(f.severity, f.severity), f.rule, f.message, where, page))
        out.errors += f.severity == ERROR
        out.warnings += f.severity == WARNING
        out.infos += f.severity == INFO
    for note in read.notes:
        out.rows.append(Row(NOTE, "", note, "", _page_of(note)))
        out.notes += 1
    return out


def _annex_page(read, finding) -> int | None:
    """The page a finding about a 附件 table read from the document starts on."""
    rows = [c.row for c in finding.cells if c.form == "annex" and c.row.isdigit()]
    k = int(rows[0]) if rows else -1
    return read.annex_pages[k] if 0 <= k < len(read.annex_pages) else None


def _page_of(note: str) -> int | None:
    import re
    m = re.search(r"第(\d+)页", note)
    return int(m.group(1)) if m else None


def audit_all(paths: list[Path], jobs: int | None = None,
              progress: Callable[[int, int, DocumentAudit], None] | None = None) -> list[DocumentAudit]:
    """:func:`audit_file` of every path, ``jobs`` processes at a time (one per core by default),
    in the order given; ``progress(done, total, audit)`` after each document."""
    jobs = max(1, jobs or os.cpu_count() or 1)
    results: dict[int, DocumentAudit] = {}
    if jobs == 1 or len(paths) == 1:
        for k, p in enumerate(paths):
            results[k] = audit_file(p)
            if progress:
                progress(k + 1, len(paths), results[k])
    else:
        with ProcessPoolExecutor(max_workers=min(jobs, len(paths))) as pool:
            futures = {pool.submit(audit_file, p): k for k, p in enumerate(paths)}
            for done, fut in enumerate(as_completed(futures), start=1):
                k = futures[fut]
                try:
                    results[k] = fut.result()
                except Exception as exc:       # noqa: BLE001 — one broken file never ends the batch
                    results[k] = DocumentAudit(str(paths[k]), failure=f"读取时出错（{type(exc).__name__}）")
                if progress:
                    progress(done, len(paths), results[k])
    return [results[k] for k in range(len(paths))]


def write_report(audits: list[DocumentAudit], path: str | os.PathLike) -> None:
    """The reviewer's workbook at ``path`` (:func:`.export.audit_report.write_audit_report`)."""
    from .export.audit_report import write_audit_report
    write_audit_report(audits, path)
