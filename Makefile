# `make` alone prints what each target does.
VENV ?= .venv
PY := $(VENV)/bin/python
CATALOGUES := survey_app/translations
PG_URL ?= postgresql+psycopg://postgres@127.0.0.1:5432/cohesion_test

.DEFAULT_GOAL := help
.PHONY: help install run test test-postgres lint format typecheck bench translations fonts clean

help: ## list the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  %-15s %s\n", $$1, $$2}'

$(PY):
	python3 -m venv $(VENV)

install: $(PY) ## install the project and its test tools into .venv
	$(PY) -m pip install -q -e '.[test,bench]'

run: install ## start the app on SQLite with demo data
	$(PY) run.py

test: install ## run the whole test suite on SQLite
	$(PY) -m pytest

test-postgres: install ## run the whole test suite on the local PostgreSQL server
	psql -q -h 127.0.0.1 -U postgres -d postgres -c "CREATE DATABASE cohesion_test" 2>/dev/null || true
	TEST_DATABASE_URL=$(PG_URL) $(PY) -m pytest

lint: install ## ruff lint and format check, import boundaries
	$(VENV)/bin/ruff check . && $(VENV)/bin/ruff format --check survey_app tests bench config.py run.py && $(VENV)/bin/lint-imports

format: install ## apply ruff's formatting and fixes
	$(VENV)/bin/ruff check --fix . && $(VENV)/bin/ruff format survey_app tests bench config.py run.py

typecheck: install ## mypy over survey_app
	$(VENV)/bin/mypy

bench: install ## run the benchmarks; writes bench/results/report.md and report.json
	$(PY) -m bench

translations: install ## re-extract the interface text; update every language's .po; compile the .mo files
	$(VENV)/bin/pybabel extract -F babel.cfg -k _l -k N_ -k lazy_ngettext:1,2 --no-wrap --sort-by-file --omit-header -o $(CATALOGUES)/messages.pot .
	$(VENV)/bin/pybabel update -i $(CATALOGUES)/messages.pot -d $(CATALOGUES) --no-wrap --ignore-obsolete --no-fuzzy-matching
	$(VENV)/bin/pybabel compile -d $(CATALOGUES) --statistics

fonts: install ## rebuild the Urdu pages' Nastaliq subset from the shipped Urdu texts (needs fonts-noto-core)
	$(PY) -m survey_app.webfont_subset

clean: ## remove caches and generated files
	rm -rf .pytest_cache .ruff_cache .mypy_cache .hypothesis exports/*.pdf exports/*.csv exports/*.xlsx
