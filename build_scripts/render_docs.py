"""Render pages of the sample publication to PNG for the documentation.

Run:  python build_scripts/render_docs.py [--out docs] [--dpi 60]
Exports the bundled sample's PDF, finds the cover, the 目录, the 公开01 and 公开06 tables and the
first 情况说明 page by their text, and renders each with poppler's ``pdftoppm`` to
``docs/sample-cover.png``, ``sample-toc.png``, ``sample-t01.png``, ``sample-t06.png`` and
``sample-narrative.png``.
"""

from __future__ import annotations

import argparse
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import pdfplumber  # noqa: E402

from disclosure_app.export.package import base_name, export_package  # noqa: E402
from disclosure_app.operations import sample_project  # noqa: E402


def _find(texts: list[str], pattern: str, start: int = 0) -> int:
    """Index of the first page from ``start`` whose text matches ``pattern``."""
    for i in range(start, len(texts)):
        if re.search(pattern, texts[i]):
            return i
    raise SystemExit(f"没有找到含“{pattern}”的页面")


def pages_to_render(pdf_path: Path) -> dict[str, int]:
    """Page numbers (1-based) of the pages shown in the documentation."""
    with pdfplumber.open(pdf_path) as pdf:
        texts = [re.sub(r"\s+", "", p.extract_text() or "") for p in pdf.pages]
    toc = _find(texts, "^目录")
    return {
        "cover": 1,
        "toc": toc + 1,
        "t01": _find(texts, "公开01表") + 1,
        "t06": _find(texts, "公开06表") + 1,
        "narrative": _find(texts, "^第三部分情况说明", toc + 1) + 1,
    }


def render(pdf_path: Path, out_dir: Path, dpi: int) -> list[Path]:
    if shutil.which("pdftoppm") is None:
        raise SystemExit("找不到 pdftoppm：请安装 poppler（Debian/Ubuntu：apt-get install poppler-utils）")
    out_dir.mkdir(parents=True, exist_ok=True)
    written = []
    for name, page in pages_to_render(pdf_path).items():
        target = out_dir / f"sample-{name}"
        subprocess.run(["pdftoppm", "-r", str(dpi), "-png", "-f", str(page), "-l", str(page), "-singlefile",
                        str(pdf_path), str(target)], check=True)
        written.append(target.with_suffix(".png"))
    return written


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="把样例公开文件的几页渲染成 PNG，放进 docs/")
    parser.add_argument("--out", default=str(ROOT / "docs"))
    parser.add_argument("--dpi", type=int, default=60)
    args = parser.parse_args(argv)
    project = sample_project("final")
    with tempfile.TemporaryDirectory() as tmp:
        export_package(project, tmp, formats=("pdf",))
        for path in render(Path(tmp) / f"{base_name(project)}.pdf", Path(args.out), args.dpi):
            print(path)
    return 0


if __name__ == "__main__":
    sys.exit(main())
