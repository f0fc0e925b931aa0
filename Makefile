# Set-up and everyday commands. `make site` and `make test` do all set-up on a fresh machine.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
export NO_MKDOCS_2_WARNING := 1

.PHONY: site pages check serve test screenshots clean help

help:
	@echo "make site         install dependencies, generate docs/ from source/, build site/"
	@echo "make test         run the test suite (installs test dependencies first)"
	@echo "make serve        live preview on http://127.0.0.1:8000: saving a file in source/ reloads the page"
	@echo "make check        validate source/ without writing anything"
	@echo "make screenshots  save screenshots of key pages (375 px and 1280 px) into screenshots/"
	@echo "make clean        remove site/ and the virtual environment"

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

$(VENV)/.site-deps: requirements.txt | $(BIN)/python
	$(BIN)/pip install --quiet -r requirements.txt
	touch $@

$(VENV)/.test-deps: requirements.txt requirements-test.txt | $(BIN)/python
	$(BIN)/pip install --quiet -r requirements-test.txt
	touch $@

pages: $(VENV)/.site-deps
	$(BIN)/python build_pages.py

check: $(VENV)/.site-deps
	$(BIN)/python build_pages.py check

site: pages
	$(BIN)/mkdocs build --strict --quiet
	@echo "Site built. Open $(CURDIR)/site/index.html in a browser, or run 'make serve'."

serve: pages
	$(BIN)/mkdocs serve --livereload

test: $(VENV)/.test-deps
	$(BIN)/python -m pytest

screenshots: site $(VENV)/.test-deps
	$(BIN)/python tools/screenshots.py --out screenshots

clean:
	rm -rf site $(VENV)
