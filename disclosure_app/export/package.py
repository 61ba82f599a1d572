"""The publication package: PDF, Word and Excel of one project plus ``manifest.json``.

Refuses (``ExportError``, in Chinese) while the project has 错误 unless forced, and refuses a
final (non-draft) export while narrative inputs are missing.  Draft files are named
``…（草稿）.pdf/.docx/.xlsx`` and marked inside; files of the same document left in the folder
by an earlier export are listed in the manifest as older files, never silently passed off as
part of this export and never deleted (one may be a copy edited by hand).  The whole package is
written into a folder of its own inside the target folder (``.~导出中-…``) and put in place only
when all of it is complete, old files of the same names moved aside first (:func:`_put_in_place`),
so a failed or killed export never leaves a half-written or mixed package; what an interrupted
export left behind is removed by the next one.  An earlier file marked read-only is refused, and
a failed write names its true cause and the folder.
"""

from __future__ import annotations

import errno
import hashlib
import json
import os
import re
import shutil
import stat
import tempfile
import time
from collections.abc import Callable, Iterable
from datetime import datetime
from pathlib import Path

from .. import __version__
from ..errors import AppError
from ..filelock import pid_alive
from ..fsync import fsync_dir
from ..layout.table import render_tables
from ..model import Project
from ..oserrors import os_message
from ..publisher import kind_title
from ..rules.findings import ERROR, INFO, SEVERITY_ZH, WARNING, Finding
from ..validation import all_findings
from .fonts import MissingGlyphError
from .second_process import WorkbookProcess, worth_it

FORMATS = ("pdf", "docx", "xlsx")
FORMAT_ZH = {"pdf": "PDF", "docx": "Word", "xlsx": "Excel"}
MANIFEST = "manifest.json"
DRAFT_SUFFIX = "（草稿）"            # 阳城县司法局2024年度单位决算公开（草稿）.pdf
_MAX_LISTED = 20
_BAD_CHARS = re.compile(r'[\\/:*?"<>|\x00-\x1f]')

Progress = Callable[[int, int, str], None]


class ExportError(AppError):
    """The package was not written; ``str(err)`` says why and what to do, in Chinese.

    ``findings`` is true when the refusal is about the data (错误 present, placeholders left in a
    final document), false when the export could not be done (bad format, a file that cannot be
    written)."""

    def __init__(self, message: str, findings: bool = False) -> None:
        super().__init__(message)
        self.findings = findings


def base_name(project: Project) -> str:
    """``阳城县司法局2024年度单位决算公开``, safe as a Windows file name."""
    name = _BAD_CHARS.sub("", project.info.name).strip() or "未命名单位"
    return f"{name}{project.info.year}年度{kind_title(project)}"


def file_name(project: Project, fmt: str, draft: bool = False) -> str:
    """The name of one file of the package; a draft's names say so, so it is never mistaken for
    the final document."""
    return f"{base_name(project)}{DRAFT_SUFFIX if draft else ''}.{fmt}"


def older_files(out_dir: Path, project: Project, written: Iterable[str]) -> list[dict]:
    """Files of the same document (final or draft, any format) in ``out_dir`` that this export
    did not write: an earlier export, or a copy edited by hand.  They are listed, never deleted."""
    out = []
    names = {file_name(project, fmt, draft) for fmt in FORMATS for draft in (False, True)} - set(written)
    for name in sorted(names):
        path = out_dir / name
        if path.is_file():
            stat = path.stat()
            out.append({"name": name, "format": path.suffix[1:], "size": stat.st_size, "sha256": sha256_of(path),
                        "draft": name.endswith(f"{DRAFT_SUFFIX}{path.suffix}"),
                        "modified": datetime.fromtimestamp(stat.st_mtime).astimezone().isoformat(timespec="seconds")})
    return out


