"""Who publishes: a 部门 (a department with its units, 部门决算公开) or a 单位 (one unit, 单位决算公开).

The profile's title names the usual one (the Shanxi 决算 sample prints 单位决算公开, the budget
部门预算公开); a project may say otherwise in ``options["publisher"]``, and that choice is used in
every title (cover, document title, PDF/Word properties) and file name.  No third-party imports.
"""

from __future__ import annotations

PUBLISHER_OPTION = "publisher"
PUBLISHERS = ("部门", "单位")


def default_publisher(profile) -> str:
    """部门 or 单位 as the profile's own title has it (部门 when it names neither)."""
    return next((p for p in PUBLISHERS if profile.title.startswith(p)), "部门")


def publisher(project) -> str:
    chosen = project.options.get(PUBLISHER_OPTION, "")
    return chosen if chosen in PUBLISHERS else default_publisher(project.profile)


def kind_title(project) -> str:
    """The document kind as printed: 单位决算公开 / 部门决算公开 / 部门预算公开."""
    title = project.profile.title
    for p in PUBLISHERS:
        if title.startswith(p):
            return publisher(project) + title[len(p):]
    return title
