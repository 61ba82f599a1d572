"""budget annex kinds."""

KINDS = ()
