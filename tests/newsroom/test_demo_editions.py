"""The demo newsroom in two languages (issue 14): the 4th JWG story in
Indonesian and English, linked, and English names for what the pages name;
and what its home pages arrange (issue 15): a meeting to come, a pinned lead."""

import pytest
from django.utils import timezone
from django.utils.html import escape

from agencies.models import (
    Agency,
    Meeting,
    MeetingAttendance,
    MeetingSeries,
    MeetingSession,
    Person,
)
from articles.models import Article, HomePin, Section
from tests.newsroom.demo_loading import counts, load_demo

# Every test of the module finds the demo loaded (tests/newsroom/conftest.py).
pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("demo_media")]

ORIGINAL = "bnpt-dan-filipina-gelar-jwg-ke-4-penanggulangan-terorisme"
TRANSLATION = "bnpt-and-the-philippines-hold-4th-jwg-on-counter-terrorism"


def test_the_4th_jwg_story_is_published_in_both_languages_and_linked(demo):
    original = Article.objects.published().get(slug=ORIGINAL)
    english = Article.objects.published().get(slug=TRANSLATION)
    assert (original.language, english.language) == ("id", "en")
    assert english.translation_of == original
    assert original.translation_of is None
    assert list(Article.objects.in_story(original)) == [english]
    assert english.meeting == original.meeting
    assert english.featured_image == original.featured_image
    assert set(english.agencies.all()) == set(original.agencies.all())
    assert set(english.people.all()) == set(original.people.all())
    assert english.get_absolute_url() == f"/en/articles/2022/03/{TRANSLATION}/"
    assert "Boy Rafli Amar" in english.body and "seven agenda items" in english.body


def test_the_english_story_describes_the_shared_picture_in_english(client, demo):
    picture = Article.objects.get(slug=TRANSLATION).featured_image
    assert picture.caption.startswith("Ilustrasi untuk")
    assert picture.caption_en == (
        "Illustration for “BNPT and the Philippines Hold 4th Joint Working Group "
        "on Counter-Terrorism”."
    )
    assert picture.alt_text_en.startswith("Illustration: a row of buildings")
    page = client.get(f"/en/articles/2022/03/{TRANSLATION}/").content.decode()
    assert escape(picture.caption_en) in page
    assert f'alt="{escape(picture.alt_text_en)}"' in page
    assert "Ilustrasi untuk" not in page


def test_the_demo_names_have_english_versions(demo):
    assert dict(Section.objects.values_list("slug", "name_en")) == {
        "nasional": "National",
        "internasional": "International",
        "kerja-sama": "Cooperation",
    }
    assert not Section.objects.filter(description_en="").exists()
    series = MeetingSeries.objects.get(short_name="JWG")
    assert series.name_en.startswith("Philippines–Indonesia Joint Working Group")
    assert series.short_name_en == "JWG" and series.description_en
    jwg3, jwg4 = Meeting.objects.filter(series=series).order_by("number")
    assert jwg3.title_en == "3rd Indonesia–Philippines JWG" and jwg3.summary_en
    assert jwg4.title_en == "4th Indonesia–Philippines JWG on Counter-Terrorism"
    assert "seven sessions" in jwg4.summary_en
    sessions = list(jwg4.sessions.all())
    assert len(sessions) == 7 and all(session.title_en for session in sessions)
    assert sessions[2].title_en == "Carrying out and monitoring border control"
    positions = dict(Person.objects.values_list("name", "position_en"))
    assert positions["Boy Rafli Amar"] == "Head of BNPT"
    assert positions["Andhika Chrisnayudhanto"] == (
        "BNPT Deputy for International Cooperation"
    )
    assert all(positions.values())
    assert not MeetingAttendance.objects.filter(position_held_en="").exists()


def test_a_demo_loaded_before_the_english_names_gets_them_and_keeps_edits(demo):
    # As loaded before the names had an English version...
    Section.objects.update(name_en="", description_en="")
    MeetingSession.objects.update(title_en="")
    MeetingAttendance.objects.update(position_held_en="")
    # ...where an editor has since written one, and renamed a session.
    Meeting.objects.filter(number=4).update(title_en="JWG 4 (edited)")
    renamed = MeetingSession.objects.get(order=1)
    renamed.title = "Penilaian ancaman (disunting)"
    renamed.save()
    before = counts()
    load_demo()
    assert counts() == before
    assert Section.objects.get(slug="nasional").name_en == "National"
    assert Meeting.objects.get(number=4).title_en == "JWG 4 (edited)"
    assert MeetingSession.objects.get(order=3).title_en == (
        "Carrying out and monitoring border control"
    )
    assert MeetingSession.objects.get(order=1).title_en == ""  # the editor's row
    assert not MeetingAttendance.objects.filter(position_held_en="").exists()


