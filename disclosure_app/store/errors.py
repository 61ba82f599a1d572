"""Errors a user sees when a project cannot be read or written."""


class ProjectFileError(Exception):
    """``str(err)`` is a Chinese message saying what is wrong, where, and what to do."""
