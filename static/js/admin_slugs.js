// The slugs the admin fills in as one types (a meeting's, a person's, a
// story's): a dash or a slash between words is a word break, so
// "Indonesia–Filipina" is "indonesia-filipina". Django's URLify drops the
// en dash ("indonesiafilipina"); the server's rule is newsroom/text.py
// slug_of(). And a slug longer than its field ends at its last whole word,
// as the server cuts a slug made from a title (articles/services/slugs.py
// cut_at_word): Django's URLify cut it within a word ("…-di-surabaya-un").
// Loaded after the form's own scripts (defer): URLify is looked up each
// time a field changes, so wrapping it here is enough.
(function () {
  "use strict";
  const urlify = window.URLify;
  if (typeof urlify !== "function") {
    return;
  }
  const breaks = /[\p{Pd}/]+/gu;
  // The whole slug `text` makes, uncut.
  const slugWhole = function (text, allowUnicode) {
    return urlify(String(text).replace(breaks, " "), undefined, allowUnicode);
  };
  // The server's cut_at_word: `value` cut to `limit` at its last whole
  // word; a first word longer than `limit` is cut within it.
  const cutAtWord = function (value, limit) {
    value = value.replace(/^-+|-+$/g, "");
    if (value.length <= limit) {
      return value;
    }
    const cut = value.slice(0, limit);
    if (value.charAt(limit) === "-") {
      return cut.replace(/-+$/, "");
    }
    const words = cut.slice(0, Math.max(cut.lastIndexOf("-"), 0));
    return words.replace(/-+$/, "") || cut;
  };
  window.URLify = function (text, maxLength, allowUnicode) {
    const whole = slugWhole(text, allowUnicode);
    return maxLength > 0 ? cutAtWord(whole, maxLength) : whole;
  };

  if (!window.django) {
    return;
  }
  const $ = window.django.jQuery;

  const sourcesText = function (sources) {
    return sources
      .map(function () {
        return $(this).val();
      })
      .get()
      .filter(function (value) {
        return value.length > 0;
      })
      .join(" ");
  };

  // The slug follows its sources as they are typed, until the slug is
  // typed by hand (a change event). Bound after prepopulate.js's handlers,
  // so on the same event this one writes last.
  const follow = function (slug, sources, made) {
    let typed = false;
    slug.on("change", function () {
      typed = true;
    });
    sources.on("input keyup change focus", function () {
      if (!typed) {
        slug.val(made());
      }
    });
  };

  // A story's slug made from its title is cut shorter than its field
  // allows (services/slugs.py TITLE_SLUG_MAX: room for "-2", "-3"…); the
  // story's form says how long (templates/admin/articles/article/
  // change_form.html), on its add page too.
  const story = document.getElementById("article-slug-state");
  const madeMax = function (field) {
    if (story && field.id === "#" + story.dataset.slugField) {
      return Number(story.dataset.titleSlugMax) || field.maxLength;
    }
    return field.maxLength;
  };

  // On an add page, Django's prepopulate.js follows the sources while the
  // slug was empty on page load, with URLify above (cut at the field's
  // length); a story's slug is cut at madeMax() instead, so it follows
  // here too. An add page sent back with errors (a title refused as too
  // long) holds the slug made from the refused title: keep following the
  // title while the slug is the one the title makes, so that the corrected
  // title's slug is saved. A slug typed by hand (a change event) is kept.
  const add = document.getElementById("django-admin-form-add-constants");
  const constants = document.getElementById(
    "django-admin-prepopulated-fields-constants"
  );
  if (add && add.dataset.modelName && constants) {
    const fields = JSON.parse(constants.dataset.prepopulatedFields || "[]");
    fields.forEach(function (field) {
      const slug = $(field.id);
      const sources = $(field.dependency_ids.join(","));
      const limit = madeMax(field);
      const made = function () {
        return cutAtWord(
          slugWhole(sourcesText(sources), field.allowUnicode),
          limit
        );
      };
      if (slug.length !== 1) {
        return;
      }
      // Empty: prepopulate.js follows already, cut where it should be.
      // Another slug: the desk's own.
      const empty = !slug.val();
      if (empty ? limit === field.maxLength : slug.val() !== made()) {
        return;
      }
      follow(slug, sources, made);
    });
  }

  // The change page of a story never published (a draft, or in review:
  // templates/admin/articles/article/change_form.html says so): the server
  // gives it the new headline's slug on save while its slug is the one the
  // old headline made (articles/services/workflow.py _follow_headline,
  // slugs.py slug_made_from), so the slug follows the headline here as it
  // is typed, under the same rule. Never once published (or scheduled): its
  // address is out.
  if (!story || story.dataset.everPublished !== "false") {
    return;
  }
  const slug = $("#" + story.dataset.slugField);
  const title = $("#" + story.dataset.titleField);
  if (slug.length !== 1 || title.length !== 1) {
    return;
  }
  const maxLength = Number(slug.attr("maxlength")) || 255;
  const titleMax = Number(story.dataset.titleSlugMax) || maxLength;
  // The slug a title makes, as slug_made_from() reads it: the server's
  // (services/slugs.py cut_at_word: cut at titleMax at its last whole word;
  // before, within a word), or the one the add page made before it cut at
  // a word (within a word, at the field's length).
  const bases = function () {
    const whole = slugWhole(title.val(), false);
    return [
      cutAtWord(whole, titleMax),
      whole.slice(0, titleMax).replace(/^-+|-+$/g, ""),
      whole.slice(0, maxLength).replace(/^-+|-+$/g, ""),
    ];
  };
  const madeFromTitle = function (value) {
    if (bases().indexOf(value) !== -1) {
      return true;
    }
    // With free_slug's "-2", "-3"… when another story had the slug.
    const numbered = /^(.+)-(\d+)$/.exec(value);
    if (!numbered || Number(numbered[2]) < 2) {
      return false;
    }
    const cut = maxLength - numbered[2].length - 1;
    return bases().some(function (base) {
      return numbered[1] === base.slice(0, cut).replace(/-+$/, "");
    });
  };
  if (!slug.val() || !madeFromTitle(slug.val())) {
    return;
  }
  // The headline as saved keeps the slug it has (maybe "-2": another
  // story has the bare one); a new headline's clash with another story's
  // slug is the server's to settle, with the next free one.
  const savedTitle = title.val();
  const savedSlug = slug.val();
  follow(slug, title, function () {
    return title.val() === savedTitle ? savedSlug : bases()[0];
  });
})();

// "Needs a headline" (an article's form) marks the title proposed from the
// copy's first sentence: typing another title over it unticks the box, as
// the server does on save (articles/admin/editor.py HeadlineRules). The
// proposed title is the one the box was ticked with: on opening the form,
// by a paste's clean-up, or by hand.
(function () {
  "use strict";
  const flag = document.getElementById("id_needs_headline");
  const title = document.getElementById("id_title");
  if (!flag || !title || flag.form !== title.form) {
    return;
  }
  let proposed = flag.checked ? title.value : null;
  flag.addEventListener("change", function () {
    proposed = flag.checked ? title.value : null;
  });
  title.addEventListener("input", function () {
    if (flag.checked && title.value.trim() !== (proposed || "").trim()) {
      flag.checked = false;
      flag.dispatchEvent(new Event("change", { bubbles: true }));
    }
  });
})();
