"""Where the bundled data lives: one helper for a source checkout and the frozen bundle.

Never relative to the current directory: the accountant double-clicks a project file and
the working directory is wherever Windows says it is.
"""

from __future__ import annotations

import sys
from pathlib import Path


def app_root() -> Path:
    """The directory holding ``resources/`` and ``templates/``."""
    frozen = getattr(sys, "_MEIPASS", None)
    if frozen:
        return Path(frozen)
    return Path(__file__).resolve().parent.parent


def resource(*parts: str) -> Path:
    return app_root().joinpath("resources", *parts)


def template_dir(*parts: str) -> Path:
    return app_root().joinpath("templates", *parts)
