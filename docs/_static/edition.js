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
