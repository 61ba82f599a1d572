"""The application font: a CJK face everywhere, the bundled one when the system has none.

Offscreen and on bare Linux desktops no Chinese font may be installed; every label would then
be empty boxes.  The bundled 黑体 substitute (WenQuanYi Micro Hei subset) is registered with
Qt in that case and becomes the application font.
"""

from __future__ import annotations

from PySide6.QtGui import QFont, QFontDatabase, QGuiApplication

from ..paths import resource

# System faces preferred for the interface, in order (Windows, macOS, Linux).
_PREFERRED = ("Microsoft YaHei UI", "Microsoft YaHei", "PingFang SC", "Noto Sans CJK SC",
              "Source Han Sans SC", "WenQuanYi Micro Hei", "SimHei", "SimSun", "AR PL UMing CN")
_BUNDLED = ("hei.ttf", "song.ttf")


def cjk_families() -> list[str]:
    """Installed families that can draw Simplified Chinese."""
    return list(QFontDatabase.families(QFontDatabase.WritingSystem.SimplifiedChinese))


def register_bundled() -> list[str]:
    """Register the bundled fonts with Qt; returns the families they provide."""
    families: list[str] = []
    for name in _BUNDLED:
        path = resource("fonts", name)
        if not path.exists():
            continue
        fid = QFontDatabase.addApplicationFont(str(path))
        if fid >= 0:
            families += QFontDatabase.applicationFontFamilies(fid)
    return families


def ensure_cjk_font(point_size: float | None = None) -> str:
    """Make sure the application font can draw Chinese; returns the family in use."""
    app = QGuiApplication.instance()
    assert app is not None, "create the QApplication first"
    installed = cjk_families()
    family = next((f for f in _PREFERRED if f in installed), None)
    if family is None and installed:
        family = installed[0]
    elif family is None:
        bundled = register_bundled()
        family = bundled[0] if bundled else None
    font = QFont(QGuiApplication.font())
    if family:
        font.setFamilies([family, *font.families()])
    if point_size:
        font.setPointSizeF(point_size)
    QGuiApplication.setFont(font)
    return family or font.family()
