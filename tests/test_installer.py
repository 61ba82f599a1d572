"""The Windows installer compiled from the fresh bundle and run under wine, as a user would.

Slow (runs when ``CI`` is set, like the bundle test, whose bundle it reuses when the sources are
unchanged).  It installs what it needs: the Inno Setup compiler from npm into ``build/innosetup/``
and, as root on Debian, wine with 32-bit support (the compiler and the installer are 32-bit
programs).  Wine runs headless in a throwaway prefix with its null display driver, so no X server
is needed.  The installer is compiled with the fast compression of ``build_installer.py --fast``:
the same script and files, several times quicker, and a larger file — its size bounds the release
build's from above.

The bundle built here is a Linux one, so the installed program cannot start under wine (its main
executable is ``disclosure-app`` without ``.exe``); everything the installer does is checked: the
program folder, the Start-menu shortcut, the ``.dapj`` association, the per-user install mode, and
a silent uninstall that removes what it installed and leaves the user's project alone.
"""

from __future__ import annotations

import hashlib
import os
import re
import shutil
import subprocess
import time
from pathlib import Path, PureWindowsPath

import pytest

ROOT = Path(__file__).resolve().parent.parent
SCRIPTS = ROOT / "build_scripts"

pytestmark = pytest.mark.slow


from script_loader import bundle  # noqa: E402  (build_scripts/bundle.py)
from script_loader import load_script as _script  # noqa: E402

build_bundle = _script("build_bundle")
build_installer = _script("build_installer")

APP_ID = "{6F1B2C4E-3A7D-4E59-9C21-5B8D0F4A7E13}"  # AppId in installer.iss
PROG_ID = "DisclosureApp.Project"
APT_PACKAGES = ("wine", "wine64", "wine32:i386")
TIMEOUT = 900  # seconds for one wine call (the compile is the longest, ~1 min on an idle machine)


# --- wine -------------------------------------------------------------------------------------


class Wine:
    """wine in its own prefix with its own HOME (the prefix links Documents and Desktop to HOME)."""

    def __init__(self, root: Path) -> None:
        self.prefix = root / "prefix"
        self.home = root / "home"
        self.env = build_installer.wine_env(self.prefix)
        self.env["WINEDEBUG"] = "-all"
        self.env["HOME"] = str(self.home)
        for name in ("DISPLAY", "WAYLAND_DISPLAY"):
            self.env.pop(name, None)

    def run(self, *args: str | Path) -> subprocess.CompletedProcess:
        """A Windows program, waited for together with everything it started (uninstallers
        hand over to a copy of themselves), so the registry files are written when this returns."""
        command = ["wine", *map(str, args)]
        try:
            done = subprocess.run(command, env=self.env, capture_output=True, text=True, encoding="utf-8",
                                  errors="replace", timeout=TIMEOUT, check=False)
        except subprocess.TimeoutExpired:
            self.stop()
            pytest.fail(f"wine 运行 {args[0]} 超过 {TIMEOUT} 秒未结束 / wine timed out")
        self.wait()
        return done

    def wait(self) -> None:
        subprocess.run(["wineserver", "-w"], env=self.env, timeout=TIMEOUT, check=False)

    def stop(self) -> None:
        if shutil.which("wineserver"):
            subprocess.run(["wineserver", "-k"], env=self.env, timeout=60, check=False, capture_output=True)

    def create(self) -> None:
        """A new prefix whose programs get the null display driver: windows exist, none is shown."""
        self.stop()
        shutil.rmtree(self.prefix, ignore_errors=True)
        self.home.mkdir(parents=True, exist_ok=True)
        self.run("reg", "add", r"HKCU\Software\Wine\Drivers", "/v", "Graphics", "/d", "null", "/f")

    def runs_iscc(self, iscc: Path) -> bool:
        """Whether this wine runs the 32-bit compiler (Debian's wine64 alone exits 0 and prints nothing)."""
        return build_installer.ISCC_BANNER in self.run(iscc, "/?").stdout

    def user_dir(self) -> Path:
        users = [p for p in (self.prefix / "drive_c" / "users").iterdir() if p.name != "Public"]
        assert len(users) == 1, f"wine 前缀中的用户文件夹不唯一：{users}"
        return users[0]

    def host(self, windows_path: str) -> Path:
        """The file a ``C:\\...`` path names inside the prefix."""
        path = PureWindowsPath(windows_path)
        assert path.drive.upper() == "C:", windows_path
        return self.prefix / "drive_c" / Path(*path.parts[1:])

    def registry(self) -> dict[str, dict[str, str]]:
        """HKEY_CURRENT_USER as wine stores it (``user.reg``): key → {value name ("" = default): value}."""
        return read_wine_registry(self.prefix / "user.reg")

    def machine_registry(self) -> dict[str, dict[str, str]]:
        return read_wine_registry(self.prefix / "system.reg")


