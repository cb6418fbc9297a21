#!/usr/bin/env bash
# Debian packages the build's checks, the PDF build and the browser tests need.
# Usage: tools/system-deps.sh build|pdf|epub|browser|reader ...
# Installs what is missing when run as root (apt-get); otherwise prints exactly what to
# install and exits 1.
set -euo pipefail

declare -A PACKAGES=(
  [pdf]="texlive-xetex texlive-fonts-recommended texlive-lang-cyrillic latexmk fonts-freefont-otf xindy poppler-utils"
  [browser]="chromium fonts-dejavu-core"
  [epub]="epubcheck fonts-dejavu-core fonts-dejavu-extra"  # the EPUB's validator (with its Java) and its embedded fonts
  [reader]="calibre jing"  # the tests' tools: a reading system the EPUB tests open the books with (ebook-convert, ebook-meta); jing, the Kazakh CSL locale against the CSL schema (tests/test_csl_citations.py)
  [build]="gettext hunspell hunspell-ru hunspell-en-us hunspell-kk"  # msgfmt and the spell check, run before publishing
)

missing=()
for group in "$@"; do
  [[ -n "${PACKAGES[$group]:-}" ]] || { echo "system-deps: unknown group '$group' (build, pdf, epub, browser, reader)" >&2; exit 2; }
  for package in ${PACKAGES[$group]}; do
    dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" || missing+=("$package")
  done
done
[[ ${#missing[@]} -eq 0 ]] && exit 0

if [[ $(id -u) -eq 0 ]] && command -v apt-get >/dev/null; then
  echo "system-deps: installing ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq "${missing[@]}" >/dev/null
else
  echo "system-deps: missing Debian packages: ${missing[*]}" >&2
  echo "  install them with: sudo apt-get install ${missing[*]}" >&2
  exit 1
fi
