// The slugs the admin fills in as one types (a meeting's, a person's, a
// story's): a dash or a slash between words is a word break, so
// "Indonesia–Filipina" is "indonesia-filipina". Django's URLify drops the
// en dash ("indonesiafilipina"); the server's rule is newsroom/text.py
// slug_of(). Loaded after the form's own scripts (defer): URLify is looked
// up each time a field changes, so wrapping it here is enough.
(function () {
  "use strict";
  const urlify = window.URLify;
  if (typeof urlify !== "function") {
    return;
  }
  const breaks = /[\p{Pd}/]+/gu;
  window.URLify = function (text, maxLength, allowUnicode) {
    return urlify(String(text).replace(breaks, " "), maxLength, allowUnicode);
  };
})();