def _unescape(text: str) -> str:
    simple = {"n": "\n", "r": "\r", "t": "\t", "0": "\0"}
    return re.sub(r"\\x([0-9a-fA-F]{1,4})|\\(.)",
                  lambda m: chr(int(m.group(1), 16)) if m.group(1) else simple.get(m.group(2), m.group(2)), text)


def read_wine_registry(path: Path) -> dict[str, dict[str, str]]:
    """Keys and string values of a wine registry file (other value types kept as written)."""
    keys: dict[str, dict[str, str]] = {}
    values: dict[str, str] | None = None
    for line in path.read_text(encoding="utf-8", errors="replace").splitlines():
        key = re.match(r"^\[(.*)\]\s+\d+$", line)
        if key:
            values = keys.setdefault(_unescape(key.group(1)), {})
            continue
        value = re.match(r'^(@|"((?:[^"\\]|\\.)*)")=(.*)$', line)
        if value and values is not None:
            name = "" if value.group(1) == "@" else _unescape(value.group(2))
            data = value.group(3)
            values[name] = _unescape(data[1:-1]) if data.startswith('"') else data
    return keys


def _apt_install_wine() -> str:
    """Install wine with 32-bit support (Debian: the i386 architecture and wine32); returns a report."""
    started = time.perf_counter()
    if os.geteuid() != 0 or not shutil.which("apt-get"):
        pytest.fail("wine 无法运行 32 位 Windows 程序，且本机不能自动安装（需要 root 和 apt-get）："
                    f"{build_installer.WINE32_HINT}\n"
                    "wine cannot run 32-bit Windows programs here and cannot be installed (needs root and apt-get)")
    env = dict(os.environ, DEBIAN_FRONTEND="noninteractive")
    arches = subprocess.run(["dpkg", "--print-foreign-architectures"], capture_output=True, text=True, check=False)
    steps = []
    if "i386" not in arches.stdout.split():
        steps.append(["dpkg", "--add-architecture", "i386"])
    steps += [["apt-get", "update"], ["apt-get", "install", "-y", "--no-install-recommends", *APT_PACKAGES]]
    for step in steps:
        done = subprocess.run(step, env=env, capture_output=True, text=True, timeout=1200, check=False)
        if done.returncode != 0:
            pytest.fail(f"安装 wine 失败：{' '.join(step)} 退出码 {done.returncode}\n{done.stderr[-2000:]}")
    return f"apt-get install {' '.join(APT_PACKAGES)}: {time.perf_counter() - started:.0f} s"


def _ready_wine(wine: Wine, iscc: Path, report: list[str]) -> None:
    """A prefix in which the 32-bit compiler runs, installing wine first when it cannot."""
    if shutil.which("wine"):
        wine.create()
        if wine.runs_iscc(iscc):
            return
    report.append(_apt_install_wine())
    wine.create()  # a prefix made without 32-bit support lacks its system files
    if not wine.runs_iscc(iscc):
        pytest.fail("wine 无法启动 Inno Setup 编译器（32 位 Windows 程序），已安装 "
                    f"{' '.join(APT_PACKAGES)} 仍不行 / wine cannot start the 32-bit Inno Setup compiler")


# --- the test ---------------------------------------------------------------------------------


