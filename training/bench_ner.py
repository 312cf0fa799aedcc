"""Throughput of the extraction with and without the NER model (words per second).

Reads the documents once, then extracts them four times: the pipeline without the
model, with the model on the windows around the cues (the default), on the sentences
with a cue, and on every sentence.
A benchmark, not a test: it prints figures for docs/ner.md.

    python training/bench_ner.py ../shared/data/saudinewsnet/2015-07-21.zip [--limit N]
"""

from __future__ import annotations

import argparse
import logging
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from kg.build import collect  # noqa: E402
from kg.nlp import get_pipeline  # noqa: E402
from kg.read import read_paths  # noqa: E402

log = logging.getLogger(__name__)


def measure(documents: list, scope: str | None) -> tuple[float, int, int]:
    """Seconds, words and entity mentions of one extraction run (``scope`` None: no model)."""
    get_pipeline.cache_clear()
    nlp = get_pipeline("ar")
    if scope is None:
        nlp.remove_pipe("dkg_ner")
    else:
        nlp.get_pipe("dkg_ner").scope = scope
    start = time.perf_counter()
    records = collect(documents)
    seconds = time.perf_counter() - start
    words = sum(len(r.document.text.split()) for r in records)
    return seconds, words, sum(e.mentions for r in records for e in r.entities)


def main() -> None:
    """Command line: input file(s), optional document limit."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("inputs", nargs="+", type=Path)
    parser.add_argument("--limit", type=int, default=0)
    args = parser.parse_args()
    logging.basicConfig(level=logging.INFO, format="%(message)s")
    documents = list(read_paths(tuple(args.inputs)))
    documents = documents[: args.limit] if args.limit else documents
    get_pipeline("ar")  # load the model before timing
    for label, scope in (
        ("without model", None),
        ("model, cue windows", "windows"),
        ("model, cued sentences", "cued"),
        ("model, all sentences", "all"),
    ):
        seconds, words, mentions = measure(documents, scope)
        log.info(
            "%-22s %6d docs %8d words %7.1f s %7.0f words/s %7d entity mentions",
            label,
            len(documents),
            words,
            seconds,
            words / seconds,
            mentions,
        )


if __name__ == "__main__":
    main()
