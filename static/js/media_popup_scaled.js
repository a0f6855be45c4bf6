// The popup of a chooser's "+" after a picture with something to say (stored
// scaled down, animated, already in the library:
// templates/admin/media/image/popup_scaled.html): as Django's
// popup_response.js, it chooses the picture in the form that opened it and
// closes at once, leaving the notice on the chooser's select for
// media_chooser.js to say beside the picture. Without that form the page
// stays, saying what was added.
"use strict";
{
  const data = JSON.parse(document.querySelector(".media-popup-scaled").dataset.popupResponse);
  const opener = window.opener;
  if (opener && !opener.closed && opener.dismissAddRelatedObjectPopup) {
    // The select's id, as RelatedObjectLookups.js's removePopupIndex reads
    // it from the popup's name ("id_featured_image__1").
    const field = opener.document.getElementById(window.name.replace(/__\d+$/, ""));
    if (field && data.notice) field.dataset.addedNotice = data.notice;
    opener.dismissAddRelatedObjectPopup(window, data.value, data.obj);
  }
}
