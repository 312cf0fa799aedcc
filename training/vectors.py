"""Static floret word vectors from the SaudiNewsNet text, for the NER model.

floret (fastText with hashed subwords, the vector table a fixed number of rows) keeps the
vectors small and gives every word a vector, including names never seen in training,
from its character n-grams. The text is tokenized as the pipeline does (punctuation
split off) and folded with ``match_key``, as the model's NORM feature is, so the
vectors are looked up by NORM.

    python training/vectors.py ../shared/data/saudinewsnet training/vectors
"""

from __future__ import annotations

import argparse
import json
import logging
import re
import zipfile
from collections.abc import Iterator
from pathlib import Path

from kg.errors import InputError
from kg.textnorm import match_key

log = logging.getLogger(__name__)

# Punctuation split off words, as the pipeline's tokenizer does.
PUNCT = re.compile(r"([\.\,\u060C\u061B:!\?\u061F\"\u00AB\u00BB\u201C\u201D\(\)\[\]\u2026])")

# floret settings: 2 hashes per n-gram into BUCKET rows of DIM floats.
SETTINGS = {
    "model": "cbow",
    "dim": 100,
    "minn": 3,
    "maxn": 5,
    "bucket": 20000,
    "hashCount": 2,
    "mode": "floret",
    "epoch": 5,
    "minCount": 5,
    "thread": 1,
}  # one thread: fastText's result then depends on nothing else


def articles(folder: Path) -> Iterator[str]:
    """The title and content of every article in the folder's zip files, in order."""
    paths = sorted(folder.glob("*.zip"))
    if not paths:
        raise InputError(f"{folder}: no SaudiNewsNet .zip files")
    for path in paths:
        with zipfile.ZipFile(path) as archive:
            for name in sorted(archive.namelist()):
                for article in json.loads(archive.read(name)):
                    yield f"{article.get('title') or ''}\n{article.get('content') or ''}"


def tokens(text: str) -> list[str]:
    """The folded tokens of a text."""
    return [match_key(t) for t in PUNCT.sub(r" \1 ", text).split() if match_key(t)]


def write_text(folder: Path, out: Path) -> int:
    """Write one article per line, tokenized and folded; the number of words."""
    words = 0
    with out.open("w", encoding="utf-8") as handle:
        for article in articles(folder):
            line = tokens(article)
            words += len(line)
            handle.write(" ".join(line) + "\n")
    return words


def train_vectors(text: Path, out: Path) -> Path:
    """Train floret vectors on ``text`` and write them to ``out`` (.floret format)."""
    import floret

    model = floret.train_unsupervised(str(text), **SETTINGS)
    model.save_floret_vectors(str(out))
    return out


def main() -> None:
    """Command line: SaudiNewsNet folder, output folder."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("source", type=Path)
    parser.add_argument("out", type=Path)
    args = parser.parse_args()
    logging.basicConfig(level=logging.INFO, format="%(message)s")
    args.out.mkdir(parents=True, exist_ok=True)
    text = args.out / "saudinewsnet.txt"
    log.info("%d words -> %s", write_text(args.source, text), text)
    log.info("vectors -> %s", train_vectors(text, args.out / "saudinewsnet.floret"))


if __name__ == "__main__":
    main()
