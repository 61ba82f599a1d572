"""Build the Windows installer ``dist/disclosure-app-<version>-setup.exe`` with Inno Setup 6.

Usage (after ``python build_scripts/build_bundle.py``)::

    python build_scripts/build_installer.py

The Inno Setup compiler ``ISCC.exe`` runs natively on Windows and under ``wine`` elsewhere.  It is
looked for in this order: the environment variable ``ISCC``; the copy of the npm package
``innosetup-compiler`` in ``build/innosetup/``; on Windows, ``iscc`` on PATH and the usual install
folders.  When none is found it is installed into ``build/innosetup/`` with ``npm install`` (the
only step that needs a network, once; a machine without one sets ``ISCC`` or installs Inno Setup 6).
The version comes from ``pyproject.toml``; the Simplified Chinese messages file is
``build_scripts/innosetup/ChineseSimplified.isl`` in the repository, so nothing is downloaded while
building.  Under wine the compiler runs in its own prefix ``build/wine/`` unless ``WINEPREFIX`` is
set.  Prints the installer's path, size and compile time.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import bundle  # noqa: E402  (build_scripts/bundle.py, beside this file)

ISS = bundle.ROOT / "build_scripts" / "installer.iss"
ISL = bundle.ROOT / "build_scripts" / "innosetup" / "ChineseSimplified.isl"
# The npm package that carries ISCC.exe with its DLLs and Languages\ (Inno Setup 6.3.1).
NPM_PACKAGE = "innosetup-compiler"
NPM_VERSION = "6.3.1"
NPM_FOLDER = bundle.ROOT / "build" / "innosetup"
WINE_PREFIX = bundle.ROOT / "build" / "wine"
FAST = "lzma2/fast"  # for checks: about 5x less compile time than the release's lzma2/max, ~30% larger
ISCC_BANNER = "Inno Setup 6 Command-Line Compiler"
WINE32_HINT = ("Debian/Ubuntu 上以 root 执行：dpkg --add-architecture i386 && apt-get update && "
               "apt-get install -y wine wine64 wine32:i386")


class InstallerError(RuntimeError):
    """The installer cannot be built; the message says why and what to do (Chinese, then English)."""


@dataclass(frozen=True)
class Built:
    path: Path
    seconds: float  # compile time
    size: int  # bytes


def npm_iscc(folder: Path = NPM_FOLDER) -> Path:
    """Where ``npm install --prefix folder innosetup-compiler`` puts the compiler."""
    return folder / "node_modules" / NPM_PACKAGE / "bin" / "ISCC.exe"


def _windows_candidates() -> list[str | None]:
    candidates = [shutil.which("iscc")]
    for base in (os.environ.get("ProgramFiles(x86)"), os.environ.get("ProgramFiles"),
                 os.environ.get("LOCALAPPDATA") and str(Path(os.environ["LOCALAPPDATA"]) / "Programs")):
        if base:
            candidates.append(str(Path(base) / "Inno Setup 6" / "ISCC.exe"))
    return candidates


def installed_iscc() -> Path | None:
    """The compiler already on this machine, or None."""
    override = os.environ.get("ISCC")
    if override:
        if not Path(override).is_file():
            raise InstallerError(f"环境变量 ISCC 指向的文件不存在：{override}\n"
                                 f"The file named by the ISCC environment variable does not exist: {override}")
        return Path(override)
    candidates: list[str | None] = [str(npm_iscc())]
    if bundle.WINDOWS:
        candidates += _windows_candidates()
    for candidate in candidates:
        if candidate and Path(candidate).is_file():
            return Path(candidate)
    return None


def install_iscc(folder: Path = NPM_FOLDER) -> Path:
    """Install the npm package into ``folder``; returns its ISCC.exe."""
    npm = shutil.which("npm")
    if not npm:
        raise InstallerError(
            "找不到 Inno Setup 6 的编译器 ISCC.exe，也没有 npm 可以安装它：请安装 Inno Setup 6 或 Node.js（npm），"
            "或用环境变量 ISCC 指明 ISCC.exe 的位置\n"
            "Inno Setup 6 compiler ISCC.exe not found and npm is not available to install it: install "
            "Inno Setup 6 or Node.js (npm), or set ISCC to the path of ISCC.exe")
    folder.mkdir(parents=True, exist_ok=True)
    command = [npm, "install", "--prefix", str(folder), "--no-audit", "--no-fund", "--no-save",
               f"{NPM_PACKAGE}@{NPM_VERSION}"]
    done = subprocess.run(command, capture_output=True, text=True, encoding="utf-8", errors="replace",
                          check=False)
    iscc = npm_iscc(folder)
    if done.returncode != 0 or not iscc.is_file():
        raise InstallerError(
            f"用 npm 安装 {NPM_PACKAGE}@{NPM_VERSION} 失败（退出码 {done.returncode}）：{done.stderr.strip()[-500:]}\n"
            f"请检查能否连接 npm 软件源，或安装 Inno Setup 6 后用环境变量 ISCC 指明 ISCC.exe\n"
            f"npm install of {NPM_PACKAGE}@{NPM_VERSION} failed; check access to the npm registry, "
            f"or install Inno Setup 6 and set ISCC")
    return iscc


def find_iscc(install: bool = True) -> Path:
    """The Inno Setup command-line compiler, installed from npm when missing and ``install``."""
    found = installed_iscc()
    if found:
        return found
    if install:
        return install_iscc()
    raise InstallerError("找不到 Inno Setup 6 的编译器 ISCC.exe：请先安装 Inno Setup 6，或用环境变量 ISCC 指明它的位置\n"
                         "Inno Setup 6 compiler ISCC.exe not found: install Inno Setup 6 or set ISCC")


def launcher() -> list[str]:
    """What runs a Windows program here: nothing on Windows, ``wine`` elsewhere."""
    if bundle.WINDOWS:
        return []
    wine = shutil.which("wine")
    if not wine:
        raise InstallerError(
            f"在 Linux 上运行 Inno Setup 编译器需要 wine（含 32 位支持）。{WINE32_HINT}\n"
            "wine (with 32-bit support) is needed to run the Inno Setup compiler on Linux")
    return [wine]


def wine_env(prefix: Path | None = None) -> dict[str, str]:
    """Environment for wine: its own prefix, quiet, no Mono/Gecko/desktop-menu set-up.

    Without ``WINEPREFIX`` in the environment the prefix is ``build/wine`` (created on first use),
    so building never touches the user's own ``~/.wine``.
    """
    env = dict(os.environ)
    env["WINEPREFIX"] = str(prefix or os.environ.get("WINEPREFIX") or WINE_PREFIX)
    env.setdefault("WINEDEBUG", "-all")
    env["WINEDLLOVERRIDES"] = "mscoree,mshtml=;winemenubuilder.exe=d"
    return env


def prepare_wine(run_with: list[str], env: dict[str, str]) -> None:
    """Let the compiler see every file of the bundle: wine marks files whose names start with a dot
    (``docx/templates/.../_rels/.rels``) hidden, and Inno Setup leaves hidden files out of ``*``.
    On Windows the same files are not hidden."""
    subprocess.run([*run_with, "reg", "add", "HKCU\\Software\\Wine", "/v", "ShowDotFiles", "/d", "Y", "/f"],
                   env=env, capture_output=True, check=False, timeout=600)
    wineserver = shutil.which("wineserver")
    if wineserver:  # the setting is read when wine starts: wait until this prefix's wine has stopped
        subprocess.run([wineserver, "-w"], env=env, capture_output=True, check=False, timeout=600)


def iscc_command(iscc: Path, version: str, run_with: list[str] | None = None,
                 compression: str | None = None) -> list[str]:
    """The compiler call, run from the repository root: version and its four-number form come from
    ``pyproject.toml``; the script is named relative to the root with backslashes, which ISCC reads
    on Windows and under wine alike (an absolute Unix path would start with ``/``, an ISCC option).
    ``compression`` overrides the script's ``lzma2/max`` (``FAST`` for checks)."""
    numeric = ".".join(str(n) for n in bundle.numeric_version(version))
    script = ISS.relative_to(bundle.ROOT).as_posix().replace("/", "\\")
    extra = [f"/DCompression={compression}"] if compression else []
    return [*(run_with or []), str(iscc), f"/DAppVersion={version}", f"/DAppVersionNumeric={numeric}",
            *extra, script]


