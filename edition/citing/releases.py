"""Releases: the versioned address of every page, the changes page, the older-release banner.

A citation names a release and points to the address that serves that release for good,
``<edition_base_url><lang>/<release>/<page>.html#<id>`` (the layout Read the Docs serves,
``/<lang>/<version>/``, with the release tag as the version). ``edition_url`` is the one
place that builds it: the cite control, ``_cite/`` files and ``citable-units.json``
(edition/citing/units.py), the canonical link and embedded metadata (edition/citing/page_metadata.py), the
PDF's verso (edition/printed/pdf_book.py), the 404 page's prefix (edition/web/not_found.py), the sitemaps
(conf.py, edition/tools/site_root.py) and the assembled site (edition/tools/assemble_site.py) use it.
The aliases ``latest`` and ``stable`` serve a release too; their pages keep the
versioned address as their canonical one, so a citation never names an alias.

The build output stays ``_build/html/<lang>/``; ``make site`` assembles the versioned
layout (edition/tools/assemble_site.py), where a page of an older release gets a banner, in its
language, linking the same page (and, with its script, the same ``#anchor``) in the latest
release.

``{changes}`` renders ``docs/_data/changes.yaml``, which ``make release`` generates
(edition/tools/release.py) from the data files and catalogs of the previous release tag: per
release, the emendations and editor's notes added, changed or removed, and the sections
whose translation changed. Every value is data: rendered as text nodes, never markup.

``WORDS`` names this module's interface strings, English ids of the "edition" gettext
domain (edition/i18n/edition_strings.py), translated in ``locales/<lang>/LC_MESSAGES/edition.po``.
"""

from __future__ import annotations

from docutils import nodes
from sphinx.util.docutils import SphinxDirective

from edition.data.edition_data import load
from edition.i18n.edition_strings import N_, PerLanguage

# the interface strings of the banner and the changes page ("edition" gettext domain)
WORDS = PerLanguage({
    "banner": N_("This is an earlier release of the edition ({release})."),
    "banner_link": N_("Read it in the latest release ({latest})"),
    "release": N_("Release {release} ({date})"),
    "previous": N_("compared with release {previous}"),
    "first": N_("The first release of the edition."),
    "none": N_("No changes."),
    "emendations": N_("Emendations"),
    "notes": N_("Editor's notes"),
    "translations": N_("Translation"),
    "added": N_("added"),
    "changed": N_("changed"),
    "removed": N_("removed"),
    "section": N_("section"),
})
ALIASES = ("latest", "stable")


def strings(lang: str) -> dict[str, str]:
    """The banner's and the changes page's words in *lang* (its ``edition.po``)."""
    return WORDS[lang]


def edition_url(base: str, lang: str, release: str, path: str = "") -> str:
    """``<base><lang>/<release>/<path>``: the versioned address of a page (or, without
    *path*, of the language's release root)."""
    return f"{base.rstrip('/')}/{lang}/{release}/{path}"


def url_of(config, lang: str, path: str = "") -> str:
    """:func:`edition_url` from a Sphinx config (its ``edition_base_url`` and ``release``)."""
    return edition_url(config.edition_base_url, lang, config.release, path)


class changes_list(nodes.General, nodes.Element):
    """Placeholder, replaced by the releases' changes in the build language."""


class ChangesDirective(SphinxDirective):
    """``{changes}``: what changed in each release (docs/_data/changes.yaml)."""

    has_content = False

    def run(self):
        load("changes")  # the page depends on the data file
        return [changes_list()]


def item(*texts: str, ids: list[str] | None = None) -> nodes.list_item:
    paragraph = nodes.paragraph()
    for text in texts:
        paragraph += nodes.Text(text)
    return nodes.list_item("", paragraph, ids=ids or [])


def release_section(entry: dict, lang: str) -> nodes.container:
    """One release's changes: a rubric (not a section: the page's sections are its
    labelled ones) and its lists, anchored ``#release-<x>-<y>-<z>``."""
    w = strings(lang)
    section = nodes.container(ids=["release-" + entry["release"].replace(".", "-")], classes=["release-changes"])
    section += nodes.rubric(text=w["release"].format(release=entry["release"], date=entry["date"]))
    if entry.get("previous"):
        section += nodes.paragraph(text=w["previous"].format(previous=entry["previous"]))
    else:
        section += nodes.paragraph(text=w["first"])
        return section
    empty = True
    for kind in ("emendations", "notes"):
        found = entry.get(kind) or []
        if not found:
            continue
        empty = False
        rubric = nodes.rubric(text=w[kind])
        listing = nodes.bullet_list(classes=[f"changes-{kind}"])
        for change in found:
            words = [f"{change['id']}: {w[change['change']]}"]
            if change.get("reading"):
                words.append(f" – {change['reading']}")
            if change.get("reason"):
                words.append(f" ({change['reason'][lang]})")
            if change.get("section"):
                words.append(f"; {w['section']} {change['section']}")
            listing += item(*words)
        section += [rubric, listing]
    translations = entry.get("translations") or []
    if translations:
        empty = False
        section += nodes.rubric(text=w["translations"])
        listing = nodes.bullet_list(classes=["changes-translations"])
        for change in translations:
            listing += item(f"{change['language']}: {w['section']} {change['section']} "
                            f"({w['changed']}: {change['paragraphs']})")
        section += listing
    if empty:
        section += nodes.paragraph(text=w["none"])
    return section


def render_changes(app, doctree, docname):
    lang = app.config.language
    for node in list(doctree.findall(changes_list)):
        entries = (load("changes") or {}).get("releases", [])
        node.replace_self([release_section(entry, lang) for entry in entries])


def setup(app):
    app.add_node(changes_list)
    app.add_directive("changes", ChangesDirective)
    app.connect("doctree-resolved", render_changes)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
