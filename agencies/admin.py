import datetime as dt
import re
from datetime import UTC
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import reversion
from django import forms
from django.contrib import admin, messages
from django.contrib.admin.helpers import InlineAdminForm, InlineAdminFormSet
from django.contrib.admin.utils import flatten_fieldsets
from django.contrib.admin.views.main import ChangeList
from django.contrib.admin.widgets import (
    AdminIntegerFieldWidget,
    AdminSplitDateTime,
    AutocompleteSelect,
)
from django.core.exceptions import ObjectDoesNotExist, PermissionDenied, ValidationError
from django.core.validators import EMPTY_VALUES, MinValueValidator
from django.db import models
from django.db.models.functions import Lower
from django.forms.models import BaseInlineFormSet
from django.http import HttpResponseNotAllowed, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import formats, timezone
from django.utils.html import conditional_escape, format_html
from django.utils.http import urlencode
from django.utils.safestring import mark_safe
from django.utils.text import capfirst, get_text_list
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _
from django_countries.filters import CountryFilter

from newsroom.forms import DeskForm, WholeTextForm
from newsroom.history.admin import HistoryAdmin, latest_revision
from newsroom.history.combine import display_user
from newsroom.media.widgets import ImageChooserMixin
from newsroom.presence.admin import PresenceAdmin
from newsroom.search_terms import Terms
from newsroom.text import slug_of

from . import services
from .models import (
    Agency,
    AgencyAlias,
    AgencyProposal,
    Meeting,
    MeetingAttendance,
    MeetingParticipant,
    MeetingSeries,
    MeetingSession,
    Person,
    PersonSlugHistory,
    alias_case_error,
    timezone_name,
)
from .recognition import recognise


class SavedRowsFormSet(BaseInlineFormSet):
    """Inline rows checked against the rows saved since the form was opened
    (a colleague's), by each unique constraint naming the parent: Django
    compares the rows only with one another (the parent is not a field a
    row sends), and the save then failed with a 500 (an agency's alias, a
    meeting's delegation or attendance added twice). The row says "already
    exists"; the rest of the form is kept.

    A row a colleague removed since (its id names no saved row) is left out
    of the save, and its form says so (`removed_notice`, shown on its row
    and after the save): Django refused it in its hidden id field ("Select a
    valid choice"), which no page shows, so the form could never be saved
    again. The row is shown again as sent; the rest of the form saves."""

    def _construct_form(self, i, **kwargs):
        form = super()._construct_form(i, **kwargs)
        form.removed_by_colleague = self._names_removed_row(form, i)
        form.removed_notice = ""
        if form.removed_by_colleague:
            # The id is sent back as it came (the row is shown again), not
            # looked up among the rows saved now.
            form.fields[self.model._meta.pk.name] = forms.CharField(
                widget=forms.HiddenInput, required=False
            )
        return form

    def _names_removed_row(self, form, i: int) -> bool:
        """Whether form `i`, one of the rows the page showed, names by its id
        a row that is no longer saved."""
        if not self.is_bound or i >= self.initial_form_count():
            return False
        if not form.instance._state.adding:
            return False  # found among the rows saved now
        pk = self.model._meta.pk
        sent = form.data.get(form.add_prefix(pk.name))
        try:
            return self._get_to_python(pk)(sent) not in (None, "")
        except ValidationError:
            return False  # not an id at all: Django's error, on the row

    def _should_delete_form(self, form):
        return getattr(form, "removed_by_colleague", False) or (
            super()._should_delete_form(form)
        )

    def full_clean(self):
        super().full_clean()
        for form in self.initial_forms:
            if form.removed_by_colleague and not super()._should_delete_form(form):
                form.removed_notice = gettext(
                    "A colleague removed the %(row)s “%(name)s” after you opened "
                    "the page; it is not saved with your changes. Add it again if "
                    "it is still needed."
                ) % {"row": self.model._meta.verbose_name, "name": self._name(form)}

    def _name(self, form) -> str:
        """The removed row as this editor sent it, else as last saved."""
        try:
            return str(form.instance)
        except ObjectDoesNotExist:  # a foreign key the editor left empty
            pass
        pk = form.data.get(form.add_prefix(self.model._meta.pk.name))
        removed = self.model(pk=pk)
        last = latest_revision(removed)
        return last.object_repr if last else f"#{pk}"

    @property
    def removed_notices(self) -> list[str]:
        """What the editor is told about the rows colleagues removed."""
        return [
            form.removed_notice for form in self.initial_forms if form.removed_notice
        ]

    def clean(self):
        super().clean()
        if self.instance.pk is None:
            return
        shown = [
            form.instance.pk
            for form in self.initial_forms
            if form.instance.pk is not None
        ]
        saved = self.model._default_manager.filter(
            **{self.fk.name: self.instance}
        ).exclude(pk__in=shown)
        meta = self.model._meta
        for constraint in meta.constraints:
            if (
                not isinstance(constraint, models.UniqueConstraint)
                or constraint.condition is not None
                or self.fk.name not in constraint.fields
            ):
                continue
            names = [meta.get_field(name).attname for name in constraint.fields]
            taken = set(saved.values_list(*names))
            for form in self.forms:
                if not form.is_valid() or self._should_delete_form(form):
                    continue
                key = tuple(getattr(form.instance, name) for name in names)
                if None not in key and key in taken:
                    form.add_error(
                        None,
                        form.instance.unique_error_message(
                            self.model, constraint.fields
                        ),
                    )


class SentRowsInlineAdminFormSet(InlineAdminFormSet):
    """An inline as the editor sent it: each row shown with its own saved
    row. Django pairs the rows sent with the rows saved now, by position:
    once a colleague had removed one, each row was labelled with the next
    one's name and the last row sent was left off the page."""

    def __iter__(self):
        if self.has_change_permission:
            readonly = self.readonly_fields
        else:
            readonly = self.readonly_fields + flatten_fieldsets(self.fieldsets)
        for form in self.formset.initial_forms:
            original = None if form.instance._state.adding else form.instance
            yield InlineAdminForm(
                self.formset,
                form,
                self.fieldsets,
                self.prepopulated_fields,
                original,
                readonly,
                model_admin=self.opts,
                view_on_site_url=self.opts.get_view_on_site_url(original),
            )
        # The new rows and the empty one copied for "Add another", as Django.
        new_rows = list(self.formset.extra_forms)
        if self.has_add_permission:
            new_rows.append(self.formset.empty_form)
        for form in new_rows:
            yield InlineAdminForm(
                self.formset,
                form,
                self.fieldsets,
                self.prepopulated_fields,
                None,
                self.readonly_fields,
                model_admin=self.opts,
            )


class SentRowsAdmin:
    """For an admin whose inlines are SavedRowsFormSets: the rows sent are
    shown again each with its own saved row, and rows colleagues removed
    since the page was opened are told after the save."""

    def get_inline_formsets(self, request, formsets, inline_instances, obj=None):
        inline_admin_formsets = super().get_inline_formsets(
            request, formsets, inline_instances, obj
        )
        for inline_admin_formset in inline_admin_formsets:
            inline_admin_formset.__class__ = SentRowsInlineAdminFormSet
        return inline_admin_formsets

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        self.tell_removed_rows(request, formsets)

    def tell_removed_rows(self, request, formsets) -> None:
        for formset in formsets:
            for notice in getattr(formset, "removed_notices", ()):
                self.message_user(request, notice, messages.WARNING)


