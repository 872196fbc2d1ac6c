"""Rendering: the interactive HTML exposure map (and, later, static images,
decks and reports).  No analysis logic lives here: renderers draw a graph
and the findings they are given.

>>> from graphmap.render import company_view, render_html
"""

from __future__ import annotations

from graphmap.render.html_map import (
    disclosure_coverage,
    map_payload,
    node_exposure,
    render_html,
    write_map,
)
from graphmap.render.views import (
    DEFAULT_MAX_NODES,
    MapGroup,
    MapView,
    UnknownId,
    company_view,
    country_view,
    finding_view,
    org_view,
    path_view,
    tech_view,
)

__all__ = [
    "DEFAULT_MAX_NODES",
    "MapGroup",
    "MapView",
    "UnknownId",
    "company_view",
    "country_view",
    "disclosure_coverage",
    "finding_view",
    "map_payload",
    "node_exposure",
    "org_view",
    "path_view",
    "render_html",
    "tech_view",
    "write_map",
]
