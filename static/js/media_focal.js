// The focal point of an image (newsroom/media admin): a click on the preview
// sets the "across" and "down" numbers (fractions 0..1) and moves the marker.
// Without JavaScript the two number fields still work.
"use strict";
(function () {
  function setup(box) {
    const image = box.querySelector(".media-focal-image");
    const marker = box.querySelector(".media-focal-marker");
    const x = document.getElementById("id_focal_x");
    const y = document.getElementById("id_focal_y");
    if (!image || !marker || !x || !y) return;
    function show() {
      const fx = x.value === "" ? 0.5 : parseFloat(x.value);
      const fy = y.value === "" ? 0.5 : parseFloat(y.value);
      if (Number.isNaN(fx) || Number.isNaN(fy)) { marker.hidden = true; return; }
      marker.style.left = (Math.min(Math.max(fx, 0), 1) * 100) + "%";
      marker.style.top = (Math.min(Math.max(fy, 0), 1) * 100) + "%";
      marker.hidden = false;
    }
    image.addEventListener("click", function (event) {
      const rect = image.getBoundingClientRect();
      const fx = (event.clientX - rect.left) / rect.width;
      const fy = (event.clientY - rect.top) / rect.height;
      x.value = Math.min(Math.max(fx, 0), 1).toFixed(3);
      y.value = Math.min(Math.max(fy, 0), 1).toFixed(3);
      x.dispatchEvent(new Event("change", { bubbles: true }));
      show();
    });
    x.addEventListener("input", show);
    y.addEventListener("input", show);
    show();
  }
  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll(".media-focal").forEach(setup);
  });
})();
