"""The newsroom in Indonesian (the default) and English: the interface in
each edition (the address decides, never the browser or a cookie), dates and
times, and the translation files."""

import datetime as dt
import re
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from babel.messages.extract import DEFAULT_KEYWORDS, extract_from_dir
from babel.messages.pofile import read_po
from django.conf import settings
from django.template import Context, RequestContext, Template
from django.template.loader import render_to_string
from django.utils import formats, translation
from django_countries import countries

from tests.agencies.factories import MeetingFactory
from tests.articles.factories import ArticleFactory

JAKARTA = ZoneInfo("Asia/Jakarta")
MANILA = ZoneInfo("Asia/Manila")
THURSDAY_2PM = dt.datetime(2022, 3, 24, 14, 0, tzinfo=JAKARTA)

INDONESIAN_PO = Path(settings.BASE_DIR) / "locale" / "id" / "LC_MESSAGES" / "django.po"


def text(response):
    return response.content.decode()


@pytest.fixture
def front_page_story(db):
    """A lead story and one more: the front page's top stories."""
    ArticleFactory(title="BNPT dan NICA bertukar data intelijen")
    return ArticleFactory(title="Indonesia dan Filipina bertemu lagi")


# The interface in both languages


def test_the_public_site_speaks_indonesian_by_default(client, front_page_story):
    page = text(client.get("/"))
    assert '<html lang="id">' in page
    assert "Berita utama" in page
    assert ">Pertemuan</a>" in page and ">Lembaga</a>" in page
    assert "Top stories" not in page


def test_the_english_edition_speaks_english(client, front_page_story):
    # A lead story and one more in English, for the top stories.
    ArticleFactory(title="BNPT and NICA share intelligence", language="en")
    ArticleFactory(title="Indonesia and the Philippines meet again", language="en")
    page = text(client.get("/en/"))
    assert '<html lang="en">' in page
    assert "Top stories" in page
    assert ">Meetings</a>" in page and ">Agencies</a>" in page
    assert "Berita utama" not in page


def test_a_language_cookie_does_not_change_an_indonesian_address(
    client, front_page_story
):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    page = text(client.get("/"))
    assert '<html lang="id">' in page
    assert "Berita utama" in page and "Top stories" not in page


def test_a_browser_asking_for_english_still_gets_the_indonesian_address_in_indonesian(
    client, front_page_story
):
    response = client.get("/meetings/", HTTP_ACCEPT_LANGUAGE="en-GB,en;q=0.8")
    assert '<html lang="id">' in text(response)
    assert "Pertemuan antarlembaga pemerintah yang akan datang" in text(response)
    assert response["Content-Language"] == "id"
    assert "Accept-Language" not in response.get("Vary", "")


def test_a_browser_asking_for_a_language_we_lack_gets_indonesian(client, db):
    page = text(client.get("/meetings/", HTTP_ACCEPT_LANGUAGE="fr-FR,fr;q=0.9"))
    assert '<html lang="id">' in page
    assert "Pertemuan antarlembaga pemerintah yang akan datang" in page


# Switching language


def test_the_old_switch_sends_the_reader_to_the_english_edition(client, db):
    response = client.post(
        "/i18n/setlang/", {"language": "en", "next": "/meetings/?page=2"}
    )
    assert response.status_code == 302
    assert response["Location"] == "/en/meetings/?page=2"
    assert '<html lang="en">' in text(client.get(response["Location"]))


def test_the_old_switch_sends_the_reader_back_to_the_indonesian_edition(client, db):
    response = client.post(
        "/i18n/setlang/", {"language": "id", "next": "/en/agencies/"}
    )
    assert response["Location"] == "/agencies/"
    assert '<html lang="id">' in text(client.get("/agencies/"))


@pytest.mark.parametrize(
    "next_url",
    [
        "https://evil.example/",
        "//evil.example/",
        "/\\evil.example/",
        "javascript:alert(1)",
    ],
)
def test_the_switch_refuses_to_send_the_reader_to_another_site(client, db, next_url):
    response = client.post("/i18n/setlang/", {"language": "en", "next": next_url})
    assert response["Location"] in {"/", "/en/"}


def test_an_indonesian_prefix_never_leads_to_another_site(client, db):
    response = client.get("/id//evil.example/")
    assert response.status_code == 301
    assert response["Location"] == "/evil.example/"


