"""Shared fixtures, built on the facts of the sample report on the 4th
Philippines-Indonesia Joint Working Group on Combating International
Terrorism (BNPT, 24 March 2022)."""

import datetime as dt
import functools
import io
from importlib import import_module
from zoneinfo import ZoneInfo

import pytest
from django.contrib.auth.models import Group, Permission
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.db.migrations.loader import MigrationLoader
from django.test import Client
from django.utils import timezone
from django_ratelimit.core import _get_window
from hypothesis import settings as hypothesis_settings
from PIL import Image

from agencies.models import Agency, Meeting, MeetingAttendance, MeetingParticipant
from articles.models import Article
from tests import quick_flush
from tests.agencies.factories import (
    JWG4_SESSION_TITLES,
    AgencyAliasFactory,
    AgencyFactory,
    MeetingAttendanceFactory,
    MeetingFactory,
    MeetingParticipantFactory,
    MeetingSeriesFactory,
    MeetingSessionFactory,
    PersonFactory,
)
from tests.articles.factories import ArticleFactory, SectionFactory

# Property-based tests are checked for what they find, not for how fast a
# case runs: on CI's two loaded cores a first case took 353 ms against
# Hypothesis's 200 ms deadline and failed as "flaky". (Speed is the
# benchmark's, `make bench`.)
hypothesis_settings.register_profile("newsroom", deadline=None)
hypothesis_settings.load_profile("newsroom")

JAKARTA = ZoneInfo("Asia/Jakarta")


def pytest_configure(config):
    # WhiteNoise warns on every request when collectstatic has not run yet.
    config.addinivalue_line("filterwarnings", "ignore:No directory at:UserWarning")
    quick_flush.install()
    _resolvers_per_default_language()


def _resolvers_per_default_language():
    """The URL resolver kept apart for each default language (LANGUAGE_CODE).

    The resolver remembers its reversed URLs with the language prefix baked
    in, and which language goes unprefixed is the default's: a test that
    changes the default (`english`) needs a resolver of its own. Emptying
    Django's cache around each such test made every test after it populate
    the whole resolver again (25 ms of CPU a time, a fifth of an English module's
    time); each default's resolver is now made once per process.
    `clear_url_caches()` still empties them all.
    """
    from django.conf import settings
    from django.urls import base, resolvers

    @functools.cache
    def resolver(urlconf, default_language):
        return resolvers.URLResolver(resolvers.RegexPattern(r"^/"), urlconf)

    def cached_resolver(urlconf=None):
        return resolver(urlconf, settings.LANGUAGE_CODE)

    cached_resolver.cache_clear = resolver.cache_clear
    resolvers._get_cached_resolver = base._get_cached_resolver = cached_resolver


# Passwords hashed in a microsecond (tests/newsroom/conftest.py uses it too).
FAST_PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def fast_password_hasher(settings):
    settings.PASSWORD_HASHERS = FAST_PASSWORD_HASHERS


@pytest.fixture
def media_root(settings, tmp_path):
    """Uploads go to a temporary directory that disappears after the test."""
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


def make_png(name="photo.png", size=(8, 6)):
    """A tiny but valid PNG, as an uploaded file."""
    buffer = io.BytesIO()
    Image.new("RGB", size, color=(200, 30, 30)).save(buffer, format="PNG")
    return SimpleUploadedFile(name, buffer.getvalue(), content_type="image/png")


@pytest.fixture
def png():
    return make_png()


@pytest.fixture
def editor(django_user_model):
    """A desk editor: staff, with every permission on articles and agencies."""
    user = django_user_model.objects.create_user(
        username="redaksi", password="correct horse battery", is_staff=True
    )
    user.user_permissions.set(
        Permission.objects.filter(content_type__app_label__in=["articles", "agencies"])
    )
    return user


@pytest.fixture
def editor_client(client, editor):
    client.force_login(editor)
    return client


