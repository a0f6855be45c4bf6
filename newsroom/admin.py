"""django-taggit's tag admin, with a tag's slug as the site's other slugs
are (newsroom.tags.tag_slug): its form took a slug in any letters ("são-tomé",
which the tag page's address cannot route) and its script filled one in with
the name's accents. Here the form takes letters a-z only, the script fills
the slug in without accents, and a new tag left without a slug (a name in
Arabic script, say, of which the script keeps nothing) gets tag_slug()'s.

A tag's add and change forms save through articles.services.tags (tag_add,
tag_change): a changed slug keeps the old address (and feeds) redirecting, a
new name is searched for; a slug or name another tag has, or a slug another
had, is said on the form (tag_check), also when another tag took it between
the form's check and its save.

Merging tags is the editors' (articles.services.tags.tag_merge): taggit's
action and its page at merge-tags/ checked no permission, so a reporter
could re-tag published stories, and the page answered 500 when nothing was
selected."""

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import NON_FIELD_ERRORS, PermissionDenied, ValidationError
from django.http import HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.html import format_html, format_html_join
from django.utils.http import urlencode
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _
from taggit import admin as taggit_admin
from taggit.models import Tag

from articles.models.article import TAG_NAME_MAX, Article
from articles.services import tags as tag_services

from .forms import DeskForm
from .history import revision_comment


class TagMergeForm(DeskForm, forms.Form):
    tags = forms.ModelMultipleChoiceField(
        queryset=Tag.objects.all(),
        widget=forms.MultipleHiddenInput,
        error_messages={
            "required": _("Select the tags to merge."),
            "invalid_choice": tag_services.SOME_GONE,
            "invalid_pk_value": tag_services.SOME_GONE,
        },
    )
    name = forms.CharField(
        label=_("Merge into the tag"),
        max_length=TAG_NAME_MAX,
        help_text=_(
            "The name of one of these tags, of another tag, or a new one. The "
            "stories carrying the tags listed carry this one instead, and their "
            "addresses lead to its page."
        ),
        error_messages={"required": _("Type the name of the tag to merge them into.")},
    )
    across_editions = forms.BooleanField(
        label=_("Merge across editions anyway"), required=False
    )


class TagForm(forms.ModelForm):
    # Why tag_add() or tag_change() refused this form's save after its check
    # had let it through (TagAdmin.changeform_view): said again on the form.
    refused: ValidationError | None = None

    def clean(self):
        cleaned = super().clean()
        name, slug = cleaned.get("name"), cleaned.get("slug")
        if name is None or slug is None:  # their own errors are said
            return cleaned
        try:
            cleaned["name"], cleaned["slug"] = tag_services.tag_check(
                tag=self.instance, name=name, slug=slug
            )
        except ValidationError as error:
            self.add_error(None, error)  # by field
        else:
            if self.refused is not None:
                self.add_error(None, self.refused)
        return cleaned

    def validate_unique(self):
        """Nothing more: a name or slug another tag has is tag_check's to say
        (Django's "Tag with this Slug already exists." said it twice)."""


# The stories a tag's page names (the newest first); the count says the rest.
STORIES_NAMED = 10


