/* "Linked when you save" on the add page of an article
   (templates/admin/articles/article/links_preview.html): under Filing, what
   saving the story now would link from its text, asked of the server
   (LinkSuggestionsMixin.links_preview_view, the save's own rule) a moment
   after the title, summary or body stop changing, or a choice of agencies,
   people or meeting changes. Hidden while the text is empty. */
(function () {
  "use strict";
  const panel = document.getElementById("links-preview");
  const form = panel && panel.closest("form");
  if (!form) {
    return;
  }
  const result = panel.querySelector(".links-preview-result");
  const place =
    form.querySelector(".form-row.field-meeting") ||
    form.querySelector(".form-row.field-people");
  if (place) {
    place.after(panel);
  }
  const TEXT = ["title", "dek", "body"];
  let timer = null;
  let asked = 0;
  let shownFor = null;

  function formData() {
    const data = new FormData();
    TEXT.concat(["meeting"]).forEach(function (name) {
      const field = form.elements.namedItem(name);
      if (field && "value" in field) {
        data.append(name, field.value);
      }
    });
    ["agencies", "people"].forEach(function (name) {
      const field = form.elements.namedItem(name);
      if (field && field.selectedOptions) {
        Array.from(field.selectedOptions).forEach(function (option) {
          data.append(name, option.value);
        });
      }
    });
    return data;
  }

  function refresh() {
    const data = formData();
    const key = JSON.stringify(Array.from(data.entries()));
    if (key === shownFor) {
      return;
    }
    if (TEXT.every(function (name) { return !(data.get(name) || "").trim(); })) {
      panel.hidden = true;
      shownFor = key;
      return;
    }
    const token = form.elements.namedItem("csrfmiddlewaretoken");
    const mine = ++asked;
    fetch(panel.dataset.url, {
      method: "POST",
      body: data,
      credentials: "same-origin",
      headers: { "X-CSRFToken": token ? token.value : "" },
    })
      .then(function (response) {
        if (!response.ok) {
          throw new Error(String(response.status));
        }
        return response.text();
      })
      .then(function (html) {
        if (mine !== asked) {
          return; // a later question is on its way
        }
        result.innerHTML = html; // the server's template, escaped there
        shownFor = key;
        panel.hidden = false;
      })
      .catch(function () {
        if (mine === asked) {
          result.textContent = panel.dataset.failed;
          panel.hidden = false;
        }
      });
  }

  function later() {
    asked++; // an answer on its way is for text no longer there
    window.clearTimeout(timer);
    timer = window.setTimeout(refresh, 600);
  }

  form.addEventListener("input", function (event) {
    if (TEXT.indexOf(event.target.name) >= 0) {
      later();
    }
  });
  form.addEventListener("change", later);
  // The agencies' and people's boxes (select2) say so through jQuery only.
  if (window.django && window.django.jQuery) {
    window.django.jQuery(form).on("change", "select", later);
  }
  refresh();
})();
