"""Draw the leader–agreement–region picture of a graph as a PNG, with Arabic labels.

The picture is the :func:`kg.export.to_networkx` projection cut down to Leaders,
Agreements and Regions, laid out in three columns (leaders, agreements, regions) and
coloured as in the GEXF export (agreements by status). Matplotlib draws it with the
Agg backend and the DejaVu Sans font it ships, which has the Arabic letters and their
joined forms, so nothing needs installing beyond the Python packages.

Arabic needs shaping (joining letters) and right-to-left ordering. Matplotlib 3.11
and later do both themselves (libraqm); older versions draw characters one by one,
left to right, so for them labels are shaped with arabic-reshaper and reordered with
python-bidi first. :func:`matplotlib_shapes_text` tells which case holds; shaping
twice would reverse the text again and break the joins.
"""

from __future__ import annotations

import functools
import logging
import textwrap
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

import networkx as nx
from rdflib import Graph

from kg.export.gexf import PALETTE, node_colour
from kg.export.nx import as_networkx
from kg.fsio import atomic_open

log = logging.getLogger(__name__)

#: The classes drawn, each in its column from left to right.
COLUMNS: tuple[str, ...] = ("Leader", "Agreement", "Region")

#: How each kind of edge is drawn (colour, line style, width), strongest first: of
#: several edges between two nodes the first kind here is drawn. ``leaderOf`` is left
#: out: its lines would cross the agreements' column and hide their labels.
EDGE_STYLES: dict[str, tuple[str, str, float]] = {
    "disputes": ("#d62728", "dashed", 2.0),
    "asserts": ("#2e7d32", "solid", 1.6),
    "concerns": ("#9467bd", "dotted", 1.0),
    "party": ("#9e9e9e", "solid", 0.6),
}

FONT = "DejaVu Sans"
_WRAP = 28  # characters per line of an agreement's label


# --------------------------------------------------------------------------- Arabic text


@functools.cache
def matplotlib_shapes_text(font: str = FONT) -> bool:
    """Whether matplotlib's own text layout joins Arabic letters (it then orders them too).

    Probed, not guessed from a version number: lam followed by alef is one ligature
    glyph when the text is shaped and two glyphs when it is not.
    """
    from matplotlib import font_manager, ft2font

    face = ft2font.FT2Font(font_manager.findfont(font))
    face.set_size(12, 72)
    return len(face.set_text("\u0644\u0627")) == 1


def arabic_display(text: str, shaped_by_matplotlib: bool | None = None) -> str:
    """``text`` as it must be handed to matplotlib for Arabic to read right to left, joined.

    With a matplotlib that shapes text itself the text is returned as is; otherwise
    each line is shaped (arabic-reshaper) and put in visual order (python-bidi).
    ``shaped_by_matplotlib`` defaults to :func:`matplotlib_shapes_text`.
    """
    if shaped_by_matplotlib is None:
        shaped_by_matplotlib = matplotlib_shapes_text()
    if shaped_by_matplotlib or not _has_rtl(text):
        return text
    import arabic_reshaper
    from bidi.algorithm import get_display

    return "\n".join(get_display(arabic_reshaper.reshape(line)) for line in text.split("\n"))


def _has_rtl(text: str) -> bool:
    return any("\u0590" <= ch <= "\u08ff" or "\ufb1d" <= ch <= "\ufefc" for ch in text)


def node_label(
    data: Mapping[str, Any], english: bool = True, width: int = _WRAP, max_lines: int = 2
) -> str:
    """The text drawn beside a node, in logical order: Arabic label, then the English one.

    Long labels (an agreement's object) are wrapped at word boundaries to ``width``
    characters a line, and cut with an ellipsis after ``max_lines`` lines.
    """
    arabic = str(data.get("label_ar") or data.get("label") or "")
    lines = textwrap.wrap(arabic, width=width, max_lines=max_lines, placeholder=" …") or [arabic]
    english_label = str(data.get("label_en") or "")
    if english and english_label and english_label != arabic:
        lines.append(english_label)
    return "\n".join(lines)