@pytest.fixture
def agencies(db):
    """The agencies the sample report names, by acronym."""
    indonesian = [
        (
            "BNPT",
            "Badan Nasional Penanggulangan Terorisme",
            "National Counter Terrorism Agency",
            Agency.Kind.OTHER,
        ),
        (
            "BIN",
            "Badan Intelijen Negara",
            "State Intelligence Agency",
            Agency.Kind.INTELLIGENCE,
        ),
        (
            "PPATK",
            "Pusat Pelaporan dan Analisis Transaksi Keuangan",
            "Indonesian Financial Transaction Reports and Analysis Centre",
            Agency.Kind.FIU,
        ),
        (
            "BSSN",
            "Badan Siber dan Sandi Negara",
            "National Cyber and Crypto Agency",
            Agency.Kind.OTHER,
        ),
        (
            "KBRI Manila",
            "Kedutaan Besar Republik Indonesia di Manila",
            "Embassy of Indonesia in Manila",
            Agency.Kind.EMBASSY,
        ),
    ]
    philippine = [
        (
            "NICA",
            "National Intelligence Coordinating Agency",
            "",
            Agency.Kind.INTELLIGENCE,
        ),
        ("AMLC", "Anti-Money Laundering Council", "", Agency.Kind.FIU),
    ]
    found = {}
    for country, rows in (("ID", indonesian), ("PH", philippine)):
        for acronym, name, name_en, kind in rows:
            found[acronym] = AgencyFactory(
                acronym=acronym,
                name=name,
                name_en=name_en,
                kind=kind,
                country=country,
                slug=acronym.lower().replace(" ", "-"),
            )
    AgencyAliasFactory(agency=found["PPATK"], name="INTRAC")
    return found


@pytest.fixture
def bnpt(agencies):
    return agencies["BNPT"]


@pytest.fixture
def officials(agencies):
    """The three officials who spoke at the opening, by surname."""
    return {
        "Amar": PersonFactory(
            name="Boy Rafli Amar",
            slug="boy-rafli-amar",
            position="Head of BNPT",
            agency=agencies["BNPT"],
        ),
        "Chrisnayudhanto": PersonFactory(
            name="Andhika Chrisnayudhanto",
            slug="andhika-chrisnayudhanto",
            position="BNPT Deputy for International Cooperation",
            agency=agencies["BNPT"],
        ),
        "Carlos": PersonFactory(
            name="Damian L. Carlos",
            slug="damian-l-carlos",
            position="Deputy Director General for Counter-Terrorism",
            agency=None,
        ),
    }


@pytest.fixture
def jwg_series(db):
    return MeetingSeriesFactory(
        name="Philippines-Indonesia Joint Working Group on Combating "
        "International Terrorism",
        short_name="JWG PH-ID",
        slug="jwg-philippines-indonesia",
    )


@pytest.fixture
def jwg3(jwg_series):
    """The 3rd meeting: the report only says September 2019, the day is ours."""
    return MeetingFactory(
        series=jwg_series,
        number=3,
        title="3rd Philippines-Indonesia JWG on Combating International Terrorism",
        slug="3rd-jwg-philippines-indonesia",
        start=dt.datetime(2019, 9, 17, 9, 0, tzinfo=JAKARTA),
        end=None,
    )


@pytest.fixture
def jwg4(jwg_series, jwg3, agencies, officials):
    """The 4th meeting, complete: seven sessions, two delegations, three people.

    The report gives the date and the length (four hours); the start time is ours.
    """
    start = dt.datetime(2022, 3, 24, 9, 0, tzinfo=JAKARTA)
    meeting = MeetingFactory(
        series=jwg_series,
        number=4,
        title="4th Philippines-Indonesia JWG on Combating International Terrorism",
        slug="4th-jwg-philippines-indonesia",
        format=Meeting.Format.HYBRID,
        start=start,
        end=start + dt.timedelta(hours=4),
        host=agencies["BNPT"],
        summary="A yearly bilateral meeting to share intelligence on terrorism, "
        "the first since the 3rd meeting of September 2019.",
    )
    for order, title in enumerate(JWG4_SESSION_TITLES, start=1):
        MeetingSessionFactory(meeting=meeting, order=order, title=title)
    roles = MeetingParticipant.Role
    for acronym, role in [
        ("BNPT", roles.HOST),
        ("BIN", roles.MEMBER),
        ("PPATK", roles.MEMBER),
        ("BSSN", roles.MEMBER),
        ("KBRI Manila", roles.MEMBER),
        ("NICA", roles.HEAD_OF_DELEGATION),
        ("AMLC", roles.MEMBER),
    ]:
        MeetingParticipantFactory(meeting=meeting, agency=agencies[acronym], role=role)
    said = MeetingAttendance.Role
    for order, (surname, role) in enumerate(
        [
            ("Amar", said.OPENED),
            ("Chrisnayudhanto", said.OPENING_REMARKS),
            ("Carlos", said.LED_DELEGATION),
        ]
    ):
        person = officials[surname]
        MeetingAttendanceFactory(
            meeting=meeting,
            person=person,
            role=role,
            position_held=person.position,
            order=order,
        )
    return meeting


