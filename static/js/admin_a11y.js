// Names for the controls Django's admin leaves unnamed (WCAG 4.1.2, 1.3.1):
// the autocomplete boxes (select2), the second half of a date-and-time field,
// and the fields of a table's rows, named after their column. Runs on every
// desk screen (admin/base_site.html), and again when a row is added.
"use strict";
(function () {
  function labelText(id) {
    const label = id && document.querySelector('label[for="' + CSS.escape(id) + '"]');
    return label ? label.textContent.replace(/[:*]\s*$/, "").trim() : "";
  }

  function name(element, text) {
    if (text && !element.getAttribute("aria-label") && !element.getAttribute("aria-labelledby")) {
      element.setAttribute("aria-label", text);
    }
  }

  function columnName(cell) {
    const table = cell.closest("table");
    if (!table) return "";
    const headers = table.querySelectorAll("thead th");
    const header = headers[cell.cellIndex];
    return header ? header.textContent.trim() : "";
  }

  function autocompletes(root) {
    root.querySelectorAll("select.admin-autocomplete, select.media-image-chooser").forEach(function (select) {
      const text = labelText(select.id) || (select.closest("td") ? columnName(select.closest("td")) : "");
      const box = select.nextElementSibling;
      if (!box || !box.classList.contains("select2")) return;
      box.querySelectorAll(".select2-selection, .select2-search__field").forEach(function (part) {
        part.removeAttribute("aria-labelledby");
        name(part, text);
      });
      // The shown choice is plain text inside the named combobox.
      box.querySelectorAll(".select2-selection__rendered").forEach(function (rendered) {
        rendered.removeAttribute("role");
        rendered.removeAttribute("aria-readonly");
      });
    });
  }

  // "Mulai: Tanggal [ ] Waktu [ ]": each input named "Mulai – Tanggal".
  function dateTimes(root) {
    root.querySelectorAll("p.datetime input").forEach(function (input) {
      const row = input.closest(".flex-container, td");
      const label = row && row.querySelector("label");
      const field = label ? label.textContent.replace(/[:*]\s*$/, "").trim() : columnName(input.closest("td") || input);
      let before = input.previousSibling;
      while (before && before.nodeType === Node.TEXT_NODE && !before.textContent.trim()) before = before.previousSibling;
      const part = before && before.nodeType === Node.TEXT_NODE ? before.textContent.replace(/:\s*$/, "").trim() : "";
      name(input, [field, part].filter(Boolean).join(" – "));
    });
  }

  function tableCells(root) {
    root.querySelectorAll(".tabular td select, .tabular td input:not([type=hidden]), .tabular td textarea").forEach(function (field) {
      if (field.id && document.querySelector('label[for="' + CSS.escape(field.id) + '"]')) return;
      name(field, columnName(field.closest("td")));
    });
  }

  function run(root) {
    autocompletes(root);
    dateTimes(root);
    tableCells(root);
  }

  document.addEventListener("DOMContentLoaded", function () {
    // select2 is set up by Django's own script on the same event: after it.
    window.setTimeout(function () { run(document); }, 0);
  });
  document.addEventListener("formset:added", function (event) {
    window.setTimeout(function () { run(event.target || document); }, 0);
  });
})();
