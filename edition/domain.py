"""The edition's cross-document state, in a Sphinx domain (as ``sphinx.ext.todo`` keeps its
todos): what one page records while it is read and another page needs when it is written.

- ``emendations``: emendation id -> the page that holds it (the ``{emend}`` role records it;
  the ``{emendations}`` table links to it, and a translated page anchors it).

Sphinx clears a page's entries when the page is read again and merges them from the
processes of a parallel read, so no handler of the parts has to.
"""

from __future__ import annotations

from sphinx.domains import Domain


class EditionDomain(Domain):
    name = "edition"
    label = "Edition"
    data_version = 1
    initial_data = {"emendations": {}}

    @property
    def emendations(self) -> dict[str, str]:
        return self.data.setdefault("emendations", {})

    def note_emendation(self, emendation_id: str, docname: str) -> None:
        self.emendations[emendation_id] = docname

    def clear_doc(self, docname: str) -> None:
        for key, doc in list(self.emendations.items()):
            if doc == docname:
                del self.emendations[key]

    def merge_domaindata(self, docnames, otherdata: dict) -> None:
        for key, doc in otherdata.get("emendations", {}).items():
            if doc in docnames:
                self.emendations[key] = doc

    def resolve_any_xref(self, env, fromdocname, builder, target, node, contnode):
        return []  # the domain has no roles to resolve


def domain(env) -> EditionDomain:
    return env.get_domain(EditionDomain.name)


def setup(app):
    app.add_domain(EditionDomain)
    return {"parallel_read_safe": True, "parallel_write_safe": True, "env_version": 1}
