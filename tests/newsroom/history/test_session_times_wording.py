"""History says a change to a meeting's or a session's times in words that
read as a sentence: "Changed start time and end time for session …", not
"Changed starts and ends for session …" (the fields' labels, "Starts:" and
"Ends:", put into a sentence), in English and in Indonesian; revisions saved
before read so too."""

import datetime as dt

import pytest
import reversion
from lxml import html as lxml_html
from reversion.models import Version

from newsroom.history import revision_comment
from tests.newsroom.admin_forms import opened, saves
from tests.newsroom.history.pages import history_page

pytestmark = pytest.mark.django_db

JAKARTA = dt.timezone(dt.timedelta(hours=7))


@pytest.fixture
def retimed(editor_client, editor, jwg4):
    """The 4th JWG saved once, then with its start and its closing
    session's start and end changed in its form."""
    closing = jwg4.sessions.order_by("order").last()
    closing.start = dt.datetime(2022, 3, 24, 12, 0, tzinfo=JAKARTA)
    closing.end = dt.datetime(2022, 3, 24, 13, 0, tzinfo=JAKARTA)
    closing.save()
    with reversion.create_revision():
        reversion.add_to_revision(jwg4)
        reversion.set_user(editor)
    data = opened(editor_client, jwg4)
    row = next(
        key.removesuffix("-id")
        for key, value in data.items()
        if key.startswith("sessions-")
        and key.endswith("-id")
        and str(value) == str(closing.pk)
    )
    data |= {f"{row}-start_1": "12:15", f"{row}-end_1": "13:30", "start_1": "09:30"}
    response = saves(editor_client, jwg4, data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    return jwg4, closing


@pytest.mark.parametrize(
    ("language", "own", "session"),
    [
        (
            "en",
            "Changed start time.",
            "Changed start time and end time for session “{title}”.",
        ),
        (
            "id",
            "Waktu mulai berubah.",
            "Waktu mulai dan waktu selesai diubah untuk sesi “{title}”.",
        ),
    ],
)
def test_history_says_a_change_of_times_as_a_sentence(
    editor_client, retimed, language, own, session
):
    meeting, closing = retimed

    page = lxml_html.fromstring(history_page(editor_client, meeting, language))
    latest = " ".join(page.xpath('//*[@id="change-history"]//tbody/tr')[0].itertext())

    assert own in latest
    assert session.format(title=closing.local_title) in latest
    assert "starts" not in latest.casefold()
    assert "mulai dan selesai" not in latest


def test_a_revision_saved_before_reads_so_too(english, retimed):
    """The stored comment names the fields as saved ("starts", "ends"): the
    words are chosen when History reads it."""
    meeting, closing = retimed
    latest = Version.objects.get_for_object(meeting).order_by("-pk").first()
    assert '"starts"' in latest.revision.comment

    said = revision_comment(latest.revision.comment)

    assert said == (
        "Changed start time. Changed start time and end time for session "
        f"“{closing.title}”."
    )
