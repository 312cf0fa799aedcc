"""Node-link JSON (``networkx.node_link_data`` with ``edges="edges"``), for scripts and D3."""

from __future__ import annotations

import json
import logging
from pathlib import Path
from typing import Any

import networkx as nx
from rdflib import Graph

from kg.export.nx import as_networkx
from kg.fsio import atomic_write_text

log = logging.getLogger(__name__)

#: Names of the link fields. networkx's defaults (``source``/``target``) would silently
#: overwrite the edges' own ``source`` attribute (the document), so the ends of an
#: edge are ``from`` and ``to``. Read back with
#: ``networkx.node_link_graph(payload, edges="edges", **LINK_FIELDS)``.
LINK_FIELDS: dict[str, str] = {"source": "from", "target": "to", "key": "key", "name": "id"}


def write_json(data: nx.MultiDiGraph | Graph, path: str | Path) -> tuple[int, int]:
    """Write ``data`` (an rdflib graph is projected first) as node-link JSON to ``path``.

    Link fields are named by :data:`LINK_FIELDS`; an attribute with one of those names
    is renamed ``<name>_attr``. Keys are sorted and nodes and edges come in sorted
    order, so identical input gives identical bytes. Returns ``(nodes, edges)``.
    """
    G = _without_clashes(as_networkx(data))
    payload = nx.node_link_data(G, edges="edges", **LINK_FIELDS)
    text = json.dumps(payload, ensure_ascii=False, sort_keys=True, indent=1) + "\n"
    atomic_write_text(path, text)
    log.info("wrote %s: %d nodes, %d edges", path, G.number_of_nodes(), G.number_of_edges())
    return G.number_of_nodes(), G.number_of_edges()


def _without_clashes(G: nx.MultiDiGraph) -> nx.MultiDiGraph:
    node_fields = {LINK_FIELDS["name"]}
    edge_fields = {LINK_FIELDS[k] for k in ("source", "target", "key")}
    H = nx.MultiDiGraph(**G.graph)
    for node, attrs in G.nodes(data=True):
        H.add_node(node, **_renamed(attrs, node_fields))
    for u, v, key, attrs in G.edges(keys=True, data=True):
        H.add_edge(u, v, key=key, **_renamed(attrs, edge_fields))
    return H


def _renamed(attrs: dict[str, Any], taken: set[str]) -> dict[str, Any]:
    return {(f"{k}_attr" if k in taken else k): v for k, v in attrs.items()}