def test_the_switcher_links_to_this_page_in_the_other_edition(rf, db):
    request = rf.get("/meetings/?page=2")
    with translation.override("id"):
        html = Template("{% load edition_tags %}{% language_switcher %}").render(
            RequestContext(request)
        )
    assert "<form" not in html and "csrfmiddlewaretoken" not in html
    indonesian = (
        html.split('hreflang="id"')[0].split("<a ")[-1]
        + html.split('hreflang="id"')[1].split("</a>")[0]
    )
    english = (
        html.split('hreflang="en"')[0].split("<a ")[-1]
        + html.split('hreflang="en"')[1].split("</a>")[0]
    )
    assert 'href="/meetings/"' in indonesian and 'aria-current="true"' in indonesian
    assert "Bahasa Indonesia" in indonesian
    # The other edition's same list, from its first page.
    assert 'href="/en/meetings/"' in english and "English" in english
    assert 'aria-current="true"' not in english and 'lang="en"' in english


# Dates and times


@pytest.mark.parametrize(
    "language, datetime, date, time",
    [
        ("id", "Kamis, 24 Maret 2022 14.00 WIB", "Kamis, 24 Maret 2022", "14.00"),
        (
            "en",
            "Thursday, 24 March 2022, 14:00 WIB",
            "Thursday, 24 March 2022",
            "14:00",
        ),
    ],
)
def test_dates_read_naturally_in_each_language(language, datetime, date, time):
    with translation.override(language):
        assert formats.date_format(THURSDAY_2PM, "DATETIME_FORMAT") == datetime
        assert formats.date_format(THURSDAY_2PM, "DATE_FORMAT") == date
        assert formats.time_format(THURSDAY_2PM, "TIME_FORMAT") == time


@pytest.mark.parametrize(
    "language, expected",
    [
        ("id", "Kamis, 24 Maret 2022 14.00 WIB"),
        ("en", "Thursday, 24 March 2022, 14:00 WIB"),
    ],
)
def test_the_date_filter_shows_jakarta_time_whatever_the_stored_zone(
    language, expected
):
    in_manila = THURSDAY_2PM.astimezone(MANILA)  # 15:00 in Manila
    template = Template('{{ when|date:"DATETIME_FORMAT" }}')
    with translation.override(language):
        assert template.render(Context({"when": in_manila})) == expected


@pytest.fixture
def manila_meeting(db):
    """A one-hour meeting in Manila at 15.00 local time, 14.00 in Jakarta."""
    return MeetingFactory(
        title="Courtesy call at the Philippine National Police",
        slug="courtesy-call-pnp",
        start=THURSDAY_2PM,
        end=THURSDAY_2PM + dt.timedelta(hours=1),
        timezone="Asia/Manila",
        city="Manila",
    )


def when(page):
    return page.split('<span class="when">')[1].split("</span></span>")[0]


def test_a_meeting_abroad_shows_jakarta_time_and_its_local_time(client, manila_meeting):
    shown = when(text(client.get(manila_meeting.get_absolute_url())))
    assert ">Kamis, 24 Maret 2022 14.00</time>–" in shown
    assert ">15.00</time>&nbsp;WIB" in shown
    assert "(15.00–16.00 waktu Manila)" in shown
    assert shown.count("WIB") == 1


def test_a_meeting_abroad_in_english(client, manila_meeting):
    shown = when(text(client.get("/en/meetings/courtesy-call-pnp/")))
    assert ">Thursday, 24 March 2022, 14:00</time>–" in shown
    assert ">15:00</time>&nbsp;WIB" in shown
    assert "(15:00–16:00 Manila time)" in shown


def test_a_meeting_abroad_without_an_end_names_the_local_time(rf, manila_meeting):
    manila_meeting.end = None
    with translation.override("id"):
        html = render_to_string(
            "includes/meeting_when.html", {"meeting": manila_meeting}
        )
    assert "Kamis, 24 Maret 2022 14.00 WIB</time>" in html
    assert "(15.00 waktu Manila)" in html


def test_a_local_time_on_another_day_gives_the_day(manila_meeting):
    manila_meeting.start = dt.datetime(2022, 3, 24, 23, 30, tzinfo=JAKARTA)
    manila_meeting.end = None
    manila_meeting.city = ""
    with translation.override("en"):
        html = render_to_string(
            "includes/meeting_when.html", {"meeting": manila_meeting}
        )
    assert "Thursday, 24 March 2022, 23:30 WIB</time>" in html
    assert "(Friday, 25 March 2022, 00:30 local time)" in html


def test_a_meeting_in_jakarta_time_shows_one_time(client, jwg4):
    shown = when(text(client.get(jwg4.get_absolute_url())))
    assert ">Kamis, 24 Maret 2022 09.00</time>–" in shown
    assert ">13.00</time>&nbsp;WIB" in shown
    assert "waktu" not in shown


