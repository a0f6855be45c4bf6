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

  // Django's prepopulate.js follows the title only when the slug is empty
  // on page load. An add page sent back with errors (a title refused as too
  // long) holds the slug made from the refused title: keep following the
  // title while the slug is the one the title makes, so that the corrected
  // title's slug is saved. A slug typed by hand (a change event) is kept.
  const add = document.getElementById("django-admin-form-add-constants");
  const constants = document.getElementById(
    "django-admin-prepopulated-fields-constants"
  );
  if (!add || !add.dataset.modelName || !constants || !window.django) {
    return;
  }
  const $ = window.django.jQuery;
  const fields = JSON.parse(constants.dataset.prepopulatedFields || "[]");
  fields.forEach(function (field) {
    const slug = $(field.id);
    const sources = $(field.dependency_ids.join(","));
    const made = function () {
      const values = sources
        .map(function () {
          return $(this).val();
        })
        .get()
        .filter(function (value) {
          return value.length > 0;
        });
      return window.URLify(values.join(" "), field.maxLength, field.allowUnicode);
    };
    // Empty: prepopulate.js follows already. Another slug: the desk's own.
    if (slug.length !== 1 || !slug.val() || slug.val() !== made()) {
      return;
    }
    let typed = false;
    slug.on("change", function () {
      typed = true;
    });
    sources.on("keyup change focus", function () {
      if (!typed) {
        slug.val(made());
      }
    });
  });
})();
