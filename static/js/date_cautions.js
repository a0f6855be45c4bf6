/* A story's "Dates to check before publishing"
   (templates/admin/articles/article/date_cautions.html): each date the
   body's copy gave without its year, once the reporter has checked the day
   it was taken as, is written in full by its button ("Kamis (24/3)" becomes
   "Kamis (24/3/2022)", wherever the body writes it so): the reporter had to
   find it in a long body and type the year by hand. Saving keeps it, and
   the note goes away. The button then offers to undo it, while the body is
   as it left it (setting the body's text empties the browser's own undo).
   Without this script the buttons stay hidden. */
(function () {
  "use strict";
  var body = document.getElementById("id_body");
  if (!body) {
    return;
  }

  function changed() {
    // As typing would: the preview, the autosave and "unsaved changes" follow.
    body.dispatchEvent(new Event("input", { bubbles: true }));
    body.dispatchEvent(new Event("change", { bubbles: true }));
  }

  document.querySelectorAll("button.date-in-full").forEach(function (button) {
    var said = button.parentNode.querySelector(".date-in-full-said");
    var label = button.textContent;
    var before = null; // the body before the button wrote the date
    var after = null; // and after
    button.hidden = false;
    button.addEventListener("click", function () {
      if (before !== null) {
        if (body.value !== after) {
          said.textContent = button.dataset.changedSince;
          return;
        }
        body.value = before;
        before = after = null;
        changed();
        button.textContent = label;
        said.textContent = button.dataset.undone;
        return;
      }
      var mention = button.dataset.mention;
      if (body.value.indexOf(mention) === -1) {
        said.textContent = button.dataset.notFound;
        return;
      }
      before = body.value;
      body.value = before.split(mention).join(button.dataset.inFull);
      after = body.value;
      changed();
      button.textContent = button.dataset.undo;
      said.textContent = button.dataset.done;
    });
  });
})();
