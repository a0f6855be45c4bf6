// A story's add form opens in its first field (Title), as Django's admin
// means any add form to. Django's own script (admin/js/change_form.js, left
// in place: the page's other scripts and its Back behaviour rely on the page
// as Django builds it) focuses the form's first control, which with the Save
// row on top (save_on_top) was Save: Enter sent an empty form, and Title was
// four Tabs away. Once the page has loaded (Django's script is async: the
// load event waits for it), a focus Django gave a button goes to the first
// field instead; only fields count, never a button. As in Django, a change
// form is given nothing (its element has no data-model-name), nor a page
// where a reader's Tab or a panel's own script has put the focus elsewhere.
//
// A form sent back refused (Django's "Please correct the errors below")
// opens where it is put right, add or change form alike: its first field's
// error is brought into view and that field focused; with no error at a
// field (one about the whole form), the top error note is, focused. The
// page had opened at its top, the error under the dates to check and the
// row of buttons on a phone, the field it named far down (a step refused
// for want of its note, pressed at the top of the form).
"use strict";
window.addEventListener("load", function () {
  const constants = document.getElementById("django-admin-form-add-constants");
  const modelName = constants && constants.dataset.modelName;
  const errorNote = document.querySelector("#content-main form .errornote");
  const form = errorNote
    ? errorNote.closest("form")
    : modelName && document.getElementById(modelName + "_form");
  if (!form) return;
  const NOT_FIELDS = ["hidden", "submit", "button", "reset", "image"];
  // offsetParent: null for a control that is not drawn.
  const isField = (element) =>
    ["INPUT", "SELECT", "TEXTAREA"].includes(element.tagName) &&
    !NOT_FIELDS.includes(element.type) && !element.disabled && element.offsetParent !== null;
  const firstField = (within, selector = "input, select, textarea") =>
    [...within.querySelectorAll(selector)].find(isField);
  const active = document.activeElement;
  const onButton = form.contains(active) && ["submit", "button"].includes(active.type);
  // Django's own focus on an add form's first control counts as none.
  const djangoFocus = Boolean(modelName) && active === firstField(form);
  if (active !== document.body && !onButton && !(errorNote && djangoFocus)) return;
  if (errorNote) {
    showFirstError(form, errorNote, firstField);
    return;
  }
  const field = firstField(form);
  if (field) field.focus();
});

function showFirstError(form, errorNote, firstField) {
  // A field's errors are in its row (fieldsets) or its cell (inline tables).
  const error = [...form.querySelectorAll(".errorlist:not(.nonfield)")].find(
    (list) => list.offsetParent !== null && list.closest(".form-row, td")
  );
  // Of a pair (a date and its time), the box marked wrong, else the first.
  const row = error && error.closest(".form-row, td");
  const field = row && (firstField(row, '[aria-invalid="true"]') || firstField(row));
  if (field) {
    field.focus({preventScroll: true});
    error.scrollIntoView({block: "center"});
    return;
  }
  const said = errorNote.nextElementSibling && errorNote.nextElementSibling.matches(".errorlist")
    ? errorNote.nextElementSibling : errorNote;
  errorNote.tabIndex = -1;
  errorNote.focus({preventScroll: true});
  errorNote.scrollIntoView({block: "start"});
  if (said.getBoundingClientRect().bottom > window.innerHeight) said.scrollIntoView({block: "end"});
}
