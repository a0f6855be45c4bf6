"""Loading the demo newsroom (data.py) the way its staff would write it.

The demo editor saves the agencies and writes and publishes the articles,
the demo reporter writes the draft, readers post the comments and the demo
moderator approves them, each through the apps' services: what is derived
from a write (search vectors, comment counts, revisions of published
stories) comes out as it does in the newsroom itself.

Loading is idempotent and loses nothing: every object is looked up by its
slug (or natural key) and created only when missing, so running it again
neither duplicates anything nor overwrites what editors changed since. Two
exceptions mend a demo loaded before, never an editor's text: an English
name (`<field>_en`, a picture's English credit and alt text) still empty gets
the demo's, and an Indonesian text the demo once wrote in English
(data.WRITTEN_IN_ENGLISH) and still holding it gets the Indonesian.
"""

import io
import random
import secrets
import zlib
from dataclasses import dataclass, field
from datetime import timedelta
from functools import lru_cache
from pathlib import Path
from zoneinfo import ZoneInfo

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db.models import Q
from django.utils import timezone
from PIL import Image, ImageDraw, ImageFont, ImageOps

from agencies.models import (
    Agency,
    AgencyAlias,
    Meeting,
    MeetingAttendance,
    MeetingParticipant,
    MeetingSeries,
    MeetingSession,
    Person,
)
from agencies.services import agency_save
from articles.comment_checks import sign_rendered_at
from articles.intake.services import article_import
from articles.models import Article, AuthorProfile, HomePin, Section
from articles.services import (
    article_publish,
    article_save,
    comment_create,
    comment_moderate,
)
from articles.services.authors import author_profile_save, writer_bylines_refresh
from articles.services.frontpage import home_pin
from newsroom.media.models import Image as LibraryImage
from newsroom.media.services import image_update, image_upload

from .data import (
    AGENCIES,
    ARTICLES,
    ATTENDANCES_4TH_JWG,
    DEMO_ACCOUNTS,
    DEMO_AUTHORS,
    DEMO_COMMENTS,
    DISCUSSED_ARTICLE,
    LOGO_ALT,
    LOGO_ALT_EN,
    MEETING_3RD_JWG,
    MEETING_4TH_JWG,
    MEETING_UPCOMING,
    PARTICIPANTS_4TH_JWG,
    PEOPLE,
    PICTURE_CREDIT,
    PICTURE_CREDIT_EN,
    PINNED_LEAD_EN,
    PORTRAIT_ALT,
    PORTRAIT_ALT_EN,
    POSITIONS_EN,
    SECTIONS,
    SERIES,
    SESSIONS_4TH_JWG,
    STORY_PICTURE_ALT,
    STORY_PICTURE_ALT_EN,
    WRITTEN_IN_ENGLISH,
)

WIRE_COPY = Path(__file__).parent / "wire"

# The demo staff's e-mail addresses (editor@newsroom.example): a domain
# reserved for examples (RFC 2606), so no mail can reach a real inbox.
DEMO_EMAIL_DOMAIN = "newsroom.example"


@dataclass
class DemoAccounts:
    """The demo staff by user name, and what to tell about each account."""

    users: dict = field(default_factory=dict)
    lines: list[str] = field(default_factory=list)


def ensure_demo_accounts() -> DemoAccounts:
    """Create the demo editor, reporter and moderator once, with random passwords
    and e-mail addresses (so the desk's notifications reach them).

    Their groups (roles) come from the migrations articles/0003_roles and
    0006_moderator_role. A password is told only when its account is created;
    existing accounts are left as they are, their addresses too (reset a
    password with `manage.py changepassword NAME`; each person sets their
    address at My notifications).
    """
    groups = {group.name: group for group in Group.objects.all()}
    user_model = get_user_model()
    accounts = DemoAccounts()
    for username, group_name, first_name in DEMO_ACCOUNTS:
        user = user_model.objects.filter(username=username).first()
        if user is None:
            password = secrets.token_urlsafe(12)
            user = user_model.objects.create_user(
                username=username,
                password=password,
                email=f"{username}@{DEMO_EMAIL_DOMAIN}",
                first_name=first_name,
                is_staff=True,
            )
            accounts.lines.append(f"  {username:<10} password: {password}")
        else:
            accounts.lines.append(
                f"  {username:<10} exists (password unchanged; "
                f"reset with: manage.py changepassword {username})"
            )
        user.groups.add(groups[group_name])
        accounts.users[username] = user
    return accounts


