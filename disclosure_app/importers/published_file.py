"""A published 决算/预算公开 file — PDF, Word or extracted text — into a project, with page numbers.

:func:`read_document` gives the file as pages of lines of cells (:mod:`.page_cells`, by
:mod:`.published_pdf`, :mod:`.published_docx` or :func:`.page_cells.text_document`);
:func:`read_published_file` reads those lines with the one table and narrative reader
(:func:`.published_text.read_published_text`) and says on which page each table and the
情况说明 start.  For a PDF or Word file the notes name pages ("第12页") rather than lines of an
extracted text nobody sees.  Running headers and footers the reader removed are noted once.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from .page_cells import PagedDocument, text_document, to_lines
from .published_text import ImportResult, TextImportError, read_published_text

__all__ = ["DOCUMENT_SUFFIXES", "FileImportResult", "read_document", "read_published_file"]

DOCUMENT_SUFFIXES = (".pdf", ".docx", ".txt")
_LINE_REF = re.compile(r"第(\d+)行")


@dataclass
class FileImportResult:
    """What :func:`read_published_file` read: the import, the pages, and where things are."""
    result: ImportResult
    source: str
    page_count: int
    form_pages: dict[str, int] = field(default_factory=dict)      # form id → page its table starts on
    narrative_page: int | None = None
    annex_pages: list[int] = field(default_factory=list)          # the page each 附件 read starts on
    line_pages: list[int] = field(default_factory=list)

    @property
    def project(self):
        return self.result.project

    @property
    def notes(self) -> list[str]:
        return self.result.notes


def read_document(path: str | Path, text: str | None = None, kind: str | None = None) -> PagedDocument:
    """The file at ``path`` as pages (``text``: the already decoded content of a ``.txt``;
    ``kind`` "pdf" or "docx" when known from the content, else told by the suffix)."""
    suffix = f".{kind}" if kind else Path(path).suffix.lower()
    if suffix == ".pdf":
        from .published_pdf import pdf_document
        return pdf_document(path)
    if suffix == ".docx":
        from .published_docx import docx_document
        return docx_document(path)
    if suffix == ".doc":
        raise TextImportError("旧版 Word 文件（.doc）无法直接读取。请在 Word 中另存为 .docx 后再导入")
    if text is None:
        from ..textfiles import read_text_file
        text = read_text_file(Path(path), "文本文件（请导入决算或预算公开的 PDF、Word 文件或从 PDF 中提取的文字 .txt）",
                              gbk=True)
    return text_document(text)


def read_published_file(path: str | Path, profile_id: str | None = None, text: str | None = None,
                        kind: str | None = None) -> FileImportResult:
    """Read the published file at ``path`` into a new project (see the module docstring)."""
    doc = read_document(path, text, kind)
    return read_pages(doc, profile_id)


def read_pages(doc: PagedDocument, profile_id: str | None = None) -> FileImportResult:
    """Read a document already given as pages (any source) into a new project."""
    content, pages = to_lines(doc)
    result = read_published_text(content, profile_id)

    def page(index: int) -> int:
        return pages[index] if 0 <= index < len(pages) else (pages[-1] if pages else 1)

    out = FileImportResult(result, doc.source, len(doc.pages), line_pages=pages)
    out.form_pages = {fid: page(a) for fid, (a, _) in result.spans.items()}
    if result.narrative_at is not None:
        out.narrative_page = page(result.narrative_at)
    out.annex_pages = [page(i) for i in result.annex_lines]
    if doc.source in ("pdf", "docx"):
        result.notes[:] = [_LINE_REF.sub(lambda m: f"第{page(int(m.group(1)) - 1)}页", n) for n in result.notes]
    result.notes[:0] = doc.notes
    if doc.removed:
        shown = "、".join(f"“{t}”" for t in doc.removed[:3])
        result.notes.append(f"各页重复的页眉页脚已略去：{shown}{'等' if len(doc.removed) > 3 else ''}")
    return out
