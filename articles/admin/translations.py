"""An article's translations in the admin (issue 14): the change page lists
the story's articles in the other languages, and "Create translation" opens
the add form prefilled from the article (?translation_of=<id>): the other
language, the link to the story's original, and how the story is filed.

What may be linked is the model's rule (Article.clean); the form shows its
refusals on the "translation of" field.

The tags are the original's in the translation's language (translated_tags()),
and the tags field says which were changed or left out.
"""

from dataclasses import dataclass

from django.contrib import messages
from django.urls import reverse
from django.utils.html import escape, format_html, format_html_join
from django.utils.http import urlencode
from django.utils.safestring import mark_safe
from django.utils.translation import gettext, ngettext
from taggit.models import Tag
from taggit.utils import edit_string_for_tags

from agencies.models import Agency
from newsroom.bilingual import language_in_sentence

from ..models import Article

SOURCE = "translation_of"


@dataclass(frozen=True)
class MissingTranslation:
    language: str  # its name, e.g. "English"
    code: str
    url: str | None  # the prefilled add form; None without the add permission


def story_original(article: Article) -> Article:
    """The original of `article`'s story (itself when it is one)."""
    return article.translation_of or article


def missing_languages(original: Article) -> list[str]:
    """The languages the story of `original` has no article in yet."""
    taken = {
        original.language,
        *original.translations.values_list("language", flat=True),
    }
    return [code for code in Article.Language.values if code not in taken]


@dataclass(frozen=True)
class TranslatedTags:
    """An article's tags as its translation into `language` is given them."""

    language: str  # its code
    tags: list[Tag]  # a counterpart unsaved: only its name is read
    changed: list[tuple[str, str]]  # (the article's tag, its counterpart)
    left_out: list[str]  # the article's tags without a counterpart

    def note(self) -> list[str]:
        """What the tags field tells the translator of them: which were
        changed, which left out (none when all were kept as they are)."""
        language = language_in_sentence(self.language)
        sentences = []
        if self.changed:
            sentences.append(
                ngettext(
                    "Changed to the %(language)s tag used in translations of "
                    "the same stories: %(tags)s.",
                    "Changed to the %(language)s tags used in translations of "
                    "the same stories: %(tags)s.",
                    len(self.changed),
                )
                % {
                    "language": language,
                    "tags": ", ".join(f"{tag} → {to}" for tag, to in self.changed),
                }
            )
        if self.left_out:
            sentences.append(
                ngettext(
                    "Not carried over, no %(language)s tag for it yet: %(tags)s. "
                    "Add the %(language)s tag.",
                    "Not carried over, no %(language)s tags for them yet: "
                    "%(tags)s. Add the %(language)s tags.",
                    len(self.left_out),
                )
                % {"language": language, "tags": ", ".join(self.left_out)}
            )
        return sentences


def translated_tags(tags: list[Tag], language: str) -> TranslatedTags:
    """`tags` in `language`: a tag that edition's published stories carry
    stays; another becomes its counterpart there, the tag the translations
    into `language` of its stories carry most (the tag page's switcher's
    rule: ArticleQuerySet.carried_tags_across(), a tie broken by the
    names); one without a counterpart is left out. One query, and one more
    for each tie."""
    found = {}
    if tags:
        across = Article.objects.published().counterparts_of(
            [tag.pk for tag in tags], language
        )
        found = {tag.pk: tag for tag in across}
    kept: dict[str, Tag] = {}
    changed, left_out = [], []
    for tag in sorted(tags, key=lambda tag: tag.name.casefold()):
        there = found.get(tag.pk)
        if there is not None and there.in_edition:
            kept.setdefault(tag.name, tag)
        elif name := _counterpart_name(there, language):
            kept.setdefault(name, Tag(name=name))
            changed.append((tag.name, name))
        else:
            left_out.append(tag.name)
    return TranslatedTags(language, list(kept.values()), changed, left_out)


def _counterpart_name(there, language: str) -> str | None:
    """The name of the counterpart of `there` (a tag of counterparts_of()),
    its tie broken by the names (tied_counterpart()), or None."""
    if there is None:
        return None
    if there.counterpart_name:
        return there.counterpart_name
    if there.counterpart_tied:
        closest = Article.objects.published().tied_counterpart(there, language)
        return closest["tag__name"] if closest else None
    return None


def translation_initial(source: Article) -> tuple[dict, TranslatedTags]:
    """The add form's values for a translation of `source`: the language the
    story lacks (else the other one), its original, and how `source` is filed
    (section, tags in that language, agencies, people, meeting, image,
    dateline, comments) and credits it (byline, its writer's name when it
    is empty: _writer_credit(); source in that language when
    it is an agency: source_name_in(), source address); and the tags as
    translated_tags() gives them.
    The title and text are the translator's to write, and the editor's name
    the translation's editor's to sign ("Redaksi", the wire copy's desk, read
    "Editor: Redaksi" on the English page)."""
    original = story_original(source)
    missing = missing_languages(original)
    others = [code for code in Article.Language.values if code != original.language]
    language = (missing or others)[0]
    tags = translated_tags(list(source.tags.all()), language)
    initial = {
        "language": language,
        SOURCE: original.pk,
        "section": source.section_id,
        "tags": edit_string_for_tags(tags.tags),
        "agencies": [agency.pk for agency in source.agencies.all()],
        "people": [person.pk for person in source.people.all()],
        "meeting": source.meeting_id,
        "featured_image": source.featured_image_id,
        "dateline": source.dateline,
        "byline": source.byline or _writer_credit(source),
        "source_name": source_name_in(source.source_name, language),
        "source_url": source.source_url,
        "comments_enabled": source.comments_enabled,
    }
    return initial, tags


