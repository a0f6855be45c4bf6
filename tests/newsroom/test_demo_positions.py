"""The demo's Indonesian pages speak Indonesian: the officials' positions
and the 4th JWG's agenda in Indonesian (the demo had written a NICA
official's position and two items of the agenda in English in the
Indonesian fields), the English ones on the English pages; and its pictures
are credited in each edition's language."""

import re

import pytest
from django.utils import translation
from reversion.models import Version

from agencies.models import Agency, Meeting, MeetingAttendance, MeetingSession, Person
from articles.models import Article
from newsroom.demo.data import (
    PICTURE_CREDIT,
    PICTURE_CREDIT_EN,
    POSITIONS_EN,
    SESSIONS_4TH_JWG,
    WRITTEN_IN_ENGLISH,
)
from newsroom.media.models import Image
from tests.newsroom.demo_loading import counts, load_demo

# Every test of the module finds the demo loaded (tests/newsroom/conftest.py).
pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("demo_media")]

ENGLISH_POSITIONS = set(POSITIONS_EN.values())
ENGLISH_AGENDA = {title_en for _title, _summary, title_en, _ in SESSIONS_4TH_JWG}
ORIGINAL = "bnpt-dan-filipina-gelar-jwg-ke-4-penanggulangan-terorisme"
TRANSLATION = "bnpt-and-the-philippines-hold-4th-jwg-on-counter-terrorism"


def jwg4() -> Meeting:
    return Meeting.objects.get(series__short_name="JWG", number=4)


def pages_naming_positions(language: str) -> list[str]:
    """The addresses of the pages that show the officials' positions, in
    `language`: each person's, their agencies', and the 4th JWG's (its
    attendance)."""
    people = list(Person.objects.all())
    agencies = Agency.objects.filter(people__in=people).distinct()
    with translation.override(language):
        return [obj.get_absolute_url() for obj in [*people, *agencies, jwg4()]]


def get(client, url: str) -> str:
    response = client.get(url)
    assert response.status_code == 200, url
    return response.content.decode()


def test_the_demos_indonesian_pages_show_no_english_position(client, demo):
    urls = pages_naming_positions("id")
    assert len(urls) >= 5  # three people, two agencies, the meeting
    for url in urls:
        page = get(client, url)
        shown = [english for english in ENGLISH_POSITIONS if english in page]
        assert not shown, f"{url} shows {shown}"
    meeting_page = get(client, jwg4().get_absolute_url())
    for indonesian in POSITIONS_EN:
        assert indonesian in meeting_page


def test_the_demos_english_pages_show_the_english_positions(client, demo):
    with translation.override("en"):
        meeting_url = jwg4().get_absolute_url()
    meeting_page = get(client, meeting_url)
    for english in ENGLISH_POSITIONS:
        assert english in meeting_page
    with translation.override("en"):
        carlos = Person.objects.get(slug="damian-l-carlos").get_absolute_url()
    assert "Deputy Director General for Counter-Terrorism" in get(client, carlos)


def test_the_indonesian_meeting_page_lists_the_agenda_in_indonesian(client, demo):
    page = get(client, jwg4().get_absolute_url())
    assert not [english for english in ENGLISH_AGENDA if english in page]
    for session in jwg4().sessions.all():
        assert session.title in page


def picture_credits(page: str) -> set[str]:
    return set(re.findall(r'<span class="credit">(.*?)</span>', page))


def test_the_demos_pictures_are_credited_in_each_editions_language(client, demo):
    assert not Image.objects.filter(credit_en="").exists()
    original = Article.objects.get(slug=ORIGINAL)
    english = Article.objects.get(slug=TRANSLATION)
    assert picture_credits(get(client, original.get_absolute_url())) == {PICTURE_CREDIT}
    assert picture_credits(get(client, english.get_absolute_url())) == {
        PICTURE_CREDIT_EN
    }


def test_a_demo_loaded_before_gets_the_indonesian_texts_and_the_english_credits(
    demo,
):
    # As an earlier demo wrote them: the English in the Indonesian fields...
    wrote = {indonesian: english for english, indonesian in WRITTEN_IN_ENGLISH.items()}
    carlos = Person.objects.get(slug="damian-l-carlos")
    Person.objects.filter(pk=carlos.pk).update(position=wrote[carlos.position])
    MeetingAttendance.objects.filter(position_held__in=wrote).update(
        position_held=wrote["Wakil Direktur Jenderal Bidang Penanggulangan Terorisme"]
    )
    for session in MeetingSession.objects.filter(title__in=wrote):
        MeetingSession.objects.filter(pk=session.pk).update(title=wrote[session.title])
    # ...and no English credits; where an editor has since written a credit
    # of her own, and a position, they stay.
    Image.objects.update(credit_en="")
    edited = Image.objects.order_by("pk").first()
    Image.objects.filter(pk=edited.pk).update(credit="Foto: Humas BNPT")
    Person.objects.filter(slug="boy-rafli-amar").update(position="Kepala BNPT (edit)")
    before = counts()
    images_before = Version.objects.get_for_model(Image).count()

    load_demo()

    # Each picture given its English credit says so in its History (the
    # media services make a revision of every change); nothing else is new.
    mended_pictures = Image.objects.exclude(pk=edited.pk).count()
    images_after = Version.objects.get_for_model(Image).count()
    assert images_after == images_before + mended_pictures
    assert counts() == before | {"revisions": before["revisions"] + mended_pictures}
    carlos.refresh_from_db()
    assert carlos.position == "Wakil Direktur Jenderal Bidang Penanggulangan Terorisme"
    assert not MeetingAttendance.objects.filter(
        position_held__in=wrote.values()
    ).exists()
    assert not MeetingSession.objects.filter(title__in=wrote.values()).exists()
    mended = MeetingSession.objects.filter(title__in=WRITTEN_IN_ENGLISH.values())
    assert mended.count() == 2
    assert Person.objects.get(slug="boy-rafli-amar").position == "Kepala BNPT (edit)"
    assert set(
        Image.objects.exclude(pk=edited.pk).values_list("credit_en", flat=True)
    ) == {PICTURE_CREDIT_EN}
    assert Image.objects.get(pk=edited.pk).credit_en == ""
