"""GEXF 1.2draft for Gephi: colours by class and status, sizes, and a timeline.

Written with ``networkx.write_gexf`` from a sanitized graph (see NOTES.md, Gephi):
node colours come from :data:`PALETTE`, sizes from ``mentions`` (else degree), and
``start``/``end`` from the statement and agreement dates so Gephi's timeline works.
"""

from __future__ import annotations

import datetime as dt
import io
import logging
import math
import re
from pathlib import Path
from typing import Any

import networkx as nx
from rdflib import Graph

from kg.export.nx import as_networkx, iso_date
from kg.fsio import atomic_open

log = logging.getLogger(__name__)

#: One colour per node class and, for agreements, per status (RGB).
PALETTE: dict[str, tuple[int, int, int]] = {
    "Confirmed": (46, 160, 67),  # green
    "Unconfirmed": (245, 166, 35),  # amber
    "Disputed": (214, 39, 40),  # red
    "Agreement": (150, 150, 60),  # an agreement without status: olive
    "Leader": (31, 119, 180),  # blue
    "Region": (148, 103, 189),  # purple
    "Organization": (140, 86, 75),  # brown
    "Person": (23, 190, 207),  # cyan
    "Condition": (227, 119, 194),  # pink
}
DEFAULT_COLOUR: tuple[int, int, int] = (160, 160, 160)

#: Keys ``write_gexf`` consumes itself; other attributes with these names are renamed.
_RESERVED_NODE = frozenset({"id", "pid", "start", "end", "spells", "slices", "parents", "viz"})
_RESERVED_EDGE = frozenset(
    {
        "id",
        "label",
        "weight",
        "type",
        "start",
        "end",
        "spells",
        "slices",
        "viz",
        "key",
        "networkx_key",
    }
)
_LASTMODIFIED = re.compile(rb' lastmodifieddate="[^"]*"')


def node_colour(data: dict[str, Any]) -> tuple[int, int, int]:
    """The colour of a node: its status for an agreement, else its class."""
    if data.get("cls") == "Agreement" and data.get("status") in PALETTE:
        return PALETTE[data["status"]]
    return PALETTE.get(str(data.get("cls")), DEFAULT_COLOUR)


def node_size(G: nx.MultiDiGraph, node: str) -> float:
    """A size that grows with the square root of ``mentions`` (else of the degree)."""
    mentions = G.nodes[node].get("mentions")
    base = mentions if isinstance(mentions, int | float) else G.degree(node)
    return round(10.0 + 4.0 * math.sqrt(max(base, 0)), 2)


def node_times(G: nx.MultiDiGraph, node: str) -> tuple[str | None, str | None]:
    """``(start, end)`` of a node as ISO dates, ``None`` where unknown.

    ``start`` is the earliest of the node's own dates and the dates of the edges
    touching it, so no dated edge starts before its endpoints; ``end`` is the start
    date plus ``duration_days`` when both are known.
    """
    data = G.nodes[node]
    own = [iso_date(data.get(name)) for name in ("date", "start_date")]
    touching = [iso_date(d.get("date")) for _, _, d in G.in_edges(node, data=True)]
    touching += [iso_date(d.get("date")) for _, _, d in G.out_edges(node, data=True)]
    dates = sorted(d for d in own + touching if d)
    start = dates[0] if dates else None
    end = None
    first_day = iso_date(data.get("start_date")) or iso_date(data.get("date"))
    duration = data.get("duration_days")
    if first_day and isinstance(duration, int | float) and duration >= 0:
        end = (dt.date.fromisoformat(first_day) + dt.timedelta(days=int(duration))).isoformat()
        if start and end < start:
            end = None
    return start, end


def write_gexf(data: nx.MultiDiGraph | Graph, path: str | Path) -> tuple[int, int]:
    """Write ``data`` (an rdflib graph is projected first) as GEXF 1.2draft to ``path``.

    Returns ``(nodes, edges)``. The output is byte-identical for identical input.
    """
    G = as_networkx(data)
    buffer = io.BytesIO()
    nx.write_gexf(_for_gexf(G), buffer)
    content = _pin_last_modified(buffer.getvalue(), _latest_date(G))
    with atomic_open(path, "wb") as handle:
        handle.write(content)
    log.info("wrote %s: %d nodes, %d edges", path, G.number_of_nodes(), G.number_of_edges())
    return G.number_of_nodes(), G.number_of_edges()


def _for_gexf(G: nx.MultiDiGraph) -> nx.MultiDiGraph:
    """A copy with reserved keys renamed and ``viz``, ``start`` and ``end`` added.

    Nodes without any date get no ``start``: networkx writes and reads a graph where
    only some nodes have one without complaint (the tests read one back), and GEXF
    takes a missing ``start`` as an interval open to the past, so undated nodes are
    not given an invented date.
    """
    H = nx.MultiDiGraph(**G.graph)
    for node, data in G.nodes(data=True):
        attrs = _rename_reserved(data, _RESERVED_NODE)
        r, g, b = node_colour(data)
        attrs["viz"] = {"color": {"r": r, "g": g, "b": b, "a": 1.0}, "size": node_size(G, node)}
        start, end = node_times(G, node)
        if start:
            attrs["start"] = start
        if end:
            attrs["end"] = end
        H.add_node(node, **attrs)
    for u, v, key, data in G.edges(keys=True, data=True):
        attrs = _rename_reserved(data, _RESERVED_EDGE)
        start = iso_date(data.get("date"))
        if start:
            attrs["start"] = start
        H.add_edge(u, v, key=key, **attrs)
    return H


def _rename_reserved(data: dict[str, Any], reserved: frozenset[str]) -> dict[str, Any]:
    return {(f"{k}_attr" if k in reserved else k): v for k, v in data.items()}


def _latest_date(G: nx.MultiDiGraph) -> str | None:
    dates = [iso_date(d.get("date")) for _, d in G.nodes(data=True)]
    dates += [iso_date(d.get("date")) for _, _, d in G.edges(data=True)]
    return max((d for d in dates if d), default=None)


def _pin_last_modified(content: bytes, date: str | None) -> bytes:
    """Replace networkx's ``lastmodifieddate`` (today) by the latest data date, or drop it.

    Today's date would make two exports of one graph differ from one day to the next.
    """
    replacement = f' lastmodifieddate="{date}"'.encode() if date else b""
    return _LASTMODIFIED.sub(replacement, content, count=1)
