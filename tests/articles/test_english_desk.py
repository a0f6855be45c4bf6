"""The desk in English (the "English" link among the user tools): names in
its language, the add form's warning of a translation that exists, day-first
dates; and Indonesian sentences naming a language in lower case."""

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import timezone

from articles.models import Article
from tests.agencies.factories import MeetingFactory, MeetingSeriesFactory
from tests.articles.factories import ArticleFactory, SectionFactory
from tests.articles.test_admin_workflow import form_data

pytestmark = pytest.mark.django_db


def admin_url(view, *args):
    return reverse(f"admin:articles_article_{view}", args=args)


@pytest.fixture
def english_desk(editor_client):
    editor_client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    return editor_client


@pytest.fixture
def internasional(db):
    return SectionFactory(name="Internasional", name_en="International")


@pytest.fixture
def wire_copy(internasional):
    series = MeetingSeriesFactory(name="Kelompok Kerja Bersama", name_en="JWG")
    meeting = MeetingFactory(
        series=series, title="Rapat JWG keempat", title_en="Fourth JWG meeting"
    )
    return ArticleFactory(
        language="id",
        title="Indonesia dan Filipina bertemu lagi",
        section=internasional,
        meeting=meeting,
        editor_name="Redaksi",
    )


def test_the_english_desk_names_sections_and_meetings_in_english(
    english_desk, wire_copy
):
    listing = english_desk.get(admin_url("changelist")).content.decode()
    assert "International<br>" in listing and "Internasional<br>" not in listing

    form = english_desk.get(admin_url("add"), {"translation_of": wire_copy.pk})
    html = form.content.decode()
    assert f'<option value="{wire_copy.section_id}" selected>International<' in html
    assert f'<option value="{wire_copy.meeting_id}" selected>Fourth JWG meeting<' in (
        html
    )
    assert "Rapat JWG keempat" not in html
    # The translation's editor signs it: no "Editor: Redaksi" on the English page.
    assert form.context["adminform"].form["editor_name"].value() in (None, "")


def test_the_indonesian_desk_keeps_the_indonesian_names(editor_client, wire_copy):
    listing = editor_client.get(admin_url("changelist")).content.decode()
    assert "Internasional<br>" in listing


def test_the_add_form_warns_as_it_opens_of_a_translation_that_exists(
    english_desk, wire_copy
):
    existing = ArticleFactory(
        language="en",
        title="Indonesia and the Philippines meet again",
        section=wire_copy.section,
        translation_of=wire_copy,
    )
    page = english_desk.get(admin_url("add"), {"translation_of": wire_copy.pk})
    html = page.content.decode()
    link = f'<a href="{admin_url("change", existing.pk)}" lang="en">'
    assert (
        "“Indonesia dan Filipina bertemu lagi” already has a translation in "
        f"English: “{link}Indonesia and the Philippines meet again</a>”."
    ) in html
    # What the editor does next: saving anyway is refused by the same rule.
    refused = english_desk.post(
        admin_url("add") + f"?translation_of={wire_copy.pk}",
        form_data(
            section=wire_copy.section,
            language="en",
            translation_of=wire_copy.pk,
            title="Second translation",
            slug="second-translation",
        ),
    )
    assert refused.status_code == 200
    assert "already has a translation in English" in refused.content.decode()
    assert wire_copy.translations.count() == 1


def test_no_warning_when_the_language_is_still_missing(english_desk, wire_copy):
    page = english_desk.get(admin_url("add"), {"translation_of": wire_copy.pk})
    assert "already has a translation" not in page.content.decode()


@pytest.mark.parametrize(
    ("typed", "day"),
    [("24/03/2022", (24, 3)), ("03/04/2022", (3, 4)), ("24-03-2022", (24, 3))],
)
def test_the_english_desk_takes_dates_day_first(
    english_desk, internasional, typed, day
):
    response = english_desk.post(
        admin_url("add"),
        form_data(
            section=internasional,
            language="en",
            title=f"Dated {typed}",
            slug=f"dated-{day[0]}-{day[1]}",
            published_at_0=typed,
            published_at_1="14:00",
        ),
    )
    assert response.status_code == 302, response.context["adminform"].form.errors
    story = Article.objects.get(title=f"Dated {typed}")
    local = timezone.localtime(story.published_at)
    assert (local.day, local.month, local.year, local.hour) == (*day, 2022, 14)


def test_the_date_field_is_the_browsers_date_picker_not_a_typed_box(
    english_desk, wire_copy
):
    # As the meetings' times (agencies.admin.VenueSplitDateTime): no typed
    # date to read day first, so no "Day first: 24/03/2022." help.
    html = english_desk.get(admin_url("change", wire_copy.pk)).content.decode()
    assert 'type="date" name="published_at_0"' in html
    assert "Day first: 24/03/2022." not in html


def test_the_indonesian_desk_names_the_language_in_lower_case_in_a_sentence(
    editor_client, wire_copy
):
    # Needs the "language named in a sentence" entries in locale/id.
    html = editor_client.get(admin_url("change", wire_copy.pk)).content.decode()
    assert "Buat terjemahan dalam bahasa Inggris" in html
    assert "Bahasa Inggris</a>" not in html
