"""Furo's stylesheet, cut to the rules the edition's pages can use.

Furo's ``styles/furo.css`` (50 KB, every page loads it) styles everything Sphinx and
docutils can produce: admonitions, API signatures, tabs, forms, math, and a custom property
for each. At the end of an HTML build this rewrites the site's copy from Furo's own file
(never from a copy already cut), keeping

- a rule if one of its selectors could match: every class, id, attribute and element it
  requires (what its ``:not()``, ``:is()``, ``:where()`` and ``:has()`` name is not
  required) occurs in some page of the build, or is named by a script the pages run (a
  string in a ``_static`` script or an inline one: furo.js's ``scrolled``, the search
  results Sphinx's searchtools.js makes, the cite panels edition.js fills, ``dataset``
  names as ``data-*``). When unsure it keeps: a selector it cannot read is kept, and so is
  every at-rule but ``@media`` and ``@supports`` (whose rules are cut the same way);
- a custom property (``--x: …``) only if a kept declaration, the edition's stylesheets or a
  page uses ``var(--x)``, directly or through another kept property.

It is a test of tokens, not of selector matching (fast at ×50: one pass of regular
expressions over each page): a rule whose tokens all occur but never together is kept,
never the reverse. The stylesheet is parsed and written by tinycss2. The pages' ``?v=``
becomes the checksum of the cut file, so a browser never keeps a cut made for other pages.
``tests/test_lean_theme_css.py`` shows in Chromium that every element of every page kind
has the same computed style with this file as with Furo's, in light and dark, wide and
narrow.
"""

from __future__ import annotations

import hashlib
import re
from pathlib import Path

import furo
import tinycss2
from sphinx.util import logging

logger = logging.getLogger(__name__)

FURO_CSS = Path(furo.__file__).parent / "theme" / "furo" / "static" / "styles" / "furo.css"
SITE_CSS = "_static/styles/furo.css"

# a page's tags: attribute values never hold ">" (docutils, Jinja and markupsafe escape it)
TAG = re.compile(r"<([a-zA-Z][\w-]*)([^>]*)>")
ATTRIBUTE = re.compile(r"([^\s=>/\"']+)(?:\s*=\s*(\"[^\"]*\"|'[^']*'|[^\s>]+))?")
SCRIPT = re.compile(r"<script\b[^>]*>(.*?)</script>", re.S | re.I)
STRING = re.compile(r"\"([^\"\\\n]*)\"|'([^'\\\n]*)'|`([^`\\]*)`")
WORD = re.compile(r"[A-Za-z_][\w-]*")
VAR_USE = re.compile(r"var\(\s*(--[\w-]+)")
# what a selector names: .class, #id, [attribute, element (at the start or after a combinator)
SELECTOR_TOKEN = re.compile(r"\\.|([.#])((?:[\w-]|\\.)+)|\[\s*([\w-]+)|(?:^|(?<=[\s>+~(,]))([a-zA-Z][\w-]*)")
OPTIONAL = re.compile(r":(?:not|is|where|has|matches|-webkit-any|-moz-any)\(")


def page_tokens(html: str, tokens: set[str], scripts: list[str]) -> None:
    """Add the elements, classes, ids and attribute names of one page to *tokens*."""
    scripts.extend(SCRIPT.findall(html))
    for tag in TAG.finditer(html):
        tokens.add(tag[1].lower())
        for name, value in ATTRIBUTE.findall(tag[2]):
            name = name.lower()
            tokens.add("[" + name)
            if name in ("class", "id"):
                prefix = "." if name == "class" else "#"
                tokens.update(prefix + part for part in value.strip("\"'").split())


