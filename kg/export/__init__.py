"""Export the knowledge graph for drawing and analysis: one module per format.

``FORMATS`` maps a format name to its writer; each writer takes an rdflib graph (it
is projected with :func:`to_networkx`) or a networkx graph, and a path.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import rdflib

from kg.errors import UsageError
from kg.export.gexf import write_gexf
from kg.export.graphml import write_graphml
from kg.export.jsonfmt import write_json
from kg.export.nx import to_networkx, triples_to_networkx

__all__ = [
    "FORMATS",
    "export",
    "to_networkx",
    "triples_to_networkx",
    "write_gexf",
    "write_graphml",
    "write_json",
]

FORMATS: dict[str, Callable[..., tuple[int, int]]] = {
    "gexf": write_gexf,
    "graphml": write_graphml,
    "json": write_json,
}


def export(graph: rdflib.Graph, fmt: str, path: str | Path) -> tuple[int, int]:
    """Write the projection of ``graph`` to ``path`` in format ``fmt``; return (nodes, edges)."""
    writer = FORMATS.get(fmt)
    if writer is None:
        known = ", ".join(sorted(FORMATS))
        raise UsageError(f"{path}: unknown export format {fmt!r} (known: {known})")
    return writer(graph, path)
