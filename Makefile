# Set-up and everyday commands. `make site` and `make test` do all set-up on a fresh machine.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
export NO_MKDOCS_2_WARNING := 1

.PHONY: site rebuild dist pages check import serve test lint bench screenshots offline messages clean help

help:
	@echo "make site         install dependencies, generate docs/ from source/, build site/"
	@echo "make rebuild      the same site/, every page rendered from scratch (make site renders only what changed)"
	@echo "make dist         make site, then .gz and .br copies of its text files for the server (see handbook/publishing.md)"
	@echo "make test         run the test suite on every core (installs test dependencies first)"
	@echo "make lint         check formatting and lint the code with ruff (make test does not)"
	@echo "make serve        live preview on http://127.0.0.1:8000: saving a file in source/ reloads the page"
	@echo "make bench        benchmark N = 100 and 1,000 articles, 3 runs each (BENCH_ARGS=--large adds 10,000)"
	@echo "make check        validate source/ without writing anything"
	@echo "make import FILE=story.txt [OUT=source/articles/x.yaml]   draft an article from plain text"
	@echo "make import FILE=inbox/ OUT=source/articles/ [ARGS=--add-people]   draft every *.txt of a folder"
	@echo "make screenshots  save screenshots of key pages (375 px and 1280 px, light and dark) into screenshots/"
	@echo "make offline      build dist/<site-name>-offline.zip (same source, same bytes) and offer it on the home page"
	@echo "make messages     extract the interface's strings into newsbuild/locale/messages.pot and merge them into each .po"
	@echo "make clean        remove site/, the build caches and the virtual environment"

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

# The pinned dependencies, then this project as a package (editable: the code stays where it is), which
# gives the `newsbuild` command and the MkDocs plugin, and lets the tests and benchmarks import newsbuild and bench.
$(VENV)/.site-deps: requirements.txt pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet -r requirements.txt
	$(BIN)/pip install --quiet --no-deps -e .
	touch $@

$(VENV)/.test-deps: requirements.txt requirements-test.txt pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet -r requirements-test.txt
	$(BIN)/pip install --quiet --no-deps -e .
	touch $@

# npm packages pinned in package-lock.json: the site needs only the iframe-worker shim (dependencies);
# the tests also need axe-core and the Nu Html Checker (devDependencies). A test install serves the site too.
node_modules/.site-deps: package.json package-lock.json
	@if [ -f node_modules/.test-deps ] && [ node_modules/.test-deps -nt package-lock.json ]; then \
		touch $@; else npm ci --omit=dev --no-audit --no-fund && touch $@; fi

node_modules/.test-deps: package.json package-lock.json
	npm ci --no-audit --no-fund
	touch $@ node_modules/.site-deps

pages: $(VENV)/.site-deps node_modules/.site-deps
	$(BIN)/python build_pages.py

check: $(VENV)/.site-deps
	$(BIN)/python build_pages.py check

# make import FILE=story.txt [OUT=source/articles/x.yaml]: a draft article from plain text (to stdout without OUT);
# FILE=folder/ OUT=source/articles/ drafts every *.txt in the folder. ARGS passes options (--add-people, --zone +05:00).
import: $(VENV)/.site-deps
	@test -n "$(FILE)" || { echo "usage: make import FILE=story.txt|FOLDER [OUT=source/articles/] [ARGS=--add-people]" >&2; exit 2; }
	$(BIN)/python build_pages.py import "$(FILE)" $(if $(OUT),-o "$(OUT)") $(ARGS)

# build_pages.py site: docs/ generated, then `mkdocs build --dirty`, under one lock that a preview (make serve)
# also takes, so no draft reaches site/. --dirty: only the pages build_pages.py rewrote are rendered again;
# the newsbuild plugin makes the result the site a clean build gives.
site: $(VENV)/.site-deps node_modules/.site-deps
	$(BIN)/python build_pages.py site
	@echo "Site built. Open $(CURDIR)/site/index.html in a browser, or run 'make serve'."

# The same site, every page rendered again from scratch.
rebuild: $(VENV)/.site-deps node_modules/.site-deps
	$(BIN)/python build_pages.py site --clean
	@echo "Site rebuilt from scratch in $(CURDIR)/site/."

# For deployment: the site with precompressed copies that nginx's gzip_static/brotli_static send as they are.
dist: site
	$(BIN)/python tools/precompress.py site