@pytest.fixture
def section(db):
    return SectionFactory(name="International cooperation", slug="international")


JWG4_BODY = """\
Indonesia's counter-terrorism agency BNPT and a delegation from the Philippines
met on Thursday for the _4th Joint Working Group on Combating International
Terrorism_, partly in person and partly online.

It was the first meeting of the group since its 3rd session in September 2019.
The two countries meet once a year to exchange intelligence on terrorist
networks.

BNPT head Boy Rafli Amar opened the four-hour meeting. Andhika Chrisnayudhanto,
BNPT's deputy for international cooperation, and Damian L. Carlos, who led the
Philippine delegation, gave opening remarks.

Seven sessions followed, from threat assessments and border control to
_police-to-police_ cooperation and cyberspace.
"""


@pytest.fixture
def jwg4_article(section, jwg4, agencies, officials):
    return ArticleFactory(
        title="Indonesia and the Philippines meet again on terrorism",
        slug="indonesia-philippines-jwg-terrorism",
        dek="BNPT hosts the 4th Joint Working Group, two and a half years after "
        "the 3rd.",
        body=JWG4_BODY,
        language=Article.Language.ENGLISH,
        section=section,
        meeting=jwg4,
        source_name="bnpt.go.id",
        source_url="https://bnpt.go.id/",
        editor_name="Redaksi",
        published_at=dt.datetime(2022, 3, 24, 19, 0, tzinfo=JAKARTA),
        tags=["counter-terrorism", "Philippines"],
        agencies=list(agencies.values()),
        people=list(officials.values()),
    )


@pytest.fixture
def staff_in(django_user_model):
    """Make a staff user in one of the roles the roles migration creates."""

    def make(group: str, username: str | None = None):
        user = django_user_model.objects.create_user(
            username=username or group.lower(), password="x", is_staff=True
        )
        user.groups.add(Group.objects.get(name=group))
        return user

    return make


@pytest.fixture
def reporter(staff_in):
    return staff_in("Reporter")


@pytest.fixture
def desk_editor(staff_in):
    """A user in the Editor group (as opposed to `editor`, made of permissions)."""
    return staff_in("Editor", "desk-editor")


@pytest.fixture
def moderator(staff_in):
    return staff_in("Moderator")


@pytest.fixture
def moderator_client(client, moderator):
    """The test client logged in as a member of the Moderator group."""
    client.force_login(moderator)
    return client


@pytest.fixture(autouse=True)
def writes_commit_for_the_cache(monkeypatch):
    """A test's own transaction never commits, so the page cache's bumps
    (newsroom/cachetags.py) would never run: run them when only the test's
    transaction is open, as a commit would; inside a transaction a test opens
    itself, still after that one commits."""
    from django.db import connection, transaction

    from newsroom import cachetags

    def after_commit(action):
        if all(getattr(b, "_from_testcase", False) for b in connection.atomic_blocks):
            action()
        else:
            transaction.on_commit(action, robust=True)

    monkeypatch.setattr(cachetags, "after_commit", after_commit)


@pytest.fixture
def navigation_read(db):
    """Puts the navigation's sections in the cache (newsroom/cachetags.py), as
    any first page does; tests comparing the queries of two pages call it
    after making their data (a new section empties it again). Read once now."""
    from newsroom.context_processors import navigation_sections

    navigation_sections()
    return navigation_sections


@pytest.fixture(autouse=True)
def no_readers_remembered():
    """Each test's reads of a story count from the first (articles/reads.py
    remembers its readers in the process)."""
    from articles import reads

    reads.forget_readers()
    yield
    reads.forget_readers()


@pytest.fixture(autouse=True)
def empty_cache():
    """Rate limits and cached pages start from nothing in every test."""
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def english(settings):
    """The interface in English, as for a reader who chose it: for tests that
    read the interface's English wording (the site's default is Indonesian).
    The unprefixed addresses are then the English edition's, reversed by the
    URL resolver kept for that default (_resolvers_per_default_language)."""
    settings.LANGUAGE_CODE = "en"


