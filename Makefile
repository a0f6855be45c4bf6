# newsroom: `make run` serves the demo newsroom, `make test` runs the suite.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed
# Where `make run` serves: `make run HOST=127.0.0.1:8080` (or HOST=8080) for
# another port, HOST=0.0.0.0:8000 to be reachable from other machines.
HOST ?= 127.0.0.1:8000
# Test processes (pytest-xdist); each gets its own Redis database (tests/settings.py).
TEST_WORKERS ?= 2
# Translations: the .po files are committed; the .mo files are built from them
# by `manage.py compiletranslations` (Babel, pure Python): set-up needs no GNU
# gettext. Only `make messages`, for developers, does.
PO := $(wildcard locale/*/LC_MESSAGES/django.po)
MO := $(PO:.po=.mo)

.PHONY: help run test lint format check install demo bench bench-pages messages

help: ## list the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  %-11s %s\n", $$1, $$2}'

$(STAMP): pyproject.toml
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "newsroom needs Python 3.11 or newer")'
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e ".[dev]"
	touch $(STAMP)

install: $(STAMP) $(MO) ## create .venv, install the project, compile translations

$(MO) &: $(PO) | $(STAMP)
	$(PY) manage.py compiletranslations

messages: install ## (developers; needs GNU gettext) update locale/*/django.po from the code
	$(PY) manage.py makemessages -l id -l en --no-obsolete --add-location file \
		--ignore tests --ignore staticfiles --ignore media

# The e-mails' links (NEWSROOM_SITE_URL, unless it is set) point where the
# demo is served: HOST=8080 and HOST=0.0.0.0:8080 are http://127.0.0.1:8080,
# as the log-in address load_demo prints.
demo run: SERVED = $(if $(findstring :,$(HOST)),$(HOST),127.0.0.1:$(HOST))
demo run: LOCAL = $(patsubst 0.0.0.0:%,127.0.0.1:%,$(patsubst [::]:%,[::1]:%,$(SERVED)))
demo run: SITE_URL = $(or $(NEWSROOM_SITE_URL),http://$(LOCAL))

demo: install ## migrate and load the demo newsroom (safe to repeat)
	$(PY) manage.py migrate --noinput --verbosity 0
	NEWSROOM_SITE_URL='$(SITE_URL)' $(PY) manage.py load_demo --address $(HOST)

run: demo ## set up and serve the demo newsroom (on 127.0.0.1:8000; another: HOST=127.0.0.1:8080)
	NEWSROOM_SITE_URL='$(SITE_URL)' $(PY) manage.py runserver $(HOST)

# The accessibility tests (tests/e2e) inject axe-core, pinned in package-lock.json.
test: install ## run the whole test suite
	@if [ ! -d node_modules ] && [ -f package-lock.json ] && command -v npm >/dev/null; then \
		npm ci --no-audit --no-fund; fi
	$(PY) -m pytest -n $(TEST_WORKERS)

lint: install ## ruff lint and format check; the import layers (import-linter)
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/lint-imports --no-logo --no-cache

format: install ## format the code
	$(VENV)/bin/ruff check --fix .
	$(VENV)/bin/ruff format .

check: install ## Django system checks and missing migrations
	$(PY) manage.py check
	$(PY) manage.py makemigrations --check --dry-run

# The benchmark of record (newsroom/benchmark): its own PostgreSQL database
# (100,000 articles, 1,000,000 comments; `make bench SIZE=small` for 2,000
# articles, BENCH_ARTICLES=n for any size), gunicorn with production settings,
# wrk over every public page with the page cache on and off, the Wagtail peer
# and a bare WSGI app; one table with the targets. Needs PostgreSQL, Redis
# and wrk (`apt-get install -y wrk`). BENCH_DURATION=10s, BENCH_RUNS=1.
SIZE ?=
bench: install ## the benchmark of record: seed, serve, wrk, one table (SIZE=small: 2,000 articles)
	SIZE=$(SIZE) $(PY) -m newsroom.benchmark

bench-pages: install ## time the public pages in-process on 2,000 generated articles (rolled back)
	$(PY) manage.py migrate --noinput --verbosity 0
	$(PY) manage.py bench
