// "No, take me back" on the ban question (ban_confirmation.html): a link to
// the page that asked (the comment's page, or the list with its filters).
// Asked from the list, and shown for the first time, it goes back in the
// browser's history instead, which keeps the list's ticked rows; once an
// answer came back refused, the page before is the same question, so the
// link is followed (Django's cancel.js went back to the question again).
"use strict";
document.querySelectorAll("a.take-me-back[data-history-back]").forEach(function (link) {
  link.addEventListener("click", function (event) {
    if (window.history.length > 1) {
      event.preventDefault();
      window.history.back();
    }
  });
});
