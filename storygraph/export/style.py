"""One look for every export: a colour per entity type and a size by mentions.

The palette (Okabe–Ito, readable by colour-blind people), by OntoNotes type:

=============  ==========  =========================
type           colour      rgb
=============  ==========  =========================
PERSON         blue        0, 114, 178
ORG            orange      230, 159, 0
GPE            green       0, 158, 115
LOC            green       0, 158, 115  (a place, like GPE)
FAC            vermilion   213, 94, 0
NORP           purple      204, 121, 167
EVENT          sky blue    86, 180, 233
PRODUCT        yellow      240, 228, 66
WORK_OF_ART    yellow      240, 228, 66
LAW            grey        153, 153, 153
anything else  grey        153, 153, 153
=============  ==========  =========================

Size is 10 + 6·√mentions, so a node mentioned 100 times is 7× one mentioned once
rather than 100× (Gephi and the explorer draw size as a diameter).
"""

from __future__ import annotations

import math

PALETTE: dict[str, tuple[int, int, int]] = {
    "PERSON": (0, 114, 178),
    "ORG": (230, 159, 0),
    "GPE": (0, 158, 115),
    "LOC": (0, 158, 115),
    "FAC": (213, 94, 0),
    "NORP": (204, 121, 167),
    "EVENT": (86, 180, 233),
    "PRODUCT": (240, 228, 66),
    "WORK_OF_ART": (240, 228, 66),
    "LAW": (153, 153, 153),
}
OTHER = (153, 153, 153)

# Edges by relation, for the explorer and Cytoscape (Gephi colours edges by source).
RELATION_COLOURS: dict[str, str] = {
    "role": "#0072b2",
    "said_about": "#d55e00",
    "event": "#009e73",
    "co_occurs": "#bbbbbb",
}


def colour(ner_type: str | None) -> tuple[int, int, int]:
    """The (r, g, b) of an entity type."""
    return PALETTE.get(ner_type or "", OTHER)


def hex_colour(ner_type: str | None) -> str:
    return "#{:02x}{:02x}{:02x}".format(*colour(ner_type))


def size(mentions: int | None) -> float:
    """Node size (diameter) for an entity mentioned `mentions` times."""
    return round(10 + 6 * math.sqrt(max(mentions or 0, 0)), 2)
