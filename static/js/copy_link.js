// "Copy link" on a story's page: shows the button (hidden without scripts,
// where the address stays in its read-only field to select) and copies the
// field's address, saying so in the status line.
(function () {
  "use strict";

  function copy(field) {
    if (navigator.clipboard && window.isSecureContext) {
      return navigator.clipboard.writeText(field.value);
    }
    field.select();
    return document.execCommand("copy") ? Promise.resolve() : Promise.reject();
  }

  document.querySelectorAll("[data-copy-from]").forEach(function (button) {
    var field = document.getElementById(button.dataset.copyFrom);
    var status = button.closest(".share__copy").querySelector("[role=status]");
    if (!field) return;
    button.hidden = false;
    field.addEventListener("focus", function () {
      field.select();
    });
    button.addEventListener("click", function () {
      status.textContent = ""; // emptied first: a second copy is announced too
      copy(field).then(
        function () {
          status.textContent = button.dataset.copied;
        },
        function () {
          field.focus();
          field.select();
          status.textContent = button.dataset.copyFailed;
        }
      );
    });
  });
})();
