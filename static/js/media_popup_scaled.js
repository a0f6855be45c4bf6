// The popup of a chooser's "+" after a picture stored scaled down
// (templates/admin/media/image/popup_scaled.html): once the notice is read,
// "Use this picture" chooses it in the form that opened the popup and closes
// it, as Django's popup_response.js does at once.
"use strict";
{
  const box = document.querySelector(".media-popup-scaled");
  const use = box.querySelector(".media-popup-use");
  const data = JSON.parse(box.dataset.popupResponse);
  use.addEventListener("click", function () {
    if (window.opener && window.opener.dismissAddRelatedObjectPopup) {
      window.opener.dismissAddRelatedObjectPopup(window, data.value, data.obj);
    } else {
      window.close();
    }
  });
  use.focus();
}