# The admin


def test_the_admin_index_names_our_apps_and_models_in_indonesian(editor_client):
    page = text(editor_client.get("/admin/"))
    assert '<html lang="id"' in page
    for label in [
        "Lembaga dan pertemuan",
        "Seri pertemuan",
        "Artikel",
        "Rubrik",
        "Profil penulis",
    ]:
        assert label in page, label
    assert "Agencies and meetings" not in page


def test_the_admin_change_form_labels_fields_in_indonesian(editor_client):
    page = text(editor_client.get("/admin/agencies/meeting/add/"))
    assert "Zona waktu setempat" in page
    assert "Zona waktu tempat pertemuan, misalnya Asia/Manila" in page
    assert "Dalam zona waktu setempat tempat pertemuan (di atas)" in page


# The translation files


def test_every_indonesian_message_is_translated_and_none_is_fuzzy():
    with INDONESIAN_PO.open("rb") as po:
        catalog = read_po(po)
    assert not catalog.fuzzy, "the catalog header is marked fuzzy"
    messages = [message for message in catalog if message.id]
    assert len(messages) > 500
    untranslated = [
        message.id
        for message in messages
        if not all(message.string if message.pluralizable else [message.string])
    ]
    fuzzy = [message.id for message in messages if message.fuzzy]
    assert untranslated == []
    assert fuzzy == []


# What Babel's extractor reads as Django's gettext calls in our Python code.
KEYWORDS = {
    **DEFAULT_KEYWORDS,
    "gettext_lazy": None,
    "gettext_noop": None,
    "ngettext_lazy": (1, 2),
    "pgettext_lazy": ((1, "c"), 2),
    "npgettext_lazy": ((1, "c"), 2, 3),
}
TRANSLATE_TAG = re.compile(r"""{%\s*(?:translate|trans)\s+(["'])(.+?)\1""")


def test_every_message_in_the_code_has_its_indonesian():
    """The author profiles' admin (its name and fields) and the comment form's
    "the page was missing its security check" were in English on the
    Indonesian desk and site: written in the code, never added to the .po
    (hand-edited, as `make messages` rewrites it). Every literal message of
    our Python code and every {% translate "…" %} of our templates is in the
    catalog, or translated by Django's own."""
    with INDONESIAN_PO.open("rb") as po:
        ours = {m.id if isinstance(m.id, str) else m.id[0] for m in read_po(po)}
    base = Path(settings.BASE_DIR)
    found = [
        (
            f"{package}/{name}:{line}",
            message if isinstance(message, str) else message[0],
        )
        for package in ("newsroom", "articles", "agencies")
        for name, line, message, _comments, _context in extract_from_dir(
            base / package,
            method_map=[("**/migrations/**", "ignore"), ("**.py", "python")],
            keywords=KEYWORDS,
        )
    ] + [
        (str(path.relative_to(base)), match.group(2))
        for path in (base / "templates").rglob("*.html")
        for match in TRANSLATE_TAG.finditer(path.read_text())
    ]

    with translation.override("id"):
        missing = [
            (where, message)
            for where, message in found
            if message
            and message not in ours
            and translation.gettext(message) == message
        ]

    assert len(found) > 1000
    assert missing == []


def test_country_names_come_in_indonesian_too():
    # django-countries has no Indonesian: compiletranslations adds CLDR's names.
    with translation.override("id"):
        assert countries.name("PH") == "Filipina"
        assert countries.name("KR") == "Korea Selatan"
    with translation.override("en"):
        assert countries.name("PH") == "Philippines"


def test_the_compiled_catalog_is_the_one_in_use():
    with translation.override("id"):
        assert translation.gettext("Reader discussion") == "Komentar pembaca"
        assert translation.gettext("Waiting for moderation") == "Menunggu moderasi"


def test_the_desk_reads_natural_indonesian_where_libraries_did_not(
    client, desk_editor, section
):
    ArticleFactory(section=section)
    client.force_login(desk_editor)

    form = client.get("/admin/articles/article/add/").content.decode()
    listing = client.get("/admin/articles/article/").content.decode()

    assert "A comma-separated list of tags." not in form
    assert "Daftar tag, dipisahkan dengan koma." in form
    assert "Pencarian dan media sosial" in form
    assert 'value="Jalankan"' in listing or ">Jalankan<" in listing
    assert ">Buka<" not in listing and "Rubah" not in listing
