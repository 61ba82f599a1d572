"""Build the Windows installer ``dist/disclosure-app-<version>-setup.exe`` with Inno Setup 6.

Usage (Windows, after ``python build_scripts/build_bundle.py``)::

    python build_scripts/build_installer.py

Finds ``ISCC.exe`` (on PATH, in ``%ISCC%``, or in the usual install folders), passes the version
from ``pyproject.toml`` to ``build_scripts/installer.iss`` and prints the installer's size.  When
the compiler has no Simplified Chinese messages file (official from Inno Setup 6.5 on, earlier an
optional extra), the translators' file is fetched once into ``build/ChineseSimplified.isl``.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import urllib.request
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import bundle  # noqa: E402  (build_scripts/bundle.py, beside this file)

ISS = bundle.ROOT / "build_scripts" / "installer.iss"
FALLBACK_ISL = bundle.ROOT / "build" / "ChineseSimplified.isl"
# The Inno Setup translators' file, pinned to one revision of the Inno Setup source repository.
ISL_URL = ("https://raw.githubusercontent.com/jrsoftware/issrc/70069a49c1e56341b22a67964ad904daf0be056c/"
           "Files/Languages/Unofficial/ChineseSimplified.isl")


class InstallerError(RuntimeError):
    """The installer cannot be built; the message says why and what to do."""


def find_iscc() -> Path:
    """The Inno Setup command-line compiler."""
    candidates = [os.environ.get("ISCC"), shutil.which("iscc")]
    for base in (os.environ.get("ProgramFiles(x86)"), os.environ.get("ProgramFiles"),
                 os.environ.get("LOCALAPPDATA") and str(Path(os.environ["LOCALAPPDATA"]) / "Programs")):
        if base:
            candidates.append(str(Path(base) / "Inno Setup 6" / "ISCC.exe"))
    for candidate in candidates:
        if candidate and Path(candidate).is_file():
            return Path(candidate)
    raise InstallerError("找不到 Inno Setup 6 的编译器 ISCC.exe：请先安装 Inno Setup 6，或用环境变量 ISCC 指明它的位置")


def needs_fallback_isl(iscc: Path) -> bool:
    """Whether the compiler lacks ChineseSimplified.isl (official and unofficial locations)."""
    languages = iscc.parent / "Languages"
    return not any((languages / sub / "ChineseSimplified.isl").is_file() for sub in ("", "Unofficial"))


def iscc_command(iscc: Path, version: str) -> list[str]:
    """The compiler call: version and its four-number form come from ``pyproject.toml``."""
    numeric = ".".join(str(n) for n in bundle.numeric_version(version))
    return [str(iscc), f"/DAppVersion={version}", f"/DAppVersionNumeric={numeric}", str(ISS)]


def installer_path(version: str) -> Path:
    return bundle.DIST / f"{bundle.BUNDLE_NAME}-{version}-setup.exe"


def build_installer() -> Path:
    """Compile the installer from the bundle in ``dist/``; returns its path."""
    if not bundle.executable(bundle.BUNDLE_NAME).is_file():
        raise InstallerError(f"没有找到程序包 {bundle.bundle_dir()}：请先运行 python build_scripts/build_bundle.py")
    iscc = find_iscc()
    if needs_fallback_isl(iscc) and not FALLBACK_ISL.is_file():
        FALLBACK_ISL.parent.mkdir(parents=True, exist_ok=True)
        with urllib.request.urlopen(ISL_URL, timeout=60) as response:
            FALLBACK_ISL.write_bytes(response.read())
    version = bundle.project_version()
    target = installer_path(version)
    target.unlink(missing_ok=True)
    done = subprocess.run(iscc_command(iscc, version), cwd=bundle.ROOT, check=False)
    if done.returncode != 0 or not target.is_file():
        raise InstallerError(f"Inno Setup 编译失败（退出码 {done.returncode}）；请查看上面的输出")
    return target


def main() -> int:
    try:
        target = build_installer()
    except InstallerError as exc:
        sys.stderr.write(f"错误：{exc}\n")
        return 1
    print(f"installer: {target}")
    print(f"installer size: {target.stat().st_size / 1e6:.1f} MB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
