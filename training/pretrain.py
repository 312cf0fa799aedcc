"""Pretrain the NER model's tok2vec on SaudiNewsNet text (``spacy pretrain``, cloze task).

ANERcorp's 125,000 training words are few; the encoder first learns Arabic news context
from SaudiNewsNet (8.76 M words), predicting the first and last characters of masked
words (spaCy's ``PretrainCharacters`` objective, 15 % of the words masked). The weights
then initialize ``spacy train`` (``[initialize] init_tok2vec``).

The model's features (``dkg_ner_features``: NORM is ``match_key``, LEMMA the word without
proclitics) are token attributes, and spaCy's masking builds new Docs that would lose
them; ``_apply_mask`` is wrapped here so the masked Docs carry the same features as at
training and run time. Articles are read in order (sorted zip and file names) and the
seed is spaCy's, so two runs give the same weights.

    python training/pretrain.py --data ../shared/data --work /tmp/diplokg-ner
"""

from __future__ import annotations

import argparse
import logging
import re
import sys
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(ROOT))

from spacy.language import Language  # noqa: E402
from spacy.ml.models import multi_task  # noqa: E402
from spacy.tokens import Doc  # noqa: E402
from spacy.util import registry  # noqa: E402
from vectors import articles  # noqa: E402

import kg.nlp.ner  # noqa: E402,F401  (registers dkg_ner_features)
from kg.nlp.ner import NerFeatures  # noqa: E402

log = logging.getLogger(__name__)

# A sentence ends at a line break or after . ! ? ؟ followed by a space.
_SENTENCE_END = re.compile(r"\n+|(?<=[.!?\u061F])\s+")
MIN_TOKENS, MAX_TOKENS = 5, 120


# The model's word features on every token, as its first component sets them.
set_features = NerFeatures()


_SPACY_APPLY_MASK = multi_task._apply_mask


def _apply_mask_with_features(docs, random_words, mask_prob=0.15):
    mask, masked = _SPACY_APPLY_MASK(docs, random_words, mask_prob=mask_prob)
    return mask, [set_features(doc) for doc in masked]


@registry.readers("dkg.SaudiNewsNetSentences.v1")
def saudinewsnet_sentences(
    path: Path | None, max_words: int = 0
) -> Callable[[Language], Iterator[Doc]]:
    """Sentences of the SaudiNewsNet articles under ``path`` as Docs with the features."""

    def read(nlp: Language) -> Iterator[Doc]:
        words = 0
        if path is None:
            raise ValueError("corpora.pretrain.path: no SaudiNewsNet folder given")
        for article in articles(Path(path)):
            for sentence in _SENTENCE_END.split(article):
                doc = nlp.make_doc(sentence.strip())
                for start in range(0, len(doc), MAX_TOKENS):
                    part = doc[start : start + MAX_TOKENS]
                    if len(part) < MIN_TOKENS:
                        continue
                    words += len(part)
                    yield set_features(part.as_doc())
                    if max_words and words >= max_words:
                        return

    return read


def pretrain(
    data: Path, work: Path, config: Path = HERE / "config.cfg", epochs: int = 2, max_words: int = 0
) -> Path:
    """Run ``spacy pretrain``; the weights file of the last epoch."""
    from spacy.training.pretrain import pretrain as spacy_pretrain
    from spacy.util import load_config, load_model_from_config

    multi_task._apply_mask = _apply_mask_with_features
    overrides = {
        "paths.raw_text": str(data / "saudinewsnet"),
        "paths.vectors": str(work / "vectors"),
        "components.tok2vec.model.embed.include_static_vectors": True,
        "pretraining.max_epochs": epochs,
        "corpora.pretrain.max_words": max_words,
    }
    out = work / "pretrain"
    out.mkdir(parents=True, exist_ok=True)
    for old in out.glob("model*.bin"):
        old.unlink()
    raw = load_config(config, overrides=overrides, interpolate=False)
    filled = load_model_from_config(raw, auto_fill=True, validate=False).config  # defaults
    spacy_pretrain(filled.interpolate(), out, silent=False)
    return out / f"model{epochs - 1}.bin"


def main() -> None:
    """Command line."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=ROOT.parent / "shared" / "data")
    parser.add_argument("--work", type=Path, default=Path(tempfile.gettempdir()) / "diplokg-ner")
    parser.add_argument("--epochs", type=int, default=2)
    parser.add_argument("--max-words", type=int, default=0, help="stop each epoch after N words")
    args = parser.parse_args()
    logging.basicConfig(level=logging.INFO, format="%(message)s")
    log.info(
        "weights -> %s",
        pretrain(args.data, args.work, epochs=args.epochs, max_words=args.max_words),
    )


if __name__ == "__main__":
    main()
