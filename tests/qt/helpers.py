"""Small helpers shared by the tests of the main window."""

from __future__ import annotations


def listed_findings(panel) -> list:
    """The findings the validation panel lists, in its order."""
    return [n.finding for n in panel.model.nodes() if n.finding is not None]
