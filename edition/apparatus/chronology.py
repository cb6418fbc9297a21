"""The chronology: a table and a timeline figure of the text's dated events, and the data.

``{chronology}`` renders ``docs/_data/chronology.yaml`` in the build language: a table
(the date in words in the page's language, with a link to the editor's note that corrects or qualifies it,
the date as the text writes it, place, event, and a link to the section that tells it) and a timeline drawn at build time from the same data, as
inline SVG in HTML and as TikZ in the PDF, with no script. Each build also publishes
the data as ``chronology.csv`` and ``chronology.json``.

The date is written as the edition writes dates elsewhere (its notes): an Old Style day and
its New Style equivalent as a pair, «25 October (7 November) 1917», «25 октября (7 ноября)
1917 г.», «1917 ж. 25 қазан (7 қараша)», marked "Old (New) Style"; any other date in the
New Style, to its precision («March – May 1917», «1917–1922»). The month names are CLDR's
(Babel), the place of the year the edition catalog's (``%(date)s %(year)s``).

Entries that share an ``event`` key tell one event (in two sections, or two of its facts): the
table shows them as one row, with each wording of the date, section and note; the
timeline has one dot a row. The published CSV and JSON keep one row an entry.
"""

from __future__ import annotations

import csv
import datetime
import io
import json
from pathlib import Path

from babel.dates import get_month_names
from docutils import nodes
from markupsafe import escape
from sphinx import addnodes
from sphinx.util import logging
from sphinx.util.docutils import SphinxDirective

from edition.data.data_tables import data_table, row
from edition.data.edition_data import DATA_DIR, load, pick
from edition.i18n.edition_strings import N_, _, for_language
from edition.printed import tex
from edition.apparatus.editorial_notes import WORDS as NOTE_WORDS

logger = logging.getLogger(__name__)

# the interface strings: English ids of the ``edition`` catalogs (edition/i18n/edition_strings.py)
HEADINGS = (N_("Date"), N_("In the text"), N_("Place"), N_("Event"), N_("Section"),
            N_("Timeline: 1905–1991, and February 1917 – May 1918"))
MONTHS = (N_("Jan"), N_("Feb"), N_("Mar"), N_("Apr"), N_("May"), N_("Jun"), N_("Jul"), N_("Aug"), N_("Sep"),
          N_("Oct"), N_("Nov"), N_("Dec"))  # abbreviated, on the timeline's axis
CALENDAR = {"julian": N_("Old Style"), "both": N_("Old (New) Style")}  # a Gregorian date says none
# a date with its year: "25 October 1917", «25 октября 1917 г.», «1917 ж. 25 қазан»
DATED = N_("%(date)s %(year)s")


class chronology_note_ref(nodes.Inline, nodes.TextElement):
    """A link from a chronology row to an editor's note; resolved once every page is read."""


def month_name(lang: str, month: int, with_day: bool) -> str:
    """CLDR's wide month name: the form of a date with its day (in Russian the genitive,
    «7 ноября»), else the nominative where the language inflects it (ru «ноябрь»); Kazakh and
    English use one form (CLDR capitalizes Kazakh stand-alone names, which the text does not)."""
    used = get_month_names("wide", "format", lang)[month]
    alone = get_month_names("wide", "stand-alone", lang)[month]
    return used if with_day or alone.lower() == used.lower() else alone


def _in_year(start: list[int], end: list[int] | None, lang: str) -> str:
    """A day, month or span of one year, without the year: «16–24 June», «16 June – 7 July», «March – May»."""
    day = len(start) == 3
    name = lambda date: (f"{date[2]} " if day else "") + month_name(lang, date[1], day)  # noqa: E731
    if not end or end == start:
        return name(start)
    if day and end[1] == start[1]:
        return f"{start[2]}–{end[2]} {month_name(lang, start[1], True)}"
    return f"{name(start)} – {name(end)}"


def _dated(text: str, year: int, lang: str) -> str:
    return for_language(lang)(DATED) % {"date": text, "year": year}


def _parts(iso: str) -> list[int]:
    return [int(p) for p in iso.split("-")]


def _span(start: str, end: str | None, lang: str) -> str:
    a, b = _parts(start), _parts(end) if end else None
    if len(a) == 1:
        return f"{a[0]}–{b[0]}" if b else str(a[0])
    if b and b[0] != a[0]:
        return f"{_span(start, None, lang)} – {_span(end, None, lang)}"
    return _dated(_in_year(a, b, lang), a[0], lang)


