// A desk list on a phone: each row a card, each value under its column's
// name (copied from the column's header into data-label, which admin.css
// shows below 768 px). Without this script the list stays a table that
// scrolls sideways inside its box. Runs on every desk screen
// (admin/base_site.html); acts on a change list and an object's history,
// and brings the moderator back to their place in the comment queue.
"use strict";
(function () {
  function stack(table) {
    const names = Array.from(table.tHead ? table.tHead.rows[0].cells : []).map(function (header) {
      return header.textContent.trim();
    });
    Array.from(table.tBodies).forEach(function (body) {
      Array.from(body.rows).forEach(function (row) {
        Array.from(row.cells).forEach(function (cell, index) {
          if (names[index] && !cell.classList.contains("action-checkbox")) {
            cell.dataset.label = names[index];
          }
        });
      });
    });
    table.classList.add("stacks");
  }

  // A one-click Approve or Reject on a queue row (the form "row-moderation",
  // admin/articles/comment/change_list.html) comes back to the same filters
  // and page at the row after the one decided on (the one before, on the
  // last row), its first control focused: the address the form returns to
  // ("next") ends in "#comment-<id>" of that row. Scrolled to the top, the
  // moderator lost their place, and by keyboard took some 30 Tabs to find it.
  const RETURN_ROW = /^#comment-(\d+)$/;

  function commentId(row) {
    const box = row && row.querySelector("input.action-select");
    return box ? box.value : "";
  }

  function aimReturn(event) {
    const button = event.target.closest('button[form="row-moderation"]');
    const row = button && button.closest("tr");
    const form = document.getElementById("row-moderation");
    const next = form && form.elements.namedItem("next");
    if (!row || !next) {
      return;
    }
    const id =
      commentId(row.nextElementSibling) || commentId(row.previousElementSibling) || commentId(row);
    next.value = next.value.split("#")[0] + (id ? "#comment-" + id : "");
  }

  function focusReturnRow() {
    const match = RETURN_ROW.exec(window.location.hash);
    // An error or a warning (the comment was left as it was) is read first,
    // at the top of the page.
    if (!match || document.querySelector(".messagelist .error, .messagelist .warning")) {
      return;
    }
    const box = document.querySelector(
      '#result_list input.action-select[value="' + match[1] + '"]'
    );
    if (box) {
      // Scrolled to only when the first screen does not show it whole:
      // centred, a row near the top had pushed the "1 comment approved."
      // above the window, cut in half.
      const row = box.closest("tr");
      const place = row.getBoundingClientRect();
      if (place.top < 0 || place.bottom > window.innerHeight) {
        // Too far down to show both (a phone's cards): the message stays
        // at the top of the window while the moderator is on the list.
        const said = document.querySelector(".messagelist");
        if (said) {
          said.classList.add("kept-in-view");
        }
        row.scrollIntoView({ block: "center" });
      }
      box.focus({ preventScroll: true });
    }
  }

  function start() {
    document.querySelectorAll("#result_list, #change-history table").forEach(stack);
    if (document.getElementById("row-moderation")) {
      document.addEventListener("click", aimReturn);
      focusReturnRow();
    }
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