class TagAdmin(taggit_admin.TagAdmin):
    form = TagForm
    actions = ["merge_selected"]
    # Not taggit's rows of tagged items, one form a story: edited there, a
    # story's tags changed without its service (no History, no search
    # vector, no page made stale), by content type and object id; and a tag
    # on 500 stories drew 500 forms. A story's tags are changed on its page.
    inlines = []
    fields = ["name", "slug", "stories"]
    readonly_fields = ["stories"]

    @admin.display(description=_("Stories"))
    def stories(self, tag):
        """How many stories carry the tag, by edition, and the newest of
        them, each linked to its page. Two queries."""
        if tag.pk is None:
            return "—"
        [counted] = tag_services.tags_with_story_counts([tag.pk])
        said = ngettext(
            "%(stories)s story (%(published)s published)",
            "%(stories)s stories (%(published)s published)",
            counted.stories,
        ) % {"stories": counted.stories, "published": counted.published}
        editions = ", ".join(f"{n} {language}" for language, n in counted.editions)
        newest = Article.objects.tagged(tag).only("pk", "title").order_by("-pk")
        return format_html(
            "<p>{}: {}</p><ul>{}</ul>",
            said,
            editions,
            format_html_join(
                "",
                '<li><a href="{}">{}</a></li>',
                (
                    (reverse("admin:articles_article_change", args=[a.pk]), a.title)
                    for a in newest[:STORIES_NAMED]
                ),
            ),
        )

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        if db_field.name == "slug":
            kwargs.update(form_class=forms.SlugField, allow_unicode=False)
        return super().formfield_for_dbfield(db_field, request, **kwargs)

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        try:
            return super().changeform_view(request, object_id, form_url, extra_context)
        except ValidationError as refused:
            # tag_add() or tag_change() refused the save (another tag took
            # the name or slug after the form's check; nothing was saved):
            # the form again, with what was typed and why.
            request.tag_refused = refused
            return super().changeform_view(request, object_id, form_url, extra_context)

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change=change, **kwargs)
        if (refused := getattr(request, "tag_refused", None)) is not None:
            form = type(form.__name__, (form,), {"refused": refused})
        if "slug" in form.base_fields:  # not to a user who may only view it
            # A new tag's slug left empty is made from its name by Tag.save().
            form.base_fields["slug"].required = obj is not None
        return form

    def save_model(self, request, obj, form, change):
        if not change:
            tag_services.tag_add(tag=obj, user=request.user)
            return
        stored = Tag.objects.filter(pk=obj.pk).values_list("name", "slug").first()
        tag_services.tag_change(tag=obj, user=request.user)
        request.tag_change_logged = stored != (obj.name, obj.slug)

    def log_change(self, request, obj, message):
        if getattr(request, "tag_change_logged", False) and isinstance(message, list):
            # tag_change() said what changed in the tag itself; the tagged
            # items' rows (the inline) are said here.
            # Django's entries: {"changed": {"fields": [...]}} for the tag,
            # {"added"/"changed"/"deleted": {"name": ..., ...}} for a row.
            message = [
                entry
                for entry in message
                if any(
                    isinstance(said, dict) and "name" in said for said in entry.values()
                )
            ]
            if not message:
                return None
        return super().log_change(request, obj, message)

    def history_view(self, request, object_id, extra_context=None):
        """Django's History page, each entry read by revision_comment(): the
        services store what they did as messages (read in the reader's
        language), which LogEntry.get_change_message() would show as ""."""
        response = super().history_view(request, object_id, extra_context)
        for entry in getattr(response, "context_data", {}).get("action_list", ()):
            entry.said = revision_comment(entry.change_message)
        return response

    # Merging (articles.services.tags.tag_merge), in place of taggit's.

    def has_merge_permission(self, request, obj=None) -> bool:
        return tag_services.may_merge_tags(request.user)

    def get_urls(self):
        # Not taggit's view: it checked no permission.
        return [
            path(
                "merge-tags/",  # taggit's address, now checked
                self.admin_site.admin_view(self.merge_view),
                name="taggit_tag_merge",
            ),
            *admin.ModelAdmin.get_urls(self),
        ]

    @admin.action(description=_("Merge selected tags…"), permissions=["merge"])
    def merge_selected(self, request, queryset):
        chosen = queryset.order_by("pk").values_list("pk", "slug")
        # The slugs too: once merged, TagSlugHistory tells where they went.
        query = urlencode(
            {"tags": [pk for pk, _slug in chosen], "slugs": [s for _pk, s in chosen]},
            doseq=True,
        )
        return HttpResponseRedirect(f"{reverse('admin:taggit_tag_merge')}?{query}")

    def merge_view(self, request):
        """The tags chosen (`tags` in the query), each with its stories, and
        the name of the tag to merge them into; sent: merged."""
        if not self.has_merge_permission(request):
            raise PermissionDenied
        if request.method == "POST":
            form = TagMergeForm(request.POST)
            if form.is_valid():
                merged = list(form.cleaned_data["tags"])
                try:
                    kept = tag_services.tag_merge(
                        tags=merged,
                        into=form.cleaned_data["name"],
                        user=request.user,
                        across_editions=form.cleaned_data["across_editions"],
                    )
                except ValidationError as error:
                    form.add_error(None, error)
                else:
                    return self._merged(request, merged, kept)
            chosen = request.POST.getlist("tags")
        else:
            chosen = request.GET.getlist("tags")
            form = TagMergeForm(initial={"tags": [pk for pk in chosen if pk.isdigit()]})
        tags = tag_services.tags_with_story_counts(pk for pk in chosen if pk.isdigit())
        if went := self._already_merged(request, tags):
            return went
        if not tags and request.method == "GET":
            messages.warning(
                request,
                gettext(
                    "Select the tags to merge in the list, then choose “Merge "
                    "selected tags…”. (Tags already merged are no longer listed.)"
                ),
            )
            return HttpResponseRedirect(reverse("admin:taggit_tag_changelist"))
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "title": gettext("Merge tags"),
            "form": form,
            "tags": tags,
            "across_editions": bool(tag_services.editions_apart(tags))
            or form.has_error(NON_FIELD_ERRORS, "across_editions"),
            "media": self.media + form.media,
        }
        return TemplateResponse(request, "admin/taggit/tag/merge.html", context)

    def _already_merged(self, request, tags):
        """Back to the page after a merge (the query's `slugs`, the tags'
        chosen): where the tags no longer there went (TagSlugHistory). All
        into one tag, nothing is left to merge: a redirect to its page,
        saying so; else None, the others said on the page."""
        went = tag_services.tags_merged_from(request.GET.getlist("slugs"))
        if not went:
            return None
        if len(went.keys() | set(tags)) == 1:
            (kept,) = went
            messages.warning(
                request,
                gettext("These tags were already merged into “%(tag)s”.")
                % {"tag": kept.name},
            )
            return HttpResponseRedirect(
                reverse("admin:taggit_tag_change", args=[kept.pk])
            )
        for kept, slugs in went.items():
            messages.warning(
                request,
                ngettext(
                    "The tag at %(addresses)s was already merged into “%(tag)s”.",
                    "The tags at %(addresses)s were already merged into “%(tag)s”.",
                    len(slugs),
                )
                % {
                    "addresses": ", ".join(f"/tags/{slug}/" for slug in slugs),
                    "tag": kept.name,
                },
            )
        return None

    def _merged(self, request, merged, kept):
        names = [tag.name for tag in merged if tag.pk != kept.pk]
        messages.success(
            request,
            ngettext(
                "%(tags)s was merged into “%(kept)s”: its stories carry "
                "“%(kept)s” now, and its address leads to that tag's page.",
                "%(tags)s were merged into “%(kept)s”: their stories carry "
                "“%(kept)s” now, and their addresses lead to that tag's page.",
                len(names),
            )
            % {
                # Each name as typed, in quotes (a tag "penjelasan" at the
                # start of the Indonesian sentence had read "Penjelasan").
                "tags": ", ".join(f"“{name}”" for name in names),
                "kept": kept.name,
            },
        )
        return HttpResponseRedirect(reverse("admin:taggit_tag_change", args=[kept.pk]))


admin.site.unregister(Tag)
admin.site.register(Tag, TagAdmin)
