# Кеңес үкіметі edition: docs/ (Kazakh source) -> locales/ (catalogs) -> _build/.
# `make help` lists the targets.

PYTHON     ?= python3
VENV       := .venv
BIN        := $(VENV)/bin
STAMP      := $(VENV)/.installed
LANGUAGES  := kk
SPHINXOPTS ?= -W --keep-going -n
SPHINX     := $(BIN)/sphinx-build -c . $(SPHINXOPTS)

.DEFAULT_GOAL := help
.PHONY: help venv html $(addprefix html-,$(LANGUAGES)) test clean

help:  ## list the targets
	@awk 'BEGIN {FS = ":.*## "} /^[a-z][^:]*:.*## / {printf "  make %-12s %s\n", $$1, $$2} \
	     /^\$$\(addprefix html-/ {split($$0, a, "## "); printf "  make %-12s %s\n", "html-<lang>", a[2]}' $(MAKEFILE_LIST)

# The virtualenv is made once from the pinned files; the stamp keeps later runs from
# checking it again.
$(STAMP): requirements.txt requirements-test.txt
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --disable-pip-version-check -r requirements.txt -r requirements-test.txt
	@touch $@

venv: $(STAMP)  ## create .venv from the pinned requirements

html: $(addprefix html-,$(LANGUAGES))  ## build the site: _build/html/{kk,ru,en}/

$(addprefix html-,$(LANGUAGES)): html-%: $(STAMP)  ## build one language, e.g. make html-kk
	$(SPHINX) -b html -D language=$* -d _build/doctrees/$* docs _build/html/$*

test: html  ## run the whole test suite against the built site
	$(BIN)/pytest

clean:  ## remove _build/
	rm -rf _build
