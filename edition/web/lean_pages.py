"""Pages load only the theme assets they use, and the tiny ones come with the page.

Furo links ``furo-extensions.css`` (styles for third-party Sphinx extensions the edition
does not use) and Sphinx links ``pygments.css`` (code highlighting) on every page. This
drops the first everywhere and the second from pages without highlighted code.

Each request costs a reader a round trip, whatever its size: the small files every page
loads (``INLINE``: Sphinx's ``documentation_options.js`` and ``translations.js``, the
edition's ``edition.js`` and ``edition.css``, a few KB together) are written into the page
instead, in the same place and order, without their comments. A file that contains ``</script``, ``</style`` or
``<!--`` (the interface catalog is translators' input) stays a file: it is never inlined.
``anchor-redirects.js`` stays a file too: it is the data of the anchor manifest.
``parallel.css`` (the parallel view's, edition/web/parallel_view.py) is inlined the same way.

Sphinx's ``sphinx_highlight.js`` marks the words of a search on the page a result leads
to; every page loads it, and it does nothing unless the page was reached from a search
(a ``?highlight=`` in the URL or the terms searchtools.js leaves in ``localStorage``). Every
page but the search page (whose searchtools.js reads its ``SPHINX_HIGHLIGHT_ENABLED``)
gets instead a one-line script that loads it in exactly that case. A chapter page makes 5
requests (issue 16 §2), not 10.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import sphinx
import tinycss2
from docutils import nodes
from markupsafe import Markup
from sphinx.errors import ExtensionError
from sphinx.util import logging

logger = logging.getLogger(__name__)

UNUSED = {"styles/furo-extensions.css"}
INLINE = {"documentation_options.js", "translations.js", "edition.js", "edition.css", "parallel.css"}
HIGHLIGHT = "sphinx_highlight.js"
# what sphinx_highlight.js (Sphinx 9.0) reads to find a search's words: loaded when either is there
HIGHLIGHT_INPUTS = ('localStorage.getItem("sphinx_highlight_terms")', 'searchParams.get("highlight")')
HIGHLIGHT_LOADER = ('try{if(new URLSearchParams(location.search).has("highlight")||'
                    'localStorage.getItem("sphinx_highlight_terms"))document.head.append('
                    'Object.assign(document.createElement("script"),{src:%s}))}catch(e){}')
UNSAFE = re.compile(r"</script|</style|<!--", re.IGNORECASE)
JS_COMMENT_LINES = re.compile(r"^[ \t]*/\*.*?\*/[ \t]*\n|^[ \t]*//[^\n]*\n", re.S | re.M)


def has_highlighted_code(doctree) -> bool:
    return doctree is not None and any(node.get("language", "default") not in ("none", "text")
                                       for node in doctree.findall(nodes.literal_block))


def drop_unused(app, pagename, templatename, context, doctree):
    unused = set(UNUSED)
    if not has_highlighted_code(doctree):
        unused.add("pygments.css")
    if "css_files" in context:
        context["css_files"] = [css for css in context["css_files"]
                                if str(getattr(css, "filename", css)).removeprefix("_static/") not in unused]


def inline_text(app, filename) -> str | None:
    """The text of a small static file to write into the page, or None to keep it a file."""
    name = str(filename).removeprefix("_static/")
    if name not in INLINE:
        return None
    texts = app.builder.__dict__.setdefault("edition_inline_texts", {})
    if name not in texts:
        path = Path(app.outdir, "_static", name)  # copied before any page is written (copy_assets)
        text = path.read_text(encoding="utf-8") if path.is_file() else None
        texts[name] = None if text is None or UNSAFE.search(text) else without_comments(name, text)
    return texts[name]


def without_comments(name: str, text: str) -> str:
    """An inlined file without its comments (they would weigh on every page): CSS as tinycss2
    writes it back without them; JS without the comments that fill whole lines, and indents."""
    if name.endswith(".css"):
        return tinycss2.serialize(tinycss2.parse_stylesheet(text, skip_comments=True, skip_whitespace=True))
    text = JS_COMMENT_LINES.sub("", text)
    return re.sub(r"^[ \t]+", "", text, flags=re.M).strip()


def highlight_on_demand(app) -> bool:
    """Whether sphinx_highlight.js still reads the search's words where the loader looks.
    It is Sphinx's internal script (9.0), not an API: if it changed, every page loads it again."""
    texts = app.builder.__dict__.setdefault("edition_inline_texts", {})
    if HIGHLIGHT not in texts:
        path = Path(app.outdir, "_static", HIGHLIGHT)
        source = path.read_text(encoding="utf-8") if path.is_file() else ""
        texts[HIGHLIGHT] = all(needle in source for needle in HIGHLIGHT_INPUTS)
        if not texts[HIGHLIGHT]:
            logger.warning(f"lean_pages: {HIGHLIGHT} of Sphinx {sphinx.__version__} no longer reads "
                           f"{' or '.join(HIGHLIGHT_INPUTS)}: every page loads it (written for 9.0)")
    return texts[HIGHLIGHT]


def inline_small_files(app, pagename, templatename, context, doctree):
    from sphinx.builders.html._assets import _JavaScript

    if app.builder.name != "html":  # EPUB and single-file builders keep their files
        return

    def lean(js):
        filename = str(getattr(js, "filename", js)).removeprefix("_static/")
        if (text := inline_text(app, filename)) is not None:
            return _JavaScript("", body=text)
        if filename == HIGHLIGHT and pagename != "search" and highlight_on_demand(app):
            url = context["pathto"]("_static/" + HIGHLIGHT, 1)
            return _JavaScript("", body=HIGHLIGHT_LOADER % json.dumps(url))
        return js

    if "script_files" in context:
        context["script_files"] = [lean(js) for js in context["script_files"]]
    css_tag = context.get("css_tag")
    if css_tag is not None:
        def inline_css_tag(css):
            text = inline_text(app, getattr(css, "filename", css))
            return css_tag(css) if text is None else Markup(f"<style>{text}</style>")
        context["css_tag"] = inline_css_tag


def setup(app):
    # The entries of context["css_files"] are sphinx.builders.html._assets._CascadingStyleSheet
    # (a private class) with a .filename. Fenced: without it no stylesheet would be dropped.
    from sphinx.builders.html._assets import _CascadingStyleSheet, _JavaScript

    if "filename" not in getattr(_CascadingStyleSheet, "__annotations__", {}):
        raise ExtensionError("lean_pages: sphinx.builders.html._assets._CascadingStyleSheet has no "
                             f"filename in Sphinx {sphinx.__version__} (written for 9.0)")
    if not {"filename", "attributes"} <= set(getattr(_JavaScript, "__annotations__", {})):
        raise ExtensionError("lean_pages: sphinx.builders.html._assets._JavaScript has no filename/attributes "
                             f"in Sphinx {sphinx.__version__} (written for 9.0): nothing could be inlined")
    app.connect("html-page-context", drop_unused)
    app.connect("html-page-context", inline_small_files, priority=900)  # after every script is added
    return {"parallel_read_safe": True, "parallel_write_safe": True}
