"""Declarative specs of the standard forms and the profiles that order them."""
