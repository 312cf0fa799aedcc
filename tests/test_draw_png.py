"""The leader–agreement–region picture: what is drawn, and Arabic that reads right.

The Arabic checks do not trust the code under test: they ask matplotlib which glyphs
it would put on the page, left to right, for a label, and compare them with the
joined forms worked out by hand from the Unicode joining rules.
"""

from __future__ import annotations

from pathlib import Path

import matplotlib.image
import networkx as nx
import numpy as np
import pytest
from matplotlib import font_manager, ft2font

from kg.build import collect, to_graph
from kg.draw import (
    FONT,
    arabic_display,
    column_layout,
    draw_graph,
    drawing_graph,
    matplotlib_shapes_text,
    node_label,
)
from kg.export.gexf import PALETTE
from kg.read import read_paths

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "examples" / "ar_trump_putin_call_2025-03-18.txt"
PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"

PUTIN_AR = "بوتين"
# بوتين on the page, left to right: nun final, yeh medial, teh initial (waw does not
# join to the letter after it), waw final, beh initial.
PUTIN_GLYPHS = ["uniFEE6", "uniFEF4", "uniFE97", "uniFEEE", "uniFE91"]


def _glyphs_on_page(text: str) -> list[str]:
    """The glyph names matplotlib draws for ``text`` with the drawing font, left to right."""
    from matplotlib import _text_helpers  # private, but it is what the Agg renderer calls

    face = ft2font.FT2Font(font_manager.findfont(FONT))
    face.set_size(12, 72)
    items = list(_text_helpers.layout(text, face))
    index = [getattr(it, "glyph_index", None) or getattr(it, "glyph_idx", 0) for it in items]
    placed = sorted(zip((it.x for it in items), index, strict=True))
    return [face.get_glyph_name(glyph) for _, glyph in placed]


# --------------------------------------------------------------------------- Arabic text


def test_draw_arabic_label_is_drawn_joined_right_to_left() -> None:
    assert _glyphs_on_page(arabic_display(PUTIN_AR)) == PUTIN_GLYPHS


def test_draw_lam_alef_becomes_one_ligature() -> None:
    assert _glyphs_on_page(arabic_display("لا")) == ["uniFEFB"]


def test_draw_arabic_display_shapes_only_when_matplotlib_does_not() -> None:
    assert arabic_display(PUTIN_AR, shaped_by_matplotlib=True) == PUTIN_AR
    visual = "".join(chr(int(name[3:], 16)) for name in PUTIN_GLYPHS)
    assert arabic_display(PUTIN_AR, shaped_by_matplotlib=False) == visual
    two_lines = arabic_display(f"{PUTIN_AR}\nVladimir Putin", shaped_by_matplotlib=False)
    assert two_lines == f"{visual}\nVladimir Putin"  # each line on its own; Latin untouched
    assert arabic_display("Kyiv", shaped_by_matplotlib=False) == "Kyiv"


def test_draw_probe_matches_matplotlib_layout() -> None:
    shaped_itself = len(_glyphs_on_page("لا")) == 1
    assert matplotlib_shapes_text() is shaped_itself


def test_draw_node_label_wraps_and_adds_english() -> None:
    leader = {"label": PUTIN_AR, "label_ar": PUTIN_AR, "label_en": "Vladimir Putin"}
    assert node_label(leader) == f"{PUTIN_AR}\nVladimir Putin"
    assert node_label(leader, english=False) == PUTIN_AR
    long = {"label": "وقف استهداف منشآت الطاقة والبنية التحتية في أوكرانيا لمدة ثلاثين يوما"}
    lines = node_label(long, width=20, max_lines=2).split("\n")
    assert len(lines) == 2 and all(len(line) <= 20 for line in lines)
    assert lines[0].startswith("وقف") and lines[1].endswith("…")


# --------------------------------------------------------------------------- what is drawn


def _projection() -> nx.MultiDiGraph:
    """Two leaders, a region, a city nobody mentions with an agreement, three agreements."""
    G = nx.MultiDiGraph()
    G.add_node("L1", cls="Leader", label="ترامب", label_ar="ترامب", label_en="Donald Trump")
    G.add_node("L2", cls="Leader", label="بوتين", label_ar="بوتين", label_en="Vladimir Putin")
    G.add_node("R1", cls="Region", label="أوكرانيا", label_ar="أوكرانيا", label_en="Ukraine")
    G.add_node("R2", cls="Region", label="موسكو", label_ar="موسكو")
    G.add_node("O1", cls="Organization", label="الكرملين")
    agreements = (("A1", "Disputed", 2), ("A2", "Unconfirmed", 1), ("A3", "Confirmed", 0))
    for node, status, n_assert in agreements:
        attrs = {"status": status, "n_assert": n_assert, "n_dispute": 0, "n_sources": 1}
        G.add_node(node, cls="Agreement", label=f"اتفاق {node}", **attrs)
    G.add_edge("L1", "A1", key="asserts", rel="asserts", date="2025-03-18")
    G.add_edge("L1", "A1", key="disputes", rel="disputes", date="2025-03-19")
    G.add_edge("A1", "L1", key="party", rel="party")
    G.add_edge("A1", "L2", key="party", rel="party")
    G.add_edge("A1", "R1", key="concerns", rel="concerns")
    G.add_edge("A2", "L2", key="party", rel="party")
    G.add_edge("A3", "L2", key="party", rel="party")
    G.add_edge("L2", "R2", key="leaderOf", rel="leaderOf")
    G.add_edge("O1", "A2", key="asserts", rel="asserts")
    return G


