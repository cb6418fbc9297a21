"""Kazakh full-text search: stop-words and a light suffix-stripping stemmer.

Sphinx has no Kazakh search language and falls back to English, which leaves every
inflected form a separate word: «кеңес» misses «Кеңестердің» and «кеңестерінің».
This registers ``kk`` with ``app.add_search_language``. The stemmer strips plural,
possessive and case suffixes (and their stacks) and undoes the consonant alternation
at the suffix boundary (билігі → билік). It exists twice, with one set of data from
``docs/_data/kazakh_search.yaml``: in Python for the index (``stem``) and in
JavaScript for the query (``js_stemmer_code``). The test suite checks that both give
the same stems on every word of the text.
"""

from __future__ import annotations

import json
from functools import cache

from sphinx.search import SearchLanguage

from edition.data.edition_data import load

JS_STEMMER = """
/* Kazakh light stemmer (edition/i18n/kazakh_search.py): the same rules as the Python side. */
var KAZAKH = %(data)s;
var Stemmer = function () {
  var suffixes = Object.keys(KAZAKH.suffixes).sort(function (a, b) {
    return b.length - a.length;
  });
  var alternations = Object.keys(KAZAKH.final_alternations).sort(function (a, b) {
    return b.length - a.length;
  });
  var fits = function (rule, letter) {
    if (rule === "any") return true;
    var names = rule.split("_or_");
    for (var i = 0; i < names.length; i++) {
      if (names[i] === "consonant") {
        if (letter.toLowerCase() !== letter.toUpperCase() && KAZAKH.classes.vowel.indexOf(letter) < 0) return true;
      } else if (KAZAKH.classes[names[i]].indexOf(letter) >= 0) return true;
    }
    return false;
  };
  this.stemWord = function (word) {
    var w = word.toLowerCase();
    for (var round = 0; round < KAZAKH.max_rounds; round++) {
      var stripped = false;
      for (var i = 0; i < suffixes.length; i++) {
        var s = suffixes[i];
        var least = s.length === 1 ? KAZAKH.min_stem_single : KAZAKH.min_stem;
        var rest = w.slice(0, w.length - s.length);
        if (w.slice(-s.length) === s && rest.length >= least &&
            fits(KAZAKH.suffixes[s], rest.charAt(rest.length - 1))) {
          w = rest;
          stripped = true;
          break;
        }
      }
      if (!stripped) break;
    }
    for (var j = 0; j < alternations.length; j++) {
      var a = alternations[j];
      if (w.length > a.length + 1 && w.slice(-a.length) === a) {
        w = w.slice(0, -a.length) + KAZAKH.final_alternations[a];
        break;
      }
    }
    return w;
  };
};
"""


def rules() -> dict:
    return load("kazakh_search")


def _fits(rule: str, letter: str, classes: dict[str, str]) -> bool:
    """Whether *letter* (the last letter of the stem) is of a class *rule* names."""
    if rule == "any":
        return True
    return any(letter.isalpha() and letter not in classes["vowel"] if name == "consonant"
               else letter in classes[name] for name in rule.split("_or_"))


@cache
def stem(word: str) -> str:
    """The Kazakh stem of *word* (lower-cased); the JavaScript stemmer must agree."""
    data = rules()
    suffixes = sorted(data["suffixes"], key=len, reverse=True)
    w = word.lower()
    for _ in range(data["max_rounds"]):
        for s in suffixes:
            least = data["min_stem_single"] if len(s) == 1 else data["min_stem"]
            rest = w[: -len(s)]
            if w.endswith(s) and len(rest) >= least and _fits(data["suffixes"][s], rest[-1], data["classes"]):
                w = rest
                break
        else:
            break
    for a in sorted(data["final_alternations"], key=len, reverse=True):
        if len(w) > len(a) + 1 and w.endswith(a):
            w = w[: -len(a)] + data["final_alternations"][a]
            break
    return w


class SearchKazakh(SearchLanguage):
    lang = "kk"
    language_name = "Kazakh"

    def __init__(self, options):
        super().__init__(options)
        data = rules()
        self.stopwords = frozenset(data["stopwords"])
        self.js_stemmer_code = JS_STEMMER % {"data": json.dumps(
            {k: data[k] for k in ("classes", "suffixes", "final_alternations", "min_stem", "min_stem_single",
                                   "max_rounds")},
            ensure_ascii=False)}

    def stem(self, word: str) -> str:
        return stem(word)


def setup(app):
    app.add_search_language(SearchKazakh)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
