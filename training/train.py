"""Rebuild the shipped NER model from the data: ``make train``.

Steps, all offline and seeded (spaCy seed 0 in ``training/config.cfg``):

1. ANERcorp ``train.txt``/``test.txt`` -> DocBin files (``training/convert.py``), 10 % of
   the training sentences held out as dev, in a work folder outside the repository;
   the training part gains name-swapped copies of some sentences (``training/augment.py``);
2. with ``--vectors``: floret vectors from the SaudiNewsNet text (``training/vectors.py``),
   converted with ``spacy init vectors --mode floret --attr NORM``;
3. with ``--pretrain N``: the tok2vec pretrained on the first N words of SaudiNewsNet
   (``training/pretrain.py``, spaCy's cloze task), the start of step 4;
4. ``spacy train`` with ``training/config.cfg``;
5. the best model goes to ``kg/models/ar_ner`` with its licence and sources in meta.json.

    python training/train.py --data ../shared/data --work /tmp/diplokg-ner [--vectors]
        [--pretrain 3000000]
"""

from __future__ import annotations

import argparse
import json
import logging
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(ROOT))

from convert import convert  # noqa: E402
from pretrain import pretrain  # noqa: E402
from vectors import train_vectors, write_text  # noqa: E402

import kg.nlp.ner  # noqa: E402,F401  (registers dkg_ner_features)
from kg.nlp.ner import MODEL_DIR  # noqa: E402

log = logging.getLogger(__name__)

LICENSE = "CC BY-SA 4.0"
SOURCES = [
    {
        "name": "ANERcorp (CAMeL Lab train/test split)",
        "author": "Benajiba, Rosso and Benedí Ruiz (2007); split by Obeid et al. (2020)",
        "license": "CC BY-SA 4.0",
    },
]
VECTOR_SOURCE = {
    "name": "SaudiNewsNet (its text: floret vectors, and the tok2vec pretraining with --pretrain)",
    "author": "M. Alhagri (2015)",
    "license": "CC BY-NC-SA 4.0",
}


def build_vectors(data: Path, work: Path) -> Path:
    """floret vectors of the SaudiNewsNet text as a spaCy vectors pipeline folder."""
    text = work / "saudinewsnet.txt"
    floret_file = work / "saudinewsnet.floret"
    if not floret_file.exists():
        log.info("%d words of SaudiNewsNet", write_text(data / "saudinewsnet", text))
        train_vectors(text, floret_file)
    out = work / "vectors"
    _run(
        [
            sys.executable,
            "-m",
            "spacy",
            "init",
            "vectors",
            "ar",
            str(floret_file),
            str(out),
            "--mode",
            "floret",
            "--attr",
            "NORM",
            "--name",
            "saudinewsnet_floret",
        ]
    )
    return out


def train(
    data: Path,
    work: Path,
    vectors: bool,
    pretrain_words: int = 0,
    config: Path = HERE / "config.cfg",
) -> Path:
    """Train the model and copy the best one into the package; its folder."""
    from spacy.cli.train import train as spacy_train

    corpus = work / "corpus"
    log.info("sentences: %s", convert(data / "anercorp", corpus))
    overrides = {"paths.train": str(corpus / "train.spacy"), "paths.dev": str(corpus / "dev.spacy")}
    if vectors or pretrain_words:
        overrides["paths.vectors"] = str(build_vectors(data, work))
        overrides["components.tok2vec.model.embed.include_static_vectors"] = True
    if pretrain_words:
        weights = pretrain(data, work, config, epochs=1, max_words=pretrain_words)
        overrides["paths.init_tok2vec"] = str(weights)
    output = work / "model"
    spacy_train(config, output, overrides=overrides, use_gpu=-1)
    return ship(output / "model-best", vectors or bool(pretrain_words))


def ship(best: Path, vectors: bool, target: Path = MODEL_DIR) -> Path:
    """Copy the model into the package and state its data and licence in meta.json."""
    if target.exists():
        shutil.rmtree(target)
    shutil.copytree(best, target)
    meta_path = target / "meta.json"
    meta = json.loads(meta_path.read_text(encoding="utf-8"))
    meta.update(
        {
            "name": "ar_ner",
            "version": "1.0.0",
            "license": LICENSE,
            "description": "Arabic NER (PERS, LOC, ORG, MISC) for diplokg; trained on ANERcorp",
            "sources": SOURCES + ([VECTOR_SOURCE] if vectors else []),
            "author": "diplokg",
            "url": "",
            "email": "",
        }
    )
    meta_path.write_text(json.dumps(meta, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    return target


def _run(command: list[str]) -> None:
    log.info("$ %s", " ".join(command))
    subprocess.run(command, check=True)


def main() -> None:
    """Command line."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=ROOT.parent / "shared" / "data")
    parser.add_argument("--work", type=Path, default=Path(tempfile.gettempdir()) / "diplokg-ner")
    parser.add_argument("--vectors", action="store_true", help="add SaudiNewsNet floret vectors")
    parser.add_argument(
        "--pretrain",
        type=int,
        default=0,
        metavar="WORDS",
        help="pretrain the tok2vec on this many SaudiNewsNet words first (implies --vectors)",
    )
    args = parser.parse_args()
    logging.basicConfig(level=logging.INFO, format="%(message)s")
    args.work.mkdir(parents=True, exist_ok=True)
    log.info("model -> %s", train(args.data, args.work, args.vectors, args.pretrain))


if __name__ == "__main__":
    main()
