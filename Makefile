# make run: fresh machine -> .venv, install, load the bundled reference data, ingest examples/, print a summary,
# write report.html
# make test: the whole test suite (creates .venv if needed)
PY ?= python3
VENV := .venv
BIN := $(VENV)/bin
DB ?= multipolar.duckdb
# the whole suite, the long fault-injection loops included (PYTEST_ARGS= for the quick run)
PYTEST_ARGS ?= --run-slow

FRONTEND := src/multipolar/web/frontend

$(BIN)/multipolar: pyproject.toml
	$(PY) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[test]'
	touch $@

# the dashboard's JS (d3, topojson-client, world-atlas) from npm, pinned by package-lock.json; served locally
$(FRONTEND)/node_modules/.package-lock.json: $(FRONTEND)/package-lock.json
	@if command -v npm >/dev/null 2>&1; then npm ci --silent --no-audit --no-fund --prefix $(FRONTEND); \
	else echo "npm not found: the dashboard map will lack its JS libraries (API and tests that need them skip)"; fi

.PHONY: install run test bench train clean
install: $(BIN)/multipolar $(FRONTEND)/node_modules/.package-lock.json

# the reference data shipped in the package (UN votes, ideal points, WDI, sanctions, blocs, leaders) goes in first:
# the map, the report and every indicator work offline, with no ../shared and no download
run: install
	$(BIN)/multipolar data defaults --db $(DB)
	$(BIN)/multipolar ingest examples/ --db $(DB)
	$(BIN)/multipolar events --db $(DB) --limit 15
	$(BIN)/multipolar report --db $(DB) -o report.html

test: install
	$(BIN)/python -m pytest $(PYTEST_ARGS)

bench: install
	$(BIN)/python benchmarks/coder_speed.py

# the coder's learned detector from the annotated corpus (corpus/): train split, thresholds on the dev split
# (linear models, the fine-tuned trigger and role encoders: about an hour on two cores with nothing else running);
# writes src/multipolar/coding/data/detector.npz, detector.encoder.safetensors and detector.roles.safetensors
# the Phoenix actor table first: its generic-phrase filter reads the corpus's lower-case words (scripts/build_phoenix_table.py)
PETRARCH := ../shared/reference/petrarch2
train: install
	@if [ -d $(PETRARCH) ]; then $(BIN)/python scripts/build_phoenix_table.py $(PETRARCH)/Phoenix.Countries.actors.txt \
		$(PETRARCH)/Phoenix.MilNonState.actors.txt; \
	else echo "$(PETRARCH) absent: the Phoenix actor table is not rebuilt"; fi
	$(BIN)/multipolar train --corpus corpus

clean:
	rm -rf $(VENV) *.egg-info report.html $(DB)
