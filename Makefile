# diplokg: two commands do everything on a fresh machine:
#   make run    set up, build the sample article's graph, print disputed and unconfirmed agreements
#   make test   set up and pass every test
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
SAMPLE := examples/ar_trump_putin_call_2025-03-18.txt
OUT    := out
STAMP  := $(VENV)/.installed

.PHONY: setup run test test-fast lint format fuzz bench bench-full dev-eval clean

setup: $(STAMP)

$(STAMP): setup.cfg pyproject.toml requirements-dev.txt
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -r requirements-dev.txt -e .
	touch $(STAMP)

run: setup
	@mkdir -p $(OUT)
	$(BIN)/kg build $(SAMPLE) -o $(OUT)/sample.ttl
	$(BIN)/kg draw $(OUT)/sample.ttl -o $(OUT)/sample.png
	@echo "== disputed agreements =="
	@$(BIN)/kg query $(OUT)/sample.ttl disputed
	@echo "== unconfirmed agreements =="
	@$(BIN)/kg query $(OUT)/sample.ttl unconfirmed

test: setup
	$(BIN)/python -m pytest -q

test-fast: setup
	$(BIN)/python -m pytest -q -m "not slow"

lint: setup
	$(BIN)/ruff check kg tests tools
	$(BIN)/ruff format --check kg tests tools
	$(BIN)/python tools/gen_namespace.py --check

format: setup
	$(BIN)/ruff format kg tests tools
	$(BIN)/ruff check --fix kg tests tools

fuzz: setup
	$(BIN)/python tools/fuzz.py --minutes 10

bench: setup   # figures on a 5,000-article SaudiNewsNet sample (skips without ../shared/data)
	$(BIN)/python bench/bench.py

bench-full: setup   # the same on all 31,030 articles
	$(BIN)/python bench/bench.py --full

# Score the extractor on the 24 development articles of ../shared/gold/dev (texts cached in .cache/dev).
dev-eval: setup
	$(BIN)/python tools/dev_eval.py $(ARGS)

# Rebuild the shipped NER model (kg/models/ar_ner) from ../shared/data, offline, seeded.
train: setup
	$(BIN)/python training/train.py --data ../shared/data --work $${TMPDIR:-/tmp}/diplokg-ner --vectors --pretrain 3000000

clean:
	rm -rf $(OUT) .pytest_cache .ruff_cache *.egg-info
