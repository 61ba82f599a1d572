"""Refresh the licence texts in ``resources/licenses/`` from the installed packages.

Usage::

    python build_scripts/collect_licenses.py           # rewrite the copied texts
    python build_scripts/collect_licenses.py --check   # exit 1 when a listed file is missing

``resources/licenses/index.json`` lists every third-party component the bundle ships, its licence and
its licence files.  Entries with ``"from"`` are copied from that installed distribution's licence
files (``"python"``: the interpreter's own ``LICENSE.txt``), so running this after an upgrade keeps
the texts current.  ``LGPL-3.0.txt`` and ``GPL-3.0.txt`` are the FSF texts (taken from
``/usr/share/common-licenses`` on Debian-like systems when present); ``Qt-LGPL-notice.txt`` is
written by hand.
"""

from __future__ import annotations

import argparse
import json
import sys
import sysconfig
from importlib import metadata
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
RESOURCES = ROOT / "resources"
INDEX = RESOURCES / "licenses" / "index.json"
FSF_TEXTS = {"LGPL-3.0.txt": "LGPL-3", "GPL-3.0.txt": "GPL-3"}
COMMON_LICENSES = Path("/usr/share/common-licenses")


def load_index() -> list[dict]:
    """The components listed in ``index.json``."""
    return json.loads(INDEX.read_text(encoding="utf-8"))["components"]


def _licence_files(dist: str) -> list[Path]:
    if dist == "python":
        stdlib = Path(sysconfig.get_paths()["stdlib"])
        for candidate in (stdlib / "LICENSE.txt", Path(sys.base_prefix) / "LICENSE.txt"):
            if candidate.is_file():
                return [candidate]
        raise FileNotFoundError("找不到 Python 的 LICENSE.txt")
    files = metadata.files(dist) or []
    found = [Path(f.locate()) for f in files
             if ".dist-info" in str(f) and any(k in f.name.upper() for k in ("LICEN", "COPYING"))]
    if not found:
        raise FileNotFoundError(f"软件包 {dist} 没有许可证文件")
    return sorted(found, key=lambda p: p.name)


def collect() -> list[Path]:
    """Copy the licence texts; returns the files written."""
    written = []
    for component in load_index():
        dist = component.get("from")
        if not dist:
            continue
        sources = _licence_files(dist)
        parts = []
        for source in sources:
            text = source.read_text(encoding="utf-8", errors="replace").strip()
            parts.append(text if len(sources) == 1 else f"==== {source.name} ====\n\n{text}")
        target = RESOURCES / component["files"][0]
        target.write_text("\n\n".join(parts) + "\n", encoding="utf-8")
        written.append(target)
    for name, debian_name in FSF_TEXTS.items():
        source = COMMON_LICENSES / debian_name
        if source.is_file():
            target = RESOURCES / "licenses" / name
            target.write_text(source.read_text(encoding="utf-8"), encoding="utf-8")
            written.append(target)
    return written


def missing() -> list[str]:
    """Files named in ``index.json`` that do not exist."""
    return [f for c in load_index() for f in c["files"] if not (RESOURCES / f).is_file()]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="更新 resources/licenses/ 中的第三方许可证文本")
    parser.add_argument("--check", action="store_true", help="只检查 index.json 列出的文件是否都在")
    args = parser.parse_args(argv)
    if not args.check:
        for path in collect():
            print(f"已写入 {path.relative_to(ROOT)}")
    absent = missing()
    for name in absent:
        print(f"缺少许可证文件：resources/{name}", file=sys.stderr)
    return 1 if absent else 0


if __name__ == "__main__":
    sys.exit(main())