def test_loading_again_keeps_the_translation_as_an_editor_left_it(demo):
    english = Article.objects.get(slug=TRANSLATION)
    english.title = "Edited by the English desk"
    english.save(update_fields=["title"])
    before = counts()
    load_demo()
    assert counts() == before
    english.refresh_from_db()
    assert english.title == "Edited by the English desk"
    assert Article.objects.filter(translation_of__slug=ORIGINAL).count() == 1


def test_the_demo_has_a_meeting_to_come_and_an_english_lead_pinned(client, demo):
    upcoming = Meeting.objects.get(slug="konsultasi-siber-bssn-nica")
    assert upcoming.start > timezone.now()
    assert upcoming.title_en == "BSSN–NICA bilateral consultation on cyber threats"
    english = client.get("/en/").content.decode()
    assert "BSSN–NICA bilateral consultation on cyber threats" in english
    pin = HomePin.objects.get()
    assert pin.slot == HomePin.Slot.LEAD and pin.until is None
    assert pin.article.language == "en"
    # Loading again adds nothing, and an ended pin stays ended.
    HomePin.objects.update(until=timezone.now())
    load_demo()
    assert HomePin.objects.count() == 1
    assert Meeting.objects.filter(slug=upcoming.slug).count() == 1


def test_a_story_written_in_english_has_its_picture_described_in_english(demo):
    """Its page had shown an Indonesian caption and alt text (marked lang="id"),
    though the story has no Indonesian edition."""
    english_only = Article.objects.filter(
        language="en", translation_of__isnull=True, featured_image__isnull=False
    )
    assert english_only.exists()
    for story in english_only:
        picture = story.featured_image
        assert picture.caption_en == f"Illustration for “{story.title}”."
        assert picture.alt_text_en.startswith("Illustration: a row of buildings")


def test_the_editor_line_names_the_desk_in_the_storys_language(client, demo):
    """As the byline does ("Tim Redaksi", "Newsroom staff"): the English page
    had read "Editor: Redaksi"."""
    english = client.get(f"/en/articles/2022/03/{TRANSLATION}/").content.decode()
    assert "By Newsroom staff" in english
    assert "<dd>Newsroom staff</dd>" in english and "<dd>Redaksi</dd>" not in english
    original = Article.objects.get(slug=ORIGINAL)
    indonesian = client.get(original.get_absolute_url()).content.decode()
    assert "<dd>Redaksi</dd>" in indonesian


def test_the_demo_agencies_are_filed_under_their_kind(client, demo):
    kinds = dict(Agency.objects.values_list("acronym", "kind"))
    assert kinds["BNPT"] == kinds["ATC-PMC"] == Agency.Kind.COUNTER_TERRORISM
    assert kinds["Kejagung"] == Agency.Kind.PROSECUTION
    assert kinds["BI"] == Agency.Kind.IMMIGRATION
    assert Agency.Kind.OTHER not in kinds.values()
    bnpt = Agency.objects.get(slug="bnpt").get_absolute_url()
    page = client.get("/en" + bnpt).content.decode()  # the English edition's
    assert "Counter-terrorism agency · Indonesia" in page
    assert "Other · Indonesia" not in page


def test_a_demo_loaded_before_refiles_its_agencies_and_keeps_an_editors_kind(demo):
    # As loaded before the agencies had their kinds, one since edited.
    Agency.objects.exclude(slug="nica").update(kind=Agency.Kind.OTHER)
    Agency.objects.filter(slug="nica").update(kind=Agency.Kind.POLICE)
    load_demo()
    kinds = dict(Agency.objects.values_list("slug", "kind"))
    assert kinds["bnpt"] == Agency.Kind.COUNTER_TERRORISM
    assert kinds["bssn"] == Agency.Kind.SECURITY
    assert kinds["nica"] == Agency.Kind.POLICE  # the editor's
