# Two commands set everything up: `make demo` and `make test`. Both create .venv when needed.
SHELL := /bin/bash
VENV := .venv
BIN := $(VENV)/bin

# Find a Python >= 3.12 (Django 6.1 needs it); never assume `python3` is new enough.
PYTHON ?= $(shell for c in python3.13 python3.12 python3 ; do \
	  for v in "" 3.13.0 3.12.1 ; do \
	    p=$$(PYENV_VERSION=$$v command -v $$c 2>/dev/null) || continue ; \
	    if PYENV_VERSION=$$v $$p -c 'import sys; sys.exit(sys.version_info < (3, 12))' 2>/dev/null ; then \
	      echo "env PYENV_VERSION=$$v $$p" ; exit 0 ; fi ; \
	  done ; done)

.PHONY: demo test test-pg e2e lint format messages check-deploy bench clean

$(BIN)/.installed: pyproject.toml
	@if [ -z "$(PYTHON)" ]; then echo "Python 3.12 or newer is needed (python3.13 or python3.12 on PATH)." >&2; exit 1; fi
	@[ -x $(BIN)/python ] || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e ".[test]"
	@touch $@

# Ralph, the learning record store the xAPI tests send to, in a venv of its own: its `lrs` extra pins
# FastAPI and friends (and it needs `requests`, missing from its extras). Python 3.12, as it was tested.
RALPH_PYTHON ?= $(shell p=$$(PYENV_VERSION=3.12.1 command -v python3.12 2>/dev/null) && \
	  PYENV_VERSION=3.12.1 $$p -c 'import sys' 2>/dev/null && echo "env PYENV_VERSION=3.12.1 $$p" || echo "$(PYTHON)")
.venv-ralph/bin/uvicorn:
	$(RALPH_PYTHON) -m venv .venv-ralph
	.venv-ralph/bin/python -m pip install --quiet "ralph-malph[cli,lrs]==5.1.0" "requests>=2.32,<3"

demo: $(BIN)/.installed
	$(BIN)/beklijf demo

test: $(BIN)/.installed .venv-ralph/bin/uvicorn
	$(BIN)/python -m pytest -n 2 --dist loadgroup

test-pg: $(BIN)/.installed .venv-ralph/bin/uvicorn
	DATABASE_URL=$${DATABASE_URL:-postgres://postgres@127.0.0.1:5432/test} $(BIN)/python -m pytest -n 2 --dist loadgroup

e2e: $(BIN)/.installed
	$(BIN)/python -m pytest tests/e2e

lint: $(BIN)/.installed
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports

format: $(BIN)/.installed
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

messages: $(BIN)/.installed
	cd src/beklijf && ../../$(BIN)/django-admin makemessages -l nl --no-obsolete --no-location --settings=beklijf.config.test_settings
	cd src/beklijf && ../../$(BIN)/django-admin compilemessages --settings=beklijf.config.test_settings

check-deploy: $(BIN)/.installed
	DEBUG=false SECRET_KEY=$$(head -c 48 /dev/urandom | base64) ALLOWED_HOSTS=beklijf.example.com \
	  EMAIL_URL=smtp+tls://mail.example.com:587 $(BIN)/beklijf manage check --deploy --fail-level WARNING

bench: $(BIN)/.installed
	$(BIN)/python bench/run_all.py

clean:
	rm -rf $(VENV) var .pytest_cache
