"""Reading a text file the way Windows tools save it.

Notepad, WPS and PowerShell write UTF-8 with or without a BOM, UTF-16 with a BOM ("Unicode"),
and text extracted from PDFs on Chinese Windows is often GBK.  The command line and the window
both read JSON dumps and published texts through :func:`read_text_file`, so a file that opens
in one opens in the other, and a failure reads the same in Chinese.
"""

from __future__ import annotations

import os
from pathlib import Path

from .errors import AppError
from .oserrors import os_message

_BOMS = ((b"\xef\xbb\xbf", "utf-8-sig"), (b"\xff\xfe", "utf-16"), (b"\xfe\xff", "utf-16"))


class TextFileError(AppError, ValueError):
    """A text file that cannot be read or decoded (the message is Chinese and names the file)."""


def read_text_file(path: str | Path, what: str, gbk: bool = False) -> str:
    """The text of ``path``: UTF-8 with or without BOM, UTF-16 with BOM; ``gbk`` also accepts
    GBK/GB18030.  ``what`` names the kind of file in the message (e.g. "JSON 文件")."""
    src = Path(path)
    try:
        raw = src.read_bytes()
    except OSError as exc:
        raise TextFileError(os_message(exc, "无法读取", src)) from None
    encodings = [enc for bom, enc in _BOMS if raw.startswith(bom)] or ["utf-8"]
    if gbk and encodings == ["utf-8"]:
        encodings.append("gb18030")
    for enc in encodings:
        try:
            return raw.decode(enc)
        except UnicodeDecodeError:
            continue
    accepted = "UTF-8、UTF-16 或 GBK" if gbk else "UTF-8（或 UTF-16）"
    raise TextFileError(f"“{src.name}”不是{accepted}编码的{what}，无法读取。请用记事本等工具另存为 UTF-8 后重试")


def write_text_atomic(path: str | Path, text: str) -> None:
    """Write ``text`` (UTF-8) to ``path`` all or nothing: into a temporary file beside it, flushed
    to disk, then renamed over the target.  A full disk or a crash leaves the old file intact and
    no temporary file behind; the ``OSError`` is raised for the caller to word."""
    target = Path(path)
    tmp = target.with_name(f".{target.name}.{os.getpid()}.tmp")
    try:
        with open(tmp, "w", encoding="utf-8", newline="") as f:
            f.write(text)
            f.flush()
            os.fsync(f.fileno())
        os.replace(tmp, target)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
