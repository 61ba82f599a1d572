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
    # importers read published documents: the PDF itself (pdfplumber on pdfminer) and the Word file
    "docx": ("export", "importers"),
    "reportlab": ("export",),
    "openpyxl": ("export", "importers"),
    "pdfplumber": ("importers",),
    "pdfminer": ("importers",),
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


def _modules_imported(rel: str, tree: ast.Module) -> list[tuple[int, str]]:
    """Every ``disclosure_app`` module ``rel`` imports, relative imports resolved to full names
    (``from ..cli import x`` in ``qt/files.py`` is ``disclosure_app.cli``; ``from .. import cli`` too)."""
    package = ["disclosure_app", *rel.split("/")[:-1]]
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found += [(node.lineno, a.name) for a in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = package[:len(package) - node.level + 1] if node.level else []
            module = ".".join(base + ([node.module] if node.module else []))
            found.append((node.lineno, module))
            found += [(node.lineno, f"{module}.{a.name}") for a in node.names]
        elif (isinstance(node, ast.Call) and node.args and isinstance(node.args[0], ast.Constant)
              and isinstance(node.args[0].value, str)
              and ((isinstance(node.func, ast.Attribute) and node.func.attr == "import_module")
                   or (isinstance(node.func, ast.Name) and node.func.id == "__import__"))):
            found.append((node.lineno, node.args[0].value))
    return found


def _is_module(name: str, module: str) -> bool:
    return name == module or name.startswith(module + ".")


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


def test_the_window_never_imports_the_command_line() -> None:
    """The GUI and the CLI are two front ends of the same core (``operations``, ``session``…);
    neither is built on the other, so the CLI's errors and exit codes never leak into the window."""
    bad = [f"{rel}:{line} imports {name}" for rel, tree in _modules() if _layer(rel) == "qt"
           for line, name in _modules_imported(rel, tree) if _is_module(name, "disclosure_app.cli")]
    assert bad == [], "qt/ imports the command line:\n" + "\n".join(bad)


def test_the_core_imports_neither_front_end() -> None:
    front = ("cli.py", "cli_import.py", "__main__.py")     # cli_import: the `import` command, part of the CLI
    bad = [f"{rel}:{line} imports {name}" for rel, tree in _modules()
           if _layer(rel) != "qt" and rel not in front
           for line, name in _modules_imported(rel, tree)
           if _is_module(name, "disclosure_app.cli") or _is_module(name, "disclosure_app.qt")]
    assert bad == [], "the core imports a front end:\n" + "\n".join(bad)


def test_the_import_resolver_sees_every_spelling() -> None:
    tree = ast.parse("from ..cli import sample_project\nfrom .. import cli\nimport disclosure_app.cli\n"
                     "from .files import FileMixin\nimportlib.import_module('disclosure_app.cli')\n")
    names = [name for _, name in _modules_imported("qt/files.py", tree)]
    assert sum(_is_module(n, "disclosure_app.cli") for n in names) == 5
    assert "disclosure_app.qt.files" in names and not _is_module("disclosure_app.cli_args", "disclosure_app.cli")


# Layers from the bottom: a module may import its own layer and those below, never above.
# forms ← model / annexes' data ← layout ← rules ← narrative / store ← importers / export ←
# session ← qt.  ``layout`` (spec → grid) is below rules; the importers never import the
# exporters (both use ``layout``).  Unlisted top-level modules are utilities (amounts,
# paths, errors…) or front ends (cli, qt), checked by the tests above.
RANK = {
    "disclosure_app.forms": 0, "disclosure_app.model": 1, "disclosure_app.catalogues": 1,
    "disclosure_app.annexes.layout": 2,          # the 附件's printed grid, beside the forms' one
    "disclosure_app.annexes": 1, "disclosure_app.layout": 2,
    "disclosure_app.rules": 3,
    "disclosure_app.narrative": 4, "disclosure_app.store": 4, "disclosure_app.grid": 4,
    "disclosure_app.validation": 4,
    "disclosure_app.importers": 5, "disclosure_app.export": 5,
    "disclosure_app.annex_editing": 6, "disclosure_app.session": 6, "disclosure_app.operations": 6,
    "disclosure_app.qt": 7,
}
# importers and export are one rank but must not lean on each other
APART = {("disclosure_app.importers", "disclosure_app.export"), ("disclosure_app.export", "disclosure_app.importers")}


def _rank_of(module: str) -> tuple[str, int] | None:
    for name, rank in RANK.items():
        if _is_module(module, name):
            return name, rank
    return None


def test_each_layer_imports_only_those_below() -> None:
    bad = []
    for rel, tree in _modules():
        own = _rank_of("disclosure_app." + rel[:-3].replace("/", ".").removesuffix(".__init__"))
        if own is None:
            continue
        for line, name in _modules_imported(rel, tree):
            other = _rank_of(name)
            if other is None:
                continue
            if other[1] > own[1] or (own[0], other[0]) in APART:
                bad.append(f"{rel}:{line} ({own[0]}) imports {name} ({other[0]})")
    assert bad == [], "an import goes up a layer:\n" + "\n".join(sorted(set(bad)))
