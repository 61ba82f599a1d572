"""Screenshots of the main window for the documentation.

The window is opened offscreen on the bundled sample as on a first start (sized to the screen by
the program itself: maximised on a small screen), on a screen of the given size and scaling, and
each view is saved with ``widget.grab()``:

- ``start``: the 开始 page; ``T01`` (or any form key): that table with the 校验结果 panel;
  ``checklist``: 发布前检查; ``export``: the 导出公开文件 dialog over the window.

Run from the repository root::

    python build_scripts/screenshot.py                         # docs/screenshot.png (公开01)
    python build_scripts/screenshot.py --screen 1366x768 --scale 1 --views start T01 checklist export \\
        --prefix docs/ui-1366x768

A scale of 1.5 is Windows' 150 %: a 1920×1080 screen then offers 1280×720 logical pixels, and the
pictures have the screen's physical size.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE_FOLDER = "D:\\决算公开\\2024年度\\公开文件"   # the folder shown in the export dialog's picture
TASKBAR = 40                      # physical pixels Windows keeps for the taskbar at the bottom


def _screen_config(width: int, height: int, scale: float) -> str:
    """An offscreen-platform configuration with one screen of ``width``×``height`` physical pixels."""
    config = {"screens": [{"name": "screen", "x": 0, "y": 0, "width": width, "height": height - TASKBAR,
                           "logicalDpi": 96, "logicalBaseDpi": 96, "dpr": 1}]}
    path = Path(tempfile.mkdtemp(prefix="screen-")) / "screen.json"
    path.write_text(json.dumps(config), encoding="utf-8")
    return str(path)


def _settle(app, rounds: int = 8) -> None:
    for _ in range(rounds):
        app.processEvents()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="主窗口截图")
    parser.add_argument("--out", default=str(ROOT / "docs" / "screenshot.png"),
                        help="只截一个画面时的文件名")
    parser.add_argument("--form", default="T01", help="只截一个画面时显示的表，如 T01")
    parser.add_argument("--size", default="1400x900", help="只截一个画面时的窗口大小")
    parser.add_argument("--screen", default="", help="屏幕分辨率（物理像素），如 1366x768；给出时窗口按首次启动适配屏幕")
    parser.add_argument("--scale", type=float, default=1.0, help="显示缩放，如 1.5 表示 150%%")
    parser.add_argument("--views", nargs="*", default=(), help="start、T01 等表、checklist、export")
    parser.add_argument("--prefix", default=str(ROOT / "docs" / "ui"), help="多个画面的文件名前缀")
    args = parser.parse_args(argv)
    if args.screen:
        width, height = (int(x) for x in args.screen.split("x"))
        os.environ["QT_QPA_PLATFORM"] = f"offscreen:configfile={_screen_config(width, height, args.scale)}"
        os.environ["QT_SCALE_FACTOR"] = str(args.scale)         # Windows' display scaling
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    # an empty data and settings folder: a recovery copy or a remembered window must not change the picture
    scratch = tempfile.mkdtemp(prefix="screenshot-")
    os.environ.setdefault("DISCLOSURE_APP_DATA_DIR", scratch)
    os.environ.setdefault("DISCLOSURE_APP_CONFIG_DIR", scratch)
    sys.path.insert(0, str(ROOT))
    from PySide6.QtCore import QTimer

    from disclosure_app.qt.app import create_app, sample_window

    app = create_app()
    window = sample_window()
    if args.screen:
        window.show_initial()
    else:
        width, height = (int(x) for x in args.size.split("x"))
        window.resize(width, height)
        window.show()
    views = list(args.views) or [args.form]
    saved = 0
    for view in views:
        out = Path(args.out) if not args.views else Path(f"{args.prefix}-{view}.png")
        out.parent.mkdir(parents=True, exist_ok=True)
        if view == "export":
            from disclosure_app.checklist import pending_items
            from disclosure_app.qt.export_worker import ExportOptionsDialog
            dialog = ExportOptionsDialog(EXAMPLE_FOLDER, window,
                                         pending_items(window.session.project), window.session.project)
            dialog.show()
            _settle(app)
            picture = window.grab()
            from PySide6.QtCore import Qt
            from PySide6.QtGui import QColor, QPainter
            painter = QPainter(picture)
            shot = dialog.grab()
            dpr = picture.devicePixelRatio()
            x = (picture.width() / dpr - shot.width() / shot.devicePixelRatio()) / 2
            y = (picture.height() / dpr - shot.height() / shot.devicePixelRatio()) / 3
            w, h = shot.width() / shot.devicePixelRatio(), shot.height() / shot.devicePixelRatio()
            title = 28                                     # a title bar, as the window system draws it
            painter.fillRect(int(x) - 1, int(y) - title, int(w) + 2, title + int(h) + 1, QColor("#5b6b7f"))
            painter.setPen(QColor("white"))
            painter.drawText(int(x) + 10, int(y) - title, int(w), title, Qt.AlignmentFlag.AlignVCenter,
                             dialog.windowTitle())
            painter.drawPixmap(int(x), int(y), shot)
            painter.end()
            dialog.close()
        else:
            window.show_page(view)
            window.focus_page()
            _settle(app)
            QTimer.singleShot(0, lambda: None)
            _settle(app)
            picture = window.grab()
        if not picture.save(str(out)):
            print(f"无法写入截图：{out}", file=sys.stderr)
            return 1
        size = picture.size()
        print(f"已保存截图：{out}（{size.width()}×{size.height()} 像素）")
        saved += 1
    window.close()
    app.processEvents()
    return 0 if saved == len(views) else 1


if __name__ == "__main__":
    sys.exit(main())
