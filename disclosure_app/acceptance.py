"""What the program accepts, decided once: characters, field lengths, years and amounts.

Every way text or numbers enter a project — typing in the window, ``set``, ``load``, the Excel and
published-text imports — goes through this module, and so does opening a project file:

- :func:`clean_text` removes the characters no output format can carry (the C0 control characters
  other than tab and line feed — form feeds and NULs come with text copied from PDFs —, DEL, lone
  UTF-16 surrogates, U+FFFE/U+FFFF) and says which character it removed and where;
  :func:`sanitise_project` does it for every text of a project a reader produced.
- :func:`problems` lists what a project holds that cannot be published: a field longer than
  :data:`LIMITS` allows, a year outside :data:`MIN_YEAR`–:data:`MAX_YEAR`, an amount at or beyond
  the bound of :func:`disclosure_app.amounts.amount_problem`.  The same list refuses a ``load`` or
  an import (:func:`refuse_problems`), is shown as 错误 findings when a project file holding such a
  value is opened (:func:`bound_findings`: the file still opens, so it can be corrected), and
  refuses an export even when forced.  Nothing the program can save is ever refused on open.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass

from .amounts import amount_problem
from .errors import AppError
from .history import EditError
from .model import Project
from .rules.findings import ERROR, WARNING, Cell, Finding

MIN_YEAR, MAX_YEAR = 1990, 2100

# the longest text each field may hold; all fit an Excel cell (32 767), a Word core property
# (255, for the unit name that titles the document) and a Windows file name (the unit name)
NAME_LIMIT = 60                 # with the year and title it stays within a 255-byte file name
SHORT_LIMIT = 200
NOTE_LIMIT = 2000
CELL_TEXT_LIMIT = 5000
TEXT_LIMIT = 20000
LIMITS = {"name": NAME_LIMIT, "code": 50, "unit_type": 50, "duties": TEXT_LIMIT, "organisation": TEXT_LIMIT,
          "units": TEXT_LIMIT}
KEY_LIMIT = 200

_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ud800-\udfff\ufffe\uffff]")
_NAMES = {0x00: "空字符 NUL", 0x08: "退格符", 0x0b: "垂直制表符", 0x0c: "换页符", 0x1b: "ESC 控制符",
          0x7f: "删除符 DEL", 0xfffe: "非字符 U+FFFE", 0xffff: "非字符 U+FFFF"}
_INFO_ZH = {"name": "单位名称", "code": "单位代码", "unit_type": "单位性质", "duties": "部门职责",
            "organisation": "机构设置情况", "units": "决算单位构成", "year": "年度"}
_MAP_ZH = {"inputs": "情况说明输入", "overrides": "改写的段落", "accepted": "接受警告的说明", "options": "选项"}


RULE = "U01"                  # the findings of :func:`bound_findings`; an export is refused on them, forced or not


class AcceptanceError(AppError, ValueError):
    """Text or a value the program cannot publish; the message names the field and the limit."""


def char_name(ch: str) -> str:
    code = ord(ch)
    if 0xD800 <= code <= 0xDFFF:
        return f"不成对的代理字符 U+{code:04X}"
    return f"{_NAMES.get(code, '控制字符')} U+{code:04X}"


def clean_text(text: str, where: str, notices: list[str] | None = None) -> str:
    """``text`` without the characters no output can carry; a notice says which and where.

    A carriage return becomes a line feed (``\\r\\n`` one line feed), as every output writes lines."""
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    found = _ILLEGAL.search(text)
    if found is None:
        return text
    removed = _ILLEGAL.findall(text)
    kinds = "、".join(dict.fromkeys(char_name(c) for c in removed))
    if notices is not None:
        notices.append(f"{where}：第 {found.start() + 1} 个字符起共有 {len(removed)} 个无法发布的字符（{kinds}），"
                       f"已删除")
    return _ILLEGAL.sub("", text)


def length_problem(text: str, limit: int, where: str) -> str | None:
    if len(text) <= limit:
        return None
    return f"{where}有 {len(text):,} 个字，超过可发布的 {limit:,} 字：请删减或分段后再输入"


def year_problem(year: int) -> str | None:
    if MIN_YEAR <= year <= MAX_YEAR:
        return None
    return f"年度 {year} 不在 {MIN_YEAR}–{MAX_YEAR} 之间：请输入四位数字的年份，如 2024"


def accept_text(text: str, where: str, limit: int = TEXT_LIMIT) -> tuple[str, str | None]:
    """Typed or pasted text as it will be stored, and a notice when characters were removed.

    Raises :class:`AcceptanceError` when it is longer than ``limit``."""
    notices: list[str] = []
    text = clean_text(text, where, notices)
    problem = length_problem(text, limit, where)
    if problem:
        raise AcceptanceError(problem)
    return text, (notices[0] if notices else None)


# -- a whole project ------------------------------------------------------------------------------------
@dataclass(frozen=True)
class TextField:
    where: str
    value: str
    limit: int
    put: Callable[[str], None]


def text_fields(project: Project) -> Iterator[TextField]:
    """Every text of ``project`` with its place (Chinese), its limit and a setter."""
    info = project.info
    for name, limit in LIMITS.items():
        yield TextField(_INFO_ZH[name], getattr(info, name), limit,
                     lambda v, n=name: setattr(info, n, v))
    for kind, label in _MAP_ZH.items():
        mapping: dict[str, str] = getattr(project, kind)
        limit = NOTE_LIMIT if kind in ("accepted", "options") else TEXT_LIMIT
        for key, value in list(mapping.items()):
            yield TextField(f"{label}“{key[:40]}”", value, limit, lambda v, m=mapping, k=key: m.__setitem__(k, v))
    for form, note in list(project.form_notes.items()):
        yield TextField(f"{form} 空表说明", note, NOTE_LIMIT, lambda v, f=form: project.form_notes.__setitem__(f, v))
    for form, rows in project.code_rows.items():
        for i, row in enumerate(rows):
            where = f"{form} 第 {i + 1} 行"
            yield TextField(f"{where}代码", row.code, 50, lambda v, r=row: setattr(r, "code", v))
            yield TextField(f"{where}名称", row.name, SHORT_LIMIT, lambda v, r=row: setattr(r, "name", v))
            for k, v in list(row.texts.items()):
                yield TextField(f"{where}“{k}”", v, SHORT_LIMIT, lambda x, r=row, k=k: r.texts.__setitem__(k, x))
    for i, annex in enumerate(project.annexes):
        yield from _annex_fields(annex, f"附件{i + 1}")


_ANNEX_SHORT = ("name", "department", "unit", "grade", "source", "level1", "level2")


def annex_limit(path: str) -> int:
    """The limit of an annex field by its path (``goal``, ``indicators.2.name``, ``funds.0.reason``)."""
    parts = path.split(".")
    if parts[-1] in _ANNEX_SHORT and (len(parts) == 1 or parts[-1] != "name"):
        return SHORT_LIMIT
    return TEXT_LIMIT if len(parts) == 1 else CELL_TEXT_LIMIT


def _annex_fields(annex: object, where: str) -> Iterator[TextField]:
    """Every text of an annex table (:class:`~disclosure_app.annexes.model.Annex`: single fields in
    ``values``, each group's records in ``rows``)."""
    values: dict = getattr(annex, "values", {})
    for name, value in list(values.items()):
        if isinstance(value, str):
            yield TextField(f"{where}“{name}”", value, annex_limit(name), lambda v, m=values, n=name: m.__setitem__(n, v))
    for group, rows in getattr(annex, "rows", {}).items():
        for j, row in enumerate(rows):
            for field, text in list(row.items()):
                if isinstance(text, str):
                    yield TextField(f"{where} {group} 第 {j + 1} 行“{field}”", text, annex_limit(f"{group}.{j}.{field}"),
                                    lambda v, r=row, n=field: r.__setitem__(n, v))


def _clean_keys(mapping: dict[str, str], where: str, notices: list[str] | None) -> None:
    for key in [k for k in mapping if _ILLEGAL.search(k) or "\r" in k]:
        mapping[clean_text(key, f"{where}的键", notices)] = mapping.pop(key)


def sanitise_project(project: Project, notices: list[str] | None = None) -> None:
    """Remove, in place, the characters no output can carry from every text of ``project``."""
    for kind, label in _MAP_ZH.items():
        _clean_keys(getattr(project, kind), label, notices)
    _clean_keys(project.form_notes, "空表说明", notices)
    for f in text_fields(project):
        cleaned = clean_text(f.value, f.where, notices)
        if cleaned != f.value:
            f.put(cleaned)


def problems(project: Project) -> list[tuple[str, Cell | None]]:
    """What ``project`` holds that cannot be published, each with its cell when it is one."""
    out: list[tuple[str, Cell | None]] = []
    year = year_problem(project.info.year)
    if year:
        out.append((year, None))
    for f in text_fields(project):
        problem = length_problem(f.value, f.limit, f.where)
        if problem:
            out.append((problem, None))
    for kind in _MAP_ZH:
        for key in getattr(project, kind):
            if len(key) > KEY_LIMIT:
                out.append((f"{_MAP_ZH[kind]}有一个键长 {len(key):,} 字，超过 {KEY_LIMIT} 字", None))
    for (form, row, col), value in sorted(project.values.items()):
        problem = amount_problem(value)
        if problem:
            out.append((f"{_cell_name(project, form, row, col)}：{problem}", Cell(form, row, col)))
    return out


def _cell_name(project: Project, form: str, row: str, col: str) -> str:
    from .rules.describe import describe_cell
    try:
        return describe_cell(project, form, row, col)
    except (KeyError, ValueError, IndexError):
        return f"{form} 行“{row}”栏“{col}”"


def refuse_problems(project: Project, source: str) -> None:
    """Refuse what was read from ``source`` (a ``load``, an import) when it cannot be published."""
    found = problems(project)
    if found:
        more = f"（另有 {len(found) - 1} 处）" if len(found) > 1 else ""
        raise AcceptanceError(f"{source}：{found[0][0]}{more}。未读入")


def stray_findings(project: Project) -> list[Finding]:
    """Values a project file holds at keys its forms do not print (rule ``U02``, a 警告): kept, so
    nothing is lost, and named, so nothing is kept unseen."""
    out = []
    printed: dict[str, set[tuple[str, str]]] = {}
    for (form, row, col) in sorted(project.values):
        if form not in printed:
            try:
                spec = project.form(form)
            except KeyError:
                continue
            printed[form] = {(rk, c.key) for rk in project.row_keys(form) for c in spec.columns_for(rk)}
        if (row, col) not in printed[form]:
            out.append(Finding("U02", WARNING, f"{form} 行“{row}”栏“{col}”有数 {project.values[(form, row, col)]}，"
                                               "但该处不在表中，不会印出：请核对是否应填在别处"))
    return out


def bound_findings(project: Project) -> list[Finding]:
    """:func:`problems` as 错误 findings (rule ``U01``), for a project file opened as it is, and the
    :func:`stray_findings`."""
    return ([Finding(RULE, ERROR, f"无法发布：{msg}", (cell,) if cell else ()) for msg, cell in problems(project)]
            + stray_findings(project))


def accepted_edit(text: str, where: str, limit: int) -> tuple[str, str | None]:
    """Typed text as stored (characters no output can carry removed) and the notice saying so;
    text longer than ``limit`` is refused as an :class:`~disclosure_app.history.EditError`."""
    try:
        return accept_text(str(text), where, limit)
    except AcceptanceError as exc:
        raise EditError(str(exc)) from None
