#!/usr/bin/env python3
"""Score the extractor on the development set: ``make dev-eval``.

The texts are written from ``../shared/data`` by the set's own ``materialize.py`` into an
ignored cache folder; every article is built on its own (no cross-document merging), with
its date from the gold, in one process, and scored with ``kg eval``'s scorer. Prints one
row per document and the micro average (counts summed); ``--json`` for scripts.
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"

# (column, metric field, what to print): f = F1 of counts, p/r = precision/recall, a = accuracy
COLUMNS = (
    ("Lead", "leader", "f"),
    ("Reg", "region", "f"),
    ("AgrP", "agreements", "p"),
    ("AgrR", "agreements", "r"),
    ("AgrF", "agreements", "f"),
    ("stat", "agreement_status", "a"),
    ("side", "agreement_sides", "a"),
    ("party", "agreement_parties", "a"),
    ("CndP", "conditions", "p"),
    ("CndR", "conditions", "r"),
    ("CndF", "conditions", "f"),
    ("setby", "condition_set_by", "a"),
    ("disp", "condition_disputed", "a"),
    ("StmP", "statements", "p"),
    ("StmR", "statements", "r"),
    ("spkr", "statement_speaker", "a"),
    ("sside", "statement_side", "a"),
)


def materialize(gold_dir: Path, cache: Path) -> None:
    """Write the texts with the set's own script unless every one is already there."""
    names = [p.stem + ".txt" for p in sorted(gold_dir.glob("*.yaml"))]
    if names and all((cache / n).is_file() for n in names):
        return
    script = gold_dir / "materialize.py"
    subprocess.run([sys.executable, str(script), str(cache)], check=True, stdout=subprocess.DEVNULL)


def score_set(gold_dir: Path, cache: Path, only: list[str] | None = None):
    """Build every article of ``gold_dir`` on its own and score it; ``(Scores, seconds)``."""
    from kg import evaluate as ev
    from kg.build import collect, to_graph
    from kg.read import read_paths

    golds = [ev.load_gold(p) for p in sorted(gold_dir.glob("*.yaml"))]
    if only:
        golds = [g for g in golds if Path(g.document).stem in only]
    started = time.monotonic()
    by_name = {g.document: g for g in golds}
    paths = [cache / g.document for g in golds]
    documents = [
        dataclasses.replace(d, date=str(by_name[Path(d.path).name].date or "") or d.date)
        for d in read_paths(paths, strict=True)
    ]
    records = collect(documents)
    scores = []
    for record in records:
        gold = by_name[Path(record.document.path).name]
        graph = to_graph([record])
        scores.append(ev.score_document(graph, gold, record.document.text))
    result = ev.Scores(documents=tuple(scores), micro=ev.micro_average(scores))
    return result, time.monotonic() - started


def _cell(metric, what: str) -> str:
    value = {
        "f": getattr(metric, "f1", None),
        "p": getattr(metric, "precision", None),
        "r": getattr(metric, "recall", None),
        "a": getattr(metric, "value", None),
    }[what]
    return "   -" if value is None else f"{value:.2f}"


def table(scores) -> str:
    """One row per document and the micro row, every metric in a column."""
    head = f"{'document':<10} " + " ".join(f"{c:>5}" for c, _, _ in COLUMNS)
    rows = [head]
    micro = dataclasses.replace(scores.micro, document="micro")
    for doc in (*scores.documents, micro):
        name = Path(doc.document).stem
        rows.append(
            f"{name:<10} " + " ".join(f"{_cell(getattr(doc, f), w):>5}" for _, f, w in COLUMNS)
        )
    return "\n".join(rows)


def counts_line(micro) -> str:
    """The micro counts behind the ratios, for the commit message and docs/quality.md."""
    parts = []
    for name in ("agreements", "conditions", "statements"):
        c = getattr(micro, name)
        parts.append(f"{name} tp {c.tp} fp {c.fp} fn {c.fn}")
    for name in ("agreement_status", "agreement_sides", "condition_set_by", "statement_speaker"):
        r = getattr(micro, name)
        parts.append(f"{name} {r.correct}/{r.total}")
    return "; ".join(parts)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--gold", type=Path, default=SHARED / "gold" / "dev")
    parser.add_argument("--cache", type=Path, default=ROOT / ".cache" / "dev")
    parser.add_argument("--json", action="store_true", help="print every score as JSON")
    parser.add_argument("--details", action="store_true", help="print kg eval's full report")
    parser.add_argument("--only", nargs="*", help="document stems to score (e.g. dev_03)")
    args = parser.parse_args(argv)
    if not (args.gold / "materialize.py").is_file():
        print(f"dev-eval: error: {args.gold}: no gold set with materialize.py", file=sys.stderr)
        return 1
    materialize(args.gold, args.cache)
    scores, seconds = score_set(args.gold, args.cache, args.only)
    from kg import evaluate as ev

    if args.json:
        print(json.dumps(ev.to_dict(scores), ensure_ascii=False, indent=2))
    else:
        if args.details:
            print(ev.format_report(scores))
        print(table(scores))
        print(counts_line(scores.micro))
    print(f"dev-eval: {len(scores.documents)} documents in {seconds:.1f} s", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
