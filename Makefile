# Lotse — see README.md. `make help` lists the targets.
SHELL := /bin/bash
.DEFAULT_GOAL := help
export RASA_TELEMETRY_ENABLED := false
export UV_PYTHON_DOWNLOADS := never

APP := .venv/bin
LOTSE := $(APP)/lotse
PYTEST_ARGS ?=

.PHONY: help install run test test-fast lint format typecheck train bench lock clean distclean

help: ## list the targets
	@grep -hE '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-10s %s\n", $$1, $$2}'

install: .venv/.installed .venv-bot/.installed ## create or update both locked environments

.venv/.installed: requirements.lock pyproject.toml scripts/install.sh
	scripts/install.sh app

.venv-bot/.installed: bot/requirements.lock scripts/install.sh scripts/find-python.sh .venv/.installed
	scripts/install.sh bot

run: install ## train if needed, start the switchboard and a supervised Rasa server
	$(LOTSE) serve

train: install ## train the Rasa model unless one for the current bot/ + data/ exists
	$(LOTSE) train

test: install ## the whole suite, real Rasa server, PostgreSQL and browser included
	$(LOTSE) train
	$(APP)/pytest $(PYTEST_ARGS)

test-fast: install ## the fast tests only (no Rasa server, no browser)
	$(APP)/pytest -m "not integration" $(PYTEST_ARGS)

lint: .venv/.installed ## ruff (lint + format check) and mypy
	$(APP)/ruff check .
	$(APP)/ruff format --check .
	$(APP)/mypy

format: .venv/.installed ## apply ruff's formatting and safe fixes
	$(APP)/ruff format .
	$(APP)/ruff check --fix .

typecheck: .venv/.installed ## mypy (strict) on our packages
	$(APP)/mypy

bench: install ## NLU; PII; switchboard vs bare Rasa; user message → agent console latency
	$(APP)/python benchmarks/bench_nlu.py
	$(APP)/python benchmarks/bench_pii.py
	$(APP)/python benchmarks/bench_switchboard.py
	$(APP)/python benchmarks/bench_console.py

lock: .venv/.installed ## re-resolve both lock files from pyproject.toml and bot/requirements.in
	$(APP)/uv pip compile pyproject.toml --extra dev --python-version 3.11 --python-platform x86_64-manylinux_2_28 -o requirements.lock
	$(APP)/uv pip compile bot/requirements.in --python-version 3.10 --python-platform x86_64-manylinux_2_28 -o bot/requirements.lock

clean: ## remove caches and trained models (keeps environments and var/)
	rm -rf models .pytest_cache .mypy_cache .ruff_cache
	find . -name __pycache__ -type d -prune -not -path './.venv*' -exec rm -rf {} +

distclean: clean ## also remove both environments and var/ (database, secrets, logs)
	rm -rf .venv .venv-bot var
