"""The application icon: a ruled document with a red “公” stamp.

The PNG files are drawn by ``build_scripts/make_icon.py`` into ``resources/icons/``; the same
drawing, as ``app.ico``, is the icon of the Windows executable, its shortcuts and the ``.dapj``
file type.
"""

from __future__ import annotations

from PySide6.QtGui import QIcon

from ..paths import resource

ICON_FILES = ("app-16.png", "app-32.png", "app-48.png", "app.png")  # 16, 32, 48 and 256 px


def app_icon() -> QIcon:
    """The program icon in all its sizes; Qt picks the closest one for each use.

    Missing files are skipped, so a damaged installation still starts (with no icon).
    """
    icon = QIcon()
    for name in ICON_FILES:
        path = resource("icons", name)
        if path.is_file():
            icon.addFile(str(path))
    return icon
