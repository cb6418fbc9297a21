"""Furo's navigation tree computed once per build, not once per page.

On every page Furo (``furo._html_page_context``) asks Sphinx for the toctree of the whole
site and parses it again with BeautifulSoup to add its checkboxes (``furo.navigation``).
Both steps grow with the number of pages, so the build grows with their square: at 50×
the text the navigation was most of the build time (issue 16; upstream:
https://github.com/pradyunsg/furo/pull/939).

This renders the tree once per folder of pages (its links are relative to the page),
with no page marked, through Sphinx's ``global_toctree_for_doc`` and Furo's own
``get_navigation_tree``, with the arguments Furo asks for. Each page then gets a copy
with the branch that leads to it marked exactly as Sphinx and Furo mark it: ``current``
on its ``<a>`` (whose ``href`` becomes ``#``), on every ``<li>`` and ``<ul>`` above it,
the checkboxes of those ``<li>`` checked, ``current-page`` on its own ``<li>``. That
costs the length of the branch, not the size of the site. A page the tree lists more
than once, or under an anchor, is left to Furo (``fallbacks``).

How: a handler just before Furo's stands in for ``context["toctree"]`` (recording how
Furo calls it and answering ``""``, which Furo turns into an empty tree cheaply); one
just after puts Sphinx's function back and fills in ``furo_navigation_tree``. A page
whose ``toctree`` another extension replaced (the 404 page of sphinx-notfound-page) is
left to Furo. ``edition_navigation_cache = False`` lets Furo compute every page, which
is what the tests compare this with, page by page.
"""

from __future__ import annotations

import html
import posixpath
import re
from dataclasses import dataclass, field

import furo
import furo.navigation
import sphinx
from sphinx.environment.adapters.toctree import global_toctree_for_doc
from sphinx.errors import ExtensionError
from sphinx.util import logging

logger = logging.getLogger(__name__)

FURO = 500  # the priority Furo's html-page-context handler is connected with
TAG = re.compile(r"<(/?)(ul|li|a|input)\b([^>]*)>")
CLASS = re.compile(r'\bclass="([^"]*)"')
ATTRIBUTE = re.compile(r'([^\s=/]+)="([^"]*)"')
NOT_A_DOCNAME = "\x00navigation"  # no source file has this name: marks no page


@dataclass
class Element:
    tag: str
    start: int  # of the open tag in the tree's HTML
    end: int
    checkbox: tuple[int, int] | None = None  # Furo's <input> for an <li> with children


@dataclass
class Entry:
    href: str
    start: int
    end: int
    branch: list[Element]  # the open <ul>/<li> above the <a>, outermost first


@dataclass
class Tree:
    """Furo's navigation HTML with no page marked, and where each link sits in it."""

    html: str
    entries: dict[str, list[Entry]] = field(default_factory=dict)  # path part of href -> entries

    @classmethod
    def parse(cls, text: str) -> "Tree":
        tree, stack = cls(text), []
        for m in TAG.finditer(text):
            closing, tag = m[1], m[2]
            if closing:
                if tag in ("ul", "li"):
                    if not stack or stack[-1].tag != tag:
                        raise ExtensionError(f"navigation_cache: unbalanced </{tag}> in Furo's navigation tree")
                    stack.pop()
            elif tag in ("ul", "li"):
                stack.append(Element(tag, m.start(), m.end()))
            elif tag == "input":
                if stack and stack[-1].tag == "li" and stack[-1].checkbox is None:
                    stack[-1].checkbox = (m.start(), m.end())
            else:  # <a>
                href = re.search(r'\bhref="([^"]*)"', m[3])
                if href:
                    url = html.unescape(href[1])
                    tree.entries.setdefault(url.partition("#")[0], []).append(
                        Entry(url, m.start(), m.end(), list(stack)))
        return tree

    def marked(self, href: str) -> str | None:
        """The tree with the page at *href* marked current; None when that is not simple."""
        entries = self.entries.get(href, [])
        if not entries:
            return self.html  # a page the tree does not list (the index, search …)
        if len(entries) > 1 or entries[0].href != href:
            return None
        entry = entries[0]
        edits = [(entry.start, entry.end, current_link(self.html[entry.start:entry.end]))]
        lis = [e for e in entry.branch if e.tag == "li"]
        for element in entry.branch:
            open_tag = self.html[element.start:element.end]
            if element.tag == "ul":
                edits.append((element.start, element.end, add_class(open_tag, ["current"])))
                continue
            classes = class_list(open_tag)
            furo_added = ["has-children"] if element.checkbox else []
            if furo_added and classes[-1:] != furo_added:
                return None
            sphinx_classes = classes[: len(classes) - len(furo_added)]
            new = sphinx_classes + ["current"] + furo_added + (["current-page"] if element is lis[-1] else [])
            edits.append((element.start, element.end, CLASS.sub(f'class="{" ".join(new)}"', open_tag, count=1)))
            if element.checkbox:
                start, end = element.checkbox
                edits.append((start, end, checked(self.html[start:end])))
        if any(edit[2] is None for edit in edits):
            return None
        edits.sort()
        pieces, position = [], 0
        for start, end, text in edits:
            pieces += [self.html[position:start], text]
            position = end
        pieces.append(self.html[position:])
        return "".join(pieces)


