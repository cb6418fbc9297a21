"""PDF captions and title per edition language.

Polyglossia (xelatex) has no Kazakh module, so Sphinx's ``\\setmainlanguage{kazakh}``
falls back to English captions. This sets the LaTeX captions for each build language
(Мазмұны, Тарау, Әдебиеттер, Көрсеткіш for Kazakh) in the preamble, and gives the
PDF the edition's title in that language.
"""

from __future__ import annotations

CAPTIONS = {
    "kk": {"contentsname": "Мазмұны", "chaptername": "Тарау", "bibname": "Әдебиеттер",
           "indexname": "Көрсеткіш", "figurename": "Сурет", "tablename": "Кесте", "partname": "Бөлім",
           "seename": "қараңыз", "alsoname": "тағы қараңыз"},
    "ru": {"bibname": "Литература", "seename": "см.", "alsoname": "см. также"},
    "en": {"bibname": "Bibliography"},
}
CONTENTS = {"ru": "Содержание", "en": "Contents"}


def configure(app, config):
    lang = config.language
    captions = CAPTIONS.get(lang, {})
    commands = "".join(f"\\renewcommand{{\\{name}}}{{{text}}}" for name, text in captions.items())
    preamble = config.latex_elements.get("preamble", "")
    contents = captions.get("contentsname", CONTENTS.get(lang, "Contents"))
    config.latex_elements = {
        **config.latex_elements,
        "preamble": preamble + f"\n\\AtBeginDocument{{{commands}}}\n",
        # Sphinx names the contents after the first toctree caption: keep "Мазмұны"
        "tableofcontents": f"\\renewcommand{{\\contentsname}}{{{contents}}}\\sphinxtableofcontents",
    }
    title = config.edition_titles.get(lang, config.project)
    editors = config.edition_editors.get(lang, config.author)
    config.latex_documents = [(config.root_doc, "kenes-ukimeti.tex", title, editors, "manual")]


def setup(app):
    app.connect("config-inited", configure, priority=600)  # after editions.py set the title
    return {"parallel_read_safe": True, "parallel_write_safe": True}
