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

/* "Cite" control: put today's date where the citation says when it was accessed. */
window.addEventListener("DOMContentLoaded", () => {
  const today = new Date().toISOString().slice(0, 10);
  for (const pre of document.querySelectorAll("details.cite pre.cite-plain")) {
    pre.textContent = pre.textContent.replace(/(ЖЖЖЖ-АА-КК|ГГГГ-ММ-ДД|YYYY-MM-DD)/, today);
  }
});

/* Search result snippets: leave the "Cite" panels out of the text Sphinx quotes. */
window.addEventListener("DOMContentLoaded", () => {
  if (typeof Search === "undefined") return;  // only on the search page
  // Search.htmlToText is internal to Sphinx's searchtools.js (9.0). Fenced: say so if it is gone.
  if (typeof Search.htmlToText !== "function") {
    console.error("edition.js: Search.htmlToText is gone from searchtools.js; cite panels will show in snippets");
    return;
  }
  const htmlToText = Search.htmlToText;
  Search.htmlToText = (htmlString, anchor) => {
    const doc = new DOMParser().parseFromString(htmlString, "text/html");
    doc.querySelectorAll("details.cite").forEach((el) => el.remove());
    return htmlToText(doc.documentElement.outerHTML, anchor);
  };
});
