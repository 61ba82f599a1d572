"""The frozen bundle, its installer script, icon and licence notices.

The fast tests check what can go wrong before a build: the version reaching the Windows resource
and the installer, modules left out of the bundle that the app imports, the icon sizes, the About
dialog and the licence list.  The ``slow`` test builds the one-folder bundle with PyInstaller (or
reuses an up-to-date one) and drives the frozen executable from an unrelated folder: sample,
validate, export with embedded fonts, and the main window shown offscreen.
"""

from __future__ import annotations

import ast
import json
import os
import re
import subprocess
from importlib import metadata
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import disclosure_app

ROOT = Path(__file__).resolve().parent.parent
SCRIPTS = ROOT / "build_scripts"


from script_loader import bundle  # noqa: E402  (build_scripts/bundle.py)
from script_loader import load_script as _script  # noqa: E402

build_bundle = _script("build_bundle")
build_installer = _script("build_installer")
collect_licenses = _script("collect_licenses")
entry = _script("entry")

ISS_TEXT = build_installer.ISS.read_text(encoding="utf-8-sig")


def _norm(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


# --- version, spec and installer script --------------------------------------------------------


def test_one_version_everywhere() -> None:
    version = bundle.project_version()
    assert version == disclosure_app.__version__, "pyproject.toml 与 disclosure_app.__version__ 的版本号不一致"
    text = bundle.version_info_text(version)
    tree = ast.parse(text, mode="eval")  # PyInstaller evaluates this text on Windows
    assert isinstance(tree.body, ast.Call) and tree.body.func.id == "VSVersionInfo"
    nums = bundle.numeric_version(version)
    assert f"filevers={nums!r}" in text and f"prodvers={nums!r}" in text
    assert f"StringStruct('ProductVersion', '{version}')" in text
    assert f"StringStruct('ProductName', '{bundle.APP_NAME}')" in text
    command = build_installer.iscc_command(Path("ISCC.exe"), version)
    assert f"/DAppVersion={version}" in command and command[-1] == "build_scripts\\installer.iss"
    assert (bundle.ROOT / command[-1].replace("\\", "/")) == build_installer.ISS
    fast = build_installer.iscc_command(Path("ISCC.exe"), version, ["wine"], build_installer.FAST)
    assert fast[:2] == ["wine", "ISCC.exe"] and f"/DCompression={build_installer.FAST}" in fast


def test_numeric_version() -> None:
    assert bundle.numeric_version("0.1.0") == (0, 1, 0, 0)
    assert bundle.numeric_version("2.10.3rc1") == (2, 10, 3, 0)
    assert bundle.numeric_version("1.4") == (1, 4, 0, 0)


def test_installer_script_installs_per_user_and_keeps_projects() -> None:
    raw = build_installer.ISS.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf"), "installer.iss 必须带 UTF-8 BOM，否则 Inno Setup 按 ANSI 读取中文"
    setup = dict(re.findall(r"^(\w+)=(.*)$", ISS_TEXT, re.M))
    assert setup["PrivilegesRequired"] == "lowest"
    # {autopf} (the per-user Programs folder), built from {localappdata} where the system lacks it.
    assert setup["DefaultDirName"] == "{code:ProgramsRoot}\\DisclosureApp"
    code = ISS_TEXT.split("[Code]")[1]
    assert "ExpandConstant('{autopf}')" in code and "ExpandConstant('{localappdata}\\Programs')" in code
    assert setup["ChangesAssociations"] == "yes"
    assert (ROOT / setup["SetupIconFile"].replace("\\", "/")).is_file()
    assert f'#define AppExe "{bundle.BUNDLE_NAME}.exe"' in ISS_TEXT
    assert f'Source: "dist\\{bundle.BUNDLE_NAME}\\*"' in ISS_TEXT
    assert "#error" in ISS_TEXT.split("[Setup]")[0], "没有版本号时应拒绝编译"
    # Double-clicking a project opens it: the file name reaches the program as one argument.
    assert 'Subkey: "Software\\Classes\\.dapj"' in ISS_TEXT
    assert 'ValueData: """{app}\\{#AppExe}"" ""%1"""' in ISS_TEXT
    assert all(line.startswith("Root: HKA;") for line in ISS_TEXT.splitlines() if line.startswith("Root:"))
    # The uninstaller deletes only what was installed: no section that removes other files.
    assert "[UninstallDelete]" not in ISS_TEXT and "[InstallDelete]" not in ISS_TEXT
    # The Chinese messages file comes from the repository: nothing is downloaded to build.
    languages = ISS_TEXT.split("[Languages]")[1].split("[Tasks]")[0]
    assert 'MessagesFile: "build_scripts\\innosetup\\ChineseSimplified.isl"' in languages
    assert "urllib" not in build_installer.ISS.with_name("build_installer.py").read_text(encoding="utf-8")
    # Uninstalling removes the .dapj keys once empty, not only their values.
    for key in ('"Software\\Classes\\.dapj"', '"Software\\Classes\\.dapj\\OpenWithProgids"'):
        line = next(x for x in ISS_TEXT.splitlines() if f"Subkey: {key};" in x)
        assert "uninsdeletekeyifempty" in line, line
    assert "Tasks: desktopicon" in ISS_TEXT and "{autoprograms}" in ISS_TEXT



def test_installer_chinese_messages_ship_with_their_licence() -> None:
    raw = build_installer.ISL.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf"), "ChineseSimplified.isl 必须带 UTF-8 BOM，否则 Inno Setup 按 ANSI 读取"
    text = raw.decode("utf-8-sig")
    assert "LanguageID=$0804" in text and "LanguageName=简体中文" in text
    messages = dict(re.findall(r"^(\w+)=(.*)$", text.split("[Messages]")[1].split("[CustomMessages]")[0], re.M))
    assert messages["ButtonNext"] == "下一步(&N) >" and messages["ConfirmUninstall"].startswith("您确认要完全移除")
    assert len(messages) > 250
    licences = {c["name"]: c for c in collect_licenses.load_index()}
    translation = next(c for n, c in licences.items() if "简体中文翻译" in n)
    notice = (collect_licenses.RESOURCES / translation["files"][0]).read_text(encoding="utf-8")
    assert translation["licence"] == "MIT" and "ChineseSimplified.isl" in notice and "Permission is hereby" in notice
    inno = next(c for n, c in licences.items() if n.startswith("Inno Setup（"))
    assert "Jordan Russell" in (collect_licenses.RESOURCES / inno["files"][0]).read_text(encoding="utf-8")

def _app_imports() -> set[str]:
    names: set[str] = set()
    for path in (ROOT / "disclosure_app").rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                names.update(alias.name for alias in node.names)
            elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                names.add(node.module)
                names.update(f"{node.module}.{alias.name}" for alias in node.names)
    return names


def test_nothing_left_out_of_the_bundle_is_imported_by_the_app() -> None:
    imported = _app_imports()
    qt_used = {n.split(".")[1] for n in imported if n.startswith("PySide6.") and n.split(".")[1].startswith("Qt")}
    assert {"QtCore", "QtGui", "QtWidgets"} <= qt_used
    assert qt_used <= set(bundle.QT_USED), "程序导入了新的 Qt 模块，请在 build_scripts/bundle.py 中登记"
    assert not set(bundle.QT_USED) & set(bundle.QT_EXCLUDED)
    excluded = set(bundle.PY_EXCLUDED)
    clash = {n for n in imported if n in excluded or n.split(".")[0] in excluded}
    assert not clash, f"程序导入了打包时排除的模块：{sorted(clash)}"


def test_qt_translations_kept_are_chinese_only() -> None:
    assert bundle.keep_qt_data("PySide6/Qt/translations/qtbase_zh_CN.qm")
    assert not bundle.keep_qt_data("PySide6/Qt/translations/qtbase_de.qm")
    assert bundle.keep_qt_data("resources/fonts/song.ttf")


def test_fingerprint_follows_sources(tmp_path: Path) -> None:
    for name, text in (("disclosure_app/cli.py", "x = 1"), ("resources/sample/a.json", "{}"),
                       ("templates/final_shanxi/doc.j2", "{{ a }}"), ("pyproject.toml", "[project]")):
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text(text, encoding="utf-8")
    first = bundle.fingerprint(tmp_path)
    (tmp_path / "disclosure_app" / "__pycache__").mkdir()
    (tmp_path / "disclosure_app" / "__pycache__" / "cli.cpython-311.pyc").write_bytes(b"\0")
    assert bundle.fingerprint(tmp_path) == first, "编译缓存不应使程序包过期"
    (tmp_path / "templates" / "final_shanxi" / "doc.j2").write_text("{{ b }}", encoding="utf-8")
    changed = bundle.fingerprint(tmp_path)
    assert changed != first
    (tmp_path / "resources" / "sample" / "b.json").write_text("{}", encoding="utf-8")
    assert bundle.fingerprint(tmp_path) not in (first, changed)


# --- icon, About dialog, licences --------------------------------------------------------------


def test_icon_files_hold_every_size(qapp) -> None:
    from PIL import Image

    from disclosure_app.qt.icons import app_icon

    with Image.open(ROOT / "resources" / "icons" / "app.ico") as ico:
        assert {(16, 16), (32, 32), (48, 48), (256, 256)} <= set(ico.info["sizes"])
    sizes = {(s.width(), s.height()) for s in app_icon().availableSizes()}
    assert sizes == {(16, 16), (32, 32), (48, 48), (256, 256)}
    image = app_icon().pixmap(256, 256).toImage()
    seal = image.pixelColor(int(256 * 0.64), int(256 * 0.68 - 256 * 0.27))  # the red ring, above “公”
    assert seal.red() > 150 and seal.green() < 80 and seal.blue() < 80


def test_licence_files_cover_every_runtime_dependency() -> None:
    assert collect_licenses.missing() == []
    listed = {_norm(c["from"]) for c in collect_licenses.load_index() if c.get("from")}
    qt = {"pyside6-essentials", "shiboken6"}  # covered by the Qt notice and LGPL-3.0 text
    pending = list(metadata.requires("disclosure-app") or [])
    seen: set[str] = set()
    while pending:
        requirement = pending.pop()
        if ";" in requirement:  # extras (test, build) and platform-specific packages
            continue
        name = _norm(re.match(r"[A-Za-z0-9_.-]+", requirement).group(0))
        if name in seen:
            continue
        seen.add(name)
        pending += [r for r in metadata.requires(name) or []]
    # Distributions left out of the bundle (pypdfium2, needed by pdfplumber only for page images) are not shipped.
    left_out = {_norm(name) for name in bundle.PY_EXCLUDED}
    shipped = seen - qt - left_out
    assert shipped <= listed, f"这些随程序分发的组件没有许可证条目：{sorted(shipped - listed)}"
    assert {"pdfplumber", "pdfminer-six", "cryptography"} <= listed


def test_about_dialog_lists_licences_and_the_qt_notice(qtbot) -> None:
    from PySide6.QtWidgets import QLabel

    from disclosure_app.qt.about import AboutDialog, licence_text

    dialog = AboutDialog()
    qtbot.addWidget(dialog)
    assert disclosure_app.APP_NAME in dialog.windowTitle()
    labels = [dialog.list.item(i).text() for i in range(dialog.list.count())]
    for name, licence in (("PySide6", "LGPL-3.0"), ("python-docx", "MIT"), ("openpyxl", "MIT"),
                          ("ReportLab", "BSD"), ("Jinja2", "BSD"), ("UMing", "Arphic"), ("文泉驿", "Apache-2.0")):
        assert any(name in label and licence in label for label in labels), f"关于对话框缺少 {name}（{licence}）"
    shown = " ".join(label.text() for label in dialog.findChildren(QLabel))
    assert f"版本 {disclosure_app.__version__}" in shown
    assert "替换" in shown and "LGPL-3.0" in shown
    for component in dialog.components:
        assert "找不到许可证文件" not in licence_text(component), component.name
    dialog.list.setCurrentRow(labels.index(next(label for label in labels if "Jinja2" in label)))
    assert "Redistribution and use in source and binary forms" in dialog.text.toPlainText()
    dialog.list.setCurrentRow(0)
    assert "GNU LESSER GENERAL PUBLIC LICENSE" in dialog.text.toPlainText()


# --- the frozen bundle -------------------------------------------------------------------------


def _run(args: list[str], cwd: Path, **env: str) -> subprocess.CompletedProcess:
    """The bundled console executable, offscreen, with empty per-user folders under ``cwd``
    (no recovery offer or recent files from this machine)."""
    home = {name: str(cwd / "user" / name.lower()) for name in
            ("XDG_DATA_HOME", "XDG_CONFIG_HOME", "XDG_CACHE_HOME", "APPDATA", "LOCALAPPDATA")}
    return subprocess.run([str(bundle.executable())] + args, cwd=cwd, capture_output=True, text=True,
                          encoding="utf-8", timeout=300, check=False,
                          env=dict(os.environ, QT_QPA_PLATFORM="offscreen", **home, **env))


@pytest.mark.slow
def test_frozen_bundle_runs_from_anywhere(tmp_path: Path) -> None:
    import pdfplumber
    from docx import Document
    from openpyxl import load_workbook

    result = build_bundle.build()
    assert result.size < 250e6, f"程序包 {result.size / 1e6:.0f} MB，超过 250 MB"
    internal = bundle.contents_dir()
    assert (internal / "resources" / "fonts" / "song.ttf").is_file()
    assert (internal / "resources" / "licenses" / "LGPL-3.0.txt").is_file()
    assert not list(internal.rglob("*QtNetwork*.pyd")) + list(internal.rglob("QtNetwork.abi3.so"))

    done = _run(["sample", "final", "x.dapj"], tmp_path)
    assert done.returncode == 0, done.stderr
    assert (tmp_path / "x.dapj").is_file()

    done = _run(["validate", "x.dapj", "--json"], tmp_path)
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["counts"]["error"] == 0

    out = tmp_path / "out"
    done = _run(["export", "x.dapj", "--out", str(out), "--draft", "--format", "pdf,docx,xlsx"], tmp_path)
    assert done.returncode == 0, done.stderr + done.stdout
    pdf, docx, xlsx = (next(out.glob(f"*.{ext}")) for ext in ("pdf", "docx", "xlsx"))
    assert b"/FontFile2" in pdf.read_bytes(), "PDF 没有嵌入 TrueType 字体"
    with pdfplumber.open(pdf) as doc:
        assert "收入支出决算总表" in doc.pages[0].extract_text() + doc.pages[1].extract_text()
    assert any("阳城县司法局" in p.text for p in Document(str(docx)).paragraphs)
    assert len(load_workbook(xlsx, read_only=True).sheetnames) >= 10

    # A large department: the frozen program validates and writes the workbook in a second
    # process (it starts itself again: freeze_support) while it writes the PDF.  Asked for Excel
    # first, the PDF comes first; the second process says nothing (no usage text, no traceback).
    import sys
    sys.path.insert(0, str(ROOT / "bench"))
    from synthetic import build_large_project

    from disclosure_app.store import save_project
    save_project(build_large_project(rows=600), tmp_path / "big.dapj")
    done = _run(["export", "big.dapj", "--out", "big", "--draft", "--format", "xlsx,pdf"], tmp_path)
    assert done.returncode == 0, done.stderr + done.stdout
    steps = [line.split("] ", 1)[1] for line in done.stdout.splitlines() if line.startswith("[")]
    assert steps == ["校验数据", "生成情况说明", "生成 PDF 文件", "生成 Excel 文件", "写入文件清单"], done.stdout
    assert done.stderr == "", done.stderr
    assert len(load_workbook(next((tmp_path / "big").glob("*.xlsx")), read_only=True).sheetnames) >= 10

    # No subcommand: the main window on the project, shown offscreen, then closed by the probe.
    done = _run(["x.dapj"], tmp_path, **{entry.PROBE_ENV: "1"})
    assert done.returncode == 0, done.stderr
    assert re.search(rf"^{entry.PROBE_MARK} \d+\.\d+$", done.stdout, re.M), done.stdout + done.stderr
