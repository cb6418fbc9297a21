"""PDF captions and title per edition language.

Polyglossia (xelatex) has no Kazakh module, so Sphinx's ``\\setmainlanguage{kazakh}``
falls back to English captions. This sets the LaTeX captions for each build language
(Мазмұны, Тарау, Әдебиеттер, Көрсеткіш for Kazakh) in the preamble, and gives the
PDF the edition's title in that language.

The captions are messages of the ``edition`` catalogs (``edition/i18n/edition_strings.py``). Only
a caption that the language's catalog translates is set: the others keep what LaTeX's
language support (polyglossia) gives, and English where it has none for the language.
"""

from __future__ import annotations

from edition.i18n.edition_strings import N_, for_language, is_translated
from edition.printed import tex

# LaTeX's caption macros and their English ids in the ``edition`` catalogs
CAPTIONS = {"contentsname": N_("Contents"), "chaptername": N_("Chapter"), "bibname": N_("Bibliography"),
            "indexname": N_("Index"), "figurename": N_("Figure"), "tablename": N_("Table"),
            "partname": N_("Part"), "appendixname": N_("Appendix"), "seename": N_("see"), "alsoname": N_("see also")}


def captions(lang: str) -> dict[str, str]:
    """The captions *lang*'s catalog translates, by macro name, as LaTeX text (a catalog is
    untrusted: its ``\\``, ``&``, ``%``, ``{`` … print as themselves)."""
    translate = for_language(lang)
    return {name: tex(translate(message)) for name, message in CAPTIONS.items() if is_translated(lang, message)}


def configure(app, config):
    lang = config.language
    captions_ = captions(lang)
    commands = "".join(f"\\renewcommand{{\\{name}}}{{{text}}}" for name, text in captions_.items())
    preamble = config.latex_elements.get("preamble", "")
    contents = captions_.get("contentsname", "Contents")
    config.latex_elements = {
        **config.latex_elements,
        "preamble": preamble + f"\n\\AtBeginDocument{{{commands}}}\n",
        # Sphinx names the contents after the first toctree caption: keep "Мазмұны"
        "tableofcontents": f"\\renewcommand{{\\contentsname}}{{{contents}}}\\sphinxtableofcontents",
    }
    # Sphinx writes a latex_documents title and author into the LaTeX as they are: escaped here
    # (languages.yaml is untrusted; a title may hold & % _ # $ ~ ^ { })
    title = tex(config.edition_titles.get(lang, config.project))
    editors = tex(config.edition_editors.get(lang, config.author))
    config.latex_documents = [(config.root_doc, "kenes-ukimeti.tex", title, editors, "manual")]


def setup(app):
    app.connect("config-inited", configure)  # after editions set the title (edition.PARTS)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
