// Enter in a one-line field of a story's form (Title, Slug, Dateline, a
// credit, Tags…) or on a checkbox (Needs a headline, Comments enabled) goes
// on to the next field, as Tab does, instead of saving
// the story: a browser sends a form on Enter with its first button, here the
// top row's Save, so a reporter ending a headline with Enter (as in a word
// processor) saved a half-typed story and left it, and an editor's Enter in
// a published story's Title put the headline live. Saving stays on the
// buttons, on Ctrl+S / ⌘S and on Ctrl+Enter / ⌘Enter (desk_editor.js: Save
// and continue editing). The browser sent the form with the top row's Save
// on those chords too, so Ctrl+Enter left the story, and on a published
// one put a half-typed headline live; Shift+Enter and Alt+Enter do nothing.
// Enter while an input method composes a word (isComposing) is the input
// method's, and so is Enter a field's own script has answered (a search
// box of the body's picture picker).
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
      field.tagName !== "INPUT" || OWN_ENTER.includes(field.type)
    ) {
      return;
    }
    event.preventDefault();
    if (event.ctrlKey || event.metaKey || event.altKey || event.shiftKey) {
      return; // Ctrl+Enter / ⌘Enter: desk_editor.js saves
    }
    const all = fields();
    const next = all[all.indexOf(field) + 1];
    if (next) {
      next.focus();
    }
  });
})();
