"""ANERcorp `word TAG` files -> spaCy DocBin files (train, dev, test).

ANERcorp as shipped in ``../shared/data/anercorp`` has no sentence breaks: a sentence
ends after a sentence-final punctuation token. The dev set is a fixed, seeded 10 % of
the training sentences; test.txt is converted whole and used only for the final score.

    python training/convert.py ../shared/data/anercorp training/corpus
"""

from __future__ import annotations

import argparse
import logging
import random
from pathlib import Path

import spacy
from augment import augment
from spacy.tokens import Doc, DocBin

from kg.ner_eval import read_conll, split_sentences, to_doc

log = logging.getLogger(__name__)


def convert(
    source: Path, out: Path, dev_share: float = 0.1, seed: int = 0, augment_share: float = 0.5
) -> dict[str, int]:
    """Write ``train.spacy``, ``dev.spacy`` and ``test.spacy`` under ``out``; their sizes.

    ``train`` has, after its own sentences, name-swapped copies of ``augment_share`` of
    them (``training/augment.py``); dev and test are the data as it is.
    """
    nlp = spacy.blank("ar")
    out.mkdir(parents=True, exist_ok=True)
    train = split_sentences(read_conll(source / "train.txt"))
    test = split_sentences(read_conll(source / "test.txt"))
    order = list(range(len(train)))
    random.Random(seed).shuffle(order)
    dev_ids = set(order[: int(len(order) * dev_share)])
    kept = [s for i, s in enumerate(train) if i not in dev_ids]
    parts = {
        "train": kept + augment(kept, augment_share, seed),
        "dev": [s for i, s in enumerate(train) if i in dev_ids],
        "all": train,
        "test": test,
    }
    for name, sentences in parts.items():
        docs: list[Doc] = [to_doc(nlp.vocab, sentence) for sentence in sentences]
        DocBin(docs=docs, store_user_data=False).to_disk(out / f"{name}.spacy")
    return {name: len(s) for name, s in parts.items()}


def main() -> None:
    """Command line: source folder and output folder."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("source", type=Path)
    parser.add_argument("out", type=Path)
    parser.add_argument("--augment", type=float, default=0.5, help="share of name-swapped copies")
    args = parser.parse_args()
    logging.basicConfig(level=logging.INFO, format="%(message)s")
    log.info("sentences: %s", convert(args.source, args.out, augment_share=args.augment))


if __name__ == "__main__":
    main()