def class_list(tag: str) -> list[str]:
    m = CLASS.search(tag)
    return m[1].split() if m else []


def add_class(tag: str, extra: list[str]) -> str:
    """An open tag with classes added at the end (Sphinx appends ``current``)."""
    if CLASS.search(tag):
        return CLASS.sub(lambda m: f'class="{" ".join(m[1].split() + extra)}"', tag, count=1)
    return tag[:-1] + f' class="{" ".join(extra)}">' if tag.endswith(">") and not tag.endswith("/>") else None


def current_link(tag: str) -> str | None:
    """``<a class="reference internal" href="x.html">`` as Sphinx writes it on x's own page:
    its classes come before the translator's ``reference internal``, the link is ``#``."""
    classes = class_list(tag)
    if classes[-2:] != ["reference", "internal"]:
        return None
    tag = CLASS.sub(f'class="{" ".join(classes[:-2] + ["current", "reference", "internal"])}"', tag, count=1)
    return re.sub(r'\bhref="[^"]*"', 'href="#"', tag, count=1)


def checked(tag: str) -> str:
    """Furo's checkbox, checked: BeautifulSoup writes attributes in alphabetical order."""
    attributes = dict(ATTRIBUTE.findall(tag))
    attributes["checked"] = ""
    end = "/>" if tag.endswith("/>") else ">"
    return "<input " + " ".join(f'{k}="{v}"' for k, v in sorted(attributes.items())) + end


class StandIn:
    """Stands in for Sphinx's ``toctree()`` while Furo's handler runs: records the call."""

    def __init__(self):
        self.calls: list[dict] = []

    def __call__(self, **kwargs) -> str:
        self.calls.append(kwargs)
        return ""  # furo.navigation.get_navigation_tree("") is ""


class Navigation:
    """The per-build state: the trees per folder and the pages in between the handlers."""

    def __init__(self, app):
        self.app = app
        self.trees: dict[tuple, Tree] = {}
        self.sphinx_toctree: dict[str, object] = {}
        self.stand_ins: dict[str, tuple[StandIn, object]] = {}
        self.fallbacks: list[str] = []
        self.marked = 0

    def tree(self, folder: str, kwargs: dict) -> Tree:
        key = (folder, tuple(sorted(kwargs.items())))
        if key not in self.trees:
            builder = self.app.builder
            # what Sphinx's context["toctree"] does (StandaloneHTMLBuilder._get_local_toctree),
            # for a name in the page's folder that is no page: the links are the page's, none marked
            kwargs = dict(kwargs)
            kwargs.setdefault("includehidden", False)
            if kwargs.get("maxdepth") == "":
                kwargs.pop("maxdepth")
            toctree = global_toctree_for_doc(builder.env, posixpath.join(folder, NOT_A_DOCNAME), builder,
                                             tags=builder.tags, **kwargs)
            self.trees[key] = Tree.parse(
                furo.navigation.get_navigation_tree(builder.render_partial(toctree)["fragment"]))
        return self.trees[key]

    def for_page(self, pagename: str, kwargs: dict, sphinx_toctree) -> str:
        builder = self.app.builder
        folder = posixpath.dirname(pagename)
        href = builder.get_relative_uri(posixpath.join(folder, NOT_A_DOCNAME), pagename)
        marked = self.tree(folder, kwargs).marked(href)
        if marked is None:  # not a simple case: as Furo computes it (furo._compute_navigation_tree)
            self.fallbacks.append(pagename)
            return furo.navigation.get_navigation_tree(sphinx_toctree(**kwargs))
        self.marked += 1
        return marked