def project_findings(project: Project) -> list[Finding]:
    """All findings of a full validation: the same list ``validate`` and the window show, so an
    export is refused for exactly the errors the user was shown."""
    return all_findings(project)


def _listing(lines: list[str]) -> str:
    shown = [f"  {i}. {line}" for i, line in enumerate(lines[:_MAX_LISTED], start=1)]
    if len(lines) > _MAX_LISTED:
        shown.append(f"  ……其余 {len(lines) - _MAX_LISTED} 项从略。")
    return "\n".join(shown)


def _check_formats(formats: Iterable[str]) -> list[str]:
    wanted = []
    for f in formats:
        f = f.strip().lower()
        if f not in FORMATS:
            raise ExportError(f"不支持的导出格式“{f}”，可选：{'、'.join(FORMATS)}")
        if f not in wanted:
            wanted.append(f)
    if not wanted:
        raise ExportError("没有选择导出格式，请至少选择 PDF、Word、Excel 中的一种")
    return wanted


def sha256_of(path: Path) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as fh:
        for block in iter(lambda: fh.read(1 << 16), b""):
            h.update(block)
    return h.hexdigest()


STAGE_PREFIX = ".~导出中-"            # the folder a package is written into inside --out
LEFTOVER_AGE_S = 3600                 # a stage this old is left over whoever made it


def remove_leftovers(out: Path) -> list[str]:
    """Remove what interrupted exports left in ``out`` (their stage folders, and the temporary
    files of earlier versions); a stage of an export still running elsewhere is left alone."""
    removed = []
    now = time.time()
    for entry in out.glob(f"{STAGE_PREFIX}*"):
        try:
            age = now - entry.stat().st_mtime
            pid = entry.name[len(STAGE_PREFIX):].split("-", 1)[0]
            running = entry.is_dir() and pid.isdigit() and int(pid) != os.getpid() and pid_alive(int(pid))
            if running and age < LEFTOVER_AGE_S:
                continue
            if entry.is_dir():
                shutil.rmtree(entry)
            else:
                entry.unlink()
            removed.append(entry.name)
        except OSError:
            continue
    return removed


def _refuse_read_only(out: Path, names: Iterable[str]) -> None:
    """An earlier export file marked read-only is not replaced behind the user's back."""
    for name in names:
        path = out / name
        try:
            mode = path.stat().st_mode
        except OSError:
            continue
        if not mode & stat.S_IWUSR or not os.access(path, os.W_OK):
            raise ExportError(f"“{path}”是只读文件，未覆盖（可能是有意保护的已发布版本）。如确需重新导出，"
                              "请先取消该文件的只读属性，或导出到另一个文件夹。导出文件夹中的文件均未改动")


def _put_in_place(stage: Path, out: Path, names: list[str]) -> None:
    """Move the finished package from ``stage`` into ``out`` so the folder never holds a mixed one:
    the earlier files of the same names (the manifest first) are moved aside into the stage before
    any new file goes in, and the new manifest goes in last.  Interrupted at any point, the folder
    holds files of one export only — never a new PDF beside an old Word file — and what was moved
    aside is removed with the stage."""
    aside = stage / "旧文件"
    aside.mkdir()
    for name in [MANIFEST, *[n for n in names if n != MANIFEST]]:
        if (out / name).exists():
            os.replace(out / name, aside / name)
    for name in [*[n for n in names if n != MANIFEST], MANIFEST]:
        os.replace(stage / name, out / name)
    fsync_dir(out, strict=False)


