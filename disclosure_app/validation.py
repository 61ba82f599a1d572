"""What a full validation is: the forms' own rules plus the 情况说明 and 附件 checks.

One list for every caller — the CLI's ``validate``, the window's findings panel, the export's
refusal on errors — so they can never disagree about what counts as an error.
"""

from __future__ import annotations

from collections.abc import Callable

from .model import Project
from .rules.findings import Finding

Check = Callable[[Project], list[Finding]]

def full_checks() -> list[Check]:
    """The checks run besides the forms' own rules: 情况说明 (narrative), 附件 (annexes) and what
    cannot be published (:func:`disclosure_app.acceptance.bound_findings`: a project file holding
    an amount, year or text beyond the bounds opens, with these findings shown).

    Passed as ``extra_checks`` to :class:`~disclosure_app.rules.engine.Engine` and
    :class:`~disclosure_app.session.Session`.  The narrative checks are left out only when that
    module cannot be imported (a build without the narrative generator)."""
    from .acceptance import bound_findings
    from .rules.annex_checks import annex_checks
    try:
        from .narrative.checks import narrative_checks
    except ImportError:  # pragma: no cover - the narrative checks ship with the app
        return [annex_checks, bound_findings]
    return [narrative_checks, annex_checks, bound_findings]


def all_findings(project: Project) -> list[Finding]:
    """Every finding of a full validation, in the engine's order."""
    from .rules.engine import Engine
    return Engine(project, full_checks()).findings
