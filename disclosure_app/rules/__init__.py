"""Validation: the formula language, the checks generated from specs, the incremental engine."""
