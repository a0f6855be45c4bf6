import json

from csp.decorators import csp_update
from django import forms
from django.contrib import admin, messages
from django.contrib.admin.options import IS_POPUP_VAR
from django.contrib.admin.utils import unquote
from django.contrib.admin.views.autocomplete import AutocompleteJsonView
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Case, Q, Value, When
from django.http import Http404, HttpResponseRedirect, JsonResponse
from django.template.defaultfilters import filesizeformat
from django.template.response import TemplateResponse
from django.urls import NoReverseMatch, path, reverse
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django_tasks_db.models import DBTaskResult

from newsroom.history.admin import OPENED_REVISION, HistoryAdmin
from newsroom.media import rendering, services
from newsroom.media.forms import ImageForm, ImageReplaceForm
from newsroom.media.models import Image, text_usages
from newsroom.media.validation import uploaded_animated, uploaded_size
from newsroom.media.widgets import chooser_details, thumbnail_url
from newsroom.presence.admin import PresenceAdmin

# django-tasks-db registers its task results in the admin; the newsroom's
# admin shows only what editors work on (tests/articles/test_admin.py opens
# every registered page), and failed rendition tasks are in the worker's log
# and remade by `manage.py media_renditions`.
if admin.site.is_registered(DBTaskResult):
    admin.site.unregister(DBTaskResult)


class ImageChooserJsonView(AutocompleteJsonView):
    """Django's autocomplete answers, each with a thumbnail's address (the
    renditions come prefetched with ImageAdmin.get_queryset) and what tells
    images of the same name apart (widgets.chooser_details). A number
    searched for finds the image of that number too, first; when there is
    none, the answer's "missing" says so."""

    def get(self, request, *args, **kwargs):
        response = super().get(request, *args, **kwargs)
        number = self._number()
        if number is None or self._number_found:
            return response
        answer = json.loads(response.content)
        answer["missing"] = gettext("There is no image number %(number)s.") % {
            "number": number
        }
        return JsonResponse(answer)

    def get_queryset(self):
        found = super().get_queryset()
        number = self._number()
        self._number_found = False
        if number is None:
            return found
        allowed = self.model_admin.get_queryset(self.request).complex_filter(
            self.source_field.get_limit_choices_to()
        )
        self._number_found = allowed.filter(pk=number).exists()
        if not self._number_found:
            return found
        return allowed.filter(Q(pk=number) | Q(pk__in=found.values("pk"))).order_by(
            Case(When(pk=number, then=Value(0)), default=Value(1)),
            *Image._meta.ordering,
        )

    def _number(self) -> int | None:
        """The image number searched for (a term of digits only), or None."""
        term = self.term.strip()
        if term.isascii() and term.isdecimal() and len(term) <= 18:
            return int(term)
        return None

    def serialize_result(self, obj, to_field_name):
        result = super().serialize_result(obj, to_field_name)
        result["thumb"] = thumbnail_url(obj)
        result.update(chooser_details(obj))
        return result


# The replace page's own: the picture it has beside the file chosen.
REPLACE_MEDIA = forms.Media(
    css={"all": ["css/media_replace.css"]}, js=["js/media_replace_preview.js"]
)


class NeedsAltTextFilter(admin.SimpleListFilter):
    """Images whose alt text is still to write: the Indonesian one, the
    English one, or the English one of a picture English pages show (where
    the Indonesian stands in, marked lang="id")."""

    title = _("alt text")
    parameter_name = "alt"

    def lookups(self, request, model_admin):
        return [
            ("missing", _("missing (not decorative)")),
            ("missing_en", _("English missing (not decorative)")),
            ("missing_en_used", _("English missing, on an English story")),
        ]

    def queryset(self, request, queryset):
        if self.value() == "missing":
            return queryset.needs_alt_text()
        if self.value() == "missing_en":
            return queryset.needs_english_alt_text()
        if self.value() == "missing_en_used":
            return queryset.needs_english_alt_text().on_english_story()
        return queryset


class _HeldImageGone(Exception):
    """The image the add form found holding the upload was deleted before
    the save could use it."""