# Ranges of the red, green and blue of the demo pictures' colours.
SKY_TOP = ((20, 60), (60, 110), (120, 190))
SKY_LOW = ((180, 230), (150, 200), (120, 170))
PORTRAIT_BACKGROUND = ((150, 220), (160, 220), (170, 230))


@lru_cache(maxsize=64)  # the same drawing for the same seed: drawn once
def demo_photo(*, seed: int, size=(2400, 1600)) -> bytes:
    """A JPEG the size of a camera's photo (2400×1600 by default), with the
    texture of one (grain, light, shapes) so that it weighs what a photo
    does: a street scene of blocks under a sky. No words: a photo has
    none, and a headline drawn in had read in Indonesian on English pages
    and been cut mid-word by the square crops. Drawn, never downloaded."""
    rnd = random.Random(seed)
    width, height = size
    sky_top = tuple(rnd.randrange(low, high) for low, high in SKY_TOP)
    sky_low = tuple(rnd.randrange(low, high) for low, high in SKY_LOW)
    gradient = Image.linear_gradient("L").resize((width, height))
    image = ImageOps.colorize(gradient, black=sky_top, white=sky_low)
    draw = ImageDraw.Draw(image)
    horizon = int(height * 0.62)
    for _ in range(40):  # buildings of every height along the horizon
        left = rnd.randrange(-100, width)
        block_w = rnd.randrange(width // 30, width // 8)
        top = rnd.randrange(int(height * 0.2), horizon)
        shade = rnd.randrange(40, 150)
        draw.rectangle(
            [left, top, left + block_w, height],
            fill=(shade, shade - rnd.randrange(0, 30), shade - rnd.randrange(0, 40)),
        )
    draw.rectangle([0, horizon + height // 6, width, height], fill=(70, 72, 66))
    grain = Image.effect_noise((width, height), 48).convert("RGB")
    image = Image.blend(image, grain, 0.14)
    buffer = io.BytesIO()
    image.save(buffer, format="JPEG", quality=90)
    return buffer.getvalue()


@lru_cache(maxsize=64)  # the same drawing for the same words: drawn once
def demo_logo(acronym: str, *, seed: int) -> bytes:
    """A 400×400 PNG logo: the acronym on a coloured disc."""
    rnd = random.Random(seed)
    image = Image.new("RGB", (400, 400), (255, 255, 255))
    draw = ImageDraw.Draw(image)
    colour = (rnd.randrange(20, 160), rnd.randrange(20, 120), rnd.randrange(60, 180))
    draw.ellipse([12, 12, 388, 388], fill=colour)
    draw.ellipse([40, 40, 360, 360], outline=(255, 255, 255), width=6)
    font = ImageFont.load_default(size=110 if len(acronym) <= 4 else 64)
    draw.text((200, 200), acronym[:6], font=font, fill=(255, 255, 255), anchor="mm")
    buffer = io.BytesIO()
    image.save(buffer, format="PNG", optimize=True)
    return buffer.getvalue()


@lru_cache(maxsize=64)  # the same drawing for the same words: drawn once
def demo_portrait(*, seed: int) -> bytes:
    """A 600×750 JPEG: a grey silhouette of head and shoulders on a tinted
    background (an illustration: the demo has no photos of real people)."""
    rnd = random.Random(seed)
    background = tuple(rnd.randrange(low, high) for low, high in PORTRAIT_BACKGROUND)
    image = Image.new("RGB", (600, 750), background)
    draw = ImageDraw.Draw(image)
    draw.ellipse([60, 470, 540, 900], fill=(70, 74, 82))  # shoulders
    draw.ellipse([190, 170, 410, 430], fill=(92, 96, 104))  # head
    buffer = io.BytesIO()
    image.save(buffer, format="JPEG", quality=88)
    return buffer.getvalue()


def portrait_alt(name: str) -> dict[str, str]:
    """The alt texts, in both languages, of the portrait drawn for `name`."""
    return {
        "alt_text": PORTRAIT_ALT.format(name=name),
        "alt_text_en": PORTRAIT_ALT_EN.format(name=name),
    }


def logo_alt(agency: Agency) -> dict[str, str]:
    """The alt texts, in both languages, of the logo drawn for `agency`: the
    English one names it by its English name (its own, for want of one)."""
    return {
        "alt_text": LOGO_ALT.format(name=agency.name),
        "alt_text_en": LOGO_ALT_EN.format(name=agency.name_en or agency.name),
    }


STORY_PICTURE = {"alt_text": STORY_PICTURE_ALT, "alt_text_en": STORY_PICTURE_ALT_EN}


def english_of(facts: dict) -> dict:
    """The English texts (`<field>_en`) among a model's demo values."""
    return {name: value for name, value in facts.items() if name.endswith("_en")}


def fill_blank(obj, values: dict) -> None:
    """Give `obj` those of `values` whose field is still empty, and save
    those fields only: what an editor wrote stays."""
    blank = [name for name, value in values.items() if value and not getattr(obj, name)]
    for name in blank:
        setattr(obj, name, values[name])
    if blank:
        obj.save(update_fields=blank)


def indonesian_again(obj, fields: tuple[str, ...]) -> None:
    """Give `obj` the Indonesian of those of `fields` that still hold the
    English the demo once wrote there (WRITTEN_IN_ENGLISH), and save those
    fields only: what an editor wrote stays."""
    mended = [name for name in fields if getattr(obj, name) in WRITTEN_IN_ENGLISH]
    for name in mended:
        setattr(obj, name, WRITTEN_IN_ENGLISH[getattr(obj, name)])
    if mended:
        obj.save(update_fields=mended)


class DemoLoader:
    """Writes what is missing of the demo newsroom, as the demo staff
    (`staff`: the users of ensure_demo_accounts(), by user name). Call
    `load()` inside a transaction."""

    def __init__(self, stdout, *, staff: dict):
        self.out = stdout
        self.editor = staff["editor"]
        self.reporter = staff["reporter"]
        self.moderator = staff["moderator"]

    def load(self) -> None:
        sections = self._sections()
        agencies = self._agencies()
        people = self._people(agencies)
        meeting = self._meetings(agencies, people)
        self._articles(sections, agencies, people, meeting)
        self._upcoming_meeting(agencies)
        self._pins()
        self._authors()
        self._pictures_in_english(agencies, people)
        self._wire_copy()
        self._comments()
        self.out.write(
            f"Demo newsroom: {Section.objects.count()} sections, "
            f"{Agency.objects.count()} agencies, {Person.objects.count()} people, "
            f"{Meeting.objects.count()} meetings, {Article.objects.count()} articles."
        )

    def _sections(self) -> dict[str, Section]:
        sections = {}
        for slug, name, description, order, name_en, description_en in SECTIONS:
            english = {"name_en": name_en, "description_en": description_en}
            sections[slug], _ = Section.objects.get_or_create(
                slug=slug,
                defaults={
                    "name": name,
                    "description": description,
                    "order": order,
                    **english,
                },
            )
            fill_blank(sections[slug], english)
        return sections

    def _agencies(self) -> dict[str, Agency]:
        agencies: dict[str, Agency] = {}
        for (
            slug,
            acronym,
            name,
            name_en,
            country,
            kind,
            parent,
            website,
            aliases,
        ) in AGENCIES:
            agency = Agency.objects.filter(slug=slug).first()
            known = set(agency.aliases.values_list("name", flat=True)) if agency else ()
            missing = [AgencyAlias(name=a) for a in aliases if a not in known]
            if agency is None:
                agency = Agency(
                    slug=slug,
                    acronym=acronym,
                    name=name,
                    name_en=name_en,
                    country=country,
                    kind=kind,
                    parent=agencies.get(parent) if parent else None,
                    website=website,
                )
            # A demo loaded before filed all but a few under Other: their own
            # kind now, where it is still that (an editor's choice stays).
            refiled = agency.pk is not None and agency.kind == Agency.Kind.OTHER != kind
            if refiled:
                agency.kind = kind
            # A logo only where none was ever chosen: an editor's stays.
            needs_logo = agency.logo_id is None and not (
                agency.pk and Agency.objects.filter(pk=agency.pk, logo__isnull=False)
            )
            if needs_logo:
                described = logo_alt(agency)
                agency.logo = self._upload(
                    f"logo-{slug}.png",
                    demo_logo(acronym or name, seed=len(slug) * 7),
                    title=described["alt_text"],
                    **described,
                )
            if agency.pk is None or missing or needs_logo or refiled:
                agency_save(agency=agency, user=self.editor, aliases=missing)
            agencies[slug] = agency
        return agencies

    def _people(self, agencies) -> dict[str, Person]:
        people = {}
        for slug, name, position, agency in PEOPLE:
            english = {"position_en": POSITIONS_EN.get(position, "")}
            people[slug], created = Person.objects.get_or_create(
                slug=slug,
                defaults={
                    "name": name,
                    "position": position,
                    "agency": agencies[agency],
                    **english,
                },
            )
            indonesian_again(people[slug], ("position",))
            fill_blank(people[slug], english)
            if created:
                people[slug].portrait = self._upload(
                    f"potret-{slug}.jpg",
                    demo_portrait(seed=len(slug)),
                    title=f"Potret {name} (ilustrasi)",
                    **portrait_alt(name),
                )
                people[slug].save(update_fields=["portrait"])
        return people

    def _meetings(self, agencies, people) -> Meeting:
        series, _ = MeetingSeries.objects.get_or_create(
            slug=SERIES["slug"],
            defaults={k: v for k, v in SERIES.items() if k != "slug"},
        )
        fill_blank(series, english_of(SERIES))
        earlier = dict(MEETING_3RD_JWG)
        jwg3, _ = Meeting.objects.get_or_create(
            slug=earlier.pop("slug"), defaults={**earlier, "series": series}
        )
        fill_blank(jwg3, english_of(earlier))
        facts = dict(MEETING_4TH_JWG)
        meeting, created = Meeting.objects.get_or_create(
            slug=facts.pop("slug"),
            defaults={**facts, "series": series, "host": agencies[facts["host"]]},
        )
        fill_blank(meeting, english_of(facts))
        if not created:
            self._meeting_english(meeting)
            return meeting
        sessions = enumerate(SESSIONS_4TH_JWG, start=1)
        for order, (title, summary, title_en, summary_en) in sessions:
            MeetingSession.objects.get_or_create(
                meeting=meeting,
                order=order,
                defaults={
                    "title": title,
                    "summary": summary,
                    "title_en": title_en,
                    "summary_en": summary_en,
                },
            )
        for slug, role in PARTICIPANTS_4TH_JWG:
            agency = agencies[slug]
            MeetingParticipant.objects.get_or_create(
                meeting=meeting,
                agency=agency,
                defaults={"role": role, "country": agency.country},
            )
        for order, (slug, role, position, agency) in enumerate(
            ATTENDANCES_4TH_JWG, start=1
        ):
            MeetingAttendance.objects.get_or_create(
                meeting=meeting,
                person=people[slug],
                role=role,
                defaults={
                    "position_held": position,
                    "position_held_en": POSITIONS_EN.get(position, ""),
                    "agency": agencies[agency],
                    "order": order,
                },
            )
        return meeting

    def _meeting_english(self, meeting) -> None:
        """The English of the agenda and of the positions held, where a
        meeting loaded before they had one still lacks it."""
        titles = dict(enumerate(SESSIONS_4TH_JWG, start=1))
        for session in meeting.sessions.all():
            indonesian_again(session, ("title",))
            row = titles.get(session.order)
            # Only a session still as the demo wrote it: an editor's is theirs.
            if row is not None and session.title == row[0]:
                fill_blank(session, {"title_en": row[2], "summary_en": row[3]})
        for attendance in meeting.attendances.all():
            indonesian_again(attendance, ("position_held",))
            english = POSITIONS_EN.get(attendance.position_held, "")
            fill_blank(attendance, {"position_held_en": english})

    def _wire_copy(self) -> None:
        """Drafts imported from wire copy by the reporter, as the desk gets
        them every day (newsroom/demo/wire/): waiting for an editor, with
        their links recognised. A text imported before is not imported again."""
        for path in sorted(WIRE_COPY.glob("*.txt")):
            result = article_import(
                name=path.name, data=path.read_bytes(), user=self.reporter
            )
            if result.status == "refused":
                raise ValueError(result.error)

    def _articles(self, sections, agencies, people, meeting) -> None:
        for demo in ARTICLES:
            if Article.objects.filter(slug=demo.slug).exists():
                continue
            original = (
                Article.objects.filter(slug=demo.translation_of).first()
                if demo.translation_of
                else None
            )
            article = Article(
                slug=demo.slug,
                title=demo.title,
                dek=demo.dek,
                body=demo.body,
                section=sections[demo.section],
                language=demo.language,
                dateline=demo.dateline,
                byline=demo.byline,
                editor_name=demo.editor_name,
                source_name="bnpt.go.id",
                source_url="https://www.bnpt.go.id",
                meeting=meeting,
                is_featured=demo.is_featured,
                translation_of=original,
            )
            if original is not None and original.featured_image_id:
                article.featured_image_id = original.featured_image_id
                self._describe_in_english(original.featured_image, demo)
            elif demo.with_image:
                article.featured_image = self._article_picture(demo)
            article_save(
                article=article,
                user=self.reporter if demo.draft else self.editor,
                tags=demo.tags,
                agencies=[agencies[slug] for slug in demo.agencies],
                people=[people[slug] for slug in demo.people],
            )
            if demo.draft:
                continue
            published_at = (
                timezone.now() - timedelta(days=1) if demo.recent else demo.published_at
            )
            article_publish(article=article, user=self.editor, at=published_at)
            # Archive stories: last revised when they were published.
            Article.objects.filter(pk=article.pk).update(updated_at=published_at)

    def _upcoming_meeting(self, agencies) -> None:
        """A meeting to come, for the home page's agenda, dated from today."""
        facts = dict(MEETING_UPCOMING)
        slug, host = facts.pop("slug"), agencies[facts.pop("host")]
        days, hour = facts.pop("days_ahead"), facts.pop("hour")
        local = timezone.localtime(timezone=ZoneInfo(facts["timezone"]))
        start = (local + timedelta(days=days)).replace(
            hour=hour, minute=0, second=0, microsecond=0
        )
        Meeting.objects.get_or_create(
            slug=slug,
            defaults={
                **facts,
                "host": host,
                "country": host.country,
                "start": start,
                "end": start + timedelta(hours=2),
            },
        )

    def _pins(self) -> None:
        """The desk's pin on the English edition's home page, once: an editor
        who ended or moved it is not overruled."""
        article = Article.objects.filter(slug=PINNED_LEAD_EN).first()
        if article is None or HomePin.objects.filter(article=article).exists():
            return
        home_pin(article=article, slot=HomePin.Slot.LEAD, user=self.editor)

    def _authors(self) -> None:
        """The demo editor's and reporter's author pages (with a drawn
        portrait), and the demo stories' author where none is set: the
        editor. What an editor changed on a profile stays."""
        staff = {"editor": self.editor, "reporter": self.reporter}
        for username, facts in DEMO_AUTHORS.items():
            user = staff[username]
            profile = AuthorProfile.objects.filter(user=user).first()
            created = profile is None
            if created:  # through the service: her stories then credit her
                profile = author_profile_save(
                    profile=AuthorProfile(user=user, **facts), user=self.editor
                )
            fill_blank(profile, english_of(facts))
            if created:
                profile.photo = self._upload(
                    f"penulis-{profile.slug}.jpg",
                    demo_portrait(seed=len(profile.slug) + 7),
                    title=f"Potret {profile.name} (ilustrasi)",
                    **portrait_alt(profile.name),
                )
                profile.save(update_fields=["photo"])
        Article.objects.filter(
            slug__in=[demo.slug for demo in ARTICLES], created_by__isnull=True
        ).update(created_by=self.editor)
        # Which of them credit their writer follows the writer just set.
        writer_bylines_refresh(writer=self.editor)

    def _upload(self, name: str, data: bytes, **described):
        """A picture added to the media library as the editor adds one:
        through image_upload, so that its renditions exist."""
        return image_upload(
            file=SimpleUploadedFile(name, data),
            user=self.editor,
            credit=PICTURE_CREDIT,
            credit_en=PICTURE_CREDIT_EN,
            source="Digambar oleh Newsroom (demo)",
            **described,
        )

    def _pictures_in_english(self, agencies, people) -> None:
        """The English credit and alt text of the demo's pictures uploaded
        before they had them, in one change (one revision) a picture: where
        the Indonesian is still the demo's and the English still empty. A
        credit or alt text an editor changed or translated stays."""
        profiles = AuthorProfile.objects.filter(
            slug__in=[facts["slug"] for facts in DEMO_AUTHORS.values()]
        )
        described = [
            STORY_PICTURE,
            *(logo_alt(agency) for agency in agencies.values()),
            *(portrait_alt(person.name) for person in people.values()),
            *(portrait_alt(profile.name) for profile in profiles),
        ]
        alt_en = {alt["alt_text"]: alt["alt_text_en"] for alt in described}
        untranslated = LibraryImage.objects.filter(
            Q(credit=PICTURE_CREDIT, credit_en="")
            | Q(alt_text__in=alt_en, alt_text_en="")
        )
        for image in untranslated:
            english = {}
            if image.credit == PICTURE_CREDIT and not image.credit_en:
                english["credit_en"] = PICTURE_CREDIT_EN
            if image.alt_text in alt_en and not image.alt_text_en:
                english["alt_text_en"] = alt_en[image.alt_text]
            image_update(image=image, user=self.editor, **english)

    def _describe_in_english(self, image, translation) -> None:
        """The English caption and alt text of a picture a translation shares
        with its original, as the desk adds them; never over an editor's."""
        english = {
            "caption_en": f"Illustration for “{translation.title}”.",
            "alt_text_en": STORY_PICTURE_ALT_EN,
        }
        blank = {
            name: text for name, text in english.items() if not getattr(image, name)
        }
        if blank:
            image_update(image=image, user=self.editor, **blank)

    def _article_picture(self, demo):
        # The lead story's picture is photo-sized, as a reporter's would be.
        size = (2400, 1600) if demo.is_featured else (1600, 1067)
        english = demo.language == "en"
        # A picture of its own for each story (the seed: its slug's CRC).
        data = demo_photo(seed=zlib.crc32(demo.slug.encode()), size=size)
        # Described in both languages, as every picture the English edition
        # may show; a story written in English has its caption in English
        # too (the English fields its page shows), as the desk would.
        caption_en = f"Illustration for “{demo.title}”."
        captioned = {"caption_en": caption_en} if english else {}
        return self._upload(
            f"{demo.slug}.jpg",
            data,
            title=demo.title[:200],
            caption=f"Ilustrasi untuk “{demo.title}”.",
            **STORY_PICTURE,
            **captioned,
        )

    def _comments(self) -> None:
        """A short discussion under the recent story, one comment still
        queued: posted as readers post, approved by the demo moderator."""
        article = Article.objects.filter(slug=DISCUSSED_ARTICLE).first()
        if article is None or article.comments.exists():
            return
        posted = []
        for name, email, text, status, reply_to in DEMO_COMMENTS:
            result = comment_create(
                article=article,
                text=text,
                author_name=name,
                author_email=email,
                parent=posted[reply_to] if reply_to is not None else None,
                ip=None,
                # Each reader took a couple of minutes over the form.
                form_token=sign_rendered_at(timezone.now() - timedelta(minutes=2)),
            )
            comment = result.comment
            if status == "approved":
                comment_moderate(
                    comments=[comment], action="approve", moderator=self.moderator
                )
                comment.refresh_from_db()  # public now: it can be replied to
            posted.append(comment)