def _write_error(exc: OSError, out: Path, action: str) -> str:
    """The true cause of a failed write: no permission in the folder, a full disk, a file held
    open by another program — naming the folder or the file, never a temporary name."""
    winerror = getattr(exc, "winerror", None)
    target = Path(exc.filename) if exc.filename else None
    if target is not None and STAGE_PREFIX in str(target):
        target = None                                  # a temporary name means nothing to the user
    if winerror in (32, 33) and target is not None:
        return (f"无法写入“{target}”：该文件正在其他程序（如 Word、Excel 或 PDF 阅读器）中打开。"
                "请关闭后重新导出；导出文件夹中的文件均未改动")
    if isinstance(exc, PermissionError) or exc.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
        where = target if target is not None and target.parent != out and target != out else out
        reason = "是只读的" if exc.errno == errno.EROFS else "没有写入权限"
        return (f"{action}：文件夹“{where}”{reason}，无法在其中写入文件。请换一个导出文件夹，"
                "或请管理员开放该文件夹的写入权限")
    return os_message(exc, action, target if target is not None else out)


def _write(fmt: str, project: Project, target: Path, draft: bool, findings: list[Finding], pub, tables) -> None:
    if fmt == "pdf":
        from .pdf_writer import write_pdf
        write_pdf(project, target, draft=draft, pub=pub)
    elif fmt == "docx":
        from .docx_writer import write_docx
        write_docx(project, target, pub=pub, draft=draft)
    else:
        from .xlsx_writer import write_xlsx
        write_xlsx(project, target, findings, tables, draft=draft)


def export_package(project: Project, out_dir: str | Path, formats: Iterable[str] = FORMATS, force: bool = False,
                   draft: bool = False, progress: Progress | None = None) -> dict:
    """Write ``{单位名称}{年度}年度单位决算公开.pdf/.docx/.xlsx`` and ``manifest.json`` into ``out_dir``
    (a draft's files are named ``…（草稿）.pdf`` and carry the 仅供内部审核 mark).

    Returns the manifest: ``files`` (name, format, size, sha256, draft) lists what this export
    wrote; ``older_files`` the same document's other files found in the folder (an earlier
    export in another format, the draft beside the final), each with its own sha256 and time.

    A large department's validation and workbook are done by a second process meanwhile
    (:mod:`.second_process`); the files, the findings and the refusals are the same.
    """
    wanted = _check_formats(formats)
    second = WorkbookProcess() if worth_it(project, wanted) else None
    if second is not None:
        second.start(project)          # it validates while the text and the PDF are made here
    try:
        return _export(project, out_dir, wanted, force, draft, progress, second)
    finally:
        if second is not None:
            second.close()


def _refuse(findings: list[Finding], force: bool) -> None:
    """Refuse the export for what cannot be published, and for errors unless ``force``."""
    errors = [f for f in findings if f.severity == ERROR]
    from ..acceptance import RULE as UNPUBLISHABLE
    unpublishable = [f for f in errors if f.rule == UNPUBLISHABLE]
    if unpublishable:                  # not even a forced export can publish these
        raise ExportError(f"项目中有 {len(unpublishable)} 处内容无法发布，未导出（加 --force 也不能导出）。"
                          "请先修正：\n" + _listing([f.message for f in unpublishable]), findings=True)
    if errors and not force:
        raise ExportError(f"数据中有 {len(errors)} 个错误，未导出。请先修正下列错误；"
                          "如确需按现状导出，请选择“仍然导出”（命令行加 --force）：\n"
                          + _listing([f"[{f.rule}] {f.message}" for f in errors]), findings=True)


