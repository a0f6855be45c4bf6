// A desk list on a phone: each row a card, each value under its column's
// name (copied from the column's header into data-label, which admin.css
// shows below 768 px). Without this script the list stays a table that
// scrolls sideways inside its box. Runs on every desk screen
// (admin/base_site.html); acts on a change list and an object's history.
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

  function start() {
    document.querySelectorAll("#result_list, #change-history table").forEach(stack);
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
