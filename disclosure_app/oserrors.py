"""What an operating-system error means, in Chinese.

``OSError.strerror`` is English ("No such file or directory") on most systems, and the message
a user reads must say in Chinese what went wrong and what to do.  Every place that reports a
failed read or write of a file (command line, project store, importers, exporters) words the
reason with :func:`os_reason`, so one disk-full condition reads the same everywhere.
"""

from __future__ import annotations

import errno

# errno -> (what happened, what to do)
_BY_ERRNO: dict[int, tuple[str, str]] = {
    errno.ENOENT: ("文件或文件夹不存在", "请检查路径是否正确"),
    errno.EISDIR: ("这是一个文件夹，不是文件", "请指定文件夹中的文件"),
    errno.ENOTDIR: ("路径中的某一级不是文件夹", "请检查路径是否正确"),
    errno.EACCES: ("没有访问权限", "请检查文件和文件夹的权限，或换一个位置"),
    errno.EPERM: ("操作不被允许", "请检查文件和文件夹的权限，或换一个位置"),
    errno.ENOSPC: ("磁盘空间不足", "请腾出磁盘空间后重试"),
    errno.EFBIG: ("文件超过系统允许的大小", "请腾出磁盘空间或换一个位置后重试"),
    errno.EROFS: ("磁盘或文件夹是只读的", "请换一个可以写入的位置"),
    errno.EEXIST: ("文件已存在", "请换一个文件名"),
    errno.ENAMETOOLONG: ("文件名或路径过长", "请缩短文件名或换一个较浅的文件夹"),
    errno.EBUSY: ("文件正被其他程序使用", "请关闭占用它的程序后重试"),
    errno.EIO: ("磁盘读写出错", "请检查磁盘或网络共享是否可用"),
}
_QUOTA = getattr(errno, "EDQUOT", None)
if _QUOTA is not None:
    _BY_ERRNO[_QUOTA] = ("磁盘配额已用完", "请腾出磁盘空间后重试")

# Windows error codes seen as ``winerror`` (sharing violation, disk full)
_BY_WINERROR: dict[int, tuple[str, str]] = {
    32: ("文件正被其他程序使用", "请关闭占用它的程序（如 Excel、Word）后重试"),
    33: ("文件的一部分被其他程序锁定", "请关闭占用它的程序后重试"),
    112: ("磁盘空间不足", "请腾出磁盘空间后重试"),
}

DISK_FULL_ERRNOS = frozenset(e for e in (errno.ENOSPC, errno.EFBIG, _QUOTA) if e is not None)


def _parts(exc: OSError) -> tuple[str, str]:
    winerror = getattr(exc, "winerror", None)
    if winerror in _BY_WINERROR:
        return _BY_WINERROR[winerror]
    if exc.errno in _BY_ERRNO:
        return _BY_ERRNO[exc.errno]
    if isinstance(exc, FileNotFoundError):
        return _BY_ERRNO[errno.ENOENT]
    if isinstance(exc, IsADirectoryError):
        return _BY_ERRNO[errno.EISDIR]
    if isinstance(exc, PermissionError):
        return _BY_ERRNO[errno.EACCES]
    code = f"（系统错误代码 {exc.errno}）" if exc.errno else ""
    return f"系统报告读写失败{code}", "请检查路径、权限和磁盘空间后重试"


def os_reason(exc: OSError) -> str:
    """Why the operation failed, in Chinese, without the advice: ``磁盘空间不足``."""
    return _parts(exc)[0]


def os_advice(exc: OSError) -> str:
    """What the user can do about it: ``请腾出磁盘空间后重试``."""
    return _parts(exc)[1]


def os_message(exc: OSError, action: str, path: object) -> str:
    """A complete message: ``无法读取“a.json”：文件或文件夹不存在。请检查路径是否正确``.

    ``action`` is the verb phrase, e.g. ``无法读取`` or ``无法写入``.
    """
    reason, advice = _parts(exc)
    return f"{action}“{path}”：{reason}。{advice}"


def is_disk_full(exc: BaseException) -> bool:
    """Whether ``exc`` reports a full disk (or a file-size limit), for OSError and SQLite alike."""
    if isinstance(exc, OSError):
        return exc.errno in DISK_FULL_ERRNOS or getattr(exc, "winerror", None) == 112
    if getattr(exc, "sqlite_errorname", "") == "SQLITE_FULL":
        return True
    text = str(exc).lower()
    return "disk is full" in text or "disk full" in text or "database or disk is full" in text