def script_tokens(script: str) -> set[str]:
    """Every word in a script's strings, as any kind of token (a script may set it as either)."""
    words = {word for match in STRING.finditer(script) for literal in match.groups() if literal
             for word in WORD.findall(literal)}
    words |= set(re.findall(r"dataset\.([A-Za-z]\w*)", script))
    tokens = set()
    for word in words:
        tokens.update((word.lower(), "." + word, "#" + word, "[" + word.lower()))
        if not word.startswith("data-"):  # element.dataset.fooBar is data-foo-bar
            tokens.add("[data-" + re.sub(r"[A-Z]", lambda m: "-" + m[0].lower(), word))
    return tokens


def without_optional(selector: str) -> str:
    """The selector without what its :not(), :is(), :where() and :has() name."""
    while match := OPTIONAL.search(selector):
        depth, end = 1, match.end()
        while end < len(selector) and depth:
            depth += {"(": 1, ")": -1}.get(selector[end], 0)
            end += 1
        selector = selector[:match.start()] + selector[end:]
    return selector


def required(selector: str) -> set[str]:
    found = set()
    for match in SELECTOR_TOKEN.finditer(re.sub(r"\"[^\"]*\"|'[^']*'", "", without_optional(selector))):
        if match[2]:
            found.add(match[1] + re.sub(r"\\(.)", r"\1", match[2]))
        elif match[3]:
            found.add("[" + match[3].lower())
        elif match[4]:
            found.add(match[4].lower())
    return found


def split_selectors(prelude: str) -> list[str]:
    parts, depth, start = [], 0, 0
    for i, char in enumerate(prelude):
        depth += {"(": 1, ")": -1, "[": 1, "]": -1}.get(char, 0)
        if char == "," and depth == 0:
            parts.append(prelude[start:i])
            start = i + 1
    return parts + [prelude[start:]]


def used_selectors(rule, tokens: set[str]) -> str | None:
    """The selectors of *rule* that could match, joined; None if none could."""
    selectors = split_selectors(tinycss2.serialize(rule.prelude))
    try:
        kept = [selector.strip() for selector in selectors if required(selector) <= tokens]
    except Exception:  # unreadable: kept whole
        kept = [selector.strip() for selector in selectors]
    return ",".join(kept) or None


def cut_rules(rules, tokens: set[str]) -> list:
    """(selectors, rule) for a kept rule, (at-rule, its kept rules) for @media and @supports,
    a kept at-rule as it is."""
    kept = []
    for rule in rules:
        if rule.type == "qualified-rule":
            if selectors := used_selectors(rule, tokens):
                kept.append((selectors, rule))
        elif rule.type == "at-rule" and rule.lower_at_keyword in ("media", "supports") and rule.content is not None:
            inner = cut_rules(tinycss2.parse_rule_list(rule.content, skip_comments=True, skip_whitespace=True), tokens)
            if inner:
                kept.append((rule, inner))
        elif rule.type == "at-rule":
            kept.append(rule)
    return kept


def declarations_of(kept) -> list:
    found = []
    for item in kept:
        if isinstance(item, tuple) and isinstance(item[1], list):
            found.extend(declarations_of(item[1]))
        elif isinstance(item, tuple):
            rule = item[1]
            found.append((rule, tinycss2.parse_blocks_contents(rule.content, skip_comments=True,
                                                                 skip_whitespace=True)))
    return found


def used_properties(kept, outside: str) -> set[str]:
    """The custom properties a kept declaration or *outside* (the edition's CSS, the pages) uses."""
    definitions: dict[str, list[str]] = {}
    uses = set(VAR_USE.findall(outside))
    for rule, declarations in declarations_of(kept):
        for declaration in declarations:
            if declaration.type != "declaration":
                continue
            value = tinycss2.serialize(declaration.value)
            if declaration.name.startswith("--"):
                definitions.setdefault(declaration.name, []).append(value)
            else:
                uses.update(VAR_USE.findall(value))
        if tinycss2.serialize(rule.content).count("{"):  # nested blocks: keep whatever they name
            uses.update(VAR_USE.findall(tinycss2.serialize(rule.content)))
    pending = list(uses)
    while pending:
        for value in definitions.get(pending.pop(), []):
            for name in VAR_USE.findall(value):
                if name not in uses:
                    uses.add(name)
                    pending.append(name)
    return uses


