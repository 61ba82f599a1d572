"""The 附件 of a published document (绩效目标表, 绩效自评表), read back from its text into annex tables.

Each kind that can be read says how in its spec (``AnnexKind.extra["read"]``, data):

- ``title`` — a regular expression for the line that starts a table of the kind (brackets compared
  half-width: ``部门(单位)``);
- ``fields`` — ``{field: (label, occurrence)}`` (or just the label): the value is the next non-empty
  cell after the ``occurrence``-th cell whose text is the label (blanks, ``其中``, colons and a unit
  in brackets ignored; a label ending in ``*`` matches a cell starting with it), empty when the
  next cell is another label of the table; a field with choices (等级) takes the first cell of its
  line that is one of them;
- ``below`` — ``[{"head": {field: label}, "blank": (fields…)}]``: a header line of labels and the
  line of values under it (收支情况, 年度资金总额, the footer 小计 | 执行率得分 | 减分项 | 总得分), by
  column when both lines keep every cell, else in order, the ``blank`` fields missing first;
- ``rows`` — ``{group: spec}``: the group's rows, read by :mod:`.annex_rows`;
- ``groups`` — ``{group: {"after": label, "until": label, "levels": …}}``: 目标表 indicator rows of
  name | value pairs, 一级/二级 names recognised from the kind's list of levels and carried down
  (a second pair on one line is the 年度 side);
- ``pairs`` — ``{group: (after, until)}``: rows of two texts (年度重点任务: 核心职能 | 重点任务);
- ``texts_after`` — the texts of the line under a header (实施期目标 | 年度目标);
- ``title_fields`` — ``{field: pattern}``: a field taken from the title line.

:func:`read_annexes` returns the tables it read and the tables it recognised but could not read,
each with its title and line; :func:`read_document_annexes` adds the tables to a project and
notes, in Chinese, every 附件 it left out (nothing is silently dropped).  Amounts are kept exactly
as printed (元 as 元, 84.00 as 84.00); a blank figure stays blank (``None``), never 0.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal
from functools import cache

from ..annexes.model import Annex, AnnexError, new_annex, new_row, parse_number
from ..forms.annex_kinds import annex_kinds, get_annex_kind
from ..forms.annex_spec import AnnexKind, Block, Each, Line
from .annex_cells import cells, label_match, norm, table_rows
from .annex_rows import read_rows

__all__ = ["ReadAnnexes", "Unread", "amounts", "read_annexes", "read_document_annexes", "read_table"]

_HTML = re.compile(r"</?\w+[^>]*>")
_TOP_HEADING = re.compile(r"^(?:#+\s*)?(?:[一二三四五六七八九十]{1,3}、|第[一二三四五六七八九十]部分)")
_PART = re.compile(r"^第[一二三四五六七八九十]部分")        # a part heading naming the 自评表 is not the table
_ANNEX_LINE = re.compile(r"^附件\s*\d{1,2}\s*$")
_TOC_LIKE = re.compile(r"^附件\s*\d{0,2}\s*[：:]")
ANNEX_TITLE = re.compile(r"(绩效目标表|绩效目标申报表|绩效自评表)\s*$")
_HALF = str.maketrans("（）：", "():")


@dataclass(frozen=True)
class Unread:
    """A table recognised by its title but not read: its title, 0-based line index and why."""
    title: str
    line: int
    why: str


@dataclass
class ReadAnnexes:
    tables: list[Annex] = field(default_factory=list)
    unread: list[Unread] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    lines: list[int] = field(default_factory=list)       # the title line of each table read
    ends: list[int] = field(default_factory=list)        # the line after each table read


def _clean_text(text: str) -> str:
    text = _HTML.sub("", text).strip()
    if len(text) > 1 and text[0] in "“\"" and text[-1] in "”\"":
        text = text[1:-1]
    return text


def _puts(items: Iterable) -> Iterable:
    for it in items:
        if isinstance(it, Block):
            yield it.label
            yield from _puts(it.items)
        elif isinstance(it, (Line, Each)):
            yield from it.cells


@cache
def _labels(kind_id: str) -> frozenset[str]:
    """Every label the kind prints (and its read spec names), as compared."""
    kind = get_annex_kind(kind_id)
    read = kind.extra.get("read", {})
    out = {norm(p.text) for p in _puts(kind.layout) if p.text}
    for spec in read.get("fields", {}).values():
        out.add(norm((spec if isinstance(spec, str) else spec[0]).rstrip("*")))
    for below in read.get("below", ()):
        out |= {norm(x) for x in below["head"].values()}
    return frozenset(x for x in out if x)


def _is_label(kind: AnnexKind, cell: str) -> bool:
    return norm(cell) in _labels(kind.id)


def _value_after(kind: AnnexKind, block: list[str], label: str, occurrence: int,
                 choices: tuple[str, ...], text: bool) -> str | None:
    """The cell after the ``occurrence``-th ``label`` cell ("" when the next one is a label)."""
    seen = 0
    for i, ln in enumerate(block):
        row = cells(ln)
        for j, c in enumerate(row):
            if not (c and label_match(c, label)):
                continue
            if seen < occurrence:
                seen += 1
                continue
            rest = [x for x in row[j + 1:] if x and not label_match(x, label)]
            if not rest and label.endswith("*") and re.search(r"\s", c.strip()):
                rest = [re.split(r"\s+", c.strip(), maxsplit=1)[1]]    # label and text in one cell
            if not rest and (choices or not text):      # a figure pushed to the next line ("88.5 良")
                nxt = next((x for x in block[i + 1:i + 2] if x.strip()), "")
                words = [w for x in cells(nxt) if x for w in x.split()]
                rest = words if words and not _is_label(kind, words[0]) else []
            if choices:
                return next((x for x in rest if x in choices), "")
            if not rest or _is_label(kind, rest[0]):
                return ""
            if text and "\t" not in ln:        # a line copied with blanks: the text up to the next label
                words = []
                for x in rest:
                    if _is_label(kind, x):
                        break
                    words.append(x)
                return " ".join(words)
            return rest[0]
    return None


def _put(kind: AnnexKind, a: Annex, key: str, raw: str, notes: list[str], title: str) -> bool:
    f = kind.field(key)
    assert f is not None, key
    if not f.numeric:
        a.values[key] = _clean_text(raw)
        return bool(a.values[key])
    text = raw.strip()
    if f.suffix and text.endswith(f.suffix):
        text = text[:-len(f.suffix)]
    text = re.sub(r"[个人名家件次]$", "", text)
    try:
        a.values[key] = parse_number(text) if text else None
    except AnnexError:
        notes.append(f"附件“{title}”的“{f.label}”为“{raw}”，不是数字，未导入；请在“附件”中填写")
        return False
    return a.values[key] is not None


def _fields(kind: AnnexKind, a: Annex, block: list[str], notes: list[str], title: str) -> int:
    found = 0
    for key, spec in kind.extra["read"].get("fields", {}).items():
        label, occurrence = (spec, 0) if isinstance(spec, str) else spec
        f = kind.field(key)
        assert f is not None, key
        raw = _value_after(kind, block, label, occurrence, f.choices, not f.numeric)
        if raw is not None:
            found += _put(kind, a, key, raw, notes, title)
    return found


def _below(kind: AnnexKind, a: Annex, block: list[str], notes: list[str], title: str) -> int:
    """Values in the line under a header line of labels (see the module docstring)."""
    found = 0
    for spec in kind.extra["read"].get("below", ()):
        head: dict[str, str] = spec["head"]
        for i, ln in enumerate(block):
            row = cells(ln)
            at = {key: next((j for j, c in enumerate(row) if c and label_match(c, label)), None)
                  for key, label in head.items()}
            at = {k: j for k, j in at.items() if j is not None}
            if len(at) < min(2, len(head)):
                continue
            nxt = next((x for x in block[i + 1:] if any(cells(x))), None)
            if nxt is None:
                break
            values = cells(nxt)
            if "\t" in ln and "\t" in nxt and len(values) == len(row):
                got = {k: values[j] for k, j in at.items()}
            else:
                texts = [v for v in values if v and not _is_label(kind, v)]
                keys = [k for k in head if k in at]
                missing = [k for k in spec.get("blank", ()) if k in keys][:max(0, len(keys) - len(texts))]
                keys = [k for k in keys if k not in missing]
                got = dict(zip(keys, texts))
                if len(texts) > len(keys) and keys and not kind.field(keys[-1]).numeric:
                    got[keys[-1]] = " ".join(texts[len(keys) - 1:])
            for k, raw in got.items():
                found += _put(kind, a, k, raw, notes, title)
            break
    return found


def _split_rows(block: list[str], after: str, until: str) -> list[list[str]]:
    out: list[list[str]] = []
    on = False
    for ln in block:
        row = [c for c in cells(ln) if c]
        if not on:
            if any(norm(c) == norm(after) for c in row):
                on = True
            continue
        if not row:
            continue
        if until and norm(row[0]).startswith(norm(until)):
            break
        out.append(row)
    return out


def _levels(spec: dict, rows: list[list[str]]) -> list[dict]:
    """目标表 indicator rows: 一级/二级 names and name | value pairs (one side or two)."""
    one = {norm(x) for x in spec["level1"]}
    two = {norm(x) for x in spec["level2"]}
    sides = spec.get("sides", 1)
    skip = {norm(x) for x in spec.get("skip", ())}
    out: list[dict] = []
    l1 = ""
    l2 = ["", ""]
    for row in rows:
        pairs: list[list[str]] = [[], []]
        side = 0
        seen2 = [False, False]
        for c in row:
            n = norm(c)
            if n in skip:
                continue
            if n in one and not (n in two and l1):
                if n != norm(l1):
                    l2 = ["", ""]
                l1 = c
            elif n in two:
                if side == 0 and seen2[0] and not pairs[0] and n == norm(l2[0]):
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
        out_row = {"level1": l1, "level2": l2[0], "name": first[0], "value": first[1]}
        if sides == 2:
            second = pairs[1] + [""] * (2 - len(pairs[1][:2]))
            out_row.update({"y_level2": l2[1], "y_name": second[0], "y_value": second[1]})
            out.append(out_row)
        else:
            out.append(out_row)
            rest = pairs[0][2:]
            for k in range(0, len(rest), 2):      # one side: further pairs are further rows
                out.append({"level1": l1, "level2": l2[0], "name": rest[k],
                            "value": rest[k + 1] if k + 1 < len(rest) else ""})
    parents = {norm(k): v for k, v in spec.get("parents", {}).items()}
    for r in out:                 # rows above the first 一级 name printed (it sits lower, merged)
        if r["level1"]:
            break
        r["level1"] = parents.get(norm(r["level2"]), "")
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
    block = table_rows(block)
    a = new_annex(kind.id)
    for g in kind.groups:
        a.rows[g.key] = []
    found = _fields(kind, a, block, notes, title) + _below(kind, a, block, notes, title)
    for key, spec in read.get("rows", {}).items():
        group = kind.group(key)
        assert group is not None, key
        got = read_rows(kind, group, spec, block)
        a.rows[key] = got.rows
        found += len(got.rows)
        for ln in got.unread:
            notes.append(f"附件“{title}”的{group.label}中有一行未能读取，未导入：“{ln[:40]}”；请在“附件”中补录")
    for key, spec in read.get("groups", {}).items():
        group = kind.group(key)
        assert group is not None
        rows = _levels(spec, _split_rows(block, spec["after"], spec.get("until", "")))
        a.rows[key] = [new_row(group, {k: v for k, v in r.items() if k in {c.key for c in group.columns}})
                       for r in rows]
        found += len(rows)
    for key, (after, until) in read.get("pairs", {}).items():
        group = kind.group(key)
        assert group is not None
        cols = [c.key for c in group.columns]
        rows = []
        skip = {norm(x) for x in read.get("pair_skip", ())}
        for row in _split_rows(block, after, until):
            row = [c for c in row if norm(c) not in skip]
            if len(row) >= 2:
                rows.append(new_row(group, dict(zip(cols, (row[0], " ".join(row[1:]))))))
        a.rows[key] = rows
        found += len(rows)
    if "texts_after" in read:           # 总体目标: the texts under a header line (实施期目标 | 年度目标)
        after, keys, skip = read["texts_after"]
        at = next((j for j, ln in enumerate(block) if any(norm(c) == norm(after) for c in cells(ln))), None)
        if at is not None:
            labels = {norm(x) for x in (after, *skip)}
            for ln in block[at:at + 2]:
                texts = [c for c in cells(ln) if c and norm(c) not in labels]
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


def _readable(kinds: Iterable[str] | None) -> list[tuple[AnnexKind, re.Pattern]]:
    chosen = annex_kinds() if kinds is None else [get_annex_kind(k) for k in kinds]
    return [(k, re.compile(k.extra["read"]["title"])) for k in chosen if "read" in k.extra]


def _title_line(line: str) -> str | None:
    text = line.strip()
    if not text or len(text) > 80 or len([c for c in line.split("\t") if c.strip()]) > 1 or _PART.match(text):
        return None
    return text


def _starts(lines: list[str], kinds: Iterable[str] | None) -> list[tuple[int, AnnexKind, str]]:
    readable = _readable(kinds)

    def kind_of(text: str) -> AnnexKind | None:
        half = text.translate(_HALF)
        return next((kind for kind, title in readable if title.search(half)), None)

    out = []
    titles = [_title_line(ln) for ln in lines]
    for i, text in enumerate(titles):
        if text is None:
            continue
        kind = kind_of(text)
        if kind is not None:
            out.append((i, kind, text))
            continue
        nxt = titles[i + 1] if i + 1 < len(titles) else None     # a title wrapped over two lines
        if nxt and len(nxt) < 20 and kind_of(nxt) is None:
            kind = kind_of(text + nxt)
            if kind is not None:
                out.append((i + 1, kind, text + nxt))
    return out


def _end(lines: list[str], at: int, end: int) -> int:
    """Where the table starting at ``at`` stops: the next part or numbered heading, or the next 附件N."""
    for j in range(at + 1, end):
        s = lines[j].strip()
        if "\t" in lines[j] or j <= at + 3:
            continue
        if _TOP_HEADING.match(s) or _ANNEX_LINE.match(s):
            return j
    return end


def read_annexes(lines: list[str], kinds: Iterable[str] | None = None) -> ReadAnnexes:
    """Every 附件 table the text prints, of ``kinds`` (default: every kind that can be read), in
    order; the tables it recognises and cannot read in ``unread``."""
    out = ReadAnnexes()
    starts = _starts(lines, kinds)
    for k, (at, kind, title) in enumerate(starts):
        end = _end(lines, at, starts[k + 1][0] if k + 1 < len(starts) else len(lines))
        block = lines[at + 1:end]
        head = [c for ln in table_rows(block[:40]) for c in cells(ln) if c]
        if not any(_is_label(kind, c) for c in head[:60]):
            if _TOC_LIKE.match(title):
                continue                 # a 目录 line naming the 附件, not the table
            out.unread.append(Unread(title, at, "标题下没有这种表的栏目（如“" + _first_label(kind) + "”）"))
            continue
        table = read_table(kind, block, title, out.notes)
        if table is None:
            out.unread.append(Unread(title, at, "表中没有读到任何一项"))
        else:
            out.tables.append(table)
            out.lines.append(at)
            out.ends.append(end)
    return out


def _first_label(kind: AnnexKind) -> str:
    return next((p.text for p in _puts(kind.layout) if p.text), kind.name)


def read_document_annexes(project, lines: list[str], notes: list[str]) -> ReadAnnexes:
    """Read the 附件 of the kinds ``project``'s profile carries into ``project.annexes``; note,
    naming title and line, every 附件 recognised by its title that was not read (of a kind the
    profile does not carry, or whose table gave nothing)."""
    got = read_annexes(lines, project.profile.annex_kinds)
    project.annexes.extend(got.tables)
    notes.extend(got.notes)
    taken = set(got.lines) | {u.line for u in got.unread}
    for i, ln in enumerate(lines):
        text = _title_line(ln)
        if text is None or i in taken or not ANNEX_TITLE.search(text) or len(text) > 60 \
                or text.startswith(("附件", "附表")):
            continue
        got.unread.append(Unread(text, i, f"本公开格式（{project.profile.name or project.profile.title}）"
                                          f"不含这种附件，或其格式无法识别"))
    got.unread.sort(key=lambda u: u.line)
    for u in got.unread:
        notes.append(f"第{u.line + 1}行的附件“{u.title}”未能读取（{u.why}），其中的数字未导入，也未校验；"
                     f"如需随公开文件输出和校验，请在“附件”中按原表录入")
    return got


def amounts(a: Annex) -> list[tuple[str, Decimal]]:
    """(path, value) of every figure the table holds, in the file's order (for the tests and
    the audit of a read table)."""
    out = [(k, v) for k, v in a.values.items() if isinstance(v, Decimal)]
    for g, rows in a.rows.items():
        out += [(f"{g}.{i}.{c}", v) for i, r in enumerate(rows) for c, v in r.items() if isinstance(v, Decimal)]
    return out
