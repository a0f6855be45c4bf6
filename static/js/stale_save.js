// The edit lock's refusal (templates/admin/history/stale_save.html, an
// article's admin/articles/article/conflict_panel.html) is the one place a
// refused save is said: focused when the page opens, so that a
// screen reader reads it first and a phone shows it, with its choices,
// rather than the top of a form that looks saved.
"use strict";
(function () {
  document.addEventListener("DOMContentLoaded", function () {
    const panel = document.querySelector(
      "section.stale-save[tabindex], section.conflict-panel[tabindex]"
    );
    if (panel && document.activeElement === document.body) {
      panel.focus();
    }
  });
})();