class CountryInUseFilter(CountryFilter):
    """django-countries' filter (the countries of the rows listed, by name in
    the desk's language, not all 249), also for a country reached through a
    relation: a person's is their agency's ("agency__country"). The people's
    list had offered every country, a filter column 5,979 px tall."""

    def expected_parameters(self):
        return [self.field_path]

    def choices(self, changelist):
        chosen = self.used_parameters.get(self.field_path) or []
        yield {
            "selected": not chosen,
            "query_string": changelist.get_query_string({}, [self.field_path]),
            "display": _("All"),
        }
        for code, name in self.lookup_choices(changelist):
            yield {
                "selected": str(code) in chosen,
                "query_string": changelist.get_query_string(
                    {self.field_path: code}, []
                ),
                "display": name,
            }

    def lookup_choices(self, changelist):
        rows = changelist.model._default_manager.order_by()
        used = set(rows.values_list(self.field_path, flat=True).distinct())
        return [
            (code, name)
            for code, name in self.field.get_choices(include_blank=False)
            if code in used
        ]


class WordsSearch:
    """An admin whose search, its list's ?q= and the autocomplete that
    chooses it in other forms, reads a hyphen, dash or slash between words
    as a space, as the meetings' search does: the wire writes
    "Philippines-Indonesia" where the series is "Philippines–Indonesia Joint
    Working Group" (en dash), which a hyphen did not find, and the editor
    created the series again. One rule: newsroom.search_terms.Terms.words_of."""

    def get_search_results(self, request, queryset, search_term):
        words = " ".join(Terms.words_of(search_term))
        return super().get_search_results(request, queryset, words)


class AgencyAliasFormSet(SavedRowsFormSet):
    """Two aliases sent together that differ only in capitals ("Imigrasi",
    "imigrasi") are one name: the second is refused (AgencyAlias.clean
    refuses one the agency has saved already)."""

    def clean(self):
        super().clean()
        seen: dict[str, str] = {}  # casefolded -> as first sent
        for form in self.forms:
            name = (form.cleaned_data or {}).get("name", "").strip()
            if not name or self._should_delete_form(form):
                continue
            if name.casefold() in seen:
                form.add_error("name", alias_case_error(seen[name.casefold()]))
            else:
                seen[name.casefold()] = name


class AgencyAliasForm(WholeTextForm, forms.ModelForm):
    """An alias's box takes a pasted name whole (WholeTextForm)."""


class AgencyAliasInline(admin.TabularInline):
    model = AgencyAlias
    form = AgencyAliasForm
    formset = AgencyAliasFormSet
    extra = 1


class HeldByMeetings(list):
    """A delete page's protected items (MeetingRowsNamed): each meeting row
    holding one of the objects to delete, linked to its meeting. `held` are
    the objects these rows hold, in the order given, `named` names them
    ("“BIN”", "“BIN” and “BNPT”"), and `template` says why they cannot be
    deleted."""

    def __init__(self, items, *, held: list, template: str):
        super().__init__(items)
        self.held = held
        self.named = get_text_list([f"“{obj}”" for obj in held], gettext("and"))
        self.template = template


class MeetingRowsNamed:
    """The delete pages (one object's, and the list's "Delete selected") of
    the agencies, people or meeting series that a meeting's delegation,
    people list or series holds (which stops the delete): each such row with
    its meeting, linked to the meeting's page in the desk, and the objects
    held named (HeldByMeetings). It read "Participating agency: BIN (ID) –
    Member", and the editor could not tell which meeting to open; Django's
    "would require deleting the following protected related objects" read as
    if the meetings would be deleted too. Both pages say why with the
    model's `admin/agencies/<model>/delete_protected.html`, included by the
    app's `admin/agencies/delete_confirmation.html` and
    `delete_selected_confirmation.html`."""

    # The row model and its field pointing here; a series' rows are meetings.
    meeting_rows: tuple[type, str]

    def get_deleted_objects(self, objs, request):
        deleted, counts, perms, protected = super().get_deleted_objects(objs, request)
        if protected:
            objs = list(objs)
            model, field = self.meeting_rows
            rows = model.objects.filter(**{f"{field}__in": objs})
            if model is Meeting:
                rows = rows.select_related(field).order_by("-start", "pk")
                held_by = [(row, "") for row in rows]
            else:
                rows = rows.select_related("meeting", field)
                held_by = [
                    (row.meeting, row) for row in rows.order_by("-meeting__start", "pk")
                ]
            held = {getattr(row, f"{field}_id") for row in rows}
            protected = HeldByMeetings(
                [
                    format_html(
                        '<a href="{}">{}</a>{}',
                        reverse("admin:agencies_meeting_change", args=[meeting.pk]),
                        meeting,
                        format_html(": {}", row) if row else "",
                    )
                    for meeting, row in held_by
                ],
                held=[obj for obj in objs if obj.pk in held],
                template=f"admin/agencies/{self.opts.model_name}/delete_protected.html",
            )
        return deleted, counts, perms, protected


class StoriesKept(list):
    """A delete page's items to delete (Django's nested list) and, apart,
    `stories`: the stories that are kept but lose their link to the objects
    deleted, each titled, linked to its page in the desk, with its status;
    `stories_heading` says they will no longer name them, and
    `stories_recovered` that a recovery links them again."""

    def __init__(self, items, *, stories: list, heading: str, recovered: str):
        super().__init__(items)
        self.stories = stories
        self.stories_heading = heading
        self.stories_recovered = recovered


class StoriesUnlinked:
    """The delete pages (one object's, and the list's "Delete selected") of
    an agency, a person or a meeting: the stories naming it are not deleted,
    they stop naming it. They are listed apart (StoriesKept, shown by
    `admin/agencies/stories_unlinked.html`), under `stories_heading`, and
    not among the items that "will be deleted". The agency's page had listed
    them there ("Story mentioning this agency: …"), first as Django's rows of
    the link table, named in the site's default language ("Hubungan
    article-person: Article_people object (11)"); the meeting's page had not
    named them at all (a story's meeting is emptied, not deleted)."""

    def stories_heading(self, count: int) -> str:
        """ "Stories that will no longer name …:", for `count` objects."""
        raise NotImplementedError

    # The delete in a revision by its user: what it changes besides (the
    # stories that named it, articles/services/relink.py) is kept there.
    def delete_model(self, request, obj):
        with reversion.create_revision():
            reversion.set_user(request.user)
            super().delete_model(request, obj)

    def delete_queryset(self, request, queryset):
        with reversion.create_revision():
            reversion.set_user(request.user)
            super().delete_queryset(request, queryset)

    def get_deleted_objects(self, objs, request):
        deleted, counts, perms, protected = super().get_deleted_objects(objs, request)
        objs = list(objs)
        link = self.model._meta.get_field("articles").field  # the story's field
        stories = (
            link.model.objects.filter(**{f"{link.name}__in": objs})
            .distinct()
            .latest_first()
            .only("pk", "title", "status")
        )
        stories = [
            format_html(
                '<a href="{}">{}</a> ({})',
                reverse("admin:articles_article_change", args=[story.pk]),
                story.title,
                story.get_status_display(),
            )
            for story in stories
        ]
        if link.many_to_many:  # the link table's rows: Django listed them
            through = link.remote_field.through
            row = f"{capfirst(through._meta.verbose_name)}: "
            deleted = _left_out(deleted, row)
            counts = {
                name: number
                for name, number in counts.items()
                if name != through._meta.verbose_name_plural
            }
        deleted = StoriesKept(
            deleted,
            stories=stories,
            heading=self.stories_heading(len(objs)),
            recovered=ngettext(
                "If it is recovered later (“Recover deleted…” on its list), "
                "these stories are linked to it again.",
                "If they are recovered later (“Recover deleted…” on their "
                "list), each is linked again to those of these stories it was "
                "linked to.",
                len(objs),
            ),
        )
        return deleted, counts, perms, protected


