/* The edition's small browser helpers. No third-party code. */
"use strict";

/* Language switcher: keep the section (#fragment) when changing language; anchors are
   the same in every edition. */
document.addEventListener("click", (event) => {
  const link = event.target.closest("a[data-edition-language]");
  if (link && window.location.hash) {
    link.href = link.href.split("#")[0] + window.location.hash;
  }
});

/* Anchor redirects (docs/_data/anchors.yaml): an id that moved is followed to its new
   place, on this page or another, keeping old citations working. */
function followAnchorRedirect() {
  const id = decodeURIComponent(window.location.hash.slice(1));
  if (!id || document.getElementById(id)) return;
  const page = document.querySelector('meta[name="edition-page"]')?.content;
  const target = (window.EDITION_ANCHOR_REDIRECTS || {})[`${page}#${id}`];
  if (!page || !target) return;
  const [targetPage, targetId] = target.split("#");
  if (targetPage === page) {
    window.location.replace(`#${targetId}`);
  } else {
    const up = "../".repeat(page.split("/").length - 1);
    window.location.replace(`${up}${targetPage}.html#${targetId}`);
  }
}
window.addEventListener("DOMContentLoaded", followAnchorRedirect);
window.addEventListener("hashchange", followAnchorRedirect);

/* "Cite" controls (edition/citing/units.py): the citations are files, _cite/<unit>.txt (plain,
   in the language's default CSL style), .styles.json (every style the control offers), .bib,
   .ris and .json, which the control links. The first time a control opens, the ones it shows
   (data-show: "txt bib" under a heading, "txt" after a paragraph) are fetched and put above
   the links: the plain citation from .styles.json, with a chooser of its styles and a copy
   button. If a fetch fails, the links are still the citations. */
document.addEventListener("toggle", async (event) => {
  const control = event.target;
  if (!control.matches?.("details.cite[data-show]") || !control.open || control.dataset.loaded) return;
  control.dataset.loaded = "true";
  const panel = control.querySelector(".cite-panel");
  const files = panel.querySelector(".cite-files");
  const links = control.dataset.show.split(" ").map((ext) => files.querySelector(`a[href$=".${ext}"]`));
  panel.setAttribute("aria-busy", "true");
  try {
    const texts = await Promise.all(links.map(async (link) => {
      const url = link.href.endsWith(".txt") ? link.href.replace(/\.txt$/, ".styles.json") : link.href;
      const response = await fetch(url);
      if (!response.ok) throw new Error(`${url}: ${response.status}`);
      return link.href.endsWith(".txt") ? response.json() : response.text();
    }));
    links.forEach((link, i) => {
      const plain = link.href.endsWith(".txt");
      if (links.length > 1) {  // a label per format, the link's own name
        const label = document.createElement("div");
        label.className = "cite-format";
        label.textContent = link.textContent;
        panel.insertBefore(label, files);
      }
      const pre = document.createElement("pre");
      pre.className = plain ? "cite-plain" : "cite-bibtex";
      panel.insertBefore(pre, files);
      if (!plain) {
        pre.textContent = texts[i];
        return;
      }
      const tools = panel.querySelector(".cite-tools");
      const select = tools.querySelector("select.cite-style");
      for (const style of texts[i].styles) select.append(new Option(style.name, style.id));
      const show = () => { pre.textContent = texts[i].styles.find((s) => s.id === select.value).text; };
      select.addEventListener("change", show);
      show();
      const copy = tools.querySelector("button.cite-copy");
      const words = copy.textContent;
      copy.addEventListener("click", async () => {
        try {
          await navigator.clipboard.writeText(pre.textContent);
          copy.textContent = copy.dataset.copied;
          setTimeout(() => { copy.textContent = words; }, 2000);
        } catch {  // no clipboard (an insecure page, a refusal): the text selected, for Ctrl+C
          getSelection().selectAllChildren(pre);
        }
      });
      tools.hidden = false;
      panel.insertBefore(tools, pre);
    });
  } catch (error) {
    delete control.dataset.loaded;  // tried again when it next opens
    console.warn("edition.js: the citation could not be loaded", error);
  } finally {
    panel.removeAttribute("aria-busy");
  }
}, true);  // toggle does not bubble: caught on its way down

/* The search page reads its query from the address (Search.init, which may run before the
   listener below): the address's query is made NFC and cut at 1,000 characters first. */
(() => {
  const params = new URLSearchParams(window.location.search);
  const query = params.get("q");
  if (query === null) return;
  const fixed = Array.from(query.normalize("NFC")).slice(0, 1000).join("");
  if (fixed === query) return;
  params.set("q", fixed);
  window.history.replaceState(null, "", `${window.location.pathname}?${params}${window.location.hash}`);
})();

/* Search result snippets: leave the "Cite" panels out of the text Sphinx quotes. */
window.addEventListener("DOMContentLoaded", () => {
  if (typeof Search === "undefined") return;  // only on the search page
  // Search.htmlToText is internal to Sphinx's searchtools.js (9.0). Fenced: say so if it is gone.
  if (typeof Search.htmlToText !== "function") {
    console.error("edition.js: Search.htmlToText is gone from searchtools.js; cite panels will show in snippets");
    return;
  }
  // Search.query is internal too (9.0): a query made later (a script's) passes it.
  // A reader's query is matched as NFC, as the index is (the preflight refuses decomposed
  // letters in the sources), and is cut at 1,000 characters: searchtools.js builds a regular
  // expression of each word and throws on one over 32,768 (reliability-2, U1, U2, W4).
  // Upstream: sphinx-doc/sphinx#13384 (Unicode normalization for search, open).
  if (typeof Search.query === "function") {
    const query = Search.query;
    Search.query = (text) => query(Array.from(String(text).normalize("NFC")).slice(0, 1000).join(""));
  } else {
    console.error("edition.js: Search.query is gone from searchtools.js; queries are not normalized");
  }
  const htmlToText = Search.htmlToText;
  Search.htmlToText = (htmlString, anchor) => {
    const doc = new DOMParser().parseFromString(htmlString, "text/html");
    doc.querySelectorAll("details.cite").forEach((el) => el.remove());
    return htmlToText(doc.documentElement.outerHTML, anchor);
  };
});