# --------------------------------------------------------------------------- what is drawn


def drawing_graph(
    data: nx.MultiDiGraph | Graph,
    columns: Iterable[str] = COLUMNS,
    max_agreements: int | None = 40,
) -> nx.Graph:
    """The simple undirected graph drawn: nodes of ``columns`` that touch another one.

    Edges are those of :data:`EDGE_STYLES`; parallel ones are merged into the
    strongest kind. When there are more than ``max_agreements`` agreements only the
    most talked-about are kept (most asserting and disputing statements, then most
    sources; ties by id).
    """
    G = as_networkx(data)
    classes = tuple(columns)
    keep = {n for n, d in G.nodes(data=True) if d.get("cls") in classes}
    keep -= _surplus_agreements(G, keep, max_agreements)
    H = nx.Graph()
    for node in sorted(keep):
        H.add_node(node, **G.nodes[node])
    rank = {rel: i for i, rel in enumerate(EDGE_STYLES)}
    for u, v, d in G.edges(data=True):
        rel = str(d.get("rel", ""))
        if u not in keep or v not in keep or u == v or rel not in EDGE_STYLES:
            continue
        old = H.edges[u, v]["rel"] if H.has_edge(u, v) else None
        if old is None or rank[rel] < rank[old]:
            H.add_edge(u, v, rel=rel)
    H.remove_nodes_from(sorted(n for n in H if H.degree(n) == 0))
    return H


def _surplus_agreements(G: nx.MultiDiGraph, keep: set[str], limit: int | None) -> set[str]:
    agreements = [n for n in keep if G.nodes[n].get("cls") == "Agreement"]
    if limit is None or len(agreements) <= limit:
        return set()

    def weight(node: str) -> tuple[float, float, str]:
        d = G.nodes[node]
        talk = float(d.get("n_assert", 0)) + float(d.get("n_dispute", 0))
        return (-talk, -float(d.get("n_sources", 0)), node)

    return set(sorted(agreements, key=weight)[limit:])


def column_layout(H: nx.Graph, columns: Iterable[str] = COLUMNS) -> dict[str, tuple[float, float]]:
    """Positions: one column per class, nodes spread evenly top to bottom.

    Agreements are ordered by status then label, leaders and regions by label, so
    the same graph always gives the same picture.
    """
    pos: dict[str, tuple[float, float]] = {}
    for x, cls in enumerate(columns):
        nodes = [n for n, d in H.nodes(data=True) if d.get("cls") == cls]
        nodes.sort(
            key=lambda n: (str(H.nodes[n].get("status", "")), str(H.nodes[n].get("label")), n)
        )
        for i, node in enumerate(nodes):
            y = 1.0 - (i + 0.5) / len(nodes)
            pos[node] = (float(x), y)
    return pos


# --------------------------------------------------------------------------- drawing


def draw_graph(
    data: nx.MultiDiGraph | Graph,
    path: str | Path,
    *,
    title: str | None = None,
    english: bool = True,
    max_agreements: int | None = 40,
    dpi: int = 120,
    font: str = FONT,
) -> tuple[int, int]:
    """Draw the leader–agreement–region picture of ``data`` to the PNG ``path``.

    ``data`` is an rdflib graph (projected with :func:`kg.export.to_networkx`) or
    such a projection. Labels are Arabic (shaped, right to left) with the English
    name below when ``english`` and known. Returns the ``(nodes, edges)`` drawn; an
    empty picture is still written (with a note) when there is nothing to draw.
    """
    # A bare Figure on an Agg canvas: no pyplot, so a notebook's own backend is untouched.
    import matplotlib
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    H = drawing_graph(data, max_agreements=max_agreements)
    pos = column_layout(H)
    tallest = max(
        (sum(1 for p in pos.values() if p[0] == x) for x in range(len(COLUMNS))), default=1
    )
    with matplotlib.rc_context({"font.family": font}):
        fig = Figure(figsize=(16, max(6.0, 0.75 * tallest + 2)), dpi=dpi)
        FigureCanvasAgg(fig)
        ax = fig.add_axes((0.01, 0.06, 0.98, 0.88))
        _draw_on(ax, H, pos, english)
        _legend(ax, H)
        if title:
            fig.suptitle(arabic_display(title), fontsize=14)
        if not H:
            log.warning("%s: no leader, agreement or region to draw", path)
            ax.text(0.5, 0.5, "no leader, agreement or region to draw", ha="center")
        with atomic_open(path, "wb") as handle:
            fig.savefig(handle, format="png", metadata={"Software": None})
    log.info("drew %s: %d nodes, %d edges", path, H.number_of_nodes(), H.number_of_edges())
    return H.number_of_nodes(), H.number_of_edges()