def _writer_credit(source: Article) -> str:
    """Whom `source`'s empty byline credits (its writer, by their public
    author profile: Article.credited_name), written into its translation's
    byline, whose empty one would credit the translator (a tester's English
    page read "By" the editor who translated it). One query."""
    credited = Article._base_manager.select_related("created_by__author_profile")
    return credited.get(pk=source.pk).credited_name


def source_name_in(name: str, language: str) -> str:
    """A story's source as its translation into `language` credits it: an
    agency's name in that language when the source is an agency named in
    the other one ("Badan Nasional Penanggulangan Terorisme" becomes
    "National Counter Terrorism Agency"), else as it is ("bnpt.go.id")."""
    if not name.strip():
        return name
    if language == Article.Language.ENGLISH:
        agency = Agency.objects.filter(name__iexact=name.strip()).first()
        return agency.name_en if agency and agency.name_en else name
    agency = Agency.objects.filter(name_en__iexact=name.strip()).first()
    return agency.name if agency else name


class TranslationsMixin:
    """For the article admin: the translations panel, the prefilled add form
    and the "translation of" autocomplete offering originals only."""

    def _translation_source(self, request) -> Article | None:
        value = request.GET.get(SOURCE, "")
        if not value.isdecimal():
            return None
        return self.get_queryset(request).filter(pk=value).first()

    def get_changeform_initial_data(self, request):
        initial = super().get_changeform_initial_data(request)
        if SOURCE not in request.GET:
            return initial
        initial.pop(SOURCE, None)  # the admin's own copy of the parameter
        source = self._translation_source(request)
        if source is not None and self.has_view_permission(request, source):
            values, request.translated_tags = translation_initial(source)
            initial.update(values)
            self._warn_if_taken(request, values)
        return initial

    def _warn_if_taken(self, request, values: dict) -> None:
        """Say as the add form opens what its save would refuse: the story
        has its article in that language already (Article.translation_taken),
        named and linked."""
        draft = Article(translation_of_id=values[SOURCE], language=values["language"])
        taken = draft.translation_taken()
        if taken is None:
            return
        url = reverse("admin:articles_article_change", args=[taken.pk])
        link = format_html(
            '<a href="{}" lang="{}">{}</a>', url, taken.language, taken.title
        )
        warning = gettext(
            "“%(title)s” already has a translation in %(language)s: “%(other)s”."
        ) % {
            "title": escape(taken.translation_of.title),
            "language": escape(language_in_sentence(taken.language)),
            "other": link,
        }
        messages.warning(request, mark_safe(warning))

    def get_search_results(self, request, queryset, search_term):
        queryset, may_have_duplicates = super().get_search_results(
            request, queryset, search_term
        )
        if (
            request.GET.get("model_name") == "article"
            and request.GET.get("field_name") == SOURCE
        ):
            # A translation links to its story's original, never to another
            # translation (Article.clean): offer only originals.
            queryset = queryset.originals()
        return queryset, may_have_duplicates

    def render_change_form(
        self, request, context, add=False, change=False, form_url="", obj=None
    ):
        context["translations"] = self._translations_panel(request, context, obj)
        form = context["adminform"].form
        translated = getattr(request, "translated_tags", None)
        if translated is not None and "tags" in form.fields and not form.is_bound:
            # Said where the translator fills the tags, a line a sentence:
            # the help text of the bound field the page shows (as HTML: the
            # names are escaped).
            if note := translated.note():
                field = form["tags"]
                lines = ((line,) for line in [field.help_text, *note])
                field.help_text = format_html_join(mark_safe("<br>"), "{}", lines)
        return super().render_change_form(request, context, add, change, form_url, obj)

    def _translations_panel(self, request, context, obj) -> dict | None:
        """What the "Translations" panel shows: the story's other articles,
        the languages it lacks, and (on the add form) the original it
        translates. None: nothing to show."""
        if obj is None or obj.pk is None:
            original_id = context["adminform"].form[SOURCE].value()
            original = (
                Article.objects.filter(pk=original_id).first()
                if str(original_id or "").isdecimal()
                else None
            )
            return {"original": original} if original is not None else None
        others = list(
            Article.objects.in_story(obj)
            .select_related("translation_of")
            .order_by("language")
        )
        may_add = self.has_add_permission(request)
        missing = [
            MissingTranslation(
                language=language_in_sentence(code),
                code=code,
                url=(
                    reverse("admin:articles_article_add")
                    + "?"
                    + urlencode({SOURCE: obj.pk})
                    if may_add
                    else None
                ),
            )
            for code in missing_languages(story_original(obj))
            if code != obj.language
        ]
        return {
            "articles": [
                (other, reverse("admin:articles_article_change", args=[other.pk]))
                for other in others
            ],
            "missing": missing,
            "is_original": obj.translation_of_id is None,
        }

    def say_translation_link(self, request, form, article: Article) -> None:
        """After a save that set, changed or cleared what `article`
        translates, name that story: the autocomplete can pick another than
        the one typed (select2 takes an earlier search's first result when
        Enter comes before the new results), and the title shows it."""
        if SOURCE not in form.changed_data:
            return
        original = article.translation_of
        if original is not None:
            message = gettext(
                "Linked as the %(language)s translation of “%(title)s”."
            ) % {
                "language": language_in_sentence(article.language),
                "title": original.title,
            }
        else:
            before = form.initial.get(SOURCE)
            was = Article.objects.filter(pk=before).first() if before else None
            if was is None:
                return
            message = gettext("No longer linked as a translation of “%(title)s”.") % {
                "title": was.title
            }
        messages.info(request, message)
