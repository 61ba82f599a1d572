"""hunan annex kinds."""

KINDS = ()
