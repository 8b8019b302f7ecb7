# Comptoir — `make run` serves the app and its job worker, `make test` runs every check. Debian 12, root or sudo.
SHELL := /bin/bash
VENV := .venv
PY := $(VENV)/bin/python
FLASK := $(VENV)/bin/flask --app wsgi
# libicu-dev, pkg-config, g++ and python3-dev build PyICU (collation by each language's rules;
# it has no wheel).
RUN_DEBS := python3 python3-venv libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 \
	fonts-dejavu-core fonts-wqy-microhei libicu-dev pkg-config g++ python3-dev
TEST_DEBS := $(RUN_DEBS) chromium libatomic1 postgresql poppler-utils redis-server procps
PYTEST := $(PY) -m pytest -q -p no:cacheprovider

.PHONY: run test setup deps-run deps-test translations secret lint migrate-check \
	test-sqlite test-postgres test-browser test-sqlite-then-browser bench clean

run: deps-run translations secret
	$(FLASK) db upgrade
	$(FLASK) demo
	scripts/serve.sh $(FLASK)

test: deps-test translations lint
	$(FLASK) translate check
	@# Two streams share the machine's cores: SQLite then the browser tests, beside PostgreSQL
	@# (the longest run); each run's output is printed whole when it ends (--output-sync), so
	@# they never interleave.
	$(MAKE) -j2 --output-sync=target test-sqlite-then-browser test-postgres

test-sqlite-then-browser:
	$(MAKE) test-sqlite
	$(MAKE) test-browser

test-sqlite:
	@echo "== pytest on SQLite"
	$(PYTEST) -m "not browser"

test-postgres:
	@echo "== pytest on PostgreSQL"
	scripts/with-postgres.sh $(PYTEST) -m "not browser" --database-only

test-browser:
	@echo "== browser tests (Chromium)"
	mkdir -p test-results
	$(PYTEST) -m browser tests/browser

lint:
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

deps-run:
	@scripts/apt-ensure.sh $(RUN_DEBS)
	@$(MAKE) --no-print-directory $(VENV)/.installed

deps-test:
	@scripts/apt-ensure.sh $(TEST_DEBS)
	@$(MAKE) --no-print-directory $(VENV)/.installed

$(VENV)/.installed: requirements.lock
	$(PY) -m pip --version >/dev/null 2>&1 || { rm -rf $(VENV); python3 -m venv $(VENV); }
	$(PY) -m pip install -q --disable-pip-version-check -r requirements.lock
	touch $@

translations: $(VENV)/.installed secret
	@$(FLASK) translate compile

# A random SECRET_KEY kept in instance/ (git-ignored) for `make run`.
secret: instance/secret_key
instance/secret_key:
	@mkdir -p instance
	@python3 -c 'import secrets; print(secrets.token_hex(32))' > $@
	@chmod 600 $@

bench: deps-run
	test -f bench/out/bench.db || $(PY) bench/generate.py --customers 100000
	$(PY) bench/run.py
	$(PY) bench/pdf.py

clean:
	rm -rf $(VENV) test-results
