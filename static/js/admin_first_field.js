// A story's add form opens in its first field (Title), as Django's admin
// opens any add form. Django's own script (admin/js/change_form.js, which
// this one stands in for on the same element: admin/articles/article/
// change_form.html) focuses the form's first control, which with the Save
// row on top (save_on_top) was Save: Enter sent an empty form, and Title was
// four Tabs away. Only fields count here, never a button. As in Django, a
// change form is given nothing; nor is a page where something has the focus
// already (a panel its own script focuses, or a quick reader's Tab).
"use strict";
(function () {
  const modelName = document.currentScript.dataset.modelName;
  const form = modelName && document.getElementById(modelName + "_form");
  if (!form || document.activeElement !== document.body) return;
  const NOT_FIELDS = ["hidden", "submit", "button", "reset", "image"];
  for (const element of form.elements) {
    const field = ["INPUT", "SELECT", "TEXTAREA"].includes(element.tagName);
    // offsetParent: null for a control that is not drawn.
    if (field && !NOT_FIELDS.includes(element.type) && !element.disabled && element.offsetParent) {
      element.focus();
      return;
    }
  }
})();
