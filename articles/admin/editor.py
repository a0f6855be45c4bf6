"""The writing screen of an article's form (issue #13): a wide headline with
its length, a Markdown toolbar, the body's preview rendered here by the
public page's renderer, word count and reading time, a preview of the story
in a search result and a social card, Ctrl/Cmd+S, a warning before leaving
unsaved changes, private autosaved copies offered back on reopening, and
who else has the story open (PresenceAdmin, newsroom/presence, as on a
meeting's and a library image's page).

The page's scripts are static/js/desk_editor.js and desk_presence.js; their
words come from templates/admin/articles/article/editor_*.html and the
server. Without them the form works as before, who else has it open is said
as it opens, and an autosaved copy is restored by the link
?autosave=restore (the form's initial values are the copy's) or discarded
by a button.
"""

import json
from contextlib import nullcontext

from django import forms
from django.contrib import messages
from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied, ValidationError
from django.forms import ModelChoiceField
from django.http import (
    Http404,
    HttpResponseNotAllowed,
    HttpResponseRedirect,
    JsonResponse,
)
from django.urls import path, reverse
from django.utils import translation
from django.utils.datastructures import MultiValueDict
from django.utils.translation import gettext, ngettext

from newsroom.dates import time_or_date
from newsroom.media.models import Image
from newsroom.media.rendering import image_url
from newsroom.presence.admin import PresenceAdmin

from .. import services
from ..models import BODY_MAX_CHARS, Article
from ..rendering import missing_library_images, render_markdown
from ..services import desk
from .common import display_user

# A body longer than this is not previewed (the longest stories are ~60 kB).
MAX_PREVIEW_CHARS = BODY_MAX_CHARS  # the longest body a story keeps
# Search results cut a title after about 600 pixels: some 60 characters.
HEADLINE_LIMIT = 60
# ...and a description after about 155 characters.
DESCRIPTION_LIMIT = 155
RESTORE = "restore"