class Clock:
    """A fake clock for Django's timezone.now and the rate limiter's time."""

    def __init__(self):
        self.now = timezone.now()

    def advance(self, **delta):
        self.now += dt.timedelta(**delta)

    def time(self):
        return self.now.timestamp()

    def start_of_window(self, value: str, seconds: int) -> None:
        """Move to the second a rate-limit window of `value` (a key's value)
        and `seconds` begins: django-ratelimit counts in fixed windows, each
        key's at its own phase, and this clock starts at the real time, so
        a test's second attempt a second later could fall in the next window
        and be counted as a first."""
        window_end = _get_window(value, seconds)  # read at this clock's time
        self.now = dt.datetime.fromtimestamp(window_end - seconds + 1, tz=dt.UTC)


@pytest.fixture
def clock(monkeypatch):
    """Time that moves only when a test says so (no sleeping)."""
    fake = Clock()
    monkeypatch.setattr("django.utils.timezone.now", lambda: fake.now)
    monkeypatch.setattr("django_ratelimit.core.time.time", fake.time)
    return fake


@pytest.fixture
def roles(transactional_db):
    """The Reporter, Editor and Moderator groups, as the migrations make them
    (with their permissions on the media library).

    live_server's tests run on a transactional database that is emptied after
    each test, groups included, so the migrations' own functions put them back.
    """
    apps, functions = _role_migrations()
    for function in functions:
        function(apps, None)


@functools.cache
def _role_migrations():
    """The migrations' models and their functions that make the roles, read
    once per test process (0.35 s each time: every migration is loaded).
    The functions read content types afresh (create_permissions clears the
    models' cache), so the same models serve each emptied database."""
    loader = MigrationLoader(connection)
    functions = [
        getattr(import_module(loader.get_migration(app, name).__module__), function)
        for app, name, function in [
            ("articles", "0003_roles", "create_roles"),
            ("articles", "0006_moderator_role", "grant"),
            ("media", "0002_roles", "grant"),
        ]
    ]
    return loader.project_state().apps, functions


# Two editors at one form (the edit-lock tests of tests/newsroom and
# tests/agencies/test_admin_concurrent_rows).


@pytest.fixture
def editor_a(desk_editor):
    desk_editor.first_name, desk_editor.last_name = "Ayu", "Lestari"
    desk_editor.save()
    return desk_editor


@pytest.fixture
def tabs(editor_a, editor):
    """Editor A's and editor B's browsers."""
    a, b = Client(), Client()
    a.force_login(editor_a)
    b.force_login(editor)
    return a, b


@pytest.fixture
def own_tabs(editor_a):
    """Editor A's two tabs: one person, two pages of the same object."""
    first, second = Client(), Client()
    first.force_login(editor_a)
    second.force_login(editor_a)
    return first, second


def _content_types_read():
    """Every model's content type in the process's cache, as in a running
    server after its first page (one query a process). A count of a page's
    queries is that page's own: the first test of a process to load an
    article page counted one query more than the others (ArticleQuerySet's
    tags, read by content type), so a count could pass or fail by the order
    pytest-xdist gave the tests."""
    from django.apps import apps
    from django.contrib.contenttypes.models import ContentType

    ContentType.objects.get_for_models(*apps.get_models())


@pytest.fixture
def django_assert_num_queries(django_assert_num_queries):
    def counted(*args, **kwargs):
        _content_types_read()
        return django_assert_num_queries(*args, **kwargs)

    return counted


@pytest.fixture
def django_assert_max_num_queries(django_assert_max_num_queries):
    def counted(*args, **kwargs):
        _content_types_read()
        return django_assert_max_num_queries(*args, **kwargs)

    return counted


# Who else has a form open (tests/newsroom/presence_pages.py): editors with
# names, and the newsroom's clock at a known minute.
@pytest.fixture
def editor_named(staff_in):
    def make(username, first_name, last_name=""):
        user = staff_in("Editor", username)
        user.first_name, user.last_name = first_name, last_name
        user.save()
        return user

    return make


@pytest.fixture
def at_ten_past(time_machine):
    """The newsroom's clock at 10:02 today, moving on from there."""
    moment = dt.datetime.combine(
        timezone.localdate(), dt.time(10, 2), tzinfo=timezone.get_current_timezone()
    )
    time_machine.move_to(moment, tick=True)
    return time_machine


@pytest.fixture
def ayu(editor_named):
    return editor_named("ayu", "Ayu", "Lestari")


@pytest.fixture
def budi(editor_named):
    return editor_named("budi", "Budi", "Santoso")