def is_pair(event: dict) -> bool:
    """An Old Style day (or days) shown with its New Style equivalent."""
    return event["calendar"] in CALENDAR and event["precision"] == "day" and bool(event.get("old_style"))


def human_date(event: dict, lang: str) -> str:
    """The date in words in *lang*: «25 October (7 November) 1917» (Old, New Style), «March 1917»."""
    new = (event["date"], event.get("date_end"))
    if is_pair(event):
        old_start, _slash, old_end = event["old_style"].partition("/")
        old = (old_start, old_end or None)
        years = {_parts(d)[0] for d in (*old, *new) if d}
        if len(years) == 1:
            text = _dated(f"{_in_year(*(_parts(d) if d else None for d in old), lang)} "
                          f"({_in_year(*(_parts(d) if d else None for d in new), lang)})", years.pop(), lang)
        else:
            text = f"{_span(*old, lang)} ({_span(*new, lang)})"
    else:
        text = _span(*new, lang)
    return text[:1].upper() + text[1:]


def events() -> list[dict]:
    """The events in date order (the data file keeps the order of the text)."""
    listed = load("chronology")["events"]
    return sorted(listed, key=lambda e: (as_date(e["date"]), listed.index(e)))


def rows() -> list[list[dict]]:
    """The table's rows in date order: the entries of one event (one ``event`` key) together."""
    grouped: dict = {}
    for n, event in enumerate(events()):
        grouped.setdefault(event.get("event") or n, []).append(event)
    return list(grouped.values())


def place_name(key, lang):
    if not key:
        return ""
    places = {p["key"]: p for p in load("names")["places"]}
    return pick(places[key], lang)


def as_date(iso: str) -> datetime.date:
    parts = [int(p) for p in iso.split("-")] + [1, 1]
    return datetime.date(parts[0], parts[1] if len(iso) > 4 else 7, parts[2] if len(iso) > 7 else 15)


# -- the figure: one geometry, drawn as SVG or TikZ ---------------------------------
WIDTH, LEFT, RIGHT = 800, 40, 780
ZOOM = (datetime.date(1917, 2, 1), datetime.date(1918, 6, 1))


