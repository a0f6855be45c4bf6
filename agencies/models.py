from zoneinfo import ZoneInfo, ZoneInfoNotFoundError, available_timezones

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.utils import formats
from django.utils.timezone import localtime, now
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField

from newsroom.addresses import reverse_once
from newsroom.bilingual import (
    ENGLISH,
    INDONESIAN,
    Bilingual,
    fallback_language,
    is_english,
)
from newsroom.media.models import Image

from .countries import SortedOnce
from .querysets import (
    ALPHABETICAL,
    AgencyProposalQuerySet,
    AgencyQuerySet,
    MeetingQuerySet,
    PersonQuerySet,
)


def timezone_name(value: str) -> str:
    """`value` spelt as the time zone it names ("asia/manila": Asia/Manila)
    when exactly one zone has that name in any case; else as typed (for
    validate_timezone to refuse, or a name already right)."""
    same = [zone for zone in available_timezones() if zone.lower() == value.lower()]
    return same[0] if len(same) == 1 else value


def validate_timezone(value: str) -> None:
    try:
        ZoneInfo(value)
    except (ZoneInfoNotFoundError, ValueError) as exc:
        raise ValidationError(
            _("“%(value)s” is not a time zone name such as Asia/Manila."),
            params={"value": value},
        ) from exc


