"""liaoning annex kinds."""

KINDS = ()
