"""Screenshot of the main window for the documentation: docs/screenshot.png.

Opens the window offscreen on the bundled sample, showing 公开01 with the validation panel
listing the sample's findings, and saves ``widget.grab()``.  Run from the repository root:

    python build_scripts/screenshot.py [--out docs/screenshot.png] [--form T01]
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="主窗口截图")
    parser.add_argument("--out", default=str(ROOT / "docs" / "screenshot.png"))
    parser.add_argument("--form", default="T01", help="显示的表，如 T01")
    parser.add_argument("--size", default="1400x900")
    args = parser.parse_args(argv)
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    # an empty data folder: a recovery copy left on this machine must not change the picture
    os.environ.setdefault("DISCLOSURE_APP_DATA_DIR", tempfile.mkdtemp(prefix="screenshot-"))
    sys.path.insert(0, str(ROOT))
    from PySide6.QtWidgets import QApplication

    from disclosure_app.qt.app import create_app, sample_window

    app = create_app()
    window = sample_window()
    width, height = (int(x) for x in args.size.split("x"))
    window.resize(width, height)
    window.show_page(args.form)
    window.show()
    for _ in range(5):
        QApplication.processEvents()
    out = Path(args.out)
    out.parent.mkdir(parents=True, exist_ok=True)
    if not window.grab().save(str(out)):
        print(f"无法写入截图：{out}", file=sys.stderr)
        return 1
    print(f"已保存截图：{out}")
    window.close()
    app.processEvents()
    return 0


if __name__ == "__main__":
    sys.exit(main())