class Agency(models.Model):
    class Kind(models.TextChoices):
        MINISTRY = "ministry", _("Ministry")
        COORDINATING_MINISTRY = "coordinating_ministry", _("Coordinating ministry")
        INTELLIGENCE = "intelligence", _("Intelligence agency")
        POLICE = "police", _("Police")
        FIU = "fiu", _("Financial intelligence unit")
        EMBASSY = "embassy", _("Embassy")
        COUNTER_TERRORISM = "counter_terrorism", _("Counter-terrorism agency")
        SECURITY = "security", _("Security agency")
        PROSECUTION = "prosecution", _("Prosecution service")
        IMMIGRATION = "immigration", _("Immigration agency")
        OTHER = "other", _("Other")

    acronym = models.CharField(_("acronym"), max_length=32)
    name = models.CharField(_("official name"), max_length=255)
    name_en = models.CharField(_("English name"), max_length=255, blank=True)
    slug = models.SlugField(_("slug"), max_length=80, unique=True)
    country = CountryField(_("country"), countries=SortedOnce)
    kind = models.CharField(_("kind"), max_length=32, choices=Kind, default=Kind.OTHER)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("parent agency"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="children",
        help_text=_("E.g. an embassy belongs to its foreign ministry."),
    )
    website = models.URLField(_("website"), blank=True)
    # PROTECT, like an article's featured image: the library will not delete
    # a logo still in use.
    logo = models.ForeignKey(
        Image,
        verbose_name=_("logo"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="logo_of",
    )
    description = models.TextField(_("description"), blank=True)
    description_en = models.TextField(_("description in English"), blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    objects = AgencyQuerySet.as_manager()

    local_name = Bilingual("name")
    local_description = Bilingual("description")

    class Meta:
        verbose_name = _("agency")
        verbose_name_plural = _("agencies")
        ordering = list(ALPHABETICAL)
        constraints = [
            models.UniqueConstraint(
                fields=["country", "acronym"], name="agency_acronym_unique_per_country"
            )
        ]

    def __str__(self) -> str:
        return f"{self.acronym} ({self.country.code})" if self.acronym else self.name

    def get_absolute_url(self) -> str:
        return reverse_once("agencies:agency_detail", slug=self.slug)

    def clean(self):
        errors = {}
        if self.parent_id and self.pk:
            ancestor, seen = self.parent, set()
            while ancestor is not None and ancestor.pk not in seen:
                if ancestor.pk == self.pk:
                    errors["parent"] = _(
                        "An agency cannot be its own parent or ancestor."
                    )
                    break
                seen.add(ancestor.pk)
                ancestor = ancestor.parent
        clash = self._acronym_clash()
        if clash is not None:
            errors["acronym"] = clash
        if errors:
            raise ValidationError(errors)

    def _acronym_clash(self) -> ValidationError | None:
        """The acronym refused when another agency goes by it: as an alias
        (of any country), or as its acronym in this country in another case
        (the constraint compares exactly). Two countries' agencies may share
        an acronym (Malaysia's BIN beside Indonesia's): recognition tells
        them apart by the country."""
        acronym = self.acronym.strip()
        if not acronym:
            return None
        others = Agency.objects.exclude(pk=self.pk) if self.pk else Agency.objects
        by_alias = others.filter(aliases__name__iexact=acronym).first()
        if by_alias is not None:
            return ValidationError(
                _(
                    "“%(name)s” is already an alias of %(agency)s: one name "
                    "stands for one agency. Remove the alias there first, or "
                    "choose another acronym."
                ),
                code="name_taken",
                params={"name": acronym, "agency": by_alias.described},
            )
        same = others.filter(country=self.country, acronym__iexact=acronym).first()
        if self.country and same is not None:
            return ValidationError(
                _("“%(name)s” is already the acronym of %(agency)s."),
                code="name_taken",
                params={"name": acronym, "agency": same.described},
            )
        return None

    @property
    def name_language(self) -> str:
        """The language of the official name, where the country tells it: an
        Indonesian agency's is Indonesian ("id"), marked `lang="id"` on English
        pages so a screen reader reads it as Indonesian. Another country's
        official name may be in English or its own language: "" (unknown)."""
        return "id" if self.country and self.country.code == "ID" else ""

    @property
    def local_name_language(self) -> str:
        """The language to mark `local_name` with where it is not the page's:
        the official name's (name_language) where the page shows it, on an
        English page for want of an English name; "" otherwise."""
        shows_official = not (is_english() and self.name_en)
        language = self.name_language if shows_official else ""
        page = ENGLISH if is_english() else INDONESIAN
        return "" if language == page else language

    @property
    def described(self) -> str:
        """The agency as a message names it: its name, acronym and country."""
        return f"{self.display_name}, {self.country.name}"

    @property
    def display_name(self) -> str:
        name = self.local_name
        return f"{name} ({self.acronym})" if self.acronym else name


class AgencyAlias(models.Model):
    """Another name or acronym an agency is known by (for matching text)."""

    agency = models.ForeignKey(
        Agency,
        on_delete=models.CASCADE,
        related_name="aliases",
        verbose_name=_("agency"),
    )
    name = models.CharField(_("alias"), max_length=255)

    class Meta:
        verbose_name = _("alias")
        verbose_name_plural = _("aliases")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(
                fields=["agency", "name"], name="alias_unique_per_agency"
            )
        ]

    def __str__(self) -> str:
        return self.name

    def clean(self):
        """One name stands for one agency: an alias that is another agency's
        acronym or alias, in any case, is refused (the lists' searches offered
        both agencies, and recognition could not tell which one a story
        meant)."""
        name = (self.name or "").strip()
        if self.agency_id:
            own = AgencyAlias.objects.filter(agency_id=self.agency_id)
            # The very same name is the unique constraint's to refuse.
            same = own.exclude(pk=self.pk).filter(name__iexact=name)
            same = same.exclude(name=self.name).first()
            if same is not None:
                raise ValidationError({"name": alias_case_error(same.name)})
        others = Agency.objects.called(name)
        if self.agency_id:
            others = others.exclude(pk=self.agency_id)
        holder = others.first()
        if holder is None:
            return
        if holder.acronym.strip().lower() == name.lower():
            message = _(
                "“%(name)s” is already the acronym of %(agency)s: one name "
                "stands for one agency."
            )
        else:
            message = _(
                "“%(name)s” is already an alias of %(agency)s: one name stands "
                "for one agency."
            )
        raise ValidationError(
            {
                "name": ValidationError(
                    message,
                    code="name_taken",
                    params={"name": name, "agency": holder.described},
                )
            }
        )


def alias_case_error(existing: str) -> ValidationError:
    """An agency's alias refused as one it has already, in other capitals
    ("imigrasi" beside "Imigrasi"): one name, matched in any case."""
    return ValidationError(
        _(
            "This agency already has the alias “%(existing)s”: aliases that "
            "differ only in capitals are the same name."
        ),
        code="alias_case",
        params={"existing": existing},
    )


class Person(models.Model):
    """An official who appears in the news."""

    name = models.CharField(_("name"), max_length=200)
    slug = models.SlugField(_("slug"), max_length=80, unique=True)
    position = models.CharField(_("current position"), max_length=255, blank=True)
    position_en = models.CharField(
        _("current position in English"), max_length=255, blank=True
    )
    agency = models.ForeignKey(
        Agency,
        verbose_name=_("agency"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="people",
    )
    portrait = models.ForeignKey(
        Image,
        verbose_name=_("portrait"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="portrait_of",
    )
    bio = models.TextField(_("biography"), blank=True)
    bio_en = models.TextField(_("biography in English"), blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    objects = PersonQuerySet.as_manager()

    local_position = Bilingual("position")
    local_bio = Bilingual("bio")

    class Meta:
        verbose_name = _("person")
        verbose_name_plural = _("people")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse_once("agencies:person_detail", slug=self.slug)

    @property
    def local_position_language(self) -> str:
        """The language to mark `local_position` with where it is not the
        page's: "id" for the Indonesian position an English page falls back
        to, "en" for the reverse, else "" (bilingual.fallback_language)."""
        return fallback_language(self, "position")

    @property
    def described(self) -> str:
        """The person as a choice names them, told apart from others of the
        same name (two officials called "Budi Santoso"): the name, then the
        position and the agency (its acronym and country, else its name)
        where known: "Budi Santoso — Deputi Kerja Sama, BNPT (ID)"; with
        neither, the day they were added and their address, which no one
        else has: "Boy Rafli Amar — added 6 Dec 2026, boy-rafli-amar-2".
        Reads the agency: load it with the person (PersonQuerySet.for_choices)."""
        details = [self.local_position.strip()]
        if self.agency_id is not None:
            details.append(str(self.agency))
        details = [detail for detail in details if detail]
        if not details:
            if self.created_at is not None:
                added = formats.date_format(localtime(self.created_at), "j M Y")
                details.append(gettext("added %(date)s") % {"date": added})
            details.append(self.slug)
            details = [detail for detail in details if detail]
        return f"{self.name} — {', '.join(details)}" if details else self.name

    @property
    def own_language_bio(self) -> str:
        """The biography in the page's language only, without the other
        language's as a fallback: for where the text cannot be marked as
        written in the other language (structured data)."""
        return self.bio_en if is_english() else self.bio


class MeetingSeries(models.Model):
    """A recurring meeting, e.g. a bilateral Joint Working Group."""

    name = models.CharField(_("name"), max_length=255)
    name_en = models.CharField(_("name in English"), max_length=255, blank=True)
    short_name = models.CharField(_("short name"), max_length=64, blank=True)
    short_name_en = models.CharField(
        _("short name in English"), max_length=64, blank=True
    )
    slug = models.SlugField(_("slug"), max_length=80, unique=True)
    description = models.TextField(_("description"), blank=True)
    description_en = models.TextField(_("description in English"), blank=True)

    local_name = Bilingual("name")
    local_short_name = Bilingual("short_name")
    local_description = Bilingual("description")

    class Meta:
        verbose_name = _("meeting series")
        verbose_name_plural = _("meeting series")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.local_name  # in the desk's language too

    def get_absolute_url(self) -> str:
        return reverse_once("agencies:meeting_list") + f"#series-{self.slug}"

    def clean(self):
        """A series whose name (in either language, in any case) another
        series has is that series again: refused on the name, naming it. The
        editor adding a series from a meeting's form had been told only
        "Meeting series with this Slug already exists." on a field they never
        touched."""
        others = MeetingSeries.objects.all()
        if self.pk:
            others = others.exclude(pk=self.pk)
        errors = {}
        for name in ("name", "name_en"):
            typed = " ".join(getattr(self, name).split())
            if not typed:
                continue
            # Either language's: desks type the English name in Nama too.
            same = others.filter(
                models.Q(name__iexact=typed) | models.Q(name_en__iexact=typed)
            ).first()
            if same is not None:
                errors[name] = ValidationError(
                    _(
                        "A series with this name already exists: “%(series)s”. "
                        "Choose it instead."
                    ),
                    code="name_taken",
                    params={"series": same},
                )
        if errors:
            raise ValidationError(errors)


class Meeting(models.Model):
    class Format(models.TextChoices):
        IN_PERSON = "in_person", _("In person")
        VIRTUAL = "virtual", _("Virtual")
        HYBRID = "hybrid", _("Hybrid")

    series = models.ForeignKey(
        MeetingSeries,
        verbose_name=_("series"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="meetings",
    )
    number = models.PositiveSmallIntegerField(
        _("number in series"),
        null=True,
        blank=True,
        # 0 was saved, and the public page showed no number at all.
        validators=[
            MinValueValidator(
                1,
                message=_(
                    "The number starts at 1; leave it empty if the meeting has "
                    "no number."
                ),
            )
        ],
        help_text=_(
            "Its place in the series: 1 for the first meeting, 2 for the "
            "second, and so on."
        ),
    )
    title = models.CharField(_("title"), max_length=255)
    title_en = models.CharField(_("title in English"), max_length=255, blank=True)
    slug = models.SlugField(_("slug"), max_length=120, unique=True)
    format = models.CharField(
        _("format"), max_length=16, choices=Format, default=Format.IN_PERSON
    )
    start = models.DateTimeField(_("starts"))
    end = models.DateTimeField(_("ends"), null=True, blank=True)
    timezone = models.CharField(
        _("local time zone"),
        max_length=64,
        default="Asia/Jakarta",
        validators=[validate_timezone],
        help_text=_("Time zone of the venue, to show the meeting's local time."),
    )
    venue = models.CharField(_("venue"), max_length=255, blank=True)
    city = models.CharField(_("city"), max_length=120, blank=True)
    country = CountryField(_("country"), blank=True, countries=SortedOnce)
    host = models.ForeignKey(
        Agency,
        verbose_name=_("host agency"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="hosted_meetings",
    )
    summary = models.TextField(_("summary"), blank=True)
    summary_en = models.TextField(_("summary in English"), blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    objects = MeetingQuerySet.as_manager()

    local_title = Bilingual("title")
    local_summary = Bilingual("summary")

    class Meta:
        verbose_name = _("meeting")
        verbose_name_plural = _("meetings")
        ordering = ["-start"]
        constraints = [
            models.UniqueConstraint(
                fields=["series", "number"], name="meeting_number_unique_in_series"
            ),
            models.CheckConstraint(
                condition=models.Q(end__isnull=True)
                | models.Q(end__gt=models.F("start")),
                name="meeting_ends_after_start",
            ),
        ]

    def __str__(self) -> str:
        return self.local_title  # in the desk's language too: its choices

    def get_absolute_url(self) -> str:
        return reverse_once("agencies:meeting_detail", slug=self.slug)

    def clean(self):
        errors = {}
        if self.start and self.end and self.end <= self.start:
            errors["end"] = _("A meeting must end after it starts.")
        if self.number is not None and not self.series_id:
            errors["number"] = _("A number only makes sense within a series.")
        if errors:
            raise ValidationError(errors)

    @property
    def duration(self):
        return self.end - self.start if self.end else None

    def _neighbour(self, *, after: bool):
        if not self.series_id or self.number is None:
            return None
        siblings = Meeting.objects.filter(series_id=self.series_id)
        if after:
            return siblings.filter(number__gt=self.number).order_by("number").first()
        return siblings.filter(number__lt=self.number).order_by("-number").first()

    def attendances_outside_delegations(self) -> list["MeetingAttendance"]:
        """This meeting's people listed for an agency that is none of its
        delegations, with their people and agencies, one row per person and
        agency (a speaker may come from such an agency: the page then lists
        the agency beside the person, and under no delegation)."""
        rows = (
            self.attendances.exclude(agency=None)
            .exclude(agency__in=self.participants.values("agency"))
            .select_related("person", "agency")
        )
        pairs: dict[tuple[int, int], MeetingAttendance] = {}
        for row in rows:  # in the page's order
            pairs.setdefault((row.person_id, row.agency_id), row)
        return list(pairs.values())

    def previous_in_series(self):
        """The meeting with the next lower number in the same series, if any."""
        return self._neighbour(after=False)

    def next_in_series(self):
        """The meeting with the next higher number in the same series, if any."""
        return self._neighbour(after=True)


class MeetingSession(models.Model):
    """An agenda item of a meeting, in order."""

    meeting = models.ForeignKey(
        Meeting,
        on_delete=models.CASCADE,
        related_name="sessions",
        verbose_name=_("meeting"),
    )
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    title = models.CharField(_("title"), max_length=500)
    title_en = models.CharField(_("title in English"), max_length=500, blank=True)
    # Typed and shown in the venue's time zone, as the meeting's own times.
    start = models.DateTimeField(_("starts"), null=True, blank=True)
    end = models.DateTimeField(_("ends"), null=True, blank=True)
    summary = models.TextField(_("summary"), blank=True)
    summary_en = models.TextField(_("summary in English"), blank=True)

    local_title = Bilingual("title")
    local_summary = Bilingual("summary")

    class Meta:
        verbose_name = _("session")
        verbose_name_plural = _("sessions")
        ordering = ["order", "id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(end__isnull=True)
                | models.Q(start__isnull=False, end__gt=models.F("start")),
                name="session_ends_after_start",
            ),
        ]

    def __str__(self) -> str:
        return self.local_title

    def clean(self):
        errors = {}
        if self.end is not None and self.start is None:
            errors["start"] = _("Give the session's start too, or leave its end empty.")
        elif self.start and self.end and self.end <= self.start:
            errors["end"] = _("A session must end after it starts.")
        for name in ("start", "end"):
            if name not in errors and getattr(self, name) is not None:
                outside = self._outside_meeting_days(getattr(self, name))
                if outside:
                    errors[name] = outside
        if errors:
            raise ValidationError(errors)

    def _outside_meeting_days(self, when) -> ValidationError | None:
        """Why `when` is not on one of the meeting's days, as the venue counts
        them (from the day it starts to the day it ends, or on from its first
        day when its end is not known), or None."""
        try:
            meeting = self.meeting
        except Meeting.DoesNotExist:
            return None
        if meeting.start is None:
            return None  # the meeting's own field says what is wrong
        try:
            zone = ZoneInfo(meeting.timezone)
        except (ZoneInfoNotFoundError, ValueError):
            return None
        day = when.astimezone(zone).date()
        first = meeting.start.astimezone(zone).date()
        last = meeting.end.astimezone(zone).date() if meeting.end else None
        if day < first:
            message = _("%(day)s is before the meeting's first day, %(first)s.")
        elif last is not None and day > last:
            message = _("%(day)s is after the meeting's last day, %(last)s.")
        else:
            return None
        return ValidationError(
            message,
            code="outside_meeting",
            params={
                "day": formats.date_format(day, "DATE_FORMAT"),
                "first": formats.date_format(first, "DATE_FORMAT"),
                "last": formats.date_format(last, "DATE_FORMAT") if last else "",
            },
        )

    @staticmethod
    def back_in_time(sessions) -> list[tuple["MeetingSession", "MeetingSession"]]:
        """Where an agenda, `sessions` in the order of their numbers (as the
        public page lists them), goes back in time: each session that starts
        before one numbered before it, with the one of those starting latest
        (a pair: earlier number, later number). Sessions without a start, and
        sessions starting together, are in order."""
        pairs, before = [], None
        for session in sessions:
            if session.start is None:
                continue
            if before is not None and session.start < before.start:
                pairs.append((before, session))
            else:
                before = session
        return pairs


class MeetingParticipant(models.Model):
    """An agency at a meeting, as part of a country's delegation."""

    class Role(models.IntegerChoices):
        HOST = 1, _("Host")
        HEAD_OF_DELEGATION = 2, _("Head of delegation")
        MEMBER = 3, _("Member")
        OBSERVER = 4, _("Observer")

    meeting = models.ForeignKey(
        Meeting,
        on_delete=models.CASCADE,
        related_name="participants",
        verbose_name=_("meeting"),
    )
    agency = models.ForeignKey(
        Agency,
        on_delete=models.PROTECT,
        related_name="participations",
        verbose_name=_("agency"),
    )
    country = CountryField(
        _("delegation"),
        blank=True,
        countries=SortedOnce,
        help_text=_("Leave empty for the agency's country."),
    )
    role = models.PositiveSmallIntegerField(
        _("role"), choices=Role, default=Role.MEMBER
    )

    class Meta:
        verbose_name = _("participating agency")
        verbose_name_plural = _("participating agencies")
        ordering = ["country", "role"]
        constraints = [
            models.UniqueConstraint(
                fields=["meeting", "agency"], name="participant_once_per_meeting"
            )
        ]

    def __str__(self) -> str:
        return f"{self.agency} – {self.get_role_display()}"

    def clean(self):
        if not self.country and self.agency_id:
            self.country = self.agency.country


class MeetingAttendance(models.Model):
    """A person at a meeting, with their role and the position held then."""

    class Role(models.IntegerChoices):
        CHAIRED = 1, _("Chaired")
        OPENED = 2, _("Opened the meeting")
        OPENING_REMARKS = 3, _("Gave opening remarks")
        LED_DELEGATION = 4, _("Led a delegation")
        SPOKE = 5, _("Spoke")
        ATTENDED = 6, _("Attended")

    meeting = models.ForeignKey(
        Meeting,
        on_delete=models.CASCADE,
        related_name="attendances",
        verbose_name=_("meeting"),
    )
    person = models.ForeignKey(
        Person,
        on_delete=models.PROTECT,
        related_name="attendances",
        verbose_name=_("person"),
    )
    role = models.PositiveSmallIntegerField(
        _("role"), choices=Role, default=Role.ATTENDED
    )
    position_held = models.CharField(
        _("position at the time"), max_length=255, blank=True
    )
    position_held_en = models.CharField(
        _("position at the time in English"), max_length=255, blank=True
    )
    agency = models.ForeignKey(
        Agency,
        verbose_name=_("for agency"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    local_position_held = Bilingual("position_held")

    class Meta:
        verbose_name = _("person at the meeting")
        verbose_name_plural = _("people at the meeting")
        ordering = ["order", "role", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["meeting", "person", "role"], name="attendance_role_once"
            )
        ]

    def __str__(self) -> str:
        return f"{self.person} – {self.get_role_display()}"


class AgencyProposal(models.Model):
    """A new agency proposed from a text: an acronym the registry does not
    know, or knows for another name ("BI (Badan Intelijen)"). A reporter
    proposes; an editor accepts it, which creates the agency, or dismisses
    it (agencies/services.py)."""

    class Status(models.TextChoices):
        PROPOSED = "proposed", _("Proposed")
        ACCEPTED = "accepted", _("Accepted")
        DISMISSED = "dismissed", _("Dismissed")

    acronym = models.CharField(_("acronym"), max_length=32)
    expansion = models.CharField(
        _("name in the text"),
        max_length=255,
        blank=True,
        help_text=_("What the text says the acronym stands for, if it does."),
    )
    context = models.TextField(_("where it was found"), blank=True)
    source_url = models.URLField(_("source URL"), blank=True)
    # The story it was found in (its Suggest links page), for the editor who
    # decides to read it whole; and the country its text tells, when it does.
    article = models.ForeignKey(
        "articles.Article",
        verbose_name=_("story"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="agency_proposals",
    )
    country = CountryField(_("country"), blank=True, countries=SortedOnce)
    status = models.CharField(
        _("status"), max_length=16, choices=Status, default=Status.PROPOSED
    )
    proposed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("proposed by"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
    )
    created_at = models.DateTimeField(_("proposed"), auto_now_add=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("decided by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    decided_at = models.DateTimeField(_("decided"), null=True, blank=True)
    agency = models.ForeignKey(
        Agency,
        verbose_name=_("agency created"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="proposals",
    )

    objects = AgencyProposalQuerySet.as_manager()

    class Meta:
        verbose_name = _("proposed agency")
        verbose_name_plural = _("proposed agencies")
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        if self.expansion:
            return f"{self.acronym} ({self.expansion})"
        return self.acronym


class FormerSlugQuerySet(models.QuerySet):
    def slug_now(self, slug: str) -> str | None:
        """The slug now of what was at `slug` before, or None."""
        return self.filter(slug=slug).values_list("owner__slug", flat=True).first()


class FormerSlug(models.Model):
    """A slug an agency, person or meeting had before: its old address
    redirects to the current one (the public pages, articles/views/coverage.py).
    Written by agencies/services.py (slug_moved) when a slug changes; dropped
    when another takes the slug, for a live slug wins."""

    slug = models.SlugField(_("old slug"), max_length=120, unique=True)
    changed_at = models.DateTimeField(_("changed"), default=now)

    objects = FormerSlugQuerySet.as_manager()

    class Meta:
        abstract = True
        verbose_name = _("old address")
        verbose_name_plural = _("old addresses")

    def __str__(self) -> str:
        return self.slug


class AgencySlugHistory(FormerSlug):
    owner = models.ForeignKey(
        Agency,
        on_delete=models.CASCADE,
        related_name="old_slugs",
        verbose_name=_("agency"),
    )


class PersonSlugHistory(FormerSlug):
    owner = models.ForeignKey(
        Person,
        on_delete=models.CASCADE,
        related_name="old_slugs",
        verbose_name=_("person"),
    )


class MeetingSlugHistory(FormerSlug):
    owner = models.ForeignKey(
        Meeting,
        on_delete=models.CASCADE,
        related_name="old_slugs",
        verbose_name=_("meeting"),
    )


class MergedAwayQuerySet(models.QuerySet):
    def successors(self, pks) -> dict:
        """{former id: (its name then, the object kept now)} for those of
        `pks` merged into another (newsroom.history.successors)."""
        rows = self.filter(former_id__in=list(pks)).select_related("into")
        return {row.former_id: (row.name, row.into) for row in rows}


class MergedAway(models.Model):
    """An object merged into another and deleted: its id and name then, and
    the object kept, which is what it is now. Old revisions naming the id
    (a story's people, its tags) read and restore as the object kept.
    Written by the merge, in its transaction; a later merge of the kept
    object moves these rows along (`into` is always the one there now)."""

    former_id = models.BigIntegerField(_("former id"), unique=True)
    name = models.CharField(_("name"), max_length=300)
    merged_at = models.DateTimeField(_("merged"), default=now)

    objects = MergedAwayQuerySet.as_manager()

    class Meta:
        abstract = True

    def __str__(self) -> str:
        return self.name


class MergedPerson(MergedAway):
    """A duplicate person merged into `into` (agencies/services.py
    person_merge)."""

    into = models.ForeignKey(
        Person,
        on_delete=models.CASCADE,
        related_name="merged_away",
        verbose_name=_("merged into"),
    )

    class Meta:
        verbose_name = _("merged person")
        verbose_name_plural = _("merged people")