def active(app) -> bool:
    builder = app.builder
    return (app.config.edition_navigation_cache and builder.format == "html" and builder.name == "html"
            and app.config.html_theme == "furo")


def remember(app, pagename, templatename, context, doctree):
    """First of all handlers: the ``toctree`` function Sphinx put in the context."""
    if active(app):
        app.builder.edition_navigation.sphinx_toctree[pagename] = context.get("toctree")


def stand_in(app, pagename, templatename, context, doctree):
    """Just before Furo: Sphinx's ``toctree`` (if nobody replaced it) is stood in for."""
    if not active(app):
        return
    navigation = app.builder.edition_navigation
    original = navigation.sphinx_toctree.pop(pagename, None)
    if original is not None and context.get("toctree") is original:
        navigation.stand_ins[pagename] = (StandIn(), original)
        context["toctree"] = navigation.stand_ins[pagename][0]


def fill_in(app, pagename, templatename, context, doctree):
    """Just after Furo: Sphinx's ``toctree`` back, the tree of this page filled in."""
    if not active(app) or pagename not in app.builder.edition_navigation.stand_ins:
        return
    navigation = app.builder.edition_navigation
    recorder, original = navigation.stand_ins.pop(pagename)
    context["toctree"] = original
    # Fence: Furo's handler must have asked once and made nothing of the empty answer
    # (furo 2025.12.19, _compute_navigation_tree; upstream: https://github.com/pradyunsg/furo/pull/939).
    if len(recorder.calls) != 1 or context.get("furo_navigation_tree") != "":
        raise ExtensionError(
            f"navigation_cache: Furo {furo.__version__} no longer computes furo_navigation_tree from one "
            f"toctree() call in html-page-context (written for 2025.12.19; calls: {recorder.calls}); "
            "update edition/web/navigation_cache.py or set edition_navigation_cache = False")
    context["furo_navigation_tree"] = navigation.for_page(pagename, recorder.calls[0], original)


def start(app):
    if app.builder.format == "html":
        app.builder.edition_navigation = Navigation(app)


def report(app, exception):
    navigation = getattr(app.builder, "edition_navigation", None)
    if navigation is not None and exception is None:
        logger.verbose("navigation_cache: %d trees, %d pages marked, left to Furo: %s", len(navigation.trees),
                       navigation.marked, ", ".join(navigation.fallbacks) or "none")


def check_furo(app, config):
    """Fence: the Furo functions and the handler this works with are there."""
    if not callable(getattr(furo.navigation, "get_navigation_tree", None)) or \
            not callable(getattr(furo, "_html_page_context", None)):
        raise ExtensionError(f"navigation_cache: furo.navigation.get_navigation_tree or furo._html_page_context "
                             f"is gone in Furo {furo.__version__} (written for 2025.12.19; "
                             "upstream: https://github.com/pradyunsg/furo/pull/939)")
    if not hasattr(sphinx.builders.html.StandaloneHTMLBuilder, "render_partial"):
        raise ExtensionError(f"navigation_cache: StandaloneHTMLBuilder.render_partial is gone in "
                             f"Sphinx {sphinx.__version__} (written for 9.0)")


def setup(app):
    import sphinx.builders.html  # noqa: F401  (for the fence)

    app.connect("config-inited", check_furo)
    app.connect("builder-inited", start)
    app.connect("html-page-context", remember, priority=0)
    app.connect("html-page-context", stand_in, priority=FURO - 1)
    app.connect("html-page-context", fill_in, priority=FURO + 1)
    app.connect("build-finished", report)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
