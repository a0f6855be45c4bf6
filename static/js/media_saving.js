// Saving an image (newsroom/media admin: the add and change form, a
// chooser's "+" popup, the replace form). Checking and storing a large photo
// takes seconds (a 50 MP one, about 5 s), so once the form is sent with a
// large file the status beside the buttons says so, and a second press does
// not send it again. Without JavaScript the form saves all the same.
"use strict";
(function () {
  // From this size on a file takes a second or more to save (a 12 MP phone
  // JPEG is about 3.4 MB); a smaller one is saved before the words are read.
  const LARGE_BYTES = 2 * 1024 * 1024;

  function largeFileChosen(form) {
    return Array.from(form.querySelectorAll('input[type="file"]')).some(
      (input) => Array.from(input.files || []).some((file) => file.size >= LARGE_BYTES)
    );
  }

  function setup(status) {
    const form = status.closest("form");
    if (!form) return;
    let sent = false;

    function busy(on) {
      sent = on;
      form.classList.toggle("media-saving-busy", on);
      // aria-disabled, not disabled: a disabled button would leave its name
      // (_save, _continue, _addanother) out of the form being sent.
      form.querySelectorAll('.submit-row [type="submit"]').forEach((button) => {
        if (on) {
          button.setAttribute("aria-disabled", "true");
        } else {
          button.removeAttribute("aria-disabled");
        }
      });
      status.textContent = on && largeFileChosen(form) ? status.dataset.message : "";
    }

    form.addEventListener("submit", (event) => {
      if (sent) {
        event.preventDefault();
        return;
      }
      busy(true);
      // Another script may stop this submit: then nothing was sent.
      setTimeout(() => {
        if (event.defaultPrevented) busy(false);
      });
    });
    window.addEventListener("pageshow", (event) => {
      // Back to this page as the browser kept it: the form may be sent again.
      if (event.persisted) busy(false);
    });
  }

  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll(".media-saving").forEach(setup);
  });
})();