def _export(project: Project, out_dir: str | Path, wanted: list[str], force: bool, draft: bool,
            progress: Progress | None, second: WorkbookProcess | None) -> dict:
    total = len(wanted) + 3
    step = 0

    def tick(text: str) -> None:
        nonlocal step
        step += 1
        if progress is not None:
            progress(step, total, text)

    tick("校验数据")
    # with a second process the findings may come while the first format is written: the export
    # is refused (nothing written kept) as soon as they are in hand
    findings = second.findings(ready_only=True) if second is not None else project_findings(project)
    if findings is not None:
        _refuse(findings, force)

    def checked() -> list[Finding]:
        nonlocal findings
        if findings is None:
            findings = second.findings() if second is not None else None
            if findings is None:       # the second process is gone: validated here
                findings = project_findings(project)
            _refuse(findings, force)
        return findings

    tick("生成情况说明")
    from ..narrative.generate import build_text
    from .publication import build_publication
    try:
        text = build_text(project)
    except KeyError as exc:              # a profile without narrative templates: the message says which
        raise ExportError(str(exc.args[0] if exc.args else exc)) from None
    if text.missing and not draft:
        checked()                      # errors are said first
        name = project.profile.text_name
        raise ExportError(f"{name}还有 {len(text.missing)} 处待填写，不能导出正式文件。请在“{name}”中填写"
                          "下列内容；如只需内部审核，可导出草稿（带“仅供内部审核”水印，命令行加 --draft）：\n"
                          + _listing(list(text.missing)), findings=True)
    tables = render_tables(project)
    pub = build_publication(project, text, tables)

    out = Path(out_dir)
    try:
        out.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise ExportError(_write_error(exc, out, "无法创建导出文件夹")) from None
    remove_leftovers(out)
    names = {fmt: file_name(project, fmt, draft) for fmt in wanted}
    _refuse_read_only(out, [*names.values(), MANIFEST])
    try:
        stage = Path(tempfile.mkdtemp(prefix=f"{STAGE_PREFIX}{os.getpid()}-", dir=out))
    except OSError as exc:
        raise ExportError(_write_error(exc, out, "无法在导出文件夹中写入")) from None
    try:
        # with a second process it writes the workbook into the stage, and the first format is
        # written here before the findings may be in hand: a refusal removes the stage with both
        handed = second is not None and second.write(stage / names["xlsx"], draft)
        for k, fmt in enumerate(f for f in wanted if not (handed and f == "xlsx")):
            if k or fmt == "xlsx":
                checked()
            tick(f"生成 {FORMAT_ZH[fmt]} 文件")
            _write(fmt, project, stage / names[fmt], draft, findings, pub, tables)
        checked()
        if handed:
            tick(f"生成 {FORMAT_ZH['xlsx']} 文件")
            if not second.wait():      # it ended without a word: written here after all
                _write("xlsx", project, stage / names["xlsx"], draft, findings, pub, tables)
        tick("写入文件清单")
        errors = [f for f in findings if f.severity == ERROR]
        files = [{"name": name, "format": fmt, "size": (stage / name).stat().st_size,
                  "sha256": sha256_of(stage / name), "draft": draft} for fmt, name in names.items()]
        manifest = {
            "app": "disclosure-app", "app_version": __version__,
            "generated": datetime.now().astimezone().isoformat(timespec="seconds"),
            "department": project.info.name, "year": project.info.year, "profile": project.profile_id,
            "draft": draft, "forced": bool(errors),
            "validation": {
                "error": len(errors), "warning": sum(f.severity == WARNING for f in findings),
                "info": sum(f.severity == INFO for f in findings),
                "accepted": sum(1 for f in findings if f.accepted_note),
            },
            "validation_zh": {SEVERITY_ZH[k]: v for k, v in (
                (ERROR, len(errors)), (WARNING, sum(f.severity == WARNING for f in findings)),
                (INFO, sum(f.severity == INFO for f in findings)))},
            "missing_inputs": list(text.missing),
            "files": files,
            # the same document's files in the folder that this export did not rewrite
            "older_files": older_files(out, project, [f["name"] for f in files]),
        }
        (stage / MANIFEST).write_text(json.dumps(manifest, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
        _put_in_place(stage, out, [*names.values(), MANIFEST])
    except MissingGlyphError as exc:
        raise ExportError(str(exc)) from None
    except OSError as exc:
        raise ExportError(_write_error(exc, out, "无法写入导出文件夹")) from None
    finally:
        if second is not None:         # stopped before its stage goes (a file it holds open)
            second.close()
        shutil.rmtree(stage, ignore_errors=True)
    return manifest