def figure_shapes(lang: str) -> list[tuple]:
    """Lines, ticks, labels and numbered dots of the timeline, in SVG coordinates."""
    shapes = []
    # overview: 1900–1995
    y0, y1 = 40, 170
    span = (1900, 1995)

    def ox(year_fraction):
        return LEFT + (year_fraction - span[0]) / (span[1] - span[0]) * (RIGHT - LEFT)

    shapes.append(("line", LEFT, y0, RIGHT, y0))
    for year in range(1900, 2000, 10):
        shapes += [("line", ox(year), y0 - 4, ox(year), y0 + 4), ("text", ox(year), y0 + 16, str(year), "middle")]
    zx0, zx1 = ox(1917 + 1 / 12), ox(1918 + 5 / 12)
    shapes.append(("band", zx0, y0 - 6, zx1, y0 + 6))
    # zoom: February 1917 – May 1918, by month
    shapes.append(("line", LEFT, y1, RIGHT, y1))
    total = (ZOOM[1] - ZOOM[0]).days

    def zx(day):
        return LEFT + (day - ZOOM[0]).days / total * (RIGHT - LEFT)

    for month in range(16):
        first = datetime.date(1917 + (month + 1) // 12, (month + 1) % 12 + 1, 1)
        following = datetime.date(first.year + first.month // 12, first.month % 12 + 1, 1)
        shapes += [("line", zx(first), y1 - 4, zx(first), y1 + 4),
                   ("text", (zx(first) + zx(following)) / 2, y1 + 18, for_language(lang)(MONTHS[first.month - 1]),
                    "middle")]
    shapes += [("text", zx(datetime.date(1917, 2, 1)), y1 + 34, "1917", "start"),
               ("text", zx(datetime.date(1918, 1, 1)), y1 + 34, "1918", "start"),
               ("connector", zx0, y0 + 22, LEFT, y1 - 60), ("connector", zx1, y0 + 22, RIGHT, y1 - 60)]
    stacks: dict[int, int] = {}
    for number, (event, *_same) in enumerate(rows(), start=1):
        day = as_date(event["date"])
        if ZOOM[0] <= day < ZOOM[1]:
            x, base = zx(day), y1
        else:
            x, base = ox(day.year + (day.timetuple().tm_yday - 1) / 366), y0
        slot = round(x / 9)
        level = stacks.get((slot, base), 0)
        stacks[(slot, base)] = level + 1
        shapes.append(("dot", x, base - 8 - level * 9, number))
    return shapes


def shortened(text: str, limit: int = 60) -> str:
    """*text* up to about *limit* characters, cut at a word, with an ellipsis if cut."""
    if len(text) <= limit:
        return text
    return text[:limit].rsplit(" ", 1)[0].rstrip(",;:") + "…"


def svg(lang: str) -> str:
    title = for_language(lang)(HEADINGS[5])
    # role="document", not "img": the dots are links to the rows, and an image may hold no links
    # (axe: nested-interactive); "group" would do too, but EPUB allows an svg only application,
    # document or img (epubcheck)
    out = [f'<svg class="chronology-figure" role="document" aria-labelledby="chronology-figure-title" '
           f'viewBox="0 0 {WIDTH} 230" xmlns="http://www.w3.org/2000/svg">',
           f'<title id="chronology-figure-title">{escape(title)}</title>']
    for shape in figure_shapes(lang):
        kind = shape[0]
        if kind == "line":
            out.append(f'<line x1="{shape[1]:.1f}" y1="{shape[2]}" x2="{shape[3]:.1f}" y2="{shape[4]}" class="axis"/>')
        elif kind == "connector":
            out.append(f'<line x1="{shape[1]:.1f}" y1="{shape[2]}" x2="{shape[3]:.1f}" y2="{shape[4]}" class="zoom"/>')
        elif kind == "band":
            out.append(f'<rect x="{shape[1]:.1f}" y="{shape[2]}" width="{shape[3] - shape[1]:.1f}" '
                       f'height="{shape[4] - shape[2]}" class="zoom-band"/>')
        elif kind == "text":
            out.append(f'<text x="{shape[1]:.1f}" y="{shape[2]}" text-anchor="{shape[4]}">{escape(shape[3])}</text>')
        elif kind == "dot":
            event = rows()[shape[3] - 1][0]
            label = escape(f'{human_date(event, lang)}: {shortened(pick(event, lang))}')
            # the link's title names it (SVG's accessible name, and the tooltip): one copy
            out.append(f'<a href="#event-{shape[3]}"><title>{label}</title><circle cx="{shape[1]:.1f}" '
                       f'cy="{shape[2]:.1f}" r="4"/></a>')
    out.append("</svg>")
    return "".join(out)


def tikz(lang: str) -> str:
    scale = 0.0215  # 800 SVG units to about 17 cm
    out = [r"\begin{center}\begin{tikzpicture}[x=" + f"{scale}cm,y=-{scale}cm" + r",font=\tiny]"]
    for shape in figure_shapes(lang):
        kind = shape[0]
        if kind in ("line", "connector"):
            style = "gray" if kind == "line" else "gray!60,dashed"
            out.append(rf"\draw[{style}] ({shape[1]:.1f},{shape[2]}) -- ({shape[3]:.1f},{shape[4]});")
        elif kind == "band":
            out.append(rf"\fill[gray!20] ({shape[1]:.1f},{shape[2]}) rectangle ({shape[3]:.1f},{shape[4]});")
        elif kind == "text":
            anchor = {"middle": "south", "start": "south west"}[shape[4]]
            out.append(rf"\node[anchor={anchor},inner sep=1pt] at ({shape[1]:.1f},{shape[2]}) {{{tex(shape[3])}}};")
        elif kind == "dot":
            out.append(rf"\fill[black] ({shape[1]:.1f},{shape[2]:.1f}) circle (1.2pt);")
    out.append(r"\end{tikzpicture}\end{center}")
    return "\n".join(out)


class ChronologyDirective(SphinxDirective):
    def run(self):
        lang = self.config.language
        for name in ("chronology", "names", "notes"):  # rebuild the page when its data changes
            self.env.note_dependency(str(DATA_DIR / f"{name}.yaml"))
        heads = [_(heading) for heading in HEADINGS]
        figure = nodes.container(classes=["chronology-figure-wrapper"])
        figure += nodes.raw("", svg(lang), format="html")
        figure += nodes.raw("", tikz(lang), format="latex")
        figure += nodes.paragraph(text=heads[5], classes=["caption"])
        table, body = data_table(["chronology"], (6, 6, 5, 13, 4), heads[:5])
        for number, group in enumerate(rows(), start=1):
            first = group[0]
            when = nodes.paragraph("", human_date(first, lang))
            if is_pair(first):
                when += nodes.inline(text=f", {_(CALENDAR['both'])}", classes=["calendar"])
            for event in group:
                if event.get("note"):
                    when += nodes.Text(" ")
                    when += chronology_note_ref("", _(NOTE_WORDS["note"]), note_id=event["note"],
                                                section=event["section"], classes=["chronology-note"])
            source = nodes.paragraph()
            for event in unique(group, "source_date"):
                if len(source):
                    source += nodes.Text("; ")
                source += nodes.Text(event["source_date"])
                calendar = _(CALENDAR[event["calendar"]]) if event["calendar"] in CALENDAR else ""
                if calendar and event["precision"] != "year":
                    source += nodes.inline(text=f" ({calendar})", classes=["calendar"])
            sections = nodes.paragraph()
            for event in unique(group, "section"):
                if len(sections):
                    sections += nodes.Text(", ")
                link = addnodes.pending_xref("", nodes.inline(text=event["section"]), refdomain="std",
                                             reftype="ref", reftarget=event["section"], refexplicit=False,
                                             refwarn=True)
                self.set_source_info(link)
                sections += link
            places = "; ".join(dict.fromkeys(place_name(e["place"], lang) for e in group if e["place"]))
            body += row(when, source, places, " ".join(pick(e, lang) for e in group), sections)
            body[-1]["ids"] = [f"event-{number}"]
        return [figure, table]


def unique(group: list[dict], key: str) -> list[dict]:
    """The entries of a row with a *key* not shown yet (two sections may give one date alike)."""
    shown: dict = {}
    for event in group:
        shown.setdefault(event[key], event)
    return list(shown.values())


def resolve_note_links(app, doctree, docname):
    """Point each row's note link at the note in the chapter that holds its section."""
    labels = app.env.domaindata["std"]["labels"]
    for ref in list(doctree.findall(chronology_note_ref)):
        text = ref.astext()
        if app.builder.format == "html" and ref["section"] not in labels:
            logger.warning("chronology: section %r of note %r is not a label of the edition",
                           ref["section"], ref["note_id"], location=ref, type="edition", subtype="chronology")
            new = nodes.inline("", f"[{text}]", classes=["chronology-note"])
        elif app.builder.format == "html":
            target = labels[ref["section"]][0]
            uri = app.builder.get_relative_uri(docname, target) + "#" + ref["note_id"]
            new = nodes.reference("", "", nodes.Text(f"[{text}]"), refuri=uri, internal=True,
                                  classes=["chronology-note"])
        else:  # the PDF: the notes are footnotes in the chapter, with no anchor of their own
            new = nodes.inline("", f"[{text}]", classes=["chronology-note"])
        ref.replace_self(new)


def print_rows(app, doctree, docname):
    """The PDF's table: each event's section as its number, "§ 6.1" (a chapter's section
    title fills a narrow column a word a line), and the dates in roman type."""
    if app.builder.name != "latex":
        return
    labels = app.env.domaindata["std"]["labels"]
    for table in doctree.findall(lambda node: isinstance(node, nodes.table) and "chronology" in node["classes"]):
        groups = rows()
        for row_ in table.findall(nodes.row):
            number = next((int(i.removeprefix("event-")) for i in row_["ids"] if i.startswith("event-")), None)
            if not number:
                continue
            wanted = [event["section"] for event in unique(groups[number - 1], "section")]
            for reference, label in zip(list(row_[-1].findall(nodes.reference)), wanted):
                target = labels.get(label)
                section = app.env.toc_secnumbers.get(target[0], {}).get("#" + target[1]) if target else None
                if section:
                    reference.children = [nodes.Text("§ " + ".".join(map(str, section)))]


def publish_data(app, exception):
    if exception or app.builder.format != "html" or app.builder.name == "epub":  # the site's files
        return
    lang = app.config.language
    published = [{"number": n, "date": e["date"], "date_end": e.get("date_end", ""), "precision": e["precision"],
             "calendar": e["calendar"], "old_style": e.get("old_style", ""), "source_date": e["source_date"],
             "place": place_name(e["place"], lang), "event": pick(e, lang), "section": e["section"],
             "note": e.get("note", ""), "same_event": e.get("event", "")}
            for n, e in enumerate(events(), start=1)]
    out = Path(app.outdir)
    (out / "chronology.json").write_text(json.dumps(published, ensure_ascii=False, indent=1), encoding="utf-8")
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=list(published[0]))
    writer.writeheader()
    writer.writerows(published)
    (out / "chronology.csv").write_text(buffer.getvalue(), encoding="utf-8")


def setup(app):
    app.add_node(chronology_note_ref)
    app.add_directive("chronology", ChronologyDirective)
    app.connect("doctree-resolved", resolve_note_links)
    app.connect("doctree-resolved", print_rows)
    app.connect("build-finished", publish_data)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