@admin.register(Image)
class ImageAdmin(PresenceAdmin, HistoryAdmin):
    """The media library. Its History keeps every save (services.py makes
    the revisions), and its change page has the edit lock of the desk's
    other forms (HistoryAdmin): a save from a page opened before a
    colleague's is refused, saying what they changed, until combined or
    saved over on purpose; before that, the page names who else has it
    open (PresenceAdmin)."""

    form = ImageForm
    list_display = [
        "thumbnail",
        "title",
        "alt_summary",
        "size",
        "uploaded_by",
        "uploaded_at",
    ]
    list_display_links = ["thumbnail", "title"]
    search_fields = [
        "title",
        "alt_text",
        "alt_text_en",
        "caption",
        "caption_en",
        "credit",
        "credit_en",
    ]
    list_filter = [NeedsAltTextFilter, "decorative", "uploaded_at"]
    date_hierarchy = "uploaded_at"
    list_per_page = 50
    readonly_fields = ["preview", "body_reference", "facts", "usage"]

    class Media:
        css = {"all": ["css/media_admin.css"]}
        js = ["js/media_focal.js", "js/media_saving.js"]

    def get_fieldsets(self, request, obj=None):
        # The credits side by side on one row, as the agencies' bilingual
        # names are (the longer alt texts and captions keep a row each).
        described = [
            ("credit", "credit_en") if name == "credit" else name
            for name in services.DESCRIBED_FIELDS
            if name != "credit_en"
        ]
        if obj is None:
            return [
                (None, {"fields": ["upload", "pending_upload", *described]}),
                (_("Focal point"), {"fields": [("focal_x", "focal_y")]}),
            ]
        # The edit lock's hidden field (HistoryAdmin.get_fieldsets), which
        # these fieldsets of the page's own replace.
        lock = [OPENED_REVISION] if self._locks(request, obj) else []
        focal = {"fields": [("focal_x", "focal_y")]}
        # How to set it, where it can be set: a read-only page (an image the
        # user may not change) shows the position only.
        if self.has_change_permission(request, obj):
            focal["description"] = _(
                "Click the picture where crops (social cards, squares) "
                "must stay centred, or type the position."
            )
        return [
            (None, {"fields": ["preview", *described, *lock]}),
            (_("Focal point"), focal),
            (_("File"), {"fields": ["body_reference", "facts", "usage"]}),
        ]

    def has_change_permission(self, request, obj=None):
        """Whoever may change images, except an image the lock rule keeps
        from them (services.image_change_refusal: readers see it and they
        may not edit published stories, or a story using it is one they may
        not edit): its page is then read-only, and says why."""
        if not super().has_change_permission(request, obj):
            return False
        return obj is None or not self._change_refusal(request, obj)

    def _change_refusal(self, request, image) -> str:
        """services.image_change_refusal, asked once a request per image."""
        asked = request.__dict__.setdefault("_media_change_refusals", {})
        if image.pk not in asked:
            asked[image.pk] = services.image_change_refusal(
                image=image, user=request.user
            )
        return asked[image.pk]

    def _say_once(self, request, text: str, level=messages.WARNING) -> None:
        """A message, unless the page already says it (after a redirect),
        alone or within another: the notice of a picture already in the
        library ends with the lock's reason (ImageAdded.notice), which the
        image's read-only page had said again as a second warning."""
        if all(text not in str(message) for message in messages.get_messages(request)):
            self.message_user(request, text, level)

    def _to_change_page(self, request, image) -> HttpResponseRedirect:
        return HttpResponseRedirect(
            reverse(f"{self.admin_site.name}:media_image_change", args=[image.pk])
        )

    def add_view(self, request, form_url="", extra_context=None):
        """A held image deleted between the form's check and its save
        (save_form): the form is checked again against the library as it is
        now, as a new picture, and shown with what was typed and the file
        kept, saying why it now asks for alt text."""
        try:
            return super().add_view(request, form_url, extra_context)
        except _HeldImageGone:
            for upload in request.FILES.values():
                upload.seek(0)
            self.message_user(
                request,
                gettext(
                    "The library's copy of this picture was deleted while you "
                    "saved: it is added as a new picture, which needs its alt text."
                ),
                messages.WARNING,
            )
            return super().add_view(request, form_url, extra_context)

    def change_view(self, request, object_id, form_url="", extra_context=None):
        """A refused change (services.image_change_refusal) goes back to the
        read-only page, which says why, instead of Django's bare 403."""
        image = self.get_object(request, unquote(object_id))
        may_change = image and super().has_change_permission(request, image)
        refusal = self._change_refusal(request, image) if may_change else ""
        if refusal:
            if request.method == "POST":
                self._say_once(request, refusal, messages.ERROR)
                return self._to_change_page(request, image)
            self._say_once(request, refusal)
        try:
            return super().change_view(request, object_id, form_url, extra_context)
        except PermissionDenied as error:
            # Refused by the service after the page was checked (a story
            # published meanwhile).
            if request.method != "POST" or image is None or not error.args:
                raise
            self._say_once(request, str(error), messages.ERROR)
            return self._to_change_page(request, image)

    def render_change_form(
        self, request, context, add=False, change=False, form_url="", obj=None
    ):
        # A refused upload the library already holds: said at once, above
        # the form, so that the uploader learns it before typing more.
        held = getattr(context["adminform"].form, "held_notice", "")
        if held:
            self.message_user(request, held, messages.WARNING)
        return super().render_change_form(request, context, add, change, form_url, obj)

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change=change, **kwargs)
        return type(form.__name__, (form,), {"user": request.user})

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .with_renditions()
            .with_english_alt_missing()
            .select_related("uploaded_by")
        )

    def get_urls(self):
        return [
            path(
                "chooser/",
                self.admin_site.admin_view(
                    ImageChooserJsonView.as_view(admin_site=self.admin_site)
                ),
                name="media_image_chooser",
            ),
            path(
                "<path:object_id>/replace/",
                self.admin_site.admin_view(self.replace_view),
                name="media_image_replace",
            ),
            path(
                "<int:pk>/thumb/",
                self.admin_site.admin_view(self.thumb_view),
                name="media_image_thumb",
            ),
            *super().get_urls(),
        ]

    def thumb_view(self, request, pk):
        """{"thumb": address, "title": title} of one image, for the chooser."""
        if not self.has_view_permission(request):
            raise PermissionDenied
        image = Image.objects.with_renditions().filter(pk=pk).first()
        if image is None:
            return JsonResponse({"thumb": "", "title": ""}, status=404)
        return JsonResponse({"thumb": thumbnail_url(image), "title": str(image)})

    # The chosen file is shown before it is sent (media_replace_preview.js),
    # read in the browser at a blob: address: allowed on this page only.
    @csp_update({"img-src": ["blob:"]})
    def replace_view(self, request, object_id):
        """A new file for the image: same id and texts, new picture. The
        page shows the picture it has, and the file chosen beside it before
        it is sent; the very file it has changes nothing, and says so."""
        image = self.get_object(request, unquote(object_id))
        if image is None:
            raise Http404
        if not super().has_change_permission(request, image):
            raise PermissionDenied
        refusal = self._change_refusal(request, image)
        if refusal:
            self._say_once(request, refusal, messages.ERROR)
            return self._to_change_page(request, image)
        form = ImageReplaceForm(request.POST or None, request.FILES or None)
        if request.method == "POST" and form.is_valid():
            upload = form.cleaned_data["upload"]
            unchanged = services.image_same_file_notice(image=image, file=upload)
            if unchanged:
                self.message_user(request, unchanged, messages.WARNING)
                return self._to_change_page(request, image)
            try:
                size = uploaded_size(upload)
                animated = uploaded_animated(upload)
                focal_before = (image.focal_x, image.focal_y)
                services.image_replace(image=image, file=upload, user=request.user)
            except ValidationError as error:
                form.add_error("upload", error.messages)
            except PermissionDenied as error:
                self._say_once(request, str(error), messages.ERROR)
                return self._to_change_page(request, image)
            else:
                message = gettext("Replaced the file with “%(name)s”.") % {
                    "name": image.original_filename
                }
                self.log_change(request, image, message)
                self.message_user(request, message)
                notice = self._scaled_notice(size, image)
                if notice:
                    self.message_user(request, notice)
                for warning in (
                    services.image_animated_notice(animated=animated),
                    services.image_focal_reset_notice(
                        focal_before=focal_before, image=image
                    ),
                    services.image_copy_notice(image=image),
                ):
                    if warning:
                        self.message_user(request, warning, messages.WARNING)
                return self._to_change_page(request, image)
        context = {
            **self.admin_site.each_context(request),
            "title": gettext("Replace the file of “%(image)s”") % {"image": image},
            "subtitle": None,
            "opts": self.opts,
            "original": image,
            "current": rendering.rendition_for(image, "w640", "jpeg"),
            "form": form,
            "media": self.media + form.media + REPLACE_MEDIA,
            "has_view_permission": True,
        }
        return TemplateResponse(request, "admin/media/image/replace_form.html", context)

    # The change list -------------------------------------------------------

    @admin.display(description=_("picture"))
    def thumbnail(self, obj):
        url = thumbnail_url(obj)
        if not url:
            return format_html(
                '<span class="media-thumb media-thumb-pending">{}</span>',
                _("being prepared"),
            )
        return format_html(
            '<img class="media-thumb" src="{}" width="64" height="64" alt="">', url
        )

    @admin.display(description=_("alt text"))
    def alt_summary(self, obj):
        if obj.decorative:
            return _("(decorative)")
        if obj.alt_text and getattr(obj, "english_alt_missing", False):
            return format_html(
                '{} <span class="media-alt-missing">{}</span>',
                obj.alt_text,
                _("(English missing)"),
            )
        return obj.alt_text

    @admin.display(description=_("size"))
    def size(self, obj):
        return f"{obj.width} × {obj.height}"

    # The change form -------------------------------------------------------

    @admin.display(description=_("in an article's body"))
    def body_reference(self, obj):
        """What an editor writes in a body to show this image there."""
        return format_html(
            '<code class="media-reference">![](image:{})</code>'
            '<div class="help">{}</div>',
            obj.pk,
            _(
                "Put this on a line of its own in the body: the image appears "
                "there with its caption and credit. Text between the brackets "
                "replaces the alt text for that story."
            ),
        )

    @admin.display(description=_("picture"))
    def preview(self, obj):
        rendition = rendering.rendition_for(obj, "w640", "jpeg") if obj.pk else None
        if rendition is None:
            return _("The sizes of this picture are being prepared.")
        return format_html(
            '<div class="media-focal" data-focal-x="{}" data-focal-y="{}">'
            '<img class="media-focal-image" src="{}" width="{}" height="{}" alt="{}">'
            '<span class="media-focal-marker" hidden></span></div>',
            obj.focal[0],
            obj.focal[1],
            rendition.url,
            rendition.width,
            rendition.height,
            obj.alt,
        )

    @admin.display(description=_("file"))
    def facts(self, obj):
        return format_html(
            "{} × {} px, {} · {}",
            obj.width,
            obj.height,
            filesizeformat(obj.file_size),
            obj.original_filename or "—",
        )

    @admin.display(description=_("where it is used"))
    def usage(self, obj):
        usages = obj.usages()
        if not usages:
            return _("Not used anywhere yet.")
        return format_html(
            '<ul class="media-usage">{}</ul>',
            format_html_join(
                "", "<li>{}</li>", ((self._usage_item(u),) for u in usages)
            ),
        )

    def _usage_item(self, usage):
        """One use as the image's page lists it: "article (body): <link>"."""
        return format_html(
            "{} ({}): {}",
            usage.model_name,
            usage.field_name,
            self._usage_link(usage.obj),
        )

    def _usage_link(self, obj):
        meta = obj._meta
        try:
            url = reverse(
                f"{self.admin_site.name}:{meta.app_label}_{meta.model_name}_change",
                args=[obj.pk],
            )
        except NoReverseMatch:
            return format_html("{}", obj)
        return format_html('<a href="{}">{}</a>', url, obj)

    # Saving through the services -------------------------------------------

    def save_form(self, request, form, change):
        data = form.cleaned_data
        if change:
            # HistoryAdmin's bookkeeping: what the History and the edit
            # lock's messages say of this save.
            super().save_form(request, form, change)
            # The form's instance holds what is to be kept: the editor's
            # values, theirs where the edit lock combined them, a revision's
            # when restoring it (whose form shows them unchanged). The
            # service writes those that differ from the image as saved.
            image = Image.objects.get(pk=form.instance.pk)
            fields = {
                name: getattr(form.instance, name)
                for name in services.EDITABLE_FIELDS
                if name in form.fields
            }
            return services.image_update(image=image, user=request.user, **fields)
        size = uploaded_size(form.upload_file)
        animated = uploaded_animated(form.upload_file)
        try:
            added = services.image_add(
                file=form.upload_file,
                user=request.user,
                title=data.get("title", ""),
                alt_text=data.get("alt_text", ""),
                alt_text_en=data.get("alt_text_en", ""),
                decorative=data.get("decorative", False),
                caption=data.get("caption", ""),
                caption_en=data.get("caption_en", ""),
                credit=data.get("credit", ""),
                credit_en=data.get("credit_en", ""),
                source=data.get("source", ""),
                focal=(
                    (data["focal_x"], data["focal_y"])
                    if data.get("focal_x") is not None
                    else None
                ),
            )
        except ValidationError:
            # The form waived the alt text for a held picture (ImageForm),
            # deleted since: add_view shows the form again.
            if not form._held:
                raise
            raise _HeldImageGone from None
        if data.get("pending_upload"):
            services.pending_upload_discard(data["pending_upload"])
        request.__dict__["_media_uploaded_size"] = size
        request.__dict__["_media_uploaded_animated"] = animated
        request.__dict__["_media_added"] = added
        return added.image

    def log_addition(self, request, obj, message):
        """An upload the library already held (services.image_add) added
        nothing: its history says only what was filled in, as the service
        says it (in each reader's language)."""
        added = request.__dict__.get("_media_added")
        if added is None or not added.existing:
            return super().log_addition(request, obj, message)
        if added.filled:
            return self.log_change(request, obj, added.history)
        return None

    def response_add(self, request, obj, post_url_continue=None):
        added = request.__dict__.get("_media_added")
        if added is not None and added.existing:
            return self._response_held(request, added)
        response = super().response_add(request, obj, post_url_continue)
        notices = self._upload_notices(request, obj)
        if not notices:
            return response
        if IS_POPUP_VAR not in request.POST:
            for notice, level in notices:
                self.message_user(request, notice, level)
            return response
        # Uploaded through a chooser's "+" (the writing screen's featured
        # image): as Django's popup does, the page chooses the picture in the
        # form that opened it and closes at once (media_popup_scaled.js); the
        # notices go with it, for the chooser to say beside the picture
        # (media_chooser.js). The page says them too, should there be no form
        # to choose it in. A "Use this picture" button to press first left
        # the story without its picture when it was not pressed.
        return self._popup_notices(
            request,
            response,
            title=gettext("Image added"),
            # Django's own words, as the page without a popup says them.
            added=gettext("The {name} “{obj}” was added successfully.").format(
                name=obj._meta.verbose_name, obj=obj
            ),
            notices=notices,
        )

    def _response_held(self, request, added):
        """After an upload whose bytes the library held: no "added", but
        which image is used and what became of what was typed. From a
        chooser's "+", the popup chooses that image in the form and closes,
        the notice said beside it as a scaled-down picture's is; from the
        add form, the image's own page (or the add form again, for "Save
        and add another") says it."""
        image, notice = added.image, added.notice
        # Of the upload's notices, only an animated picture's is said: a
        # scaled-down one was stored so before, as the image used.
        animated = self._animated_notice(request)
        notices = [(animated, messages.WARNING)] if animated else []
        if IS_POPUP_VAR in request.POST:
            return self._popup_notices(
                request,
                super().response_add(request, image),
                title=gettext("Image already in the library"),
                added=notice,
                notices=notices,
                hand_on_added=True,
            )
        for text, level in [(notice, messages.WARNING), *notices]:
            self.message_user(request, text, level)
        if "_addanother" in request.POST:
            return HttpResponseRedirect(request.path)
        if self.has_view_or_change_permission(request, image):
            return self._to_change_page(request, image)
        return HttpResponseRedirect(
            reverse(f"{self.admin_site.name}:media_image_changelist")
        )

    def _popup_notices(
        self, request, response, *, title, added, notices, hand_on_added=False
    ):
        """Django's popup response (`response`, which chooses the image in
        the form that opened the popup) as the page that says `added` and
        `notices` ((text, message level) pairs, as the add form's messages)
        and hands the notices on to the chooser, in one line
        (media_popup_scaled.js), `added` first when `hand_on_added`."""
        popup_response = json.loads(response.context_data["popup_response_data"])
        texts = [text for text, _level in notices]
        handed_on = " ".join([added, *texts] if hand_on_added else texts)
        response.template_name = "admin/media/image/popup_scaled.html"
        response.context_data.update(
            self.admin_site.each_context(request),
            title=title,
            is_popup=True,
            added=added,
            # Not Django's "added" but what became of the upload: a warning,
            # as the add form's message is.
            added_level="warning" if hand_on_added else "success",
            notices=[(text, messages.DEFAULT_TAGS[level]) for text, level in notices],
            popup_response_data=json.dumps({**popup_response, "notice": handed_on}),
        )
        return response

    def _upload_notices(self, request, image) -> list[tuple[str, int]]:
        """What to say, and at which level, beside a new image's "added":
        it was stored scaled down, it was animated (only its first frame
        kept)."""
        size = request.__dict__.get("_media_uploaded_size")
        notices = [
            (self._scaled_notice(size, image), messages.SUCCESS),
            (self._animated_notice(request), messages.WARNING),
        ]
        return [(notice, level) for notice, level in notices if notice]

    def _animated_notice(self, request) -> str:
        animated = request.__dict__.get("_media_uploaded_animated", False)
        return services.image_animated_notice(animated=animated)

    def _scaled_notice(self, size, image) -> str:
        """After an upload of `size`, services.image_scaled_notice: what to
        say beside the success message when it was stored scaled down."""
        return services.image_scaled_notice(uploaded=size, image=image) if size else ""

    def has_recover_permission(self, request) -> bool:
        """None: a deleted image's files are deleted with it, so its History
        cannot bring it back."""
        return False

    def save_model(self, request, obj, form, change):
        """Saved by save_form's service already."""

    def save_related(self, request, form, formsets, change):
        for formset in formsets:
            self.save_formset(request, form, formset, change=change)

    def get_deleted_objects(self, objs, request):
        """Django's list of what a deletion takes along, with every use of the
        images in place of its protected objects, listed as the image's page
        lists them (its field: featured image, body, logo…), the texts that
        show them (an article's body) among them: the delete page and the
        list's delete action refuse them (templates/admin/media/image/)."""
        objs = list(objs)
        to_delete, model_count, perms_needed, protected = super().get_deleted_objects(
            objs, request
        )
        shown_in = text_usages(obj.pk for obj in objs)
        if not protected and not shown_in:
            return to_delete, model_count, perms_needed, protected
        uses = []
        for obj in objs:
            for usage in obj.usages():
                item = self._usage_item(usage)
                uses.append(format_html("{}: {}", obj, item) if len(objs) > 1 else item)
        return to_delete, model_count, perms_needed, uses or protected

    def delete_model(self, request, obj):
        services.image_delete(image=obj, user=request.user)

    def delete_queryset(self, request, queryset):
        for image in queryset.prefetch_related("renditions"):
            services.image_delete(image=image, user=request.user)
