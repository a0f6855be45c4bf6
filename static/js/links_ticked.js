/* "Link the ticked suggestions" on Suggest links
   (templates/admin/articles/article/links.html): pressed with nothing
   ticked, it linked nothing and answered "Nothing changed: what was ticked is
   linked or recorded already." It is off, the hint beside it saying why,
   until something is ticked that the server links (chosen_links in
   articles/admin/links.py): an agency, a person or the meeting offered, a
   candidate of an ambiguous name, or the position of someone linked already.
   Checked on every change, and on a page the browser shows again (Back): its
   boxes are then as they were left. Without this script the button stays on
   and the server says that nothing was ticked. */
(function () {
  "use strict";
  const form = document.getElementById("link-form");
  const button = form && form.querySelector('input[type="submit"][name="_link"]');
  const hint = document.getElementById("link-none-ticked");
  if (!button || !hint) {
    return;
  }
  const LINKS =
    'input[name="agencies"], input[name="people"], input[name="meeting"], ' +
    'input[type="radio"][name^="agency-choice-"], ' +
    'input[type="radio"][name^="person-choice-"]';

  function links(box) {
    return box.checked && !box.disabled && box.value !== "";
  }

  // A position is recorded for someone linked now (their own box, above) or
  // linked before: a box in a row of someone linked already counts alone.
  function recordsPosition(box) {
    return links(box) && box.closest(".links-row.is-linked") !== null;
  }

  function update() {
    const ticked =
      Array.prototype.some.call(form.querySelectorAll(LINKS), links) ||
      Array.prototype.some.call(
        form.querySelectorAll('input[name="positions"]'),
        recordsPosition
      );
    button.disabled = !ticked;
    hint.hidden = ticked;
    if (ticked) {
      button.removeAttribute("aria-describedby");
    } else {
      button.setAttribute("aria-describedby", hint.id);
    }
  }

  form.addEventListener("change", update);
  // Shown again by Back: from the back/forward cache, or read again with
  // the boxes the browser puts back as they were.
  window.addEventListener("pageshow", update);
  update();
})();
