"""Bundle benchmark: size, build time and start-up of the frozen program.

Run:  python bench/bench_bundle.py [--force] [--runs N]

Builds ``dist/disclosure-app/`` unless it is current (``--force`` rebuilds, to time the build),
then prints the bundle size, the build time, and the wall time from process start of the bundled
``disclosure-app-cli`` to: ``--version`` done, ``validate`` of the sample done, and the main window
shown offscreen on the sample (the entry script's startup probe prints a line at the first paint).
"Cold" runs come first after the bundle's files were dropped from the page cache (Linux:
``posix_fadvise(DONTNEED)``; elsewhere the first run is only as cold as the cache allows).
Then it compiles the installer from the bundle (``build_scripts/build_installer.py``: natively on
Windows, under wine elsewhere) and prints its size and compile time with the release's lzma2/max
compression (several minutes of one core), or lzma2/fast with ``--fast-installer``;
``--no-installer`` skips it.
Targets: bundle < 250 MB, installer < 120 MB, window < 2 s.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "build_scripts"))

import build_bundle  # noqa: E402
import build_installer  # noqa: E402
import bundle  # noqa: E402
import entry  # noqa: E402

TARGET_SIZE_MB = 250
TARGET_INSTALLER_MB = 120
TARGET_WINDOW_S = 2.0


def evict(folder: Path) -> bool:
    """Drop the folder's files from the page cache; False where the OS offers no way to."""
    if not hasattr(os, "posix_fadvise"):
        return False
    for path in folder.rglob("*"):
        if path.is_file() and not path.is_symlink():
            fd = os.open(path, os.O_RDONLY)
            try:
                os.posix_fadvise(fd, 0, 0, os.POSIX_FADV_DONTNEED)
            finally:
                os.close(fd)
    return True


def isolated_env(home: Path) -> dict[str, str]:
    """Offscreen Qt and empty per-user folders: no recovery offer or recent files from this machine."""
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    for name in ("XDG_DATA_HOME", "XDG_CONFIG_HOME", "XDG_CACHE_HOME", "APPDATA", "LOCALAPPDATA"):
        env[name] = str(home / name.lower())
    return env


def run_to_exit(args: list[str], cwd: Path, env: dict[str, str]) -> float:
    started = time.perf_counter()
    done = subprocess.run([str(bundle.executable())] + args, cwd=cwd, env=env, capture_output=True, check=False)
    elapsed = time.perf_counter() - started
    if done.returncode not in (0, 1):  # validate exits 1 when the project has 错误
        raise RuntimeError(f"{args} 退出码 {done.returncode}：{done.stderr.decode('utf-8', 'replace')}")
    return elapsed


def run_to_window(project: Path, cwd: Path, env: dict[str, str]) -> float:
    """Seconds from spawning the program to its probe line: the main window painted."""
    env = dict(env, **{entry.PROBE_ENV: "1"})
    started = time.perf_counter()
    with subprocess.Popen([str(bundle.executable()), str(project)], cwd=cwd, env=env, stdout=subprocess.PIPE,
                          stderr=subprocess.DEVNULL, text=True, encoding="utf-8") as proc:
        for line in proc.stdout:
            if line.startswith(entry.PROBE_MARK):
                elapsed = time.perf_counter() - started
                proc.wait(timeout=60)
                return elapsed
        proc.wait(timeout=60)
    raise RuntimeError(f"主窗口没有显示（退出码 {proc.returncode}）")


def measure(label: str, fn, runs: int) -> None:
    cold_ok = evict(bundle.bundle_dir())
    cold = fn()
    warm = [fn() for _ in range(runs)]
    kind = "cold" if cold_ok else "first"
    print(f"{label:<34} {kind} {cold:6.2f} s   warm median {statistics.median(warm):6.2f} s"
          f"   best {min(warm):6.2f} s")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--force", action="store_true", help="rebuild even if dist/ is current")
    parser.add_argument("--runs", type=int, default=5, help="warm runs per measurement")
    parser.add_argument("--fast-installer", action="store_true",
                        help=f"compile the installer with {build_installer.FAST} instead of the release's lzma2/max")
    parser.add_argument("--no-installer", action="store_true", help="do not compile the installer")
    args = parser.parse_args(argv)

    result = build_bundle.build(force=args.force)
    if result.built:
        print(f"build time:                        {result.seconds:6.1f} s")
    else:
        print("build time:                        (bundle up to date and reused; --force to time a build)")
    size_mb = result.size / 1e6
    qt_mb = bundle.folder_size(bundle.contents_dir() / "PySide6") / 1e6
    print(f"bundle size:                       {size_mb:6.1f} MB (PySide6/Qt {qt_mb:.1f} MB)"
          f"   target < {TARGET_SIZE_MB} MB")

    with tempfile.TemporaryDirectory() as tmp:
        cwd = Path(tmp)
        env = isolated_env(cwd)
        project = cwd / "sample.dapj"
        run_to_exit(["sample", "final", str(project)], cwd, env)
        measure("start: --version", lambda: run_to_exit(["--version"], cwd, env), args.runs)
        measure("start: validate sample", lambda: run_to_exit(["validate", str(project)], cwd, env), args.runs)
        measure("start: main window shown offscreen", lambda: run_to_window(project, cwd, env), args.runs)
    print(f"target: main window shown < {TARGET_WINDOW_S:.1f} s")
    if not args.no_installer:
        report_installer(build_installer.FAST if args.fast_installer else None)
    return 0


def report_installer(compression: str | None) -> None:
    """Compile the installer from the bundle just measured; print its size and compile time."""
    try:
        built = build_installer.build_installer(quiet=True, compression=compression)
    except build_installer.InstallerError as exc:
        print(f"installer:                         not built: {exc}")
        return
    how = compression or "lzma2/max, as released"
    where = "native" if bundle.WINDOWS else "under wine"
    print(f"installer compile time:            {built.seconds:6.1f} s ({how}, {where})")
    print(f"installer size:                    {built.size / 1e6:6.1f} MB   target < {TARGET_INSTALLER_MB} MB")


if __name__ == "__main__":
    sys.exit(main())
