"""What goes into the frozen one-folder bundle, shared by the spec, the build scripts and the tests.

One place names the executables, the version (read from ``pyproject.toml``), the data folders, the
modules left out, the Windows version resource and the fingerprint that tells whether ``dist/`` is
still current.  Plain Python with no third-party imports at module level, so ``bench/`` and
``tests/`` can import it without PyInstaller.
"""

from __future__ import annotations

import hashlib
import platform
import re
import sys
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SPEC = ROOT / "build_scripts" / "disclosure_app.spec"
ENTRY = ROOT / "build_scripts" / "entry.py"
ICON_ICO = ROOT / "resources" / "icons" / "app.ico"
DIST = ROOT / "dist"
WORK = ROOT / "build" / "pyinstaller"

APP_NAME = "预决算公开编制"  # on-screen name: shortcuts, version resource, installer
BUNDLE_NAME = "disclosure-app"  # the folder under dist/ and the main executable (ASCII)
CLI_NAME = "disclosure-app-cli"  # console twin: a windowed .exe has no stdout for the command line
CONTENTS = "_internal"  # the folder beside the executables holding Python, Qt and the data (sys._MEIPASS)
PUBLISHER = "预决算公开编制项目"
WINDOWS = sys.platform == "win32"

# Folders copied to the bundle root, where disclosure_app/paths.py looks for them (sys._MEIPASS).
DATA_DIRS = ("resources", "templates")

# The application imports QtCore, QtGui and QtWidgets only; everything else PySide6-Essentials ships
# is left out, with the libraries, plugins, QML files and translations its PyInstaller hook would add.
QT_USED = ("QtCore", "QtGui", "QtWidgets")
QT_EXCLUDED = (
    "Qt3DAnimation", "Qt3DCore", "Qt3DExtras", "Qt3DInput", "Qt3DLogic", "Qt3DRender",
    "QtBluetooth", "QtCharts", "QtConcurrent", "QtDataVisualization", "QtDBus", "QtDesigner",
    "QtGraphs", "QtGraphsWidgets", "QtHelp", "QtHttpServer", "QtLabsStyleKit", "QtLocation",
    "QtMultimedia", "QtMultimediaWidgets", "QtNetwork", "QtNetworkAuth", "QtNfc", "QtOpenGL",
    "QtOpenGLWidgets", "QtPdf", "QtPdfWidgets", "QtPositioning", "QtPrintSupport", "QtQml",
    "QtQmlFeatures", "QtQuick", "QtQuick3D", "QtQuickControls2", "QtQuickTest", "QtQuickWidgets",
    "QtRemoteObjects", "QtScxml", "QtSensors", "QtSerialBus", "QtSerialPort", "QtSpatialAudio",
    "QtSql", "QtStateMachine", "QtSvg", "QtSvgWidgets", "QtTest", "QtTextToSpeech", "QtUiTools",
    "QtWebChannel", "QtWebEngineCore", "QtWebEngineQuick", "QtWebEngineWidgets", "QtWebSockets",
    "QtWebView", "QtXml",
)
# Large packages installed beside the app (test and development tools) that must not ride along.
# pdfplumber and pdfminer ship (the PDF importer reads published documents with them); pypdfium2,
# which pdfplumber imports only to draw page images, stays out with its PDFium library.
PY_EXCLUDED = (
    "tkinter", "_tkinter", "turtle", "turtledemo", "idlelib", "unittest", "doctest", "pydoc",
    "pydoc_data", "lib2to3", "test", "pytest", "_pytest", "pytestqt", "pytest_benchmark", "pluggy",
    "pypdfium2", "numpy", "scipy", "pandas", "matplotlib", "IPython",
    "jedi", "parso", "setuptools", "pkg_resources", "pip", "PyInstaller", "fontTools", "ruff",
    "PIL.ImageQt", "PIL.ImageTk",
)

# Qt translations kept: Chinese for the standard dialogs and buttons (English is built in).
QT_TRANSLATIONS_KEPT = ("_zh_CN.qm",)


def project_version(pyproject: Path | None = None) -> str:
    """The ``[project] version`` of ``pyproject.toml`` (no tomllib: Python 3.10 lacks it)."""
    text = (pyproject or ROOT / "pyproject.toml").read_text(encoding="utf-8")
    section = re.search(r"^\[project\]\s*$(.*?)(?=^\[|\Z)", text, re.M | re.S)
    match = section and re.search(r'^version\s*=\s*"([^"]+)"\s*$', section.group(1), re.M)
    if not match:
        raise ValueError("pyproject.toml 的 [project] 中没有 version，无法确定版本号")
    return match.group(1)


def numeric_version(version: str) -> tuple[int, int, int, int]:
    """``"1.2.3rc1"`` → ``(1, 2, 3, 0)``: the four numbers Windows version resources hold."""
    numbers = [int(n) for n in re.findall(r"\d+", version.split("+")[0])[:3]]
    return tuple((numbers + [0, 0, 0, 0])[:4])  # type: ignore[return-value]