def test_draw_graph_keeps_leaders_agreements_regions() -> None:
    H = drawing_graph(_projection())
    assert set(H) == {"L1", "L2", "R1", "A1", "A2", "A3"}  # no organization, no lone city
    assert H.edges["L1", "A1"]["rel"] == "disputes"  # the strongest of the parallel edges
    assert H.edges["A1", "R1"]["rel"] == "concerns"
    assert not H.has_edge("L2", "R2")  # leaderOf would cross the agreements' column


def test_draw_graph_keeps_the_most_talked_about_agreements() -> None:
    H = drawing_graph(_projection(), max_agreements=2)
    assert {n for n in H if n.startswith("A")} == {"A1", "A2"}


def test_draw_column_layout_puts_classes_in_columns() -> None:
    pos = column_layout(drawing_graph(_projection()))
    assert {pos[n][0] for n in ("L1", "L2")} == {0.0}
    assert {pos[n][0] for n in ("A1", "A2", "A3")} == {1.0}
    assert pos["R1"][0] == 2.0
    assert len({pos[n][1] for n in ("A1", "A2", "A3")}) == 3


def test_draw_png_shows_status_colours(tmp_path: Path) -> None:
    path = tmp_path / "g.png"
    assert draw_graph(_projection(), path) == (6, 5)
    assert path.read_bytes().startswith(PNG_SIGNATURE)
    pixels = (matplotlib.image.imread(path)[..., :3] * 255).round().astype(int)
    for status in ("Disputed", "Unconfirmed", "Confirmed"):
        found = np.all(np.abs(pixels - np.array(PALETTE[status])) <= 2, axis=-1)
        assert found.sum() > 20, status
    assert not [p for p in tmp_path.iterdir() if p.name != "g.png"]  # no temporary left


def test_draw_png_is_deterministic(tmp_path: Path) -> None:
    draw_graph(_projection(), tmp_path / "1.png")
    draw_graph(_projection(), tmp_path / "2.png")
    assert (tmp_path / "1.png").read_bytes() == (tmp_path / "2.png").read_bytes()


def test_draw_empty_graph_still_writes_a_png(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    path = tmp_path / "empty.png"
    assert draw_graph(nx.MultiDiGraph(), path) == (0, 0)
    assert path.read_bytes().startswith(PNG_SIGNATURE)
    assert "no leader, agreement or region" in caplog.text


def test_draw_sample_article(tmp_path: Path) -> None:
    graph = to_graph(collect(read_paths([SAMPLE])))
    H = drawing_graph(graph)
    classes = {d["cls"] for _, d in H.nodes(data=True)}
    assert classes == {"Leader", "Agreement", "Region"}
    disputed = [n for n, d in H.nodes(data=True) if d.get("status") == "Disputed"]
    assert disputed and all(H.degree(n) >= 2 for n in disputed)
    labels = [d["label"] for _, d in H.nodes(data=True) if d["cls"] == "Agreement"]
    assert all(any("\u0600" <= ch <= "\u06ff" for ch in label) for label in labels)  # not ids
    path = tmp_path / "sample.png"
    assert draw_graph(graph, path) == (H.number_of_nodes(), H.number_of_edges())
    height, width = matplotlib.image.imread(path).shape[:2]
    assert width >= 1200 and height >= 700


def test_draw_cli_writes_the_png(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from kg.cli import cli, main

    if "draw" not in cli.commands:
        pytest.skip("kg draw is not wired into kg/cli.py yet")
    ttl, png = tmp_path / "sample.ttl", tmp_path / "sample.png"
    assert main(["build", str(SAMPLE), "-o", str(ttl), "-q"]) == 0
    assert main(["draw", str(ttl), "-o", str(png)]) == 0
    assert png.read_bytes().startswith(PNG_SIGNATURE)
    assert "nodes" in capsys.readouterr().err
    assert main(["draw", str(tmp_path / "missing.ttl"), "-o", str(png)]) == 1
