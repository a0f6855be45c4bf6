// The replace page of an image (newsroom/media admin): the file chosen is
// shown beside the picture it would replace, before anything is sent. It is
// read in the browser, at a blob: address (URL.createObjectURL), which the
// page's policy allows; a file the browser cannot show (an iPhone's HEIC, in
// most) says so instead. Without JavaScript the page replaces the file all
// the same.
"use strict";
(function () {
  function setup(preview) {
    const input = document.getElementById(preview.dataset.input);
    const image = preview.querySelector("img");
    const unreadable = preview.querySelector(".media-replace-unreadable");
    if (!input || !image || !unreadable) return;
    let address = "";

    function show() {
      if (address) URL.revokeObjectURL(address);
      address = "";
      image.hidden = true;
      unreadable.hidden = true;
      image.removeAttribute("src");
      const file = input.files && input.files[0];
      preview.hidden = !file;
      if (!file) return;
      address = URL.createObjectURL(file);
      image.alt = file.name;
      image.src = address;
    }

    image.addEventListener("load", () => {
      image.hidden = false;
    });
    image.addEventListener("error", () => {
      if (!image.getAttribute("src")) return;
      image.hidden = true;
      unreadable.hidden = false;
    });
    input.addEventListener("change", show);
    // A file the browser kept in the field (back to the page): shown too.
    show();
  }

  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll(".media-replace-preview").forEach(setup);
  });
})();