def _left_out(items: list, prefix: str) -> list:
    """The nested list of the delete page without the items named `prefix…`
    (and without the lists they leave empty)."""
    kept = []
    for item in items:
        if isinstance(item, list):
            item = _left_out(item, prefix)
            if item:
                kept.append(item)
        elif not str(item).startswith(prefix):
            kept.append(item)
    return kept


class AgencyForm(WholeTextForm, forms.ModelForm):
    """The slug the admin fills in from the acronym is taken when another
    country has an agency of that acronym (Malaysia's BIN beside
    Indonesia's): the agency then gets the acronym and the country ("bin-my")
    instead of a refusal that left the slug to be made up by hand. A slug
    typed by hand is kept, and refused if taken."""

    def clean(self):
        cleaned = super().clean()
        slug, acronym = cleaned.get("slug"), cleaned.get("acronym")
        country = cleaned.get("country")
        if slug and acronym and country and slug == slug_of(acronym):
            others = Agency.objects.exclude(pk=self.instance.pk)
            if others.filter(slug=slug).exists():
                cleaned["slug"] = services.free_agency_slug(acronym, country)
        return cleaned


class AlphabeticalChangeList(ChangeList):
    """A list sorted by a column of names (acronym, name, English name) in
    alphabetical order whatever the case, as the list is by default
    (ALPHABETICAL): a click on Acronym had put "Bakamla" after "BSSN"."""

    CASELESS = ("acronym", "name", "name_en")

    def get_ordering_field(self, field_name):
        found = super().get_ordering_field(field_name)
        return Lower(found) if found in self.CASELESS else found


@admin.register(Agency)
class AgencyAdmin(
    WordsSearch,
    MeetingRowsNamed,
    StoriesUnlinked,
    SentRowsAdmin,
    ImageChooserMixin,
    PresenceAdmin,
    HistoryAdmin,
):
    form = AgencyForm
    meeting_rows = (MeetingParticipant, "agency")

    def get_changelist(self, request, **kwargs):
        return AlphabeticalChangeList

    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}
    list_display = [
        "acronym",
        "name",
        "name_en",
        "country_name",
        "kind",
        "parent",
        "articles_link",
    ]
    list_display_links = ["acronym", "name"]
    list_filter = [("country", CountryInUseFilter), "kind"]
    list_select_related = ["parent"]
    search_fields = ["acronym", "name", "name_en", "aliases__name"]
    prepopulated_fields = {"slug": ["acronym"]}
    autocomplete_fields = ["parent"]
    inlines = [AgencyAliasInline]

    # Not "country" itself: the admin would look each row's code up in the
    # 249 translated choices (about 5 ms a row); the field's Country object
    # names itself in the desk's language with one lookup.
    @admin.display(description=_("country"), ordering="country")
    def country_name(self, agency):
        return agency.country.name

    # Each Indonesian name beside its English one (see newsroom.bilingual).
    fieldsets = [
        (
            None,
            {"fields": ["acronym", ("name", "name_en"), "slug", "country", "kind"]},
        ),
        (
            _("Organisation"),
            {
                "fields": [
                    "parent",
                    "website",
                    "logo",
                    ("description", "description_en"),
                ]
            },
        ),
    ]

    @admin.display(description=_("articles"))
    def articles_link(self, obj):
        """The article list filtered to the articles mentioning `obj` (its
        filter offers only the agencies mentioned most)."""
        url = reverse("admin:articles_article_changelist")
        return format_html(
            '<a href="{}?agencies__id__exact={}">{}</a>',
            url,
            obj.pk,
            gettext("Articles"),
        )

    # An agency and its aliases are saved together by the service, which
    # tells the articles mentioning it (their search finds them by these
    # names): nothing is saved in save_model, everything in save_related.
    def save_model(self, request, obj, form, change):
        pass

    def save_related(self, request, form, formsets, change):
        aliases, removed = [], []
        for formset in formsets:  # the aliases inline, the only one
            formset.save(commit=False)  # what changed, for the service
            aliases += formset.new_objects
            aliases += [alias for alias, _fields in formset.changed_objects]
            removed += formset.deleted_objects
        services.agency_save(
            agency=form.instance,
            user=request.user,
            aliases=aliases,
            removed_aliases=removed,
        )
        form.save_m2m()
        self.tell_removed_rows(request, formsets)

    def stories_heading(self, count: int) -> str:
        return ngettext(
            "Stories that will no longer mention this agency:",
            "Stories that will no longer mention these agencies:",
            count,
        )

    def delete_model(self, request, obj):
        services.agency_delete(agencies=[obj], user=request.user)

    def delete_queryset(self, request, queryset):
        services.agency_delete(agencies=queryset, user=request.user)


class PersonChoiceField(forms.ModelChoiceField):
    """A choice of one person, named as Person.described."""

    def label_from_instance(self, obj) -> str:
        return obj.described


class PeopleChoiceField(forms.ModelMultipleChoiceField):
    """A choice of people, each named as Person.described."""

    def label_from_instance(self, obj) -> str:
        return obj.described


class PeopleToldApart:
    """A model admin or inline whose fields choosing people name each one as
    Person.described, their agencies loaded with them (one query for the
    chosen ones): a story's or a meeting's two "Budi Santoso" were the same
    choice twice. The autocomplete's results are named alike
    (PersonAdmin.choice_label)."""

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.related_model is Person:
            kwargs.setdefault("form_class", PersonChoiceField)
            kwargs.setdefault("queryset", Person.objects.for_choices())
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        if db_field.related_model is Person:
            kwargs.setdefault("form_class", PeopleChoiceField)
            kwargs.setdefault("queryset", Person.objects.for_choices())
        return super().formfield_for_manytomany(db_field, request, **kwargs)


class PersonForm(WholeTextForm, forms.ModelForm):
    """A new person whose slug, filled in from the name, is another's (two
    officials can share a name) or an old address of another's gets a free
    one (services.free_person_slug: "boy-rafli-bnpt") instead of a refusal
    that left the slug to be made up by hand. A slug typed by hand is kept,
    and refused if taken."""

    def clean(self):
        cleaned = super().clean()
        slug, name = cleaned.get("slug"), cleaned.get("name")
        if self.instance.pk is None and slug and name and slug == slug_of(name):
            taken = Person.objects.filter(slug=slug).exists()
            if taken or PersonSlugHistory.objects.filter(slug=slug).exists():
                cleaned["slug"] = services.free_person_slug(name, cleaned.get("agency"))
        return cleaned


