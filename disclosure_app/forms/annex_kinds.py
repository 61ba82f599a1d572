"""The registry of annex kinds (data: :mod:`.annex_shanxi`, :mod:`.annex_budget`, :mod:`.annex_hunan`,
:mod:`.annex_liaoning`).  A profile names the kinds its publication carries (``Profile.annex_kinds``)."""

from __future__ import annotations

from functools import cache

from .annex_spec import AnnexKind

DEFAULT_KIND = "project_evaluation"     # the kind of a table stored without one (files before kinds)


@cache
def _kinds() -> dict[str, AnnexKind]:
    from . import annex_budget, annex_hunan, annex_liaoning, annex_shanxi
    out: dict[str, AnnexKind] = {}
    for module in (annex_shanxi, annex_budget, annex_hunan, annex_liaoning):
        for k in module.KINDS:
            out[k.id] = k
    return out


def get_annex_kind(kind_id: str) -> AnnexKind:
    try:
        return _kinds()[kind_id]
    except KeyError:
        raise KeyError(f"未知的附件类型“{kind_id}”，可用的有：{'、'.join(_kinds())}") from None


def annex_kinds() -> list[AnnexKind]:
    return list(_kinds().values())


def register_annex_kind(kind: AnnexKind) -> None:
    """Add a kind at run time (a layout defined as data outside the package, e.g. by a test)."""
    _kinds()[kind.id] = kind