def _draw_on(ax: Any, H: nx.Graph, pos: Mapping[str, tuple[float, float]], english: bool) -> None:
    ax.set_axis_off()
    ax.set_xlim(-0.75, len(COLUMNS) - 0.25)
    ax.set_ylim(-0.02, 1.02)
    for x, cls in enumerate(COLUMNS):
        ax.text(x, 1.02, f"{cls}s", ha="center", va="bottom", fontsize=12, weight="bold")
    for u, v, d in sorted(H.edges(data=True), key=lambda e: (e[2]["rel"], e[0], e[1])):
        colour, style, width = EDGE_STYLES[d["rel"]]
        (x1, y1), (x2, y2) = pos[u], pos[v]
        ax.plot([x1, x2], [y1, y2], color=colour, linestyle=style, linewidth=width, zorder=1)
    for node, d in H.nodes(data=True):
        x, y = pos[node]
        r, g, b = node_colour(d)
        size = 80 + 40 * H.degree(node)
        ax.scatter(
            [x],
            [y],
            s=size,
            color=(r / 255, g / 255, b / 255),
            zorder=2,
            edgecolors="black",
            linewidths=0.5,
        )
        _label(ax, node_label(d, english=english), x, y, d.get("cls"))


def _label(ax: Any, text: str, x: float, y: float, cls: Any) -> None:
    """Leaders' labels to the left of the node, regions' to the right, agreements' below."""
    shown = arabic_display(text)
    if cls == "Leader":
        ax.text(x - 0.04, y, shown, ha="right", va="center", fontsize=10, zorder=3)
    elif cls == "Region":
        ax.text(x + 0.04, y, shown, ha="left", va="center", fontsize=10, zorder=3)
    else:
        ax.text(
            x,
            y - 0.012,
            shown,
            ha="center",
            va="top",
            fontsize=8.5,
            zorder=3,
            bbox={"boxstyle": "round,pad=0.2", "fc": "white", "ec": "none", "alpha": 0.8},
        )


def _legend(ax: Any, H: nx.Graph) -> None:
    from matplotlib.lines import Line2D

    def dot(key: str) -> Line2D:
        r, g, b = PALETTE[key]
        return Line2D(
            [],
            [],
            marker="o",
            linestyle="none",
            markersize=9,
            markerfacecolor=(r / 255, g / 255, b / 255),
            markeredgecolor="black",
        )

    statuses = sorted({str(d.get("status")) for _, d in H.nodes(data=True)} & set(PALETTE))
    handles = [dot(k) for k in ("Leader", "Region", *statuses)]
    labels = ["Leader", "Region", *(f"Agreement: {s.lower()}" for s in statuses)]
    rels = sorted({d["rel"] for _, _, d in H.edges(data=True)})
    for rel in rels:
        colour, style, width = EDGE_STYLES[rel]
        handles.append(Line2D([], [], color=colour, linestyle=style, linewidth=max(width, 1.2)))
        labels.append(rel)
    if handles:
        ax.legend(
            handles,
            labels,
            loc="upper center",
            bbox_to_anchor=(0.5, -0.005),
            ncol=min(len(handles), 8),
            frameon=False,
            fontsize=9,
        )
