// The first-visit notice offering the other edition (templates/includes/
// edition_notice.html): shown only when the browser's preferred languages put
// the notice's language before the page's, and gone for good once closed.
//
// Deferred (templates/base.html): it may run after the page is drawn, so the
// notice stands over the foot of the window (static/css/site.css) and moves
// nothing. Not deferred, right after the notice, it held up the page under
// it; shown in the flow after the page had loaded, it pushed the page down
// (a layout shift of 0.09 on a phone).
(function () {
  "use strict";
  var KEY = "newsroom.editionNoticeClosed";

  function closed() {
    try {
      return window.localStorage.getItem(KEY) === "1";
    } catch (error) {
      return false; // storage blocked: show the notice, closing hides it
    }
  }

  function remember() {
    try {
      window.localStorage.setItem(KEY, "1");
    } catch (error) {
      // storage blocked: closed for this page only
    }
  }

  // The first of `codes` the browser prefers, by primary subtag ("en-GB" is en).
  function preferred(codes) {
    var wanted = navigator.languages || [navigator.language || ""];
    for (var i = 0; i < wanted.length; i++) {
      var code = String(wanted[i]).toLowerCase().split("-")[0];
      if (codes.indexOf(code) !== -1) {
        return code;
      }
    }
    return null;
  }

  // Where the keyboard goes once the notice is closed: the page's main
  // content, which now starts where the notice was (left on the hidden
  // button, the focus was nowhere a reader could see).
  function afterClosing() {
    var main = document.querySelector("main");
    if (main && !main.hasAttribute("tabindex")) {
      main.setAttribute("tabindex", "-1");
    }
    return main || document.body;
  }

  // The page's end moved down by the notice's height (site.css reads
  // --edition-notice-height), kept up to date as its lines wrap anew (a
  // turned phone, larger text).
  function makeRoom(notice) {
    var root = document.documentElement;
    function measure() {
      var height = Math.ceil(notice.getBoundingClientRect().height);
      root.style.setProperty("--edition-notice-height", height + "px");
    }
    measure();
    if (window.ResizeObserver) {
      new window.ResizeObserver(measure).observe(notice);
    }
  }

  function start(notices) {
    if (closed()) {
      return;
    }
    var page = (document.documentElement.lang || "").toLowerCase().split("-")[0];
    var codes = [page];
    notices.forEach(function (notice) {
      codes.push(notice.getAttribute("data-edition-notice"));
    });
    var choice = preferred(codes);
    notices.forEach(function (notice) {
      if (notice.getAttribute("data-edition-notice") !== choice) {
        return;
      }
      notice.hidden = false;
      makeRoom(notice);
      var button = notice.querySelector("[data-edition-notice-close]");
      if (button) {
        button.addEventListener("click", function () {
          remember();
          notice.hidden = true;
          afterClosing().focus();
        });
      }
    });
  }

  function ready() {
    var notices = document.querySelectorAll("[data-edition-notice]");
    if (notices.length) {
      start(notices);
    }
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", ready);
  } else {
    ready();
  }
})();