class EditorMixin(PresenceAdmin):
    # Seconds of changes between two autosaves (tests lower it).
    autosave_seconds = 30

    def get_urls(self):
        views = [
            ("preview-body", self.preview_body_view, "preview_body"),
            ("autosave", self.autosave_view, "autosave"),
            ("discard-autosave", self.autosave_discard_view, "autosave_discard"),
        ]
        urls = [
            path(
                "card-image/<int:pk>/",
                self.admin_site.admin_view(self.card_image_view),
                name="articles_article_card_image",
            )
        ]
        for suffix, view, name in views:
            # A new article's (before "<object_id>/", which "add" would match).
            urls.append(
                path(
                    f"add/{suffix}/",
                    self.admin_site.admin_view(view),
                    name=f"articles_article_add_{name}",
                )
            )
            urls.append(
                path(
                    f"<path:object_id>/{suffix}/",
                    self.admin_site.admin_view(view),
                    name=f"articles_article_{name}",
                )
            )
        # Who else has the story open: PresenceAdmin's urls, in super's.
        return [*urls, *super().get_urls()]

    # Who may use the endpoints -----------------------------------------------

    def _writable(self, request, object_id) -> Article | None:
        """The article the request may write in (None: a new one), or
        PermissionDenied / Http404."""
        if object_id is None:
            if not self.has_add_permission(request):
                raise PermissionDenied
            return None
        article = self.get_object(request, unquote(object_id))
        if article is None:
            raise Http404
        if not self.has_change_permission(request, article):
            raise PermissionDenied
        return article

    def _endpoint(self, request, object_id, answer):
        """POST only; `answer(article)` for who may write in the article,
        a JSON error otherwise."""
        if request.method != "POST":
            return HttpResponseNotAllowed(["POST"])
        try:
            article = self._writable(request, object_id)
        except PermissionDenied:
            return _error(gettext("You may not edit this article."), 403)
        except Http404:
            return _error(gettext("This article does not exist."), 404)
        return answer(article)

    # The endpoints -------------------------------------------------------------

    def preview_body_view(self, request, object_id=None):
        """POST `body` and `language`: {"html": the body as the public page
        shows it}, through the same renderer and sanitiser."""

        def answer(article):
            body = request.POST.get("body", "")
            if len(body) > MAX_PREVIEW_CHARS:
                return _error(
                    gettext("The body is too long to preview here."), status=413
                )
            language = request.POST.get("language", "")
            if language not in Article.Language.values:
                language = article.language if article else ""
            # The body in the story's language, as its page shows it (a
            # picture's caption and alt text); the notice in the desk's.
            with translation.override(language) if language else nullcontext():
                html = render_markdown(body, language=language)
            return JsonResponse(
                {"html": html, "notice": _missing_images_notice(body, language)}
            )

        return self._endpoint(request, object_id, answer)

    def autosave_view(self, request, object_id=None):
        """POST the form's values: kept as the user's private copy
        (services.desk.autosave_store); answers when, as {"time": time_or_date(...)}."""

        def answer(article):
            try:
                base_version = int(request.POST.get("expected_version") or "")
            except ValueError:
                base_version = None
            data = {name: request.POST.getlist(name) for name in request.POST}
            try:
                copy = desk.autosave_store(
                    user=request.user,
                    article=article,
                    data=data,
                    base_version=base_version,
                )
            except PermissionDenied as refusal:
                return _error(str(refusal), 403)
            except ValidationError as invalid:
                status = 413 if invalid.code == desk.TOO_LARGE else 400
                return _error(" ".join(invalid.messages), status)
            return JsonResponse(
                {
                    "time": time_or_date(copy.saved_at),
                    "saved_at": copy.saved_at.isoformat(),
                }
            )

        return self._endpoint(request, object_id, answer)

    def autosave_discard_view(self, request, object_id=None):
        """POST: the user's copy deleted; to the script {"discarded": n},
        to a form posted here (no script) back to the form."""

        def answer(article):
            deleted = desk.autosave_discard(user=request.user, article=article)
            if request.headers.get("accept") == "application/json":
                return JsonResponse({"discarded": deleted})
            messages.info(request, gettext("Your autosaved changes are discarded."))
            if article is None:
                return HttpResponseRedirect(reverse("admin:articles_article_add"))
            return HttpResponseRedirect(
                reverse("admin:articles_article_change", args=[article.pk])
            )

        return self._endpoint(request, object_id, answer)

    def card_image_view(self, request, pk):
        """{"card": the social card rendition's address} of library image pk."""
        if not (
            self.has_add_permission(request) or self.has_change_permission(request)
        ):
            raise PermissionDenied
        image = Image.objects.with_renditions().filter(pk=pk).first()
        return JsonResponse({"card": image_url(image, "card")})

    # The form ------------------------------------------------------------------

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        if db_field.name == "seo_description":
            # 200 characters: a few lines to read them as a whole.
            kwargs["widget"] = forms.Textarea(attrs={"rows": 3})
        field = super().formfield_for_dbfield(db_field, request, **kwargs)
        if db_field.name == "body" and field is not None:
            # Said under the body as it is typed, as for the title
            # (newsroom.forms.WholeTextForm, js/admin_lengths.js); the save
            # refuses it (check_body_length).
            field.widget.attrs["data-max-length"] = BODY_MAX_CHARS
        return field

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        if request.method == "GET" and request.GET.get("autosave") == RESTORE:
            try:
                article = self._writable(request, object_id)
            except (PermissionDenied, Http404):
                pass  # Django's own view says so
            else:
                request.desk_restored = desk.autosave_for(
                    user=request.user, article=article
                )
        return super().changeform_view(request, object_id, form_url, extra_context)

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change=change, **kwargs)
        copy = getattr(request, "desk_restored", None)
        if copy is None:
            return form
        initial = _initial_from(form, copy)

        def __init__(self, *args, **kwargs):  # noqa: N807 - the form's own
            kwargs["initial"] = {**(kwargs.get("initial") or {}), **initial}
            form.__init__(self, *args, **kwargs)

        return type(form.__name__, (form,), {"__init__": __init__})

    def render_change_form(
        self, request, context, add=False, change=False, form_url="", obj=None
    ):
        may_change = obj is None or self.has_change_permission(request, obj)
        if may_change:
            context["editor"] = self._editor_context(request, context, obj)
        if may_change and request.method == "GET":
            # Not on a form sent back with errors: it holds the latest text.
            copy = desk.autosave_for(user=request.user, article=obj)
            if copy is not None:
                restored = getattr(request, "desk_restored", None) is not None
                context["autosave_offer"] = self._offer(
                    request, context, copy, obj, restored=restored
                )
        return super().render_change_form(request, context, add, change, form_url, obj)

    def _editor_context(self, request, context, obj) -> dict:
        def address(name):
            if obj is None:
                return reverse(f"admin:articles_article_add_{name}")
            return reverse(f"admin:articles_article_{name}", args=[obj.pk])

        form = context["adminform"].form
        image_id = form["featured_image"].value() if "featured_image" in form else None
        image = (
            Image.objects.with_renditions().filter(pk=image_id).first()
            if str(image_id or "").isdecimal()
            else None
        )
        return {
            "preview_url": address("preview_body"),
            "autosave_url": address("autosave"),
            "discard_url": address("autosave_discard"),
            "card_url": reverse("admin:articles_article_card_image", args=[0]),
            "chooser_url": reverse("admin:media_image_chooser"),
            "autosave_seconds": self.autosave_seconds,
            "headline_limit": HEADLINE_LIMIT,
            "description_limit": DESCRIPTION_LIMIT,
            "card_image": image_url(image, "card") if image else "",
            "host": request.get_host(),
            "path_prefix": json.dumps(_path_prefixes(obj)),
        }

    def _offer(self, request, context, copy, obj, *, restored: bool) -> dict:
        """What the "restore your unsaved changes" notice says and carries."""
        saved_by = None
        if obj is not None and copy.base_version != obj.version:
            try:
                services.article_check_version(
                    article=obj, expected_version=copy.base_version
                )
            except services.EditConflict as conflict:
                saved_by = display_user(conflict.saved_by) or gettext("someone")
        form = context["adminform"].form
        values = {
            "fields": [name for name in form.fields if name in desk.AUTOSAVE_FIELDS],
            "data": copy.data,
            "labels": _labels(form, copy.data),
            "expected_version": copy.base_version,
        }
        query = request.GET.copy()
        query["autosave"] = RESTORE
        return {
            "time": time_or_date(copy.saved_at),
            "restored": restored,
            "saved_since_by": saved_by,
            "restore_url": f"{request.path}?{query.urlencode()}",
            "values": json.dumps(values, ensure_ascii=False),
        }

    # A save in the admin ends with its log entry (ArticleAdmin's save_model
    # is the service's and calls no other): there the save has succeeded,
    # and the copy of what was being written has done its work.
    def log_addition(self, request, obj, message):
        entry = super().log_addition(request, obj, message)
        desk.autosave_discard(user=request.user, article=None)
        return entry

    def log_change(self, request, obj, message):
        entry = super().log_change(request, obj, message)
        desk.autosave_discard(user=request.user, article=obj)
        return entry

    # A save that changed nothing keeps nothing (HistoryAdmin), but it was
    # the form as written: the copy of it is done with all the same, or the
    # page would offer back a copy the story already is, or an older one.
    def nothing_saved(self, request, object_id) -> None:
        super().nothing_saved(request, object_id)
        article = self.get_object(request, unquote(object_id))
        if article is not None:
            desk.autosave_discard(user=request.user, article=article)


