"""A finding: small, immutable, naming its rule, severity, message and cells."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

ERROR, WARNING, INFO = "error", "warning", "info"
SEVERITY_ZH = {ERROR: "错误", WARNING: "警告", INFO: "提示"}
SEVERITY_ORDER = {ERROR: 0, WARNING: 1, INFO: 2}


@dataclass(frozen=True)
class Cell:
    form: str
    row: str
    column: str

    def as_dict(self) -> dict[str, str]:
        return {"form": self.form, "row": self.row, "column": self.column}


@dataclass(frozen=True)
class Finding:
    rule: str
    severity: str
    message: str
    cells: tuple[Cell, ...] = ()
    expected: Decimal | None = None
    actual: Decimal | None = None
    difference: Decimal | None = None
    accepted_note: str | None = None   # a 警告 accepted with a written 说明 (listed, never hidden)

    @property
    def key(self) -> str:
        """Stable identity used to accept a warning: rule and its first cell."""
        c = self.cells[0] if self.cells else None
        return f"{self.rule}|{c.form}.{c.row}.{c.column}" if c else self.rule

    @property
    def form(self) -> str:
        return self.cells[0].form if self.cells else ""

    def as_dict(self) -> dict:
        def s(v: Decimal | None) -> str | None:
            return None if v is None else str(v)
        d = {
            "rule": self.rule, "severity": self.severity, "message": self.message,
            "cells": [c.as_dict() for c in self.cells],
            "expected": s(self.expected), "actual": s(self.actual), "difference": s(self.difference),
        }
        if self.accepted_note is not None:
            d["accepted_note"] = self.accepted_note
        return d


def sort_key(f: Finding) -> tuple:
    # the message breaks ties (two relations of one rule at one cell, e.g. X02b), so the order
    # does not depend on which checks were re-evaluated last
    return (SEVERITY_ORDER[f.severity], f.form, f.rule, f.key, f.message)


def counts(findings: list[Finding]) -> dict[str, int]:
    out = {ERROR: 0, WARNING: 0, INFO: 0}
    for f in findings:
        out[f.severity] += 1
    return out


def open_counts(findings: list[Finding]) -> dict[str, int]:
    """Like :func:`counts`, without the warnings accepted with a 说明: what is still to do."""
    out = {ERROR: 0, WARNING: 0, INFO: 0}
    for f in findings:
        if not f.accepted_note:
            out[f.severity] += 1
    return out


def accepted_count(findings: list[Finding]) -> int:
    return sum(1 for f in findings if f.accepted_note)
