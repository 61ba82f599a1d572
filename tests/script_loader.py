"""The modules of build_scripts/ for the tests that run them, loaded under names no installed
package can shadow."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

SCRIPTS = Path(__file__).resolve().parent.parent / "build_scripts"
sys.path.insert(0, str(SCRIPTS))  # the scripts import their neighbour bundle.py
import bundle  # noqa: E402  (build_scripts/bundle.py, as the scripts themselves import it)

__all__ = ["SCRIPTS", "bundle", "load_script"]


def load_script(name: str):
    """The module build_scripts/``name``.py."""
    spec = importlib.util.spec_from_file_location(f"build_scripts_{name}", SCRIPTS / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module
