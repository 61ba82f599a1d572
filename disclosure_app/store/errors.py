"""Errors a user sees when a project cannot be read or written."""

from __future__ import annotations

from ..errors import AppError


class ProjectFileError(AppError):
    """``str(err)`` is a Chinese message saying what is wrong, where, and what to do."""
