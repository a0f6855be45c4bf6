// "Read more" under a long reader comment (templates/includes/comment.html):
// a comment taller than LINES lines is cut to a few lines (story.css,
// .comment__text--clamped) with a button that shows it whole and cuts it
// again. Without scripts every comment shows whole. The button's words come
// from the discussion's data-read-more and data-show-less (translated by the
// template); the comments themselves are shared fragments, left as they are.
(function () {
  "use strict";
  var LINES = 12;
  var CLAMPED = "comment__text--clamped";

  function lineHeight(text) {
    var style = window.getComputedStyle(text);
    var height = parseFloat(style.lineHeight);
    return isNaN(height) ? 1.2 * parseFloat(style.fontSize) : height;
  }

  // Whether the text, shown whole, runs past LINES lines (scrollHeight counts
  // what the clamp hides).
  function isLong(text) {
    return text.scrollHeight > (LINES + 0.5) * lineHeight(text);
  }

  function setExpanded(text, button, expanded, words) {
    text.classList.toggle(CLAMPED, !expanded);
    button.setAttribute("aria-expanded", expanded ? "true" : "false");
    button.textContent = expanded ? words.less : words.more;
  }

  function addButton(text, words) {
    var comment = text.closest(".comment");
    var button = document.createElement("button");
    button.type = "button";
    button.className = "comment__more";
    if (comment && comment.id) {
      text.id = text.id || comment.id + "-text";
      button.setAttribute("aria-controls", text.id);
      if (document.getElementById(comment.id + "-by")) {
        button.setAttribute("aria-describedby", comment.id + "-by");
      }
    }
    button.addEventListener("click", function () {
      var expand = button.getAttribute("aria-expanded") !== "true";
      setExpanded(text, button, expand, words);
      if (!expand) {
        // Cut short again, the page above the reader has shrunk: bring the
        // comment's top (and the button under it) back into view.
        (text.closest(".comment__card") || button).scrollIntoView({ block: "nearest" });
      }
    });
    // A link in the hidden part that takes the keyboard's focus shows it all.
    text.addEventListener("focusin", function (event) {
      if (text.classList.contains(CLAMPED)) {
        setExpanded(text, button, true, words);
        // The browser scrolled to the link while the text was still cut
        // short: it may now be far below the window.
        event.target.scrollIntoView({block: "nearest"});
      }
    });
    text.insertAdjacentElement("afterend", button);
    setExpanded(text, button, false, words);
  }

  function start() {
    document.querySelectorAll(".discussion[data-read-more]").forEach(function (discussion) {
      var words = {
        more: discussion.getAttribute("data-read-more"),
        less: discussion.getAttribute("data-show-less"),
      };
      discussion.querySelectorAll(".comment__text").forEach(function (text) {
        if (isLong(text)) {
          addButton(text, words);
        }
      });
    });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
