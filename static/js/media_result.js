// One library image as the media library's pickers list it: the chooser of a
// featured image, a logo or a portrait (media_chooser.js) and the writing
// screen's body picker (desk_editor.js). A result of the chooser's JSON
// (ImageChooserJsonView): its thumbnail, its title, and what tells it from
// others of the same name (a phone's three "IMG_20220324_101010"): what it
// shows (the alt text, else the caption: widgets.chooser_details), when it
// was uploaded and its size. Written as text, never as HTML. The thumbnail's
// alt is empty: the words beside it say what it shows.
"use strict";
window.newsroomMedia = window.newsroomMedia || {};
window.newsroomMedia.result = function (data, side) {
  const wrap = document.createElement("span");
  wrap.className = "media-chooser-result";
  if (data.thumb) {
    const img = document.createElement("img");
    img.src = data.thumb;
    img.alt = "";
    img.width = side;
    img.height = side;
    wrap.append(img);
  }
  const words = document.createElement("span");
  words.className = "media-chooser-words";
  const title = document.createElement("span");
  title.className = "media-chooser-title";
  title.textContent = data.text;
  words.append(title);
  for (const part of ["description", "facts"]) {
    if (!data[part]) continue;
    const line = document.createElement("span");
    line.className = "media-chooser-" + part;
    line.textContent = data[part];
    words.append(line);
  }
  wrap.append(words);
  return wrap;
};