class PersonMergeForm(DeskForm, forms.Form):
    """The person a duplicate is merged into, chosen as in other forms (the
    people's autocomplete)."""

    keep = PersonChoiceField(
        label=_("Person to keep"),
        queryset=Person.objects.for_choices(),
        help_text=_(
            "The duplicate's stories, meetings and addresses move to this "
            "person; the duplicate is then deleted."
        ),
    )

    def __init__(self, *args, duplicate: Person, admin_site, **kwargs):
        super().__init__(*args, **kwargs)
        self.duplicate = duplicate
        keep = self.fields["keep"]
        keep.widget = AutocompleteLeavingOut(
            MeetingAttendance._meta.get_field("person"), admin_site, duplicate.pk
        )
        keep.queryset = Person.objects.for_choices().exclude(pk=duplicate.pk)

    def clean(self):
        # The duplicate is no choice: sent anyway (an old page, a crafted
        # post), it is named rather than refused as "not one of the choices".
        if "keep" in self.errors and self.data.get(self.add_prefix("keep")) == str(
            self.duplicate.pk
        ):
            self.errors["keep"] = self.error_class(
                [gettext("A person cannot be merged into themselves.")]
            )
        return super().clean()


class AutocompleteLeavingOut(AutocompleteSelect):
    """An autocomplete that does not offer the object `leave_out` (its pk):
    the people's autocomplete answers without it (PersonAdmin.
    get_search_results reads `leave_out`)."""

    def __init__(self, field, admin_site, leave_out, **kwargs):
        super().__init__(field, admin_site, **kwargs)
        self.leave_out = leave_out

    def get_url(self):
        return f"{super().get_url()}?{urlencode({LEAVE_OUT: self.leave_out})}"


LEAVE_OUT = "leave_out"


@admin.register(Person)
class PersonAdmin(
    WordsSearch,
    MeetingRowsNamed,
    StoriesUnlinked,
    ImageChooserMixin,
    PresenceAdmin,
    HistoryAdmin,
):
    form = PersonForm
    meeting_rows = (MeetingAttendance, "person")
    actions = ["merge_selected"]
    list_display = ["name", "position", "agency"]
    list_filter = [("agency__country", CountryInUseFilter)]
    list_select_related = ["agency"]
    search_fields = [
        "name",
        "position",
        "position_en",
        "agency__acronym",
        "agency__name",
    ]
    prepopulated_fields = {"slug": ["name"]}
    autocomplete_fields = ["agency"]
    fields = [
        "name",
        "slug",
        ("position", "position_en"),
        "agency",
        "portrait",
        ("bio", "bio_en"),
    ]

    def save_model(self, request, obj, form, change):
        services.person_save(person=obj, user=request.user)

    def choice_label(self, obj) -> str:
        """How the autocomplete names a person (newsroom.admin_choices)."""
        return obj.described

    def get_search_results(self, request, queryset, search_term):
        found, duplicates = super().get_search_results(request, queryset, search_term)
        leave_out = request.GET.get(LEAVE_OUT, "")
        if leave_out.isdigit():  # the merge page's duplicate (PersonMergeForm)
            found = found.exclude(pk=leave_out)
        # The autocomplete names each one with their agency (choice_label).
        return found.for_choices(), duplicates

    # Merging a duplicate into another person (services.person_merge)

    def has_merge_permission(self, request, obj=None) -> bool:
        return all(request.user.has_perm(name) for name in services.MERGE)

    def get_urls(self):
        return [
            path(
                "<path:object_id>/merge/",
                self.admin_site.admin_view(self.merge_view),
                name="agencies_person_merge",
            ),
            *super().get_urls(),
        ]

    def change_view(self, request, object_id, form_url="", extra_context=None):
        context = {**(extra_context or {}), **self._merge_context(request, object_id)}
        return super().change_view(request, object_id, form_url, context)

    def delete_view(self, request, object_id, extra_context=None):
        context = {**(extra_context or {}), **self._merge_context(request, object_id)}
        return super().delete_view(request, object_id, context)

    def _merge_context(self, request, object_id) -> dict:
        if not self.has_merge_permission(request):
            return {}
        return {"merge_url": reverse("admin:agencies_person_merge", args=[object_id])}

    @admin.action(description=_("Merge into another person…"), permissions=["merge"])
    def merge_selected(self, request, queryset):
        people = list(queryset[:2])
        if len(people) != 1:
            messages.warning(
                request,
                gettext("Select one person, the duplicate, to merge into another."),
            )
            return None
        return HttpResponseRedirect(
            reverse("admin:agencies_person_merge", args=[people[0].pk])
        )

    def merge_view(self, request, object_id):
        """Choose the person to keep (sent without `confirm`: what moves is
        shown), then confirm (sent with it: merged)."""
        if not self.has_merge_permission(request):
            raise PermissionDenied
        duplicate = self._object_or_404(request, object_id)
        form = PersonMergeForm(
            request.POST or None, duplicate=duplicate, admin_site=self.admin_site
        )
        if form.is_valid() and request.POST.get("confirm"):
            keep = form.cleaned_data["keep"]
            try:
                services.person_merge(keep=keep, duplicate=duplicate, user=request.user)
            except ValidationError as error:
                form.add_error(None, error)
            else:
                messages.success(
                    request,
                    gettext(
                        "“%(duplicate)s” was merged into “%(keep)s”: its stories "
                        "and meetings are this person's now, and its old address "
                        "leads here."
                    )
                    % {"duplicate": duplicate, "keep": keep},
                )
                return HttpResponseRedirect(
                    reverse("admin:agencies_person_change", args=[keep.pk])
                )
        plan = None
        if form.is_bound and not form.errors:
            keep = form.cleaned_data["keep"]
            plan = services.person_merge_plan(keep=keep, duplicate=duplicate)
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "title": gettext("Merge “%(person)s” into another person")
            % {"person": duplicate},
            "original": duplicate,
            "form": form,
            "media": self.media + form.media,
            "plan": plan,
            "plan_people": [
                (gettext("Person to keep"), keep),
                (gettext("Duplicate, to be deleted"), duplicate),
            ]
            if plan
            else [],
        }
        return TemplateResponse(request, "admin/agencies/person/merge.html", context)

    def stories_heading(self, count: int) -> str:
        return ngettext(
            "Stories that will no longer name this person:",
            "Stories that will no longer name these people:",
            count,
        )


class MeetingSeriesForm(WholeTextForm, forms.ModelForm):
    """A series' boxes take a pasted name whole (WholeTextForm). A series
    named as another is refused on its name (MeetingSeries.clean), and only
    there: the slug the page made from that name is the same clash, told
    once ("Meeting series with this Slug already exists." was all it said)."""

    def validate_unique(self):
        if any(self.has_error(name, "name_taken") for name in ("name", "name_en")):
            return
        super().validate_unique()


@admin.register(MeetingSeries)
class MeetingSeriesAdmin(WordsSearch, MeetingRowsNamed, PresenceAdmin, HistoryAdmin):
    form = MeetingSeriesForm
    meeting_rows = (Meeting, "series")
    list_display = ["name", "short_name", "name_en"]
    search_fields = ["name", "short_name", "name_en", "short_name_en"]
    prepopulated_fields = {"slug": ["name"]}
    fields = [
        ("name", "name_en"),
        ("short_name", "short_name_en"),
        "slug",
        ("description", "description_en"),
    ]


class VenueDateInput(forms.DateInput):
    """The browser's own date picker. Django's calendar script adds to its
    own date and time fields a "Today" and a "Now" read from the desk's
    clock and a note "You are 7 hours behind server time.": both untrue of
    times typed in the venue's zone."""

    input_type = "date"

    def __init__(self, attrs=None):
        super().__init__(attrs, format="%Y-%m-%d")


