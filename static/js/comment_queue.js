// The moderation queue (admin/articles/comment/change_list.html): a list the
// browser shows again from its back/forward cache, after an action was taken
// from it (Back from "2 comments rejected."), still has the boxes ticked and
// the action chosen that were just acted on; one more "Go" acted again.
// They are cleared, and Django's counter and "select all" (admin/js/actions.js)
// are told. A list read again from the server is not restored at all: its
// controls are autocomplete="off" (CommentAdmin, ModerationActionForm).
(function () {
  "use strict";

  function clearSelection(form) {
    form.querySelectorAll("input.action-select, #action-toggle").forEach(
      function (box) {
        box.checked = false;
      }
    );
    form.querySelectorAll("tr.selected").forEach(function (row) {
      row.classList.remove("selected");
    });
    form.querySelectorAll("select[name=action]").forEach(function (select) {
      select.value = "";
    });
    form.querySelectorAll("input.select-across").forEach(function (across) {
      across.value = "0";
    });
    form.querySelectorAll("input[name=note]").forEach(function (note) {
      note.value = "";
    });
    // actions.js recounts ("0 of 5 selected") and hides "Select all" when a
    // row's box changes.
    var box = form.querySelector("input.action-select");
    if (box) {
      box.dispatchEvent(new Event("change", { bubbles: true }));
    }
  }

  window.addEventListener("pageshow", function (event) {
    var form = document.getElementById("changelist-form");
    if (event.persisted && form) {
      clearSelection(form);
    }
  });
})();
