"""The PySide6 desktop interface: a thin layer binding widgets to the core session.

Nothing outside this package imports PySide6; everything the window does goes through
:class:`disclosure_app.session.Session` and the core view-models (``grid``, ``clipboard``).
"""
