"""从上年导入: the prior-year figures of the 情况说明 taken from last year's project or document.

Every ``prior.…`` input the project's 情况说明 uses now (:func:`~disclosure_app.narrative.inputs.input_specs`:
上年收入/支出总计, 财政拨款总计, 一般公共预算财政拨款支出 in total and by 类, the 三公 items,
机关运行经费 …) is last year's *current* figure at the same place — the very figure this
year's text compares with (:func:`~disclosure_app.importers.published_text_narrative.current_figure`),
read from last year's project:

- a project file (``.dapj``) as saved last year;
- or anything ``import`` reads (:mod:`disclosure_app.importers.dispatch`): last year's published
  text (and PDF or Word where a reader for them is registered), or its workbook.

:func:`prior_figures` says, for each input, the value found and what will happen to it: filled
(empty now), kept (typed already, differing — left alone unless ``overwrite``), same.  Nothing is
changed by it; :meth:`PriorYearEditing.fill_prior_year` applies the fills as one undo step, and
``disclosure-app prior`` saves them.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

from .amounts import AmountError, parse_amount
from .errors import AppError
from .events import Event
from .history import Command, History
from .model import Project
from .narrative.inputs import input_specs
from .rules.engine import Engine
from .store.journal import map_part

__all__ = ["FILLED", "KEPT", "OVERWRITTEN", "SAME", "PriorFigure", "PriorYearEditing", "prior_figures",
           "read_last_year"]

FILLED, KEPT, OVERWRITTEN, SAME = "filled", "kept", "overwritten", "same"
_ZH = {FILLED: "已填入", KEPT: "已有录入，未改动", OVERWRITTEN: "已替换原录入", SAME: "与已录入的相同"}


@dataclass(frozen=True)
class PriorFigure:
    key: str
    label: str
    value: Decimal
    typed: str              # what the input holds now ("" when empty)
    action: str             # FILLED, KEPT, OVERWRITTEN or SAME

    @property
    def text(self) -> str:
        return f"{self.value:.2f}"

    def describe(self) -> str:
        was = f"（原为 {self.typed}）" if self.action in (KEPT, OVERWRITTEN) else ""
        return f"{self.label}：{self.value:,.2f} 万元 — {_ZH[self.action]}{was}"


def read_last_year(path: str | Path) -> tuple[Project, list[str]]:
    """Last year's project from ``path``: a project file, or any file ``import`` reads."""
    p = Path(path)
    from .store.sqlite import SUFFIX
    if p.suffix.lower() == SUFFIX:
        from .store import open_project
        return open_project(p), []
    from .importers.dispatch import import_file
    imported = import_file(p)
    return imported.project, list(imported.notes)


def _typed(project: Project, key: str) -> tuple[str, Decimal | None]:
    raw = project.inputs.get(key, "").strip()
    try:
        return raw, parse_amount(raw).value if raw else None
    except AmountError:
        return raw, None


def _source_form(project: Project, key: str) -> str | None:
    """The form of last year's project a prior-year figure is taken from, when it says."""
    forms = {f.id for f in project.profile.forms}
    parts = key.split(".")
    if len(parts) == 3 and parts[1] in forms:
        return parts[1]
    if parts[1:2] == ["class"]:
        return next((f for f in ("T05", "B05") if f in forms), None)
    if key == "prior.running_costs":
        return next((f for f in ("T10", "B11") if f in forms), None)
    return None


def prior_figures(project: Project, last: Project, overwrite: bool = False) -> tuple[list[PriorFigure], list[str]]:
    """(figures, notes): each prior-year input of ``project`` with last year's figure from
    ``last`` and what filling would do (see the module docstring)."""
    from .importers.published_text_narrative import current_figure
    notes: list[str] = []
    if last.kind != project.kind:
        raise AppError(f"上年文件是{last.profile.title}，本项目是{project.profile.title}：上年数应取自同一种公开文件")
    if last.info.year != project.info.year - 1:
        notes.append(f"上年文件的年度为 {last.info.year} 年，本项目为 {project.info.year} 年（应为 {project.info.year - 1} 年），"
                     "请核对是否选对了文件")
    if project.info.name and last.info.name and last.info.name != project.info.name:
        notes.append(f"上年文件的单位为“{last.info.name}”，本项目为“{project.info.name}”，请核对")
    out = []
    for spec in input_specs(project):
        if not spec.key.startswith("prior.") or spec.kind != "amount":
            continue
        value = current_figure(last, spec.key)
        source = _source_form(last, spec.key)
        if value is None or (not value and source is not None and last.form_is_empty(source)):
            notes.append(f"“{spec.label}”：上年文件中没有对应的数"
                         f"{f'（{last.form(source).label}没有读到数据）' if source else ''}，未填")
            continue
        raw, typed = _typed(project, spec.key)
        if not raw:
            action = FILLED
        elif typed == value:
            action = SAME
        else:
            action = OVERWRITTEN if overwrite else KEPT
        out.append(PriorFigure(spec.key, spec.label, value, raw, action))
    return out, notes


class PriorYearEditing:
    """从上年导入 as one undo step (mixed into the session)."""
    project: Project
    history: History
    engine: Engine

    def _emit(self, event: Event, payload: object = None) -> None:  # pragma: no cover - the session's
        raise NotImplementedError

    def fill_prior_year(self, figures: list[PriorFigure], source: str) -> int:
        """Store the figures marked FILLED or OVERWRITTEN; returns how many changed."""
        todo = {f.key: f.text for f in figures if f.action in (FILLED, OVERWRITTEN)}
        if not todo:
            return 0
        old = {k: self.project.inputs.get(k) for k in todo}

        def put(values: dict[str, str | None]):
            def run() -> None:
                for k, v in values.items():
                    if v is None:
                        self.project.inputs.pop(k, None)
                    else:
                        self.project.inputs[k] = v
                self.engine.inputs_changed(list(values))
                self._emit(Event.INPUTS, list(values))
            return run
        self.history.push(Command(f"从上年导入（{source}，{len(todo)} 项）", put(dict(todo)), put(old),
                                  [map_part("inputs", k) for k in todo]))
        self._emit(Event.HISTORY)
        return len(todo)
