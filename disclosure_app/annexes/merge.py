"""The 附件 a published document brings into an existing project (``import --into``).

A table read from the document takes the place of the project's table of the same kind and the
same heading (the kind's title with its fields filled in: the project, the unit); a table the
project does not have is added after the others; the project's other tables stay as they are.
Replacing a table replaces what was typed in it, so the plan says which tables are replaced and
how many of their values change — the preview shows it before anything is written.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from .model import Annex, Value

__all__ = ["AnnexMerge", "merge_annexes"]

_SPACE = re.compile(r"\s+")


def _key(a: Annex) -> tuple[str, str]:
    return a.kind, _SPACE.sub("", a.heading)


def _values(a: Annex) -> dict[str, Value]:
    out: dict[str, Value] = {k: v for k, v in a.values.items() if v not in (None, "")}
    for g, rows in a.rows.items():
        out.update({f"{g}.{i}.{c}": v for i, r in enumerate(rows) for c, v in r.items() if v not in (None, "")})
    return out


def changed_values(old: Annex, new: Annex) -> int:
    """How many values of ``old`` (filled in either table) ``new`` does not hold the same: a
    value typed and not read, read and not typed, or read otherwise (100.00 against 100 counts)."""
    a, b = _values(old), _values(new)
    return sum(1 for k in a.keys() | b.keys() if str(a.get(k)) != str(b.get(k)))


@dataclass
class AnnexMerge:
    """The project's 附件 after the import, and what happened to each table read."""
    annexes: list[Annex]
    replaced: list[tuple[int, str, int]] = field(default_factory=list)   # (index, heading, values changed)
    added: list[tuple[int, str]] = field(default_factory=list)           # (index, heading)

    def lines(self) -> list[str]:
        """The preview's lines: each table replaced (with the values it changes) or added."""
        out = []
        for i, heading, n in self.replaced:
            what = f"其中 {n} 个值与项目中的不同，将按公开文件改写" if n else "内容与项目中的相同"
            out.append(f"  替换项目中的附件{i + 1}“{heading}”：{what}")
        out += [f"  新增附件{i + 1}“{heading}”" for i, heading in self.added]
        return out


def merge_annexes(have: list[Annex], read: list[Annex]) -> AnnexMerge:
    """``have`` with each table of ``read`` in the place of the one of the same kind and heading
    (the n-th of a repeated heading replaces the n-th), the others appended; copies throughout."""
    out = [a.copy() for a in have]
    merge = AnnexMerge(out)
    taken: set[int] = set()
    for a in read:
        at = next((i for i, b in enumerate(have) if i not in taken and _key(b) == _key(a)), None)
        if at is None:
            out.append(a.copy())
            merge.added.append((len(out) - 1, a.heading or a.spec.name))
            continue
        taken.add(at)
        merge.replaced.append((at, a.heading or a.spec.name, changed_values(have[at], a)))
        out[at] = a.copy()
    return merge
