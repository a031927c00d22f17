# make run: fresh machine -> .venv, install, ingest examples/, print a summary, write report.html
# make test: the whole test suite (creates .venv if needed)
PY ?= python3
VENV := .venv
BIN := $(VENV)/bin
DB ?= multipolar.duckdb

$(BIN)/multipolar: pyproject.toml
	$(PY) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[test]'
	touch $@

.PHONY: install run test bench clean
install: $(BIN)/multipolar

run: install
	$(BIN)/multipolar ingest examples/ --db $(DB)
	$(BIN)/multipolar events --db $(DB) --limit 15
	$(BIN)/multipolar report --db $(DB) -o report.html

test: install
	$(BIN)/python -m pytest $(PYTEST_ARGS)

bench: install
	$(BIN)/python benchmarks/coder_speed.py

clean:
	rm -rf $(VENV) *.egg-info report.html $(DB)
