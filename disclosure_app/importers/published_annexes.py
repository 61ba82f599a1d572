"""The 附件 of a published document (绩效目标表, 绩效自评表), read back from its text into annex tables.

Each kind that can be read says how in its spec (``AnnexKind.extra["read"]``, data):

- ``title`` — a regular expression for the line that starts a table of the kind;
- ``fields`` — ``{field: (label, occurrence)}``: the value is the next non-empty cell after the
  ``occurrence``-th cell whose text is the label (blanks, ``其中`` and colons ignored), so the
  two 资金 columns of a 项目支出绩效目标表 (实施期 | 年度) are told apart by their order;
- ``groups`` — ``{group: {"after": label, "until": label, "levels": …}}``: the rows of an indicator
  group, from the line holding ``after`` to the one starting with ``until``; 一级/二级 names are
  recognised from the kind's list of levels and carried down to the rows below them, the other
  cells are 三级指标 and their values (a second pair on one line is the 年度 side);
- ``pairs`` — ``{group: (after, until)}``: rows of two texts (年度重点任务: 核心职能 | 重点任务).

:func:`read_annexes` returns the tables it read and the titles of those it could not; the
caller lists the latter for the user (nothing is silently dropped).  Amounts are kept exactly as
printed (元 as 元).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal

from ..annexes.model import Annex, AnnexError, new_annex, new_row, parse_number
from ..forms.annex_kinds import annex_kinds
from ..forms.annex_spec import AnnexKind

_SPACE = re.compile(r"[\s　]+")
_HTML = re.compile(r"</?\w+[^>]*>")
_TOP_HEADING = re.compile(r"^(?:#+\s*)?(?:[一二三四五六七八九十]{1,3}、|第[一二三四五六七八九十]部分)")


@dataclass
class ReadAnnexes:
    tables: list[Annex] = field(default_factory=list)
    unread: list[str] = field(default_factory=list)     # titles of tables that gave nothing
    notes: list[str] = field(default_factory=list)


def _norm(cell: str) -> str:
    """A label cell as compared: no blanks, no 其中, no colons."""
    out = _SPACE.sub("", cell)
    out = out.replace("其中", "").replace("：", "").replace(":", "")
    return out


def _cells(line: str) -> list[str]:
    return [c.strip() for c in line.split("\t")]


def _readable() -> list[tuple[AnnexKind, re.Pattern]]:
    return [(k, re.compile(k.extra["read"]["title"])) for k in annex_kinds() if "read" in k.extra]


def _starts(lines: list[str]) -> list[tuple[int, AnnexKind, str]]:
    kinds = _readable()
    out = []
    for i, ln in enumerate(lines):
        text = ln.strip()
        if not text or len(text) > 80 or len([c for c in _cells(ln) if c]) > 1:
            continue
        for kind, title in kinds:
            if title.search(text):
                out.append((i, kind, text))
                break
    return out


def _value_after(block: list[str], label: str, occurrence: int, labels: set[str]) -> str | None:
    """The cell after the ``occurrence``-th ``label`` cell ("" when the next one is a label too)."""
    want = _norm(label)
    seen = 0
    for ln in block:
        cells = _cells(ln)
        for j, c in enumerate(cells):
            if c and _norm(c) == want:
                if seen == occurrence:
                    value = next((x for x in cells[j + 1:] if x), "")
                    return "" if _norm(value) in labels else value
                seen += 1
    return None


def _clean_text(text: str) -> str:
    text = _HTML.sub("", text).strip()
    if len(text) > 1 and text[0] in "“\"" and text[-1] in "”\"":
        text = text[1:-1]
    return text


def _fields(kind: AnnexKind, a: Annex, block: list[str], notes: list[str], title: str) -> int:
    found = 0
    fields = kind.extra["read"].get("fields", {})
    labels = {_norm(label) for label, _ in fields.values()}
    for key, (label, occurrence) in fields.items():
        raw = _value_after(block, label, occurrence, labels)
        if raw is None:
            continue
        f = kind.field(key)
        assert f is not None, key
        if f.numeric:
            text = raw.strip()
            if f.suffix and text.endswith(f.suffix):
                text = text[:-len(f.suffix)]
            text = re.sub(r"[个人名家件次]$", "", text)
            try:
                a.values[key] = parse_number(text) if text else None
            except AnnexError:
                notes.append(f"附件“{title}”{f.label}“{raw}”不是数字，未导入")
                continue
        else:
            a.values[key] = _clean_text(raw)
        found += 1
    return found


def _split_rows(block: list[str], after: str, until: str) -> list[list[str]]:
    out: list[list[str]] = []
    on = False
    for ln in block:
        cells = [c for c in _cells(ln) if c]
        if not on:
            if any(_norm(c) == _norm(after) for c in cells):
                on = True
            continue
        if not cells:
            continue
        if until and _norm(cells[0]).startswith(_norm(until)):
            break
        out.append(cells)
    return out


def _levels(kind: AnnexKind, spec: dict, rows: list[list[str]]) -> list[dict]:
    one = {_norm(x) for x in spec["level1"]}
    two = {_norm(x) for x in spec["level2"]}
    sides = spec.get("sides", 1)
    skip = {_norm(x) for x in spec.get("skip", ())}
    out: list[dict] = []
    l1 = ""
    l2 = ["", ""]
    for cells in rows:
        pairs: list[list[str]] = [[], []]
        side = 0
        seen2 = [False, False]
        for c in cells:
            n = _norm(c)
            if n in skip:
                continue
            if n in one and not (n in two and l1):
                if n != _norm(l1):
                    l2 = ["", ""]
                l1 = c
            elif n in two:
                if side == 0 and seen2[0] and not pairs[0] and n == _norm(l2[0]):
                    continue            # a 二级 name printed in the 一级 column too (a misplaced cell)
                if sides == 2 and side == 0 and (seen2[0] or pairs[0]):
                    side = 1
                l2[side] = c
                seen2[side] = True
            else:
                pairs[side].append(c)
                if sides == 2 and side == 0 and len(pairs[0]) == 2:
                    side = 1
        first = pairs[0] + [""] * (2 - len(pairs[0][:2]))
        row = {"level1": l1, "level2": l2[0], "name": first[0], "value": first[1]}
        if sides == 2:
            second = pairs[1] + [""] * (2 - len(pairs[1][:2]))
            row.update({"y_level2": l2[1], "y_name": second[0], "y_value": second[1]})
            out.append(row)
        else:
            out.append(row)
            rest = pairs[0][2:]
            for k in range(0, len(rest), 2):      # one side: further pairs are further rows
                out.append({"level1": l1, "level2": l2[0], "name": rest[k],
                            "value": rest[k + 1] if k + 1 < len(rest) else ""})
    parents = {_norm(k): v for k, v in spec.get("parents", {}).items()}
    for r in out:                 # rows above the first 一级 name printed (it sits lower, merged)
        if r["level1"]:
            break
        r["level1"] = parents.get(_norm(r["level2"]), "")
    kept: list[dict] = []
    for r in out:                 # a blank row repeated (cells pushed to a line of their own) adds nothing
        blank = not any(v for k, v in r.items() if k in ("name", "value", "y_name", "y_value"))
        if blank and kept and all(kept[-1].get(k) == v for k, v in r.items()):
            continue
        kept.append(r)
    return kept


def read_table(kind: AnnexKind, block: list[str], title: str, notes: list[str]) -> Annex | None:
    """One table of ``kind`` from its lines (the title line excluded); ``None`` when nothing reads."""
    read = kind.extra["read"]
    a = new_annex(kind.id)
    for g in kind.groups:
        a.rows[g.key] = []
    found = _fields(kind, a, block, notes, title)
    for key, spec in read.get("groups", {}).items():
        group = kind.group(key)
        assert group is not None
        rows = _levels(kind, spec, _split_rows(block, spec["after"], spec.get("until", "")))
        a.rows[key] = [new_row(group, {k: v for k, v in r.items() if k in {c.key for c in group.columns}})
                       for r in rows]
        found += len(rows)
    for key, (after, until) in read.get("pairs", {}).items():
        group = kind.group(key)
        assert group is not None
        cols = [c.key for c in group.columns]
        rows = []
        for cells in _split_rows(block, after, until):
            cells = [c for c in cells if _norm(c) not in {_norm(x) for x in read.get("pair_skip", ())}]
            if len(cells) >= 2:
                rows.append(new_row(group, dict(zip(cols, (cells[0], " ".join(cells[1:]))))))
        a.rows[key] = rows
        found += len(rows)
    if "texts_after" in read:           # 总体目标: the texts under a header line (实施期目标 | 年度目标)
        after, keys, skip = read["texts_after"]
        at = next((j for j, ln in enumerate(block) if any(_norm(c) == _norm(after) for c in _cells(ln))), None)
        if at is not None:
            labels = {_norm(x) for x in (after, *skip)}
            for ln in block[at:at + 2]:
                texts = [c for c in _cells(ln) if c and _norm(c) not in labels]
                if texts:
                    for key, text in zip(keys, texts):
                        a.values[key] = text
                        found += 1
                    break
    for key, value in read.get("title_fields", {}).items():
        m = re.search(value, title)
        if m:
            a.values[key] = m.group(1)
    return a if found else None


def read_annexes(lines: list[str]) -> ReadAnnexes:
    """Every 附件 table the text prints, of the kinds that can be read, in order."""
    out = ReadAnnexes()
    starts = _starts(lines)
    for k, (at, kind, title) in enumerate(starts):
        end = starts[k + 1][0] if k + 1 < len(starts) else len(lines)
        block = lines[at + 1:end]
        stop = next((j for j, ln in enumerate(block) if j > 2 and _TOP_HEADING.match(ln.strip())
                     and "\t" not in ln), len(block))
        table = read_table(kind, block[:stop], title, out.notes)
        if table is None:
            out.unread.append(title)
        else:
            out.tables.append(table)
    return out


def amounts(a: Annex) -> list[tuple[str, Decimal]]:
    """(path, value) of every figure the table holds, in the file's order (for the tests and
    the audit of a read table)."""
    out = [(k, v) for k, v in a.values.items() if isinstance(v, Decimal)]
    for g, rows in a.rows.items():
        out += [(f"{g}.{i}.{c}", v) for i, r in enumerate(rows) for c, v in r.items() if isinstance(v, Decimal)]
    return out