# --dirty: rebuild only the pages build_pages.py rewrote, so a save shows up in seconds on a large archive
# (--no-strict: problems in source/ are logged as errors and shown on the pages; strict mode would stop serving).
# Drafts and scheduled articles show there, each with a banner; `make site` leaves them out again.
serve: $(VENV)/.site-deps node_modules/.site-deps
	$(BIN)/python build_pages.py build --drafts
	$(BIN)/mkdocs serve --livereload --dirty --no-strict

# -n 4: four test processes (pytest-xdist), two per core of a small machine: much of the suite waits on
# browsers, servers and subprocesses. --dist loadfile: each file's tests run in order in one process (some
# share a built site, or edit one archive step by step, in a module fixture). --no-loadscope-reorder: files
# in collection order, which tests/conftest.py starts with the longest.
# Compiled modules are written even where PYTHONDONTWRITEBYTECODE is set: the tests start the builder and
# MkDocs hundreds of times in copies of the project, which then need not compile the package again.
test: $(VENV)/.test-deps node_modules/.test-deps
	env -u PYTHONDONTWRITEBYTECODE $(BIN)/python -m pytest -n 4 --dist loadfile --no-loadscope-reorder

# The formatter and the linter, as configured in pyproject.toml (CI runs this before the tests).
lint: $(VENV)/.test-deps
	$(BIN)/ruff format --check .
	$(BIN)/ruff check .

# The benchmarks: build times at N = 100 and 1,000, then the main-thread cost of each page kind on a phone.
bench: $(VENV)/.test-deps node_modules/.test-deps
	$(BIN)/python bench/run.py --report handbook/performance $(BENCH_ARGS)
	$(BIN)/python build_pages.py site
	$(BIN)/python bench/main_thread.py site

# The zip is built from a site without the download link (it cannot contain itself), then
# placed in docs/downloads/ so the published site offers it, with a note of the source it was made
# from: once source/ changes, builds stop offering it until `make offline` runs again.
# SOURCE_DATE_EPOCH fixes the build date.
OFFLINE_ZIP = dist/$(shell $(BIN)/python -c "from newsbuild.build import read_settings; print(read_settings('mkdocs.yml').slug)" 2>/dev/null)-offline.zip
offline: pages
	rm -f docs/downloads/*-offline.zip
	$(BIN)/python build_pages.py
	rm -rf build/offline-site
	SOURCE_DATE_EPOCH=$${SOURCE_DATE_EPOCH:-$$(git log -1 --format=%ct 2>/dev/null || echo 315532800)} \
		$(BIN)/mkdocs build --strict -d build/offline-site
	$(BIN)/python tools/offline_zip.py build/offline-site $(OFFLINE_ZIP)
	mkdir -p docs/downloads && cp $(OFFLINE_ZIP) docs/downloads/
	$(BIN)/python -c "from newsbuild.build import read_settings, stamp_offline_zip; \
		stamp_offline_zip('source', 'docs', read_settings('mkdocs.yml'))"
	$(BIN)/python build_pages.py
	$(BIN)/mkdocs build --strict
	@echo "Offline copy: $(OFFLINE_ZIP) (also offered on the home page of site/)."

# The theme page of a synthetic archive split by year shows the pager of a long listing.
screenshots: site $(VENV)/.test-deps
	$(BIN)/python tools/screenshots.py --out screenshots
	$(BIN)/python tools/example_archive.py build/example-archive
	$(BIN)/python tools/screenshots.py --site build/example-archive/project/site --out screenshots \
		--page theme-by-year=themes/theme-00/2016.html --light-only

# The interface's catalog (handbook/interface-language.md): the English strings of templates/, overrides/, the code and
# mkdocs.yml (babel.cfg) into messages.pot, then merged into each language's .po for its translator (a
# changed string comes back fuzzy, a new one empty; the build leaves both out until translated).
LOCALE := newsbuild/locale
messages: $(VENV)/.site-deps
	$(BIN)/pybabel extract -F babel.cfg -k N_ -k label:2 -c TRANSLATORS: --add-location=file --sort-by-file \
		--project=newsbuild --no-wrap -o $(LOCALE)/messages.pot \
		--header-comment="# The interface's English strings, made by make messages: edit the .po files, not this." .
	$(BIN)/pybabel update -i $(LOCALE)/messages.pot -d $(LOCALE) -D messages --no-wrap --ignore-pot-creation-date --ignore-obsolete

clean:
	rm -rf site build dist docs/downloads docs/.newsbuild $(VENV) node_modules
