"""GraphML with the keys Gephi reads for display: ``label``, ``r``, ``g``, ``b``, ``size``."""

from __future__ import annotations

import logging
from pathlib import Path

import networkx as nx
from rdflib import Graph

from kg.export.gexf import node_colour, node_size
from kg.export.nx import as_networkx
from kg.fsio import atomic_open

log = logging.getLogger(__name__)


def write_graphml(data: nx.MultiDiGraph | Graph, path: str | Path) -> tuple[int, int]:
    """Write ``data`` (an rdflib graph is projected first) as GraphML to ``path``.

    Nodes carry the projection's attributes plus ``r``, ``g``, ``b`` (ints) and
    ``size`` (float), the colours and sizes of the GEXF export. Edge ids are
    ``e0``, ``e1``, ... in sorted order, because Gephi drops an edge whose id it has
    already seen; the networkx edge key is kept as the ``networkx_key`` attribute
    (the name ``write_gexf`` uses). Returns ``(nodes, edges)``.
    """
    G = as_networkx(data)
    with atomic_open(path, "wb") as handle:
        nx.write_graphml(_for_graphml(G), handle)
    log.info("wrote %s: %d nodes, %d edges", path, G.number_of_nodes(), G.number_of_edges())
    return G.number_of_nodes(), G.number_of_edges()


def _for_graphml(G: nx.MultiDiGraph) -> nx.MultiDiGraph:
    H = nx.MultiDiGraph()
    for node, data in G.nodes(data=True):
        r, g, b = node_colour(data)
        H.add_node(node, **data, r=r, g=g, b=b, size=node_size(G, node))
    for index, (u, v, key, data) in enumerate(G.edges(keys=True, data=True)):
        H.add_edge(u, v, key=f"e{index}", **{**data, "networkx_key": key})
    return H
