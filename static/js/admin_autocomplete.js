// An admin autocomplete (select2) chooses only from the answer to what is
// typed. select2 asks the server 250 ms after the last key, so an Enter
// pressed sooner took the first result of the earlier text (often the empty
// one: the whole list), silently. While the list shows the answer to another
// text, a choice by keyboard is refused; select2 says "Searching…"
// meanwhile, and the next Enter, once the answer is drawn, chooses from it.
// Runs on every desk screen (admin/base_site.html).
"use strict";
(function () {
  const $ = window.django && window.django.jQuery;
  if (!$) return;

  // "app_label.model_name.field_name" -> the term of the last answer drawn.
  const drawn = new Map();

  function key(app, model, field) {
    return [app, model, field].join(".");
  }

  $(document).on("ajaxComplete", function (event, xhr, settings) {
    let params;
    try {
      params = new URL(settings.url, document.baseURI).searchParams;
    } catch (error) {
      return;
    }
    if (!params.has("field_name")) return;
    // Status 0 (aborted for a newer term, or no connection): select2 keeps
    // the old list, so that list still answers the old term; the newer
    // request, or the next key, brings its own answer. Any other answer,
    // an error included (select2 then shows no choices), is the list now.
    if (xhr.status === 0) return;
    const field = key(params.get("app_label"), params.get("model_name"), params.get("field_name"));
    const term = params.get("term") || "";
    // select2 draws the answer in a callback jQuery queues before this
    // event: record the term once it is drawn.
    window.setTimeout(function () {
      drawn.set(field, term);
    }, 0);
  });

  function typed(select) {
    const instance = $(select).data("select2");
    const search = instance && (instance.$dropdown.find(".select2-search__field")[0] || instance.$container.find(".select2-search__field")[0]);
    return search ? search.value : null;
  }

  $(document).on("select2:selecting", function (event) {
    const select = event.target;
    // Only the autocompletes that ask the server; a plain select2 lists all.
    if (!select.hasAttribute("data-ajax--url") || !select.dataset.fieldName) return;
    const field = key(select.dataset.appLabel, select.dataset.modelName, select.dataset.fieldName);
    // A click takes the option the pointer is on, seen and meant; Enter takes
    // the first, whatever list it is in.
    const args = event.params && event.params.args;
    if (args && args.originalEvent) return;
    if (!drawn.has(field)) return;
    const text = typed(select);
    if (text !== null && text !== drawn.get(field)) event.preventDefault();
  });
})();