def version_info_text(version: str) -> str:
    """The Windows version resource in PyInstaller's text form (``EXE(version=file)``).

    Written as text rather than with ``PyInstaller.utils.win32.versioninfo``, which needs ``pefile``,
    installed with PyInstaller on Windows only.  PyInstaller evaluates this text on Windows.
    """
    nums = numeric_version(version)
    strings = {
        "CompanyName": PUBLISHER,
        "FileDescription": APP_NAME,
        "FileVersion": version,
        "InternalName": BUNDLE_NAME,
        "LegalCopyright": f"© {PUBLISHER}。第三方组件的许可见 resources\\licenses",
        "OriginalFilename": f"{BUNDLE_NAME}.exe",
        "ProductName": APP_NAME,
        "ProductVersion": version,
    }
    table = ",\n".join(f"          StringStruct({k!r}, {v!r})" for k, v in strings.items())
    # 0x0804 = zh-CN, 1200 = UTF-16: the language and code page the strings are declared in.
    return (
        "# -*- coding: utf-8 -*-\n"
        "VSVersionInfo(\n"
        f"  ffi=FixedFileInfo(filevers={nums!r}, prodvers={nums!r}, mask=0x3f, flags=0x0, OS=0x40004,\n"
        "                    fileType=0x1, subtype=0x0, date=(0, 0)),\n"
        "  kids=[\n"
        "    StringFileInfo([\n"
        "      StringTable('080404B0', [\n"
        f"{table}\n"
        "      ])\n"
        "    ]),\n"
        "    VarFileInfo([VarStruct('Translation', [0x0804, 1200])])\n"
        "  ]\n"
        ")\n"
    )


def write_version_file(target: Path, version: str | None = None) -> Path:
    """Write the version resource for ``version`` (default: pyproject's) to ``target``."""
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(version_info_text(version or project_version()), encoding="utf-8")
    return target


def data_entries() -> list[tuple[str, str]]:
    """``(source, destination)`` pairs for PyInstaller's ``datas``: each data folder that has files."""
    entries = []
    for name in DATA_DIRS:
        folder = ROOT / name
        if folder.is_dir() and any(p.is_file() for p in folder.rglob("*")):
            entries.append((str(folder), name))
    return entries


def keep_qt_data(dest: str) -> bool:
    """Whether a collected data file stays: drops the Qt translations other than Chinese."""
    parts = dest.replace("\\", "/").split("/")
    if "translations" in parts and dest.endswith(".qm"):
        return dest.endswith(QT_TRANSLATIONS_KEPT)
    return True


def bundle_dir(dist: Path = DIST) -> Path:
    return dist / BUNDLE_NAME


def contents_dir(dist: Path = DIST) -> Path:
    """The bundle's ``sys._MEIPASS``: where ``resources/`` and ``templates/`` end up."""
    return bundle_dir(dist) / CONTENTS


def executable(name: str = CLI_NAME, dist: Path = DIST) -> Path:
    """Path of a bundled executable (``.exe`` on Windows)."""
    return bundle_dir(dist) / (name + (".exe" if WINDOWS else ""))


def _inputs(root: Path) -> Iterator[Path]:
    for folder in ("disclosure_app", *DATA_DIRS):
        base = root / folder
        if base.is_dir():
            for path in sorted(base.rglob("*")):
                if path.is_file() and "__pycache__" not in path.parts and path.suffix != ".pyc":
                    yield path
    for name in ("build_scripts/disclosure_app.spec", "build_scripts/entry.py", "build_scripts/bundle.py",
                 "pyproject.toml"):
        if (root / name).is_file():
            yield root / name


def fingerprint(root: Path = ROOT) -> str:
    """SHA-256 over everything the bundle is built from, plus the interpreter and tool versions."""
    from importlib import metadata

    digest = hashlib.sha256()
    tools = []
    for dist in ("pyinstaller", "pyinstaller-hooks-contrib", "PySide6-Essentials"):
        try:
            tools.append(f"{dist}={metadata.version(dist)}")
        except metadata.PackageNotFoundError:
            tools.append(f"{dist}=none")
    digest.update(f"{sys.version}|{platform.platform()}|{'|'.join(tools)}".encode())
    for path in _inputs(root):
        digest.update(path.relative_to(root).as_posix().encode() + b"\0")
        digest.update(hashlib.sha256(path.read_bytes()).digest())
    return digest.hexdigest()


def stamp_path(dist: Path = DIST) -> Path:
    """Beside the bundle, not in it: the installer ships the folder as it is."""
    return dist / f"{BUNDLE_NAME}.stamp"


def folder_size(path: Path) -> int:
    """Total bytes of the files under ``path``."""
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file() and not p.is_symlink())
