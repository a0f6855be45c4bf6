"""Two editors, one meeting, two browsers: each meeting page names the
other within a heartbeat, as a story's writing screen does (PresenceAdmin),
and closing one page clears its name on the other; no page error, no CSP
violation."""

import pytest
import reversion
from playwright.sync_api import expect

from newsroom import presence
from tests.agencies.factories import MeetingFactory
from tests.e2e.conftest import admin_login
from tests.e2e.test_editor import assert_clean, watched

pytestmark = pytest.mark.e2e


@pytest.fixture
def meeting(transactional_db):
    meeting = MeetingFactory(title="Joint Working Group ke-4")
    with reversion.create_revision():
        reversion.add_to_revision(meeting)
    return meeting


@pytest.fixture
def editors(open_page, make_staff, monkeypatch):
    """Ayu and Budi, editors, each logged in in a browser of their own; a
    heartbeat every second instead of every 30."""
    monkeypatch.setattr(presence, "PRESENCE_SECONDS", 1)
    pages = []
    for username, first in (("ayu", "Ayu"), ("budi", "Budi")):
        user = make_staff("Editor", username)
        user.first_name = first
        user.save()
        page = watched(open_page(viewport={"width": 1280, "height": 900}))
        admin_login(page, username)
        pages.append(page)
    return pages


def test_two_editors_of_a_meeting_see_each_other_until_one_closes(editors, meeting):
    ayu, budi = editors
    change = f"/admin/agencies/meeting/{meeting.pk}/change/"
    ayu.goto(change)
    ayu_notice = ayu.locator("#desk-presence")
    expect(ayu_notice).to_have_attribute("role", "status")
    expect(ayu_notice).to_have_text("")

    budi.goto(change)
    budi_notice = budi.locator(".desk-presence-notice")
    expect(budi_notice).to_contain_text("Also open now: Ayu (since", timeout=500)
    # Styled by admin.css (a static file, the CSP allows no inline style).
    expect(budi_notice).to_have_css("border-left-style", "solid")
    expect(ayu_notice).to_contain_text("Also open now: Budi (since", timeout=3000)
    assert_clean(budi)

    budi.close()

    # Budi's farewell, then a heartbeat of Ayu's (each second here).
    expect(ayu_notice).to_have_text("", timeout=10000)
    assert_clean(ayu)
