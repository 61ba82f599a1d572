"""One base for every failure the user is told about: :class:`AppError`.

Each layer has its own error type (a project file that cannot be read, a workbook that is not
ours, a cell that cannot take a value, an export that is refused…), and each carries a Chinese
message that already says what went wrong, where, and what to do.  They all derive from
:class:`AppError`, so a caller that only needs to *tell* the user — the window's message box,
the command line's ``错误：`` line — catches one type and shows :attr:`AppError.message`, and a
new error type added later is reported the same way without touching those callers.

Types that were ``ValueError`` before keep that base too (``class X(AppError, ValueError)``), so
code that catches ``ValueError`` keeps working.

:func:`user_message` words anything else a file operation can raise (an ``OSError`` from the
system, or an unforeseen exception) in Chinese too, for the last-resort handlers of the window.
"""

from __future__ import annotations

from pathlib import Path

from .oserrors import os_message

__all__ = ["AppError", "user_message", "UNEXPECTED"]

# the sentence that closes an unforeseen failure's message: what the user can still do
UNEXPECTED = "这是程序的内部错误，请保存项目后重试；如仍失败，请联系维护人员并说明操作步骤"


class AppError(Exception):
    """A failure reported to the user; :attr:`message` (also ``str(err)``) is Chinese.

    Raised as is (``AppError("…")``) where no more specific type helps a caller decide anything,
    and subclassed where callers do (e.g. the command line's exit code, an export refused because
    of the data rather than the disk)."""

    def __init__(self, message: str = "", *args: object) -> None:
        super().__init__(message, *args)

    @property
    def message(self) -> str:
        """The Chinese message: what went wrong, where, and what to do."""
        return str(self.args[0]) if self.args else ""

    def __str__(self) -> str:
        return self.message


def user_message(exc: BaseException, doing: str = "操作", path: str | Path | None = None) -> str:
    """A Chinese sentence for any exception met while ``doing`` something with ``path``.

    An :class:`AppError` already says it; an ``OSError`` is worded by
    :func:`~disclosure_app.oserrors.os_message`; anything else is an internal error, named as
    such (with its Python text, for the maintainer) rather than passed off as the user's fault."""
    if isinstance(exc, AppError):
        return exc.message
    if isinstance(exc, OSError):
        return os_message(exc, f"{doing}时无法读写", path if path is not None else (exc.filename or "文件"))
    where = f"“{Path(path).name}”" if path is not None else ""
    return f"{doing}{where}时发生意外错误（{type(exc).__name__}: {exc}）。{UNEXPECTED}"
