"""A meeting's agenda is listed by the sessions' numbers: two sessions of one
number are refused on their rows (the rest of the form kept), and numbers
that put a later session before an earlier one are saved with a warning
naming both. A tester had saved 1, 1, 2, … 8 and an 11:00 session above a
10:15 one without a word from the desk."""

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
from django.utils import translation

from agencies.models import Meeting, MeetingSession
from tests.agencies.factories import MeetingFactory, MeetingSessionFactory
from tests.newsroom.admin_forms import admin_url, opened, saves

pytestmark = pytest.mark.django_db

JAKARTA = ZoneInfo("Asia/Jakarta")

SAME_NUMBER = (
    "Session %(others)s is numbered %(number)s too. Give each session its "
    "own number: the public agenda lists them by number."
)


def ui(text: str, **params) -> str:
    """`text` as the desk shows it (in Indonesian, the site's language)."""
    with translation.override("id"):
        return translation.gettext(text) % params


def at(hour: int, minute: int = 0) -> dt.datetime:
    return dt.datetime(2024, 5, 14, hour, minute, tzinfo=JAKARTA)


@pytest.fixture
def meeting():
    """A morning's meeting in Jakarta, its three sessions in time order."""
    meeting = MeetingFactory(
        title="Rapat Koordinasi", start=at(9), end=at(13), timezone="Asia/Jakarta"
    )
    for order, (title, start) in enumerate(
        [("Pembukaan", at(9)), ("Paparan", at(10, 15)), ("Penutupan", at(11))],
        start=1,
    ):
        MeetingSessionFactory(
            meeting=meeting,
            order=order,
            title=title,
            start=start,
            end=start + dt.timedelta(minutes=45),
        )
    return meeting


def row(data: dict, title: str) -> str:
    """The prefix of the session row titled `title` in the form data."""
    return next(
        key.removesuffix("-title")
        for key, value in data.items()
        if key.startswith("sessions-") and key.endswith("-title") and value == title
    )


def session_errors(response) -> dict[str, list[str]]:
    """The errors of each sessions row, by the title sent."""
    formset = next(
        inline.formset
        for inline in response.context["inline_admin_formsets"]
        if inline.formset.prefix == "sessions"
    )
    return {
        form.data[form.add_prefix("title")]: form.errors.get("order", [])
        for form in formset.forms
        if form.has_changed() or form.initial
    }


def warnings(response) -> list[str]:
    return [str(message) for message in response.context["messages"]]


def agenda(meeting: Meeting) -> list[tuple[int, str]]:
    return list(meeting.sessions.values_list("order", "title"))


def test_a_session_renumbered_to_anothers_number_is_refused_naming_both(
    editor_client, meeting
):
    data = opened(editor_client, meeting)
    data[f"{row(data, 'Penutupan')}-order"] = "1"
    data[f"{row(data, 'Paparan')}-summary"] = "Paparan Kepala BNPT."  # kept

    response = saves(editor_client, meeting, data)

    assert response.status_code == 200
    errors = session_errors(response)
    assert errors["Pembukaan"] == [ui(SAME_NUMBER, others="“Penutupan”", number=1)]
    assert errors["Penutupan"] == [ui(SAME_NUMBER, others="“Pembukaan”", number=1)]
    assert errors["Paparan"] == []
    assert "Paparan Kepala BNPT." in response.content.decode()  # nothing lost
    assert agenda(meeting) == [(1, "Pembukaan"), (2, "Paparan"), (3, "Penutupan")]
    assert not meeting.sessions.filter(summary="Paparan Kepala BNPT.").exists()


def test_a_number_a_colleague_gave_a_session_since_is_refused_too(
    editor_client, meeting
):
    data = opened(editor_client, meeting)
    MeetingSessionFactory(meeting=meeting, order=4, title="Makan siang")
    data[f"{row(data, 'Paparan')}-order"] = "4"

    response = saves(editor_client, meeting, data)

    assert response.status_code == 200
    assert session_errors(response)["Paparan"] == [
        ui(SAME_NUMBER, others="“Makan siang”", number=4)
    ]
    assert meeting.sessions.get(title="Paparan").order == 2


def test_sessions_swapping_their_numbers_are_saved_without_a_word(
    editor_client, meeting
):
    data = opened(editor_client, meeting)
    data[f"{row(data, 'Pembukaan')}-order"] = "2"
    data[f"{row(data, 'Paparan')}-order"] = "1"

    response = saves(editor_client, meeting, data)

    assert response.status_code == 302
    assert agenda(meeting) == [(1, "Paparan"), (2, "Pembukaan"), (3, "Penutupan")]


def test_numbers_against_the_times_are_saved_with_a_warning_naming_the_sessions(
    editor_client, meeting, client
):
    data = opened(editor_client, meeting)
    # The tester's agenda: the 11:00 session numbered 1, the 10:15 one 2.
    data[f"{row(data, 'Penutupan')}-order"] = "1"
    data[f"{row(data, 'Pembukaan')}-order"] = "3"

    response = editor_client.post(
        admin_url(Meeting, "change", meeting.pk), data, follow=True
    )

    assert response.redirect_chain, session_errors(response)
    assert agenda(meeting) == [(1, "Penutupan"), (2, "Paparan"), (3, "Pembukaan")]
    told = [text for text in warnings(response) if "“Paparan”" in text]
    assert len(told) == 1
    assert "“Penutupan”" in told[0]
    assert "10.15" in told[0] and "11.00" in told[0]  # as the agenda, WIB
    told = [text for text in warnings(response) if "“Pembukaan”" in text]
    assert len(told) == 1
    assert "“Penutupan”" in told[0] and "09.00" in told[0]


def test_an_agenda_in_time_order_is_saved_without_a_warning(editor_client, meeting):
    data = opened(editor_client, meeting)
    response = editor_client.post(
        admin_url(Meeting, "change", meeting.pk), data, follow=True
    )
    assert response.redirect_chain
    assert not [text for text in warnings(response) if "“Paparan”" in text]


def test_an_agenda_goes_back_in_time_where_a_session_starts_before_an_earlier_one():
    def session(order, start):
        return MeetingSession(order=order, title=f"Sesi {order}", start=start)

    first, second, untimed, third, fourth = (
        session(1, at(11)),
        session(2, at(10, 15)),
        session(3, None),
        session(4, at(11)),  # with the first: in order
        session(5, at(10, 30)),
    )
    pairs = MeetingSession.back_in_time([first, second, untimed, third, fourth])
    assert pairs == [(first, second), (third, fourth)]
    assert MeetingSession.back_in_time([second, untimed, first]) == []