def _path_prefixes(obj) -> dict[str, str]:
    """{language: the article's address up to its slug} in each language's
    edition (the page's script adds the slug as it is written, and takes the
    language chosen on the form): its date's, or today's for a new article.
    The article's own language comes first."""
    languages = list(Article.Language.values)
    if obj is not None:
        languages.sort(key=lambda language: language != obj.language)
    prefixes = {}
    for language in languages:
        sample = Article(
            slug="slug",
            language=language,
            published_at=obj.published_at if obj is not None else None,
            created_at=obj.created_at if obj is not None else None,
        )
        prefixes[language] = sample.get_absolute_url().removesuffix("slug/")
    return prefixes


def _missing_images_notice(body: str, language: str) -> str:
    """What the preview says under the body when it shows library images
    the library does not have (the page leaves them out); empty otherwise."""
    missing = missing_library_images(body, language=language)
    if not missing:
        return ""
    return ngettext(
        "Image %(ids)s is not in the library: the page leaves it out.",
        "Images %(ids)s are not in the library: the page leaves them out.",
        len(missing),
    ) % {"ids": ", ".join(map(str, missing))}


def _error(message: str, status: int) -> JsonResponse:
    return JsonResponse({"error": message}, status=status)


def _initial_from(form_class, copy) -> dict:
    """A copy's values as the form's initial data (what the browser sent,
    read by each field's widget), with the version its text starts from."""
    sent = MultiValueDict(copy.data)
    initial = {
        name: field.widget.value_from_datadict(sent, MultiValueDict(), name)
        for name, field in form_class.base_fields.items()
        if name in desk.AUTOSAVE_FIELDS
    }
    if copy.article_id is not None:
        # Saving a copy made on an older version is refused by the edit
        # lock, which shows what changed since: nobody's text is lost.
        initial["expected_version"] = copy.base_version
    return initial


def _labels(form, data: dict) -> dict:
    """{field: {value: label}} for the copy's choices of related objects, so
    that the script can put back an option the page does not hold yet."""
    labels = {}
    for name, field in form.fields.items():
        values = [value for value in data.get(name, []) if value.isdecimal()]
        if not values or not isinstance(field, ModelChoiceField):
            continue
        labels[name] = {
            str(obj.pk): field.label_from_instance(obj)
            for obj in field.queryset.filter(pk__in=values)
        }
    return labels
