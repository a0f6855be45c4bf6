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
"use strict";
window.addEventListener("load", function () {
  const constants = document.getElementById("django-admin-form-add-constants");
  const modelName = constants && constants.dataset.modelName;
  const form = modelName && document.getElementById(modelName + "_form");
  if (!form) return;
  const active = document.activeElement;
  const onButton = form.contains(active) && ["submit", "button"].includes(active.type);
  if (active !== document.body && !onButton) return;
  const NOT_FIELDS = ["hidden", "submit", "button", "reset", "image"];
  for (const element of form.elements) {
    const field = ["INPUT", "SELECT", "TEXTAREA"].includes(element.tagName);
    // offsetParent: null for a control that is not drawn.
    if (field && !NOT_FIELDS.includes(element.type) && !element.disabled && element.offsetParent) {
      element.focus();
      return;
    }
  }
});