def _sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _lnk_target(lnk: Path) -> str:
    """The target a shell link names (its LinkInfo local path: ANSI ``C:\\...``)."""
    paths = re.findall(rb"[A-Za-z]:\\[\x20-\x7e]+?\.exe(?=\x00)", lnk.read_bytes())
    assert paths, f"快捷方式 {lnk} 中没有 .exe 目标"
    return max(paths, key=len).decode("ascii")


def test_installer_installs_and_uninstalls_under_wine(tmp_path: Path, capsys: pytest.CaptureFixture) -> None:
    report: list[str] = []
    bundle_result = build_bundle.build()  # reused when the bundle test already built it
    report.append(f"bundle: {bundle_result.path} ({bundle_result.size / 1e6:.1f} MB, "
                  f"{'built' if bundle_result.built else 'reused'})")
    iscc = build_installer.find_iscc()  # npm install into build/innosetup when missing
    wine = Wine(tmp_path)
    try:
        _ready_wine(wine, iscc, report)

        built = build_installer.build_installer(iscc, quiet=True, compression=build_installer.FAST,
                                                wine_prefix=wine.prefix)
        report.append(f"installer: {built.path.name} {built.size / 1e6:.1f} MB ({build_installer.FAST}), "
                      f"compiled under wine in {built.seconds:.0f} s")
        # lzma2/fast bounds the release's lzma2/max from above (measured: 102.5 vs 78.8 MB for the same
        # bundle); the Linux bundle also holds its shared libraries twice (symlinks, installed as copies).
        assert built.size < 120e6, (f"{build_installer.FAST} 压缩的安装程序 {built.size / 1e6:.0f} MB，超过 120 MB："
                                    "程序包变大了？发布版的大小用 python bench/bench_bundle.py 测量")
        head = built.path.read_bytes()[:4_000_000]
        assert b'requestedExecutionLevel level="asInvoker"' in head, "安装程序的清单请求了管理员权限"
        assert b"requireAdministrator" not in head

        user = wine.user_dir()
        documents = user / "Documents"
        project = documents / "我的项目.dapj"
        done = subprocess.run([str(bundle.executable()), "sample", "final", str(project)], capture_output=True,
                              text=True, encoding="utf-8", timeout=300, check=False,
                              env=dict(os.environ, QT_QPA_PLATFORM="offscreen"))
        assert done.returncode == 0, done.stderr
        project_hash = _sha256(project)

        # --- install, silently, for the current user --------------------------------------------
        log = tmp_path / "install.log"
        started = time.perf_counter()
        done = wine.run(built.path, "/VERYSILENT", "/CURRENTUSER", "/SUPPRESSMSGBOXES", "/NORESTART",
                        f"/LOG=Z:{log.as_posix().replace('/', chr(92))}")
        install_seconds = time.perf_counter() - started
        assert log.is_file(), f"安装程序没有写日志（wine 没有运行它？）{done.stdout}{done.stderr}"
        text = log.read_text(encoding="utf-8-sig", errors="replace")
        assert "Installation process succeeded." in text, text[-3000:]
        assert "Administrative install mode: No" in text, "安装程序以管理员模式安装"
        assert "Install mode root key: HKEY_CURRENT_USER" in text
        report.append(f"install (wine, /VERYSILENT /CURRENTUSER): {install_seconds:.0f} s; log: "
                      "Administrative install mode: No; Install mode root key: HKEY_CURRENT_USER; "
                      "manifest asInvoker")

        local = "C:\\users\\" + user.name + "\\AppData\\Local"
        app = local + "\\Programs\\DisclosureApp"
        exe = app + "\\disclosure-app.exe"
        folder = wine.host(app)
        assert folder == user / "AppData" / "Local" / "Programs" / "DisclosureApp"
        for name in (bundle.executable(bundle.BUNDLE_NAME).name, bundle.executable().name, "unins000.exe",
                     f"{bundle.CONTENTS}/resources/fonts/song.ttf",
                     f"{bundle.CONTENTS}/resources/licenses/InnoSetup.txt",
                     f"{bundle.CONTENTS}/templates"):
            assert (folder / name).exists(), f"程序文件夹中缺少 {name}"
        installed = {p.relative_to(folder).as_posix() for p in folder.rglob("*") if p.is_file()}
        shipped = {p.relative_to(bundle.bundle_dir()).as_posix() for p in bundle.bundle_dir().rglob("*")
                   if p.is_file()}
        assert not shipped - installed, f"程序包中这些文件没有安装：{sorted(shipped - installed)[:10]}"
        assert installed - shipped == {"unins000.exe", "unins000.dat"}, sorted(installed - shipped)
        report.append(f"program folder: {app} ({len(installed)} files: the bundle's {len(shipped)} "
                      "+ unins000.exe/.dat)")

        shortcut = user / "AppData/Roaming/Microsoft/Windows/Start Menu/Programs" / f"{bundle.APP_NAME}.lnk"
        assert shortcut.is_file(), f"开始菜单中没有快捷方式 {shortcut}"
        assert _lnk_target(shortcut).lower() == exe.lower()
        assert not list(wine.home.glob("*.lnk")), "未勾选桌面快捷方式时不应创建"
        report.append(f"Start menu: {shortcut.relative_to(user)} -> {_lnk_target(shortcut)}")

        hkcu = wine.registry()
        classes = "Software\\Classes\\"
        expected = {
            classes + ".dapj": ("", PROG_ID),
            classes + ".dapj\\OpenWithProgids": (PROG_ID, ""),
            classes + PROG_ID: ("", f"{bundle.APP_NAME}项目"),
            classes + PROG_ID + "\\DefaultIcon": ("", exe + ",0"),
            classes + PROG_ID + "\\shell\\open\\command": ("", f'"{exe}" "%1"'),
        }
        for key, (name, value) in expected.items():
            assert key in hkcu, f"注册表中缺少 HKCU\\{key}"
            assert hkcu[key].get(name) == value, f"HKCU\\{key} [{name or '(默认)'}] = {hkcu[key].get(name)!r}"
            report.append(f"HKCU\\{key} [{name or '(default)'}] = {value!r}")
        uninstall_key = f"Software\\Microsoft\\Windows\\CurrentVersion\\Uninstall\\{APP_ID}_is1"
        assert hkcu[uninstall_key]["DisplayVersion"] == bundle.project_version()
        assert hkcu[uninstall_key]["Inno Setup: App Path"] == app
        report.append(f"HKCU\\{uninstall_key} [DisplayVersion] = {bundle.project_version()!r}")
        hklm = wine.machine_registry()
        assert not [k for k in hklm if ".dapj" in k or PROG_ID in k or APP_ID in k], "按用户安装却写入了 HKLM"

        # --- uninstall, silently ------------------------------------------------------------------
        log = tmp_path / "uninstall.log"
        started = time.perf_counter()
        wine.run(folder / "unins000.exe", "/VERYSILENT", "/SUPPRESSMSGBOXES", "/NORESTART",
                 f"/LOG=Z:{log.as_posix().replace('/', chr(92))}")
        uninstall_seconds = time.perf_counter() - started
        text = log.read_text(encoding="utf-8-sig", errors="replace") if log.is_file() else "(没有日志)"
        assert "Uninstallation process succeeded." in text, text[-3000:]
        assert not folder.exists(), f"卸载后程序文件夹仍在：{folder}"
        assert not shortcut.exists(), "卸载后开始菜单快捷方式仍在"
        hkcu = wine.registry()
        left = [k for k in [*expected, uninstall_key] if k in hkcu]
        assert not left, f"卸载后注册表项仍在：{left}"
        assert project.is_file() and _sha256(project) == project_hash, "卸载改动了用户文档中的项目文件"
        report.append(f"uninstall (wine, /VERYSILENT): {uninstall_seconds:.0f} s; gone: {app}, the shortcut, "
                      f"HKCU\\{classes}.dapj, HKCU\\{classes}{PROG_ID}, HKCU\\{uninstall_key}; "
                      f"kept unchanged: Documents\\{project.name} (sha256 {project_hash[:12]}…)")
    finally:
        wine.stop()
        with capsys.disabled():
            print("\n[installer under wine]\n  " + "\n  ".join(report))