def installer_path(version: str) -> Path:
    return bundle.DIST / f"{bundle.BUNDLE_NAME}-{version}-setup.exe"


def _warnings(output: str) -> list[str]:
    """The compiler's warnings, the translation's messages for newer Inno Setup versions counted in one line."""
    lines = [line for line in output.splitlines() if line.startswith("Warning")]
    newer = [line for line in lines if "is not recognized by this version of Inno Setup" in line]
    kept = [line for line in lines if line not in newer]
    if newer:
        kept.append(f"Warning: {len(newer)} messages of {ISL.name} are for newer Inno Setup versions (ignored)")
    return kept


def build_installer(iscc: Path | None = None, quiet: bool = False, compression: str | None = None,
                    wine_prefix: Path | None = None) -> Built:
    """Compile the installer from the bundle in ``dist/`` (``compression``: see ``iscc_command``;
    ``wine_prefix``: the prefix the compiler runs in under wine, default as ``wine_env``)."""
    if not bundle.bundle_dir().is_dir() or not bundle.executable(bundle.BUNDLE_NAME).is_file():
        raise InstallerError(f"没有找到程序包 {bundle.bundle_dir()}：请先运行 python build_scripts/build_bundle.py\n"
                             f"Bundle {bundle.bundle_dir()} not found: run python build_scripts/build_bundle.py first")
    if not ISL.is_file():
        raise InstallerError(f"缺少简体中文语言文件 {ISL}（应随源代码提供）\n"
                             f"Missing the Simplified Chinese messages file {ISL} (part of the sources)")
    run_with = launcher()
    iscc = iscc or find_iscc()
    version = bundle.project_version()
    target = installer_path(version)
    target.unlink(missing_ok=True)
    env = None if bundle.WINDOWS else wine_env(wine_prefix)
    if env is not None:
        prepare_wine(run_with, env)
    started = time.perf_counter()
    done = subprocess.run(iscc_command(iscc, version, run_with, compression), cwd=bundle.ROOT, env=env, capture_output=True,
                          text=True, encoding="utf-8", errors="replace", check=False)
    seconds = time.perf_counter() - started
    output = (done.stdout or "") + (done.stderr or "")
    if not quiet or done.returncode != 0:
        sys.stdout.write(output)
    else:  # the compiler's warnings, without its list of every file compressed
        sys.stdout.writelines(line + "\n" for line in _warnings(output))
    if ISCC_BANNER not in output and run_with:
        raise InstallerError(
            f"wine 没有运行 Inno Setup 编译器（它是 32 位 Windows 程序，wine 需要 32 位支持）。{WINE32_HINT}\n"
            "wine did not run the Inno Setup compiler (a 32-bit Windows program: wine needs 32-bit support)")
    if done.returncode != 0 or not target.is_file():
        raise InstallerError(f"Inno Setup 编译失败（退出码 {done.returncode}）；请查看上面的输出\n"
                             f"Inno Setup compile failed (exit code {done.returncode}); see the output above")
    return Built(target, seconds, target.stat().st_size)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="用 Inno Setup 6 构建 Windows 安装程序 dist/disclosure-app-<版本号>-setup.exe")
    parser.add_argument("--fast", action="store_true",
                        help=f"用 {FAST} 压缩（编译快数倍，安装程序稍大；用于检查，不用于发布）")
    parser.add_argument("--verbose", action="store_true", help="显示编译器的全部输出")
    args = parser.parse_args(argv)
    try:
        built = build_installer(quiet=not args.verbose, compression=FAST if args.fast else None)
    except InstallerError as exc:
        sys.stderr.write(f"错误：{exc}\n")
        return 1
    print(f"installer: {built.path}")
    print(f"installer size: {built.size / 1e6:.1f} MB")
    print(f"compile time: {built.seconds:.1f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