class VenueSplitDateTime(AdminSplitDateTime):
    """A date and a time typed in the venue's time zone, as the admin lays
    them out, without the calendar script's shortcuts and note (see
    VenueDateInput); the time as the desk's language writes it."""

    def __init__(self, attrs=None):
        forms.MultiWidget.__init__(
            self, [VenueDateInput(), forms.TimeInput(attrs={"size": "8"})], attrs
        )


class MinuteTimeInput(forms.TimeInput):
    """A time to the minute, as the desk's language writes it: 09.30 on the
    Indonesian desk, 09:30 on the English one. Django showed the language's
    first input format, with seconds no agenda gives: 09.30.00."""

    def format_value(self, value):
        if isinstance(value, dt.time):
            return formats.localize_input(value, _minutes_format())
        return super().format_value(value)


def _minutes_format() -> str:
    """The desk's language's first time input format without seconds."""
    typed = formats.get_format("TIME_INPUT_FORMATS")
    return next((f for f in typed if "%S" not in f), "%H:%M")


# Typed with either separator on either desk (an Indonesian agenda's 09.30 on
# the English desk), seconds or not; the desk's language's own formats first.
EITHER_SEPARATOR = ["%H.%M", "%H.%M.%S", "%H:%M", "%H:%M:%S"]

# The minute in two digits: strptime took "9.5" as 09:05.
TWO_DIGIT_MINUTE = re.compile(r"\d{1,2}[.:]\d{2}(?!\d)")


class MinuteTimeField(forms.TimeField):
    """A time typed to the minute, as MinuteTimeInput shows it: seconds typed
    are dropped when read, so a form saved again as shown changes nothing
    (10:45:30 was kept and shown as 10.45; the next save made it 10:45:00,
    and History named a change nobody made). A bad time is refused naming
    the form the desk expects."""

    def to_python(self, value):
        if isinstance(value, str) and value.strip():
            if not TWO_DIGIT_MINUTE.match(value.strip()):
                raise _time_expected()
        try:
            time = super().to_python(value)
        except ValidationError as error:
            raise _time_expected() from error
        return None if time is None else time.replace(second=0, microsecond=0)


def _time_expected() -> ValidationError:
    """The error for a bad time, naming the form the desk writes one in:
    "Enter a time as 09.30 (hours.minutes)." on the Indonesian desk."""
    minutes = _minutes_format()
    return ValidationError(
        _("Enter a time as %(example)s (hours%(separator)sminutes)."),
        code="invalid",
        params={
            "example": dt.time(9, 30).strftime(minutes),
            "separator": minutes.removeprefix("%H").removesuffix("%M"),
        },
    )


def time_to_the_minute(field: forms.SplitDateTimeField) -> None:
    """`field`'s time typed as an agenda gives it (MinuteTimeField): in the
    desk's language's form or with the other separator (09.30 and 09:30 on
    either desk), the minute in two digits, seconds dropped. Its widget is
    AgendaSplitDateTime's, to show it so. Meeting times and a story's
    publication time alike: the English desk refused a story's "06.30" with
    a bare "Enter a valid time.", the Indonesian one took "7.5" as 07:05."""
    typed = formats.get_format("TIME_INPUT_FORMATS")
    field.fields = (
        field.fields[0],
        MinuteTimeField(
            input_formats=[*typed, *(f for f in EITHER_SEPARATOR if f not in typed)],
            required=False,  # as the date's: the pair is checked
            disabled=field.disabled,
        ),
    )
    field.widget.parts = field.fields  # to mark the box that is wrong


class AgendaSplitDateTime(VenueSplitDateTime):
    """A date and a time to the minute (time_to_the_minute): a meeting's, a
    session's, a story's publication time.

    Refused, only the box that is wrong is marked `aria-invalid` (Django
    marks both of the pair): the refused page focuses it, and a screen
    reader says which (a refused time had focused the date)."""

    parts: tuple = ()  # the date's and the time's fields (time_to_the_minute)

    def __init__(self, attrs=None):
        forms.MultiWidget.__init__(
            self, [VenueDateInput(), MinuteTimeInput(attrs={"size": "5"})], attrs
        )

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        wrong = self._wrong_parts(value) if attrs and attrs.get("aria-invalid") else ()
        if wrong:
            for index, subwidget in enumerate(context["widget"]["subwidgets"]):
                if index not in wrong:
                    subwidget["attrs"].pop("aria-invalid", None)
        return context

    def _wrong_parts(self, value) -> set[int]:
        """The boxes of a sent pair (`value`, as typed) that their own field
        refuses; else one left empty beside a filled one (the error then is
        that it is missing); none when both read (the pair is refused by a
        rule about the whole time). An empty box beside a refused one is not
        marked: only the refused one's error is shown (a date the browser's
        picker emptied, "30/02", had been focused with no word about it)."""
        if not isinstance(value, list | tuple) or len(value) != len(self.parts):
            return set()
        filled = {i for i, part in enumerate(value) if part not in EMPTY_VALUES}
        refused = set()
        for index in filled:
            try:
                self.parts[index].clean(value[index])
            except ValidationError:
                refused.add(index)
        if refused or not filled:
            return refused
        return set(range(len(value))) - filled


class VenueTimesForm(WholeTextForm, forms.ModelForm):
    """A form whose date-times (`TIMES`) are typed as the agenda gives them:
    in the venue's time zone (`venue_zone()`, the meeting's "local time
    zone"), and shown so again. They were read as WIB beside a field naming
    Manila: a meeting typed as 09:00 in Manila showed as 10:00 Manila time."""

    TIMES = ("start", "end")
    TIMES_HELP = _("In the venue's local time zone (above): as on the agenda.")

    class Meta:
        widgets = {"start": AgendaSplitDateTime, "end": AgendaSplitDateTime}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        zone = _zone(self.venue_zone())
        for name in self.TIMES:
            if name not in self.fields:
                continue
            field = self.fields[name]
            field.help_text = self.TIMES_HELP
            if isinstance(field, forms.SplitDateTimeField):
                time_to_the_minute(field)
            value = getattr(self.instance, name)
            if value is not None and zone is not None:
                self.initial[name] = timezone.make_naive(value, zone)

    def venue_zone(self, cleaned=None) -> str:
        """The name of the venue's time zone (from `cleaned`, the form's
        cleaned data, when given)."""
        raise NotImplementedError

    def _post_clean(self):
        # A time typed badly ("11.5") has said so; the model's checks, seeing
        # no time there, would add a wrong second error to it ("Give the
        # session's start too, or leave its end empty.").
        said = {
            name: self.errors[name].copy() for name in self.TIMES if name in self.errors
        }
        super()._post_clean()
        self._errors.update(said)

    def clean(self):
        cleaned = super().clean()
        zone = _zone(self.venue_zone(cleaned))
        if zone is not None:
            for name in self.TIMES:
                if cleaned.get(name) is not None:
                    typed = timezone.make_naive(cleaned[name])  # read as WIB
                    aware = timezone.make_aware(typed, zone)
                    if not _exists(typed, aware, zone):
                        # Clocks put forward skip an hour: 02:30 on that
                        # night in Sydney was taken as 03:30, silently.
                        self.add_error(name, _skipped_time(typed, zone))
                        cleaned.pop(name, None)
                        continue
                    cleaned[name] = aware
        return cleaned


