// A text longer than its field can save, said under the box as it is typed
// (newsroom.forms.WholeTextForm). The box has no maxlength: the browser's
// own cut a pasted title at the limit without a word, and the save went
// through with the end missing. The save refuses such a text at its field,
// the text kept; this says so before. Rows added with "Add another" too.
// A reader's report of a comment loads it too, for its details
// (templates/includes/comment_flag_form.html): the words and the limit are
// the page's, the same for every reader (the page cache shares it).
"use strict";
(function () {
  function format(template, values) {
    return template.replace(/\{(\w+)\}/g, function (whole, key) {
      return key in values ? String(values[key]) : whole;
    });
  }

  function note(box) {
    const id = box.id ? box.id + "_length" : "";
    let out = id ? document.getElementById(id) : box.nextElementSibling;
    if (out && out.classList.contains("length-over")) return out;
    out = document.createElement("p");
    out.className = "length-over";
    out.setAttribute("aria-live", "polite");
    if (id) {
      out.id = id;
      const described = box.getAttribute("aria-describedby");
      box.setAttribute("aria-describedby", [described, id].filter(Boolean).join(" "));
    }
    box.after(out);
    return out;
  }

  function update(box) {
    const max = Number(box.dataset.maxLength);
    if (!max || !box.dataset.tooLong) return;
    // Characters as the server counts them: code points, not UTF-16 units,
    // without the spaces around the text, which the form drops (a reader's
    // 501 characters ending in a space had been "too long" and sent fine).
    const length = [...box.value.trim()].length;
    const over = length > max;
    const existing = box.id ? document.getElementById(box.id + "_length") : null;
    if (!over && !existing) return;
    const out = existing || note(box);
    // Grouped as the page's language writes numbers: "100,000", "100.000".
    const number = new Intl.NumberFormat(document.documentElement.lang || undefined);
    out.textContent = over
      ? format(box.dataset.tooLong, {count: number.format(length), max: number.format(max)})
      : "";
    out.hidden = !over;
  }

  const BOXES = "input[data-max-length], textarea[data-max-length]";

  document.addEventListener("input", function (event) {
    if (event.target.matches && event.target.matches(BOXES)) update(event.target);
  });
  // A page shown again from the browser's memory (Back), with the text it
  // put back and no event. (A form sent back refused says it at the field,
  // from the server, until the text is changed.)
  window.addEventListener("pageshow", function (event) {
    if (event.persisted) document.querySelectorAll(BOXES).forEach(update);
  });
})();
