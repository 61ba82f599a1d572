"""The layers stay honest: Qt only in qt/, document libraries only in the exporters (and openpyxl in
the importers), and no ``float(`` in the core, where money is Decimal."""

from __future__ import annotations

import ast
from functools import cache
from pathlib import Path

import disclosure_app

PACKAGE = Path(disclosure_app.__file__).resolve().parent

# top-level module -> sub-packages allowed to import it
ALLOWED = {
    "PySide6": ("qt",),
    "shiboken6": ("qt",),
    "docx": ("export",),
    "reportlab": ("export",),
    "openpyxl": ("export", "importers"),
}


@cache
def _modules() -> list[tuple[str, ast.Module]]:
    out = []
    for path in sorted(PACKAGE.rglob("*.py")):
        rel = path.relative_to(PACKAGE).as_posix()
        out.append((rel, ast.parse(path.read_text(encoding="utf-8"), filename=rel)))
    return out


def _imports(tree: ast.Module) -> list[tuple[int, str]]:
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found += [(node.lineno, a.name.split(".")[0]) for a in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.append((node.lineno, node.module.split(".")[0]))
        elif (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)
              and node.func.attr == "import_module" and node.args
              and isinstance(node.args[0], ast.Constant) and isinstance(node.args[0].value, str)):
            found.append((node.lineno, node.args[0].value.split(".")[0]))
        elif (isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == "__import__"
              and node.args and isinstance(node.args[0], ast.Constant)
              and isinstance(node.args[0].value, str)):
            found.append((node.lineno, node.args[0].value.split(".")[0]))
    return found


def _layer(rel: str) -> str:
    return rel.split("/")[0] if "/" in rel else ""


def test_package_is_found() -> None:
    names = [rel for rel, _ in _modules()]
    assert "rules/engine.py" in names and "session.py" in names


def test_gui_and_document_libraries_stay_in_their_layer() -> None:
    bad = []
    for rel, tree in _modules():
        for line, top in _imports(tree):
            if top in ALLOWED and _layer(rel) not in ALLOWED[top]:
                bad.append(f"{rel}:{line} imports {top}")
    assert bad == [], "layering broken:\n" + "\n".join(bad)


def test_no_float_in_the_core() -> None:
    bad = []
    for rel, tree in _modules():
        if _layer(rel) == "qt":
            continue
        for node in ast.walk(tree):
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == "float":
                bad.append(f"{rel}:{node.lineno}")
    assert bad == [], "float( in the core (money is Decimal):\n" + "\n".join(bad)


def test_the_checker_sees_violations() -> None:
    """The walkers above must catch the forms a violation can take."""
    tree = ast.parse("import PySide6.QtWidgets\nfrom docx import Document\n"
                     "import importlib\nimportlib.import_module('openpyxl')\nx = float('1.5')\n")
    assert [t for _, t in _imports(tree)] == ["PySide6", "docx", "importlib", "openpyxl"]
    assert any(isinstance(n, ast.Call) and getattr(n.func, "id", "") == "float" for n in ast.walk(tree))
    assert _layer("qt/app.py") == "qt" and _layer("cli.py") == ""