def serialize(kept, properties: set[str]) -> str:
    out = []
    for item in kept:
        if isinstance(item, tuple) and isinstance(item[1], list):
            at, inner = item
            body = serialize(inner, properties)
            if body:
                out.append(f"@{at.at_keyword}{tinycss2.serialize(at.prelude)}{{{body}}}")
        elif isinstance(item, tuple):
            selectors, rule = item
            declarations = [d for d in tinycss2.parse_blocks_contents(rule.content, skip_comments=True,
                                                                      skip_whitespace=True)
                            if not (d.type == "declaration" and d.name.startswith("--") and d.name not in properties)]
            if declarations:
                body = ";".join(tinycss2.serialize([d]).strip() for d in declarations)
                out.append(f"{selectors}{{{body}}}")
        else:
            out.append(tinycss2.serialize([item]))
    return "".join(out)


class Pages:
    """What the cut needs of the built pages, read one page at a time (×50 is 1 000 pages a
    language: they are never all in memory): their tokens, their inline scripts, and the
    custom properties their inline styles use."""

    def __init__(self):
        self.tokens: set[str] = {"html", "body"}
        self.scripts: set[str] = set()
        self.var_uses: set[str] = set()

    def add(self, html: str) -> None:
        scripts: list[str] = []
        page_tokens(html, self.tokens, scripts)
        self.scripts.update(scripts)
        for style in re.findall(r"<style[^>]*>(.*?)</style>|style=\"([^\"]*)\"", html, re.S):
            self.var_uses.update(VAR_USE.findall("".join(style)))


def lean_css(furo_css: str, pages: Pages, scripts: list[str], edition_css: str) -> str:
    tokens = set(pages.tokens)
    for script in {*scripts, *pages.scripts}:
        tokens |= script_tokens(script)
    rules = tinycss2.parse_stylesheet(furo_css, skip_comments=True, skip_whitespace=True)
    kept = cut_rules(rules, tokens)
    outside = edition_css + "".join(f"var({name})" for name in pages.var_uses)
    return serialize(kept, used_properties(kept, outside)) + "\n"


def write_lean_css(app, exception):
    if exception or app.builder.name != "html":
        return
    out = Path(app.outdir)
    site_css = out / SITE_CSS
    if not site_css.is_file():
        return
    if not FURO_CSS.is_file():
        logger.warning(f"lean_theme_css: {FURO_CSS} is missing: furo.css is left whole")
        return
    page_files = sorted(out.rglob("*.html"))
    pages = Pages()
    for path in page_files:
        pages.add(path.read_text(encoding="utf-8"))
    static = out / "_static"
    scripts = [path.read_text(encoding="utf-8") for path in static.rglob("*.js")]
    edition_css = "".join(path.read_text(encoding="utf-8") for path in static.glob("*.css"))
    text = lean_css(FURO_CSS.read_text(encoding="utf-8"), pages, scripts, edition_css)
    site_css.write_text(text, encoding="utf-8")
    (out / (SITE_CSS + ".map")).unlink(missing_ok=True)  # a map of Furo's file, not of this one
    # the pages name the stylesheet with a checksum (?v=) of Furo's file: now of the cut one
    version = hashlib.sha1(text.encode("utf-8")).hexdigest()[:8]
    link = re.compile(r"(styles/furo\.css\?v=)[0-9a-f]+")
    for path in page_files:
        html = path.read_text(encoding="utf-8")
        new = link.sub(rf"\g<1>{version}", html)
        if new != html:
            path.write_text(new, encoding="utf-8")
    logger.info(f"lean_theme_css: furo.css {FURO_CSS.stat().st_size // 1024} KB -> {len(text) // 1024} KB")


def setup(app):
    app.connect("build-finished", write_lean_css, priority=900)  # after every page and static file
    return {"parallel_read_safe": True, "parallel_write_safe": True}
