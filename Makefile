# The two commands a newcomer needs: `make run` and `make test`. See README.md.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
HOST ?= 127.0.0.1
PORT ?= 8000
PYTEST_ARGS ?=
export ALLOW_DEVELOPMENT_SECRET ?= true

.PHONY: run test install messages catalogues check-python lint format screenshots bench load bench-search clean

check-python:
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else 1)' 2>/dev/null || { \
		echo "This project needs Python 3.11 or newer as '$(PYTHON)'."; \
		echo "Install it (Debian/Ubuntu: apt-get install python3 python3-venv), or run"; \
		echo "  make run PYTHON=/path/to/python3.11"; \
		exit 1; }

$(VENV)/.installed: requirements.txt requirements-dev.txt | check-python
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -r requirements-dev.txt
	touch $@

node_modules/axe-core/axe.min.js: package.json
	npm install --no-audit --no-fund --silent
	touch $@

install: $(VENV)/.installed

# .mo files are built, not committed: Babel compiles them, so GNU gettext is not needed.
messages: install
	$(BIN)/pybabel compile --domain django --directory locale --statistics

# Updates the .po catalogues from the code and templates (needs GNU gettext; translate the new
# entries, then `make test`). File-only locations keep moved code from churning the catalogues.
catalogues: install
	$(BIN)/python manage.py makemessages -l zh_Hans -l en --add-location=file \
		--ignore=.venv --ignore=node_modules --ignore=bench --ignore=tests

run: messages
	$(BIN)/python manage.py migrate --noinput
	$(BIN)/python manage.py load_catalogue
	DEBUG=true $(BIN)/python manage.py runserver $(HOST):$(PORT)

test: messages
	@if command -v npm >/dev/null 2>&1; then $(MAKE) --no-print-directory node_modules/axe-core/axe.min.js; fi
	$(BIN)/python -m pytest $(PYTEST_ARGS)

# Rewrites the README's screenshots (docs/screenshots/) from the browser tests; other test runs
# write theirs to test-results/screenshots/, outside git.
screenshots: messages node_modules/axe-core/axe.min.js
	UPDATE_README_SCREENSHOTS=1 $(BIN)/python -m pytest -m browser $(PYTEST_ARGS)

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: install
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

# Benchmarks (not tests), on PostgreSQL (BENCH_DATABASE_URL names the server; default
# postgres://postgres@127.0.0.1:5432/): the pages at 10,000 and 100,000 cases against the
# trivial view and the textbook peer, written to bench/results.md. See bench/README.md.
bench: messages
	$(BIN)/python -m bench.run

# gunicorn with production settings under wrk for a bounded time (needs make bench's
# 10,000-case database, Redis, and wrk: apt-get install wrk).
load: messages
	$(BIN)/python -m bench.load

# The search benchmark of bench/README.md (DATABASE_URL: a PostgreSQL database of its own).
bench-search: messages
	$(BIN)/python -m bench.search --cases 100000

clean:
	rm -rf $(VENV) node_modules db.sqlite3 staticfiles
	find locale -name '*.mo' -delete
