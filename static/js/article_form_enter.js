// Enter in a one-line field of a story's form (Title, Slug, Dateline, a
// credit, Tags…) or on a checkbox (Needs a headline, Comments enabled) goes
// on to the next field, as Tab does, instead of saving
// the story: a browser sends a form on Enter with its first button, here the
// top row's Save, so a reporter ending a headline with Enter (as in a word
// processor) saved a half-typed story and left it, and an editor's Enter in
// a published story's Title put the headline live. Saving stays on the
// buttons and on Ctrl+S / ⌘S (desk_editor.js); Enter while an input method
// composes a word (isComposing) is the input method's, Enter with Ctrl,
// Alt, Shift or ⌘ is left to the browser, and so is Enter a field's own
// script has answered (a search box of the body's picture picker).
"use strict";
(function () {
  const form = document.getElementById("article_form");
  if (!form) return;
  // Enter on these is the control's own: pressing a button, opening a file
  // picker. On every other input (text of any kind, a checkbox, a radio) a
  // browser sends the form: a tester's Enter, Enter from Title saved a
  // half-typed headline by way of "Needs a headline".
  const OWN_ENTER = ["submit", "button", "image", "reset", "file"];
  const SKIPPED = ["hidden", "submit", "button", "reset", "image"];

  function fields() {
    return Array.from(form.elements).filter(function (element) {
      return (
        ["INPUT", "SELECT", "TEXTAREA"].includes(element.tagName) &&
        !SKIPPED.includes(element.type) &&
        !element.disabled &&
        element.offsetParent !== null // drawn
      );
    });
  }

  form.addEventListener("keydown", function (event) {
    const field = event.target;
    if (
      event.key !== "Enter" || event.defaultPrevented ||
      event.isComposing || event.keyCode === 229 ||
      event.ctrlKey || event.altKey || event.shiftKey || event.metaKey ||
      field.tagName !== "INPUT" || OWN_ENTER.includes(field.type)
    ) {
      return;
    }
    event.preventDefault();
    const all = fields();
    const next = all[all.indexOf(field) + 1];
    if (next) {
      next.focus();
    }
  });
})();
