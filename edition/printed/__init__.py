"""printed

``tex()``: the one rule for untrusted text (catalogs, the language registry, conf.py) that
reaches LaTeX, the PDF's or a BibTeX field's: Sphinx's own LaTeX escaping.
"""

from sphinx.util import texescape


def tex(text: str) -> str:
    """*text* (from conf.py, a catalog or the registry: untrusted) as LaTeX text."""
    texescape.init()  # the LaTeX builder calls it later; escape() needs its tables now
    return texescape.escape(str(text), "xelatex")