class MeetingForm(VenueTimesForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        number = self.fields.get("number")
        if number is not None:
            # The model's own check says where the numbers start, for 0 and
            # -1 alike (the box's "greater than or equal to 0" let 0 through).
            number.validators = [
                v for v in number.validators if not isinstance(v, MinValueValidator)
            ]
            number.min_value = 1
            number.widget.attrs["min"] = 1
        if "timezone" in self.fields:
            self.fields["timezone"].help_text = _(
                "Time zone of the venue, such as Asia/Manila: the times below "
                "are typed in it, and pages show them in it beside WIB."
            )

    def venue_zone(self, cleaned=None) -> str:
        if cleaned is not None:
            return cleaned.get("timezone", "")
        return self.instance.timezone

    def clean_timezone(self) -> str:
        return timezone_name(self.cleaned_data["timezone"])

    def clean(self):
        cleaned = super().clean()
        series, number = cleaned.get("series"), cleaned.get("number")
        if series is not None and number is not None:
            taken = (
                Meeting.objects.numbered(series, number)
                .exclude(pk=self.instance.pk)
                .first()
            )
            if taken is not None:
                # Named and linked: Django's "Meeting with this Series and
                # Number in series already exists." did not say which, and
                # the editor looked for it by hand.
                self.add_error("number", _number_taken(taken))
        return cleaned


def _number_taken(meeting: Meeting) -> str:
    link = format_html(
        '<a href="{}">{}</a>',
        reverse("admin:agencies_meeting_change", args=[meeting.pk]),
        meeting,
    )
    message = conditional_escape(
        gettext("Number %(number)s of this series is already %(meeting)s.")
    )
    return mark_safe(message % {"number": meeting.number, "meeting": link})


class NumberedWhenSavedInput(AdminIntegerFieldWidget):
    """A new row's number box (OrderedRowsFormSet): read-only, and why said
    under it and tied to it (aria-describedby). Said in a tooltip (title),
    it was never shown on a phone: an empty shaded box, unexplained."""

    def __init__(self, attrs=None):
        super().__init__({**(attrs or {}), "readonly": True})

    def render(self, name, value, attrs=None, renderer=None):
        attrs = dict(attrs or {})
        note = gettext("Numbered after the others when saved.")
        if not attrs.get("id"):
            box = super().render(name, value, attrs, renderer)
            return format_html('{}<small class="order-note">{}</small>', box, note)
        note_id = f"{attrs['id']}_note"
        attrs["aria-describedby"] = note_id
        box = super().render(name, value, attrs, renderer)
        return format_html(
            '{}<small class="order-note" id="{}">{}</small>', box, note_id, note
        )


class OrderedRowsFormSet(SavedRowsFormSet):
    """Rows shown in the order of their `order` field (a meeting's agenda,
    its speakers). A new row is numbered by the server when saved: next after
    every row there (kept, or a colleague's saved since), in the order of the
    rows filled, whatever number the page sent. Each empty row offered its
    own number (8, 9, 10): a session typed in the third was saved as 10,
    leaving 9 out; and the row "Add another" copies started at 0, the model's
    default, listed first on the public page. A new row's number box is
    read-only and empty; once saved, its number is changed like any row's."""

    ORDER = "order"

    def add_fields(self, form, index):
        super().add_fields(form, index)
        if index is None or index >= self.initial_form_count():
            field = form.fields[self.ORDER]
            field.initial = None
            field.required = False
            field.widget = NumberedWhenSavedInput(field.widget.attrs)
            # An empty row is empty whatever number a page sends for it.
            form.has_changed = lambda: any(
                name != self.ORDER for name in form.changed_data
            )

    def save_new(self, form, commit=True):
        place = self._next_place()
        form.cleaned_data[self.ORDER] = place
        setattr(form.instance, self.ORDER, place)
        return super().save_new(form, commit)

    def _next_place(self) -> int:
        """After every row kept in this save, every row a colleague saved
        since the page was opened, and the new rows numbered before."""
        if not hasattr(self, "_last_place"):
            shown, places = set(), []
            for form in self.initial_forms:
                if form.instance.pk is not None:
                    shown.add(form.instance.pk)
                if form.is_valid() and not self._should_delete_form(form):
                    places.append(form.cleaned_data.get(self.ORDER))
            if self.instance.pk is not None:
                places += (
                    self.model._default_manager.filter(**{self.fk.name: self.instance})
                    .exclude(pk__in=shown)
                    .values_list(self.ORDER, flat=True)
                )
            self._last_place = max((p for p in places if p is not None), default=0)
        self._last_place += 1
        return self._last_place


class MeetingSessionForm(VenueTimesForm):
    """A session's times, typed in its meeting's venue's time zone (the
    meeting's form above, as it is being saved)."""

    TIMES_HELP = _("In the meeting's local time zone, as on the agenda.")

    class Meta(VenueTimesForm.Meta):
        # A title (a sentence) wraps on two lines: in a one-line box a phone
        # showed its first 30 letters.
        widgets = {
            **VenueTimesForm.Meta.widgets,
            "title": forms.Textarea(attrs={"rows": 2, "cols": 40}),
            "title_en": forms.Textarea(attrs={"rows": 2, "cols": 40}),
        }

    def __init__(self, *args, meeting=None, **kwargs):
        self.meeting = meeting
        super().__init__(*args, **kwargs)

    def venue_zone(self, cleaned=None) -> str:
        return self.meeting.timezone if self.meeting is not None else ""

    def clean_title(self) -> str:
        return _one_line(self.cleaned_data["title"])

    def clean_title_en(self) -> str:
        return _one_line(self.cleaned_data["title_en"])


def _one_line(text: str) -> str:
    """A title typed on several lines of its box, on one (Enter, or pasted
    from an agenda)."""
    return " ".join(line.strip() for line in text.splitlines() if line.strip())


class MeetingSessionFormSet(OrderedRowsFormSet):
    """Each session's form knows its meeting, for the venue's time zone.

    Two sessions of one number are refused, on each of their rows, naming
    the other (one a colleague saved since the page was opened too): a
    session renumbered 1 beside the first made 1, 1, 2, … and the public
    agenda put them in an order nobody chose. Refused rather than renumbered:
    which of the two comes first is the editor's to say, not a guess; the
    rest of the form is kept as typed. New rows are numbered after all."""

    def clean(self):
        super().clean()
        numbered: dict[int, list] = {}  # number -> sessions sent and saved
        shown = set()
        for form in self.initial_forms:
            if form.instance.pk is not None:
                shown.add(form.instance.pk)
            if not form.is_valid() or self._should_delete_form(form):
                continue
            number = form.cleaned_data.get(self.ORDER)
            if number is not None:
                numbered.setdefault(number, []).append(form)
        if self.instance.pk is not None:
            saved = self.model._default_manager.filter(meeting=self.instance)
            for session in saved.exclude(pk__in=shown):
                numbered.get(session.order, []).append(session)
        for number, rows in numbered.items():
            if len(rows) < 2:
                continue
            for row in rows:
                if isinstance(row, forms.BaseForm):
                    row.add_error(self.ORDER, _same_number(row, rows, number))

    def get_form_kwargs(self, index):
        return {**super().get_form_kwargs(index), "meeting": self.instance}


def _same_number(form, rows: list, number: int) -> str:
    """The error on the row of `form`: the other sessions of `rows` have its
    number too."""
    others = [
        row.cleaned_data.get("title") or row.instance.title
        if isinstance(row, forms.BaseForm)
        else row.title
        for row in rows
        if row is not form
    ]
    return ngettext(
        "Session %(others)s is numbered %(number)s too. Give each session its "
        "own number: the public agenda lists them by number.",
        "Sessions %(others)s are numbered %(number)s too. Give each session its "
        "own number: the public agenda lists them by number.",
        len(others),
    ) % {
        "others": get_text_list([f"“{name}”" for name in others], gettext("and")),
        "number": number,
    }


def _exists(typed, aware, zone) -> bool:
    """Whether the local time `typed` is one a clock in `zone` showed (not
    skipped when the clocks were put forward): it comes back from UTC as
    typed."""
    back = aware.astimezone(UTC).astimezone(zone)
    return back.replace(tzinfo=None) == typed


def _skipped_time(typed, zone) -> str:
    return gettext(
        "There was no %(time)s on %(date)s in %(zone)s: the clocks were put "
        "forward that night. Type the time as the agenda gives it."
    ) % {
        "time": typed.strftime("%H:%M"),
        "date": formats.date_format(typed, "DATE_FORMAT"),
        "zone": zone.key,
    }


def _agenda_time(when: dt.datetime, zone) -> str:
    """`when` as the agenda gives it: in the venue's time zone (`zone`, else
    the desk's), the time as the desk's language writes it."""
    local = when.astimezone(zone) if zone else timezone.localtime(when)
    day = formats.date_format(local, "DATE_FORMAT")
    return f"{day} {formats.localize_input(local.time(), _minutes_format())}"


def _zone(name):
    """The time zone called `name`, or None for a name that is none (the
    field says so)."""
    try:
        return ZoneInfo(name) if name else None
    except (ZoneInfoNotFoundError, ValueError):
        return None


# A session's summary in each language, side by side in one row of the table.
SMALL_TEXTAREA = forms.Textarea(attrs={"rows": 3, "cols": 30})


class MeetingSessionInline(admin.TabularInline):
    model = MeetingSession
    form = MeetingSessionForm
    formset = MeetingSessionFormSet
    extra = 1  # more with "Add another"
    fields = ["order", "title", "title_en", "start", "end", "summary", "summary_en"]
    formfield_overrides = {models.TextField: {"widget": SMALL_TEXTAREA}}
    verbose_name_plural = _("Sessions (agenda, in order)")


class DelegationForm(forms.ModelForm):
    """A delegation row whose saved country, when not among the countries
    offered (MeetingParticipantInline), is offered too: nothing saved is
    lost."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields.get("country")
        saved = self.instance.country
        if field is not None and saved and saved.code not in dict(field.choices):
            field.choices = [*field.choices, (saved.code, saved.name)]


class MeetingParticipantInline(admin.TabularInline):
    """A delegation's country is chosen among the countries of the agencies
    in the registry, where every delegation's agencies are (empty: the
    agency's own country, as usual). Each row had a select of the world's
    249 countries: 18 of them made a meeting's page 370 KB of 4,898 options,
    1 to 2.5 s to make."""

    model = MeetingParticipant
    form = DelegationForm
    extra = 3
    fields = ["agency", "country", "role"]
    autocomplete_fields = ["agency"]
    formset = SavedRowsFormSet
    verbose_name_plural = _("Delegations: participating agencies")

    def get_queryset(self, request):
        # Each row is named by its agency ("BNPT (ID) – Host"): one query.
        return super().get_queryset(request).select_related("agency")

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        field = super().formfield_for_dbfield(db_field, request, **kwargs)
        if db_field.name == "country":
            used = Agency.objects.countries()
            field.choices = [
                (code, name) for code, name in field.choices if not code or code in used
            ]
        return field


class AttendanceForm(WholeTextForm, forms.ModelForm):
    """A person's position at the time is taken whole (WholeTextForm)."""


class MeetingAttendanceInline(PeopleToldApart, admin.TabularInline):
    model = MeetingAttendance
    form = AttendanceForm
    extra = 3
    fields = ["person", "role", "position_held", "position_held_en", "agency", "order"]
    autocomplete_fields = ["person", "agency"]
    formset = OrderedRowsFormSet
    verbose_name_plural = _("People: speakers and delegates")

    def get_queryset(self, request):
        # Each row is named by its person ("Boy Rafli Amar – Spoke").
        return super().get_queryset(request).select_related("person")


@admin.register(Meeting)
class MeetingAdmin(
    WordsSearch, StoriesUnlinked, SentRowsAdmin, PresenceAdmin, HistoryAdmin
):
    form = MeetingForm
    list_display = ["title", "series", "number", "format", "start", "city", "host"]
    list_filter = ["format", "series", ("country", CountryInUseFilter)]
    list_select_related = ["series", "host"]
    search_fields = [
        "title",
        "title_en",
        "summary",
        "series__name",
        "series__short_name",
        "city",
    ]
    date_hierarchy = "start"
    prepopulated_fields = {"slug": ["title"]}
    autocomplete_fields = ["series", "host"]
    inlines = [MeetingSessionInline, MeetingParticipantInline, MeetingAttendanceInline]

    def stories_heading(self, count: int) -> str:
        return ngettext(
            "Stories that will no longer name this meeting:",
            "Stories that will no longer name these meetings:",
            count,
        )

    def get_search_results(self, request, queryset, search_term):
        # Titles first: the autocomplete's first choice is taken by Enter.
        # (The list's own sort, when it has one, comes after.)
        queryset, duplicates = super().get_search_results(
            request, queryset, search_term
        )
        return queryset.titled_first(Terms.words_of(search_term)), duplicates

    def save_model(self, request, obj, form, change):
        services.meeting_save(meeting=obj, user=request.user)

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        services.meeting_sessions_renumber(meeting=form.instance, user=request.user)

    # What the save left worth a second look is said after the save's own
    # message (saved; combined with a colleague's changes): the save stands.

    def response_add(self, request, obj, post_url_continue=None):
        response = super().response_add(request, obj, post_url_continue)
        self.tell_after_save(request, obj)
        return response

    def response_change(self, request, obj):
        response = super().response_change(request, obj)
        self.tell_after_save(request, obj)
        return response

    def tell_after_save(self, request, meeting: Meeting) -> None:
        self.tell_agenda_back_in_time(request, meeting)
        self.tell_agencies_outside_delegations(request, meeting)

    def tell_agenda_back_in_time(self, request, meeting: Meeting) -> None:
        """Warn (the save stands) where the numbers put a session before one
        that starts earlier: the public agenda follows the numbers, and had
        listed an 11:00 session above a 10:15 one without a word. The numbers
        named are the agenda's (services.meeting_sessions_renumber)."""
        zone = _zone(meeting.timezone)
        for earlier, later in MeetingSession.back_in_time(meeting.sessions.all()):
            self.message_user(
                request,
                gettext(
                    "Session %(later_number)s, “%(later)s” (%(later_start)s), "
                    "starts before session %(earlier_number)s, “%(earlier)s” "
                    "(%(earlier_start)s), but the public agenda lists it after: "
                    "it follows the numbers. Check the numbers or the times."
                )
                % {
                    "later_number": later.order,
                    "later": later.title,
                    "later_start": _agenda_time(later.start, zone),
                    "earlier_number": earlier.order,
                    "earlier": earlier.title,
                    "earlier_start": _agenda_time(earlier.start, zone),
                },
                messages.WARNING,
            )

    def tell_agencies_outside_delegations(self, request, meeting: Meeting) -> None:
        """Warn (the save stands: a speaker may come from an agency that sent
        no delegation) where a person is listed for an agency none of the
        delegations is: the public page named the agency beside the person
        and under no delegation, and nothing had said so."""
        for row in meeting.attendances_outside_delegations():
            self.message_user(
                request,
                gettext(
                    "%(person)s is listed for %(agency)s, which is not among this "
                    "meeting's delegations: add it as a delegation if it took "
                    "part."
                )
                % {
                    "person": row.person.name,
                    "agency": row.agency.acronym or row.agency.local_name,
                },
                messages.WARNING,
            )

    fieldsets = [
        (
            None,
            {"fields": ["series", "number", ("title", "title_en"), "slug", "format"]},
        ),
        (
            _("When and where"),
            {
                "fields": [
                    "timezone",
                    "start",
                    "end",
                    "venue",
                    "city",
                    "country",
                    "host",
                ]
            },
        ),
        (_("Summary"), {"fields": [("summary", "summary_en")]}),
    ]


class ProposalAcceptForm(DeskForm, forms.Form):
    """What the editor adds to a proposal to make it an agency."""

    name = Agency._meta.get_field("name").formfield()
    name_en = Agency._meta.get_field("name_en").formfield()
    country = Agency._meta.get_field("country").formfield()
    kind = Agency._meta.get_field("kind").formfield()


def proposal_country(proposal: AgencyProposal) -> str:
    """The country the proposal's context tells for its acronym: that of the
    known agencies listed with it, else in its sentence, when they are all
    of one (as the story's Suggest links page reads it); else ""."""
    if not proposal.context:
        return ""
    found = recognise(proposal.context).unknown_acronyms
    return next((u.country for u in found if u.acronym == proposal.acronym), "")


@admin.register(AgencyProposal)
class AgencyProposalAdmin(admin.ModelAdmin):
    """Proposed agencies: read-only records; an editor accepts one (which
    creates the agency) or dismisses it, on its decide page or, to dismiss
    several, with the list's action. Proposals come from texts, through
    services.agency_propose: none is added here."""

    list_display = [
        "acronym",
        "expansion",
        "status",
        "proposer",
        "created_at",
        "decider",
        "agency",
        "decide_link",
    ]
    list_display_links = ["acronym"]
    list_filter = ["status"]
    search_fields = ["acronym", "expansion", "context"]
    actions = ["dismiss_selected"]
    fields = [
        "acronym",
        "expansion",
        "context",
        "source_url",
        "status",
        "proposed_by",
        "created_at",
        "decided_by",
        "decided_at",
        "agency",
    ]

    def get_queryset(self, request):
        return super().get_queryset(request).for_listing()

    # People by name, as the Decide page and the history name them.
    @admin.display(description=_("proposed by"), ordering="proposed_by")
    def proposer(self, proposal) -> str:
        return display_user(proposal.proposed_by) if proposal.proposed_by else "–"

    @admin.display(description=_("decided by"), ordering="decided_by")
    def decider(self, proposal) -> str:
        return display_user(proposal.decided_by) if proposal.decided_by else "–"

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False  # decided through the services, never edited

    def has_decide_permission(self, request, obj=None):
        return request.user.has_perm(services.DECIDE)

    def get_list_display(self, request):
        if self.has_decide_permission(request):
            return self.list_display
        return [name for name in self.list_display if name != "decide_link"]

    def get_urls(self):
        return [
            path(
                "<int:pk>/decide/",
                self.admin_site.admin_view(self.decide_view),
                name="agencies_agencyproposal_decide",
            ),
            path(
                "<int:pk>/dismiss/",
                self.admin_site.admin_view(self.dismiss_view),
                name="agencies_agencyproposal_dismiss",
            ),
            *super().get_urls(),
        ]

    @admin.display(description=_("decision"))
    def decide_link(self, obj):
        if obj.status != AgencyProposal.Status.PROPOSED:
            return "–"
        return format_html(
            '<a href="{}" aria-label="{}">{}</a>',
            reverse("admin:agencies_agencyproposal_decide", args=[obj.pk]),
            gettext("Accept or dismiss %(proposal)s") % {"proposal": obj},
            gettext("Accept or dismiss…"),
        )

    def decide_view(self, request, pk: int):
        """The proposal, a form to accept it as a new agency, and a button to
        dismiss it."""
        if not self.has_decide_permission(request):
            raise PermissionDenied
        proposal = get_object_or_404(AgencyProposal.objects.for_listing(), pk=pk)
        form = ProposalAcceptForm(
            request.POST or None,
            initial={
                "name": proposal.expansion or proposal.acronym,
                "country": proposal.country or proposal_country(proposal),
            },
        )
        if request.method == "POST" and form.is_valid():
            try:
                services.agency_proposal_accept(
                    proposal=proposal, user=request.user, **form.cleaned_data
                )
            except ValidationError as error:
                for message in error.messages:
                    form.add_error(None, message)
            else:
                messages.success(
                    request,
                    gettext("Agency %(agency)s created from the proposal.")
                    % {"agency": proposal.agency},
                )
                return HttpResponseRedirect(
                    reverse("admin:agencies_agencyproposal_changelist")
                )
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "title": gettext("Decide on %(proposal)s") % {"proposal": proposal},
            "proposal": proposal,
            "proposed_by": (
                display_user(proposal.proposed_by) if proposal.proposed_by else "–"
            ),
            "story_link": self._story_link(request, proposal.article),
            "form": form,
            "decided": proposal.status != AgencyProposal.Status.PROPOSED,
        }
        return TemplateResponse(
            request, "admin/agencies/agencyproposal/decide.html", context
        )

    def _story_link(self, request, story) -> str:
        """The story's title, a link to its page in the admin; "" without a
        story, or when the user may not see it there."""
        if story is None:
            return ""
        stories = self.admin_site.get_model_admin(type(story))
        if not stories.has_view_permission(request, story):
            return ""
        return format_html(
            '<a href="{}">{}</a>',
            reverse("admin:articles_article_change", args=[story.pk]),
            story.title,
        )

    def dismiss_view(self, request, pk: int):
        if request.method != "POST":
            return HttpResponseNotAllowed(["POST"])
        if not self.has_decide_permission(request):
            raise PermissionDenied
        proposal = get_object_or_404(AgencyProposal, pk=pk)
        self._dismiss(request, [proposal])
        return HttpResponseRedirect(reverse("admin:agencies_agencyproposal_changelist"))

    @admin.action(
        description=_("Dismiss the selected proposals"), permissions=["decide"]
    )
    def dismiss_selected(self, request, queryset):
        self._dismiss(request, list(queryset))

    def _dismiss(self, request, proposals) -> None:
        dismissed, refused = 0, []
        for proposal in proposals:
            try:
                services.agency_proposal_dismiss(proposal=proposal, user=request.user)
            except ValidationError as error:
                refused += error.messages
            else:
                dismissed += 1
        if dismissed:
            messages.success(
                request,
                ngettext(
                    "%(count)d proposal dismissed.",
                    "%(count)d proposals dismissed.",
                    dismissed,
                )
                % {"count": dismissed},
            )
        for message in refused:
            messages.warning(request, message)
