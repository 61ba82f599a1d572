"""Build the one-folder bundle ``dist/disclosure-app/`` with PyInstaller, on Windows or Linux.

Usage::

    python build_scripts/build_bundle.py            # build unless dist/ is current, then print size and times
    python build_scripts/build_bundle.py --force    # build even when dist/ is current
    python build_scripts/build_bundle.py --console  # Windows: the main executable keeps a console (debugging)

A fingerprint of everything the bundle is made from (package, resources, templates, spec, tool
versions) is written beside it as ``dist/disclosure-app.stamp``; a later call with the same
fingerprint reuses the bundle, so the CI's test step and build step build it once.
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


class BuildError(RuntimeError):
    """PyInstaller failed or the bundle it made is incomplete."""


@dataclass(frozen=True)
class BuildResult:
    path: Path
    built: bool  # False: an up-to-date bundle was reused
    seconds: float  # build time (0 when reused)
    size: int  # bytes under dist/disclosure-app/


def _stamp_text(console: bool) -> str:
    return f"{bundle.fingerprint()} console={int(console)}\n"


def is_current(console: bool = False, dist: Path = bundle.DIST) -> bool:
    """Whether ``dist/`` holds a complete bundle built from exactly the current sources."""
    stamp = bundle.stamp_path(dist)
    executables = [bundle.executable(name, dist) for name in (bundle.BUNDLE_NAME, bundle.CLI_NAME)]
    return (stamp.is_file() and all(p.is_file() for p in executables)
            and stamp.read_text(encoding="utf-8") == _stamp_text(console))


def build(console: bool = False, force: bool = False, dist: Path = bundle.DIST,
          work: Path = bundle.WORK) -> BuildResult:
    """Build the bundle into ``dist`` unless it is current (``force`` builds anyway)."""
    target = bundle.bundle_dir(dist)
    if not force and is_current(console, dist):
        return BuildResult(target, False, 0.0, bundle.folder_size(target))
    stamp = bundle.stamp_path(dist)
    stamp.unlink(missing_ok=True)
    if target.exists():
        shutil.rmtree(target)
    command = [sys.executable, "-m", "PyInstaller", str(bundle.SPEC), "--noconfirm", "--log-level", "WARN",
               "--distpath", str(dist), "--workpath", str(work)]
    if console:
        command += ["--", "--console"]
    started = time.perf_counter()
    done = subprocess.run(command, cwd=bundle.ROOT, check=False)
    seconds = time.perf_counter() - started
    if done.returncode != 0:
        raise BuildError(f"PyInstaller 退出码 {done.returncode}，打包失败；请查看上面的输出")
    for name in (bundle.BUNDLE_NAME, bundle.CLI_NAME):
        if not bundle.executable(name, dist).is_file():
            raise BuildError(f"打包结果中缺少可执行文件 {bundle.executable(name, dist)}")
    for folder in ("resources",):
        if not (bundle.contents_dir(dist) / folder).is_dir():
            raise BuildError(f"打包结果中缺少 {bundle.CONTENTS}/{folder} 文件夹，程序将找不到内置数据")
    stamp.write_text(_stamp_text(console), encoding="utf-8")
    return BuildResult(target, True, seconds, bundle.folder_size(target))


def time_command(args: list[str], env: dict[str, str] | None = None) -> tuple[float, subprocess.CompletedProcess]:
    """Run the bundled console executable with ``args``; wall time in seconds and the result."""
    started = time.perf_counter()
    done = subprocess.run([str(bundle.executable())] + args, capture_output=True, text=True,
                          encoding="utf-8", env=env, check=False)
    return time.perf_counter() - started, done


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="构建单文件夹程序包 dist/disclosure-app/")
    parser.add_argument("--force", action="store_true", help="即使程序包已是最新也重新构建")
    parser.add_argument("--console", action="store_true", help="Windows：主程序保留控制台窗口（调试用）")
    args = parser.parse_args(argv)
    try:
        result = build(console=args.console, force=args.force)
    except BuildError as exc:
        sys.stderr.write(f"错误：{exc}\n")
        return 1
    how = f"built in {result.seconds:.1f} s" if result.built else "up to date, reused"
    print(f"bundle: {result.path} ({how})")
    print(f"bundle size: {result.size / 1e6:.1f} MB")
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    seconds, done = time_command(["--version"], env)
    if done.returncode != 0:
        sys.stderr.write(f"错误：打包后的程序无法运行：{done.stderr.strip()}\n")
        return 1
    print(f"start ({bundle.CLI_NAME} --version): {seconds:.2f} s -> {done.stdout.strip()}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
