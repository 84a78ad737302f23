# The two commands a newcomer needs: `make run` and `make test`. See README.md.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
HOST ?= 127.0.0.1
PORT ?= 8000
PYTEST_ARGS ?=
export ALLOW_DEVELOPMENT_SECRET ?= true

.PHONY: run test install lock lock-upgrade prod-check messages catalogues check-python lint format \
	screenshots bench load bench-search clean

check-python:
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else 1)' 2>/dev/null || { \
		echo "This project needs Python 3.11 or newer as '$(PYTHON)'."; \
		echo "Install it (Debian/Ubuntu: apt-get install python3 python3-venv), or run"; \
		echo "  make run PYTHON=/path/to/python3.11"; \
		exit 1; }

# Installs exactly what the lock file pins, each file checked against its hash (make lock).
$(VENV)/.installed: requirements-dev.lock | check-python
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --require-hashes --no-deps -r requirements-dev.lock
	touch $@

# The npm packages the tests use: axe-core (the browser tests' audit) and vnu-jar (the Nu HTML
# Checker, run with Debian's Java by tests/pages/test_html_validity.py). One install makes both.
NODE_FILES := node_modules/axe-core/axe.min.js node_modules/vnu-jar/build/dist/vnu.jar
$(NODE_FILES) &: package.json package-lock.json
	npm install --no-audit --no-fund --silent
	touch $(NODE_FILES)

install: $(VENV)/.installed

# The lock files (hashes for every file of every pinned version), compiled for Python 3.11,
# the oldest supported: requirements.lock for production, requirements-dev.lock for make
# install and CI. `make lock` keeps current pins and adds what requirements*.txt newly ask for;
# `make lock-upgrade` moves every package to the newest version its range allows.
LOCK_FLAGS := --quiet --generate-hashes --allow-unsafe --strip-extras \
	--no-emit-index-url --no-emit-find-links
lock: install
	@$(BIN)/python -c 'import sys; sys.exit(sys.version_info[:2] != (3, 11))' || { \
		echo "make lock compiles for Python 3.11: make clean, then make lock PYTHON=python3.11"; \
		exit 1; }
	$(BIN)/pip-compile $(LOCK_FLAGS) $(LOCK_UPGRADE) --output-file requirements.lock requirements.txt
	$(BIN)/pip-compile $(LOCK_FLAGS) $(LOCK_UPGRADE) --output-file requirements-dev.lock \
		requirements-dev.txt
	$(BIN)/pip install --quiet --require-hashes --no-deps -r requirements-dev.lock

lock-upgrade:
	$(MAKE) --no-print-directory lock LOCK_UPGRADE=--upgrade

# Production settings on 127.0.0.1: gunicorn, PostgreSQL and Redis, requests as a TLS proxy
# sends them. Needs PostgreSQL on 127.0.0.1:5432 and Redis on 127.0.0.1:6379 (.ci/run starts
# both). PROD_CHECK_DATABASE names a scratch database it creates and drops.
PROD_CHECK_DATABASE ?= catalogue_prod_check
prod-check: messages
	PROD_CHECK_DATABASE=$(PROD_CHECK_DATABASE) $(BIN)/python scripts/prod_check.py

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
	@if command -v npm >/dev/null 2>&1; then $(MAKE) --no-print-directory $(NODE_FILES); fi
	$(BIN)/python -m pytest $(PYTEST_ARGS)

# Rewrites the README's screenshots (docs/screenshots/) from the browser tests; other test runs
# write theirs to test-results/screenshots/, outside git.
screenshots: messages $(NODE_FILES)
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
