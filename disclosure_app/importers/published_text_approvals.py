"""The 财政批复 tables some publications append (财决批复01–08: the finance bureau's approval).

They are the 公开 tables as approved, so they must equal them cell by cell and name by name;
a difference is a transcription or recognition error in one of the two.  The profile lists which
公开 form each 批复 number copies (``import_hints.approvals``).  :func:`approval_spans` finds them
by their label ("财决批复02表", "财政批复04"); :func:`read_approvals` reads each with the same
table reader as its 公开 form, into a scratch project, and compares:

- **P01** 错误 – a cell of the 批复 table differs from the 公开 table (a code row present in only
  one of them shows as its cells);
- **P02** 警告 – a 科目 printed under a different name.

A 批复 number the profile does not list (批复05 一般公共预算财政拨款收入支出决算批复表 has its own
15 columns) is named in the notes as not compared.
"""

from __future__ import annotations

import re

from ..catalogues import names_match
from ..model import Project, new_project
from ..narrative.naming import cell_name
from ..rules.findings import ERROR, WARNING, Cell, Finding
from .published_text_lines import Line, items
from .published_text_profile import table_reader
from .published_text_resolve import resolve

__all__ = ["approval_spans", "read_approvals"]

_LABEL = re.compile(r"(?:财决|财政)批复\s*0?(\d{1,2})\s*(?:表|$)")


def approval_spans(lines: list[Line], start: int, end: int) -> dict[int, tuple[int, int]]:
    """Line range of each 批复 table between ``start`` and ``end``, by its number."""
    heads: list[tuple[int, int]] = []
    for i in range(start, min(end, len(lines))):
        s = lines[i].text.strip()
        if not s or len(s) > 60 or any(t.kind == "num" and "." in t.text for t in items(s)):
            continue
        m = _LABEL.search(s)
        if m and "…" not in s and "..." not in s and not any(n == int(m.group(1)) for n, _ in heads):
            heads.append((int(m.group(1)), i))
    return {n: (at, heads[k + 1][1] if k + 1 < len(heads) else end) for k, (n, at) in enumerate(heads)}


def read_approvals(project: Project, lines: list[Line], spans: dict[int, tuple[int, int]],
                   notes: list[str]) -> list[Finding]:
    """P01/P02 of every 批复 table found (see the module docstring)."""
    copies = dict(project.profile.import_hints.approvals)
    out: list[Finding] = []
    for n, (a, b) in sorted(spans.items()):
        label = f"财决批复{n:02d}表"
        fid = copies.get(n)
        if fid is None:
            notes.append(f"{label}（第{lines[a].number}行起）的表样与公开表不同，未导入，也未与公开表核对")
            continue
        scratch = new_project(project.profile_id)
        scratch.info.year, scratch.info.name = project.info.year, project.info.name
        read_notes: list[str] = []
        pending = table_reader(scratch)(scratch, lines, {fid: (a, b)}, read_notes)
        resolve(scratch, pending, {fid}, read_notes)
        spec = scratch.form(fid)
        notes.extend(f"{label}：{m}" for m in read_notes if not m.startswith("没有找到"))
        keys = sorted({k for k in (*project.values, *scratch.values) if k[0] == fid})
        if not keys and not any(scratch.values):
            continue
        for key in keys:
            approved, published = scratch.values.get(key), project.values.get(key)
            if (approved or 0) != (published or 0):
                where = cell_name(project if published is not None else scratch, *key)
                out.append(Finding("P01", ERROR, f"{label}与{spec.label}不一致：{where} 批复为 {approved or 0:,.2f}，"
                                   f"公开为 {published or 0:,.2f}。批复表应与公开表逐格相同，可能是抄录或文字识别的错误，"
                                   f"请核对原文件", (Cell(*key),), approved, published,
                                   (published or 0) - (approved or 0)))
        ours = {r.code: r.name for r in project.codes(fid)}
        for r in scratch.codes(fid):
            if r.code in ours and not names_match(r.name, ours[r.code]):
                out.append(Finding("P02", WARNING, f"{label}与{spec.label}的科目 {r.code} 名称不同：批复为“{r.name}”，"
                                   f"公开为“{ours[r.code]}”。请核对", (Cell(fid, r.code, ""),)))
        notes.append(f"{label}已与{spec.label}逐格核对：{'有 ' + str(sum(1 for f in out if label in f.message)) + ' 处不一致' if any(label in f.message for f in out) else '一致'}")
    return out
