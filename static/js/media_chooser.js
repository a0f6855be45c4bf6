// The image chooser (newsroom/media/widgets.py): Django's admin autocomplete
// (select2) with a thumbnail and a description for every result, and the
// chosen image's thumbnail beside the field, also after an upload in place
// through the "+".
"use strict";
(function ($) {
  // A result as every picker of the library shows it (media_result.js).
  function row(data) {
    if (!data.id) return data.text;
    return $(window.newsroomMedia.result(data, 40));
  }

  function showThumb(element, url) {
    const current = element.closest(".media-chooser")?.querySelector(".media-chooser-current");
    if (!current) return;
    if (url) { current.src = url; current.hidden = false; } else { current.hidden = true; }
  }

  // The chooser's status line (image_chooser_wrapper.html), a live region.
  function showNotice(element, text) {
    const notice = element.closest(".media-chooser")?.nextElementSibling;
    if (notice?.classList.contains("media-chooser-notice")) notice.textContent = text;
  }

  function init(element) {
    $(element).select2({
      ajax: {
        data: function (params) {
          return {
            term: params.term,
            page: params.page,
            app_label: element.dataset.appLabel,
            model_name: element.dataset.modelName,
            field_name: element.dataset.fieldName
          };
        }
      },
      templateResult: row
    });
    $(element).on("select2:select", function (event) {
      showThumb(element, event.params.data.thumb || "");
    });
    // A new image from the "+" popup arrives as a plain change: ask for its
    // thumbnail. Its popup may have left a notice (media_popup_scaled.js: the
    // picture is stored smaller, only its first frame is kept, the library
    // had it already), said beside it until another is chosen.
    $(element).on("change", function () {
      showNotice(element, element.dataset.addedNotice || "");
      delete element.dataset.addedNotice;
      const value = element.value;
      if (!value) { showThumb(element, ""); return; }
      const url = element.dataset.thumbUrl.replace(/0\/thumb\/$/, value + "/thumb/");
      fetch(url, { credentials: "same-origin" })
        .then(function (response) { return response.ok ? response.json() : { thumb: "" }; })
        .then(function (data) { showThumb(element, data.thumb); })
        .catch(function () { showThumb(element, ""); });
    });
  }

  $(function () {
    $(".media-image-chooser").not("[name*=__prefix__]").each(function () { init(this); });
  });
  document.addEventListener("formset:added", function (event) {
    $(event.target).find(".media-image-chooser").each(function () { init(this); });
  });
})(django.jQuery);
