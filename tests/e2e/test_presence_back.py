"""Two editors, one meeting, two browsers: when one leaves the page by Back
(a farewell as the page is hidden), the other's "Also open now" is cleared
within a few seconds, well before the next heartbeat of a page alone (30 s):
a page that names someone asks every PRESENCE_SHARED_SECONDS."""

import time

import pytest
from playwright.sync_api import expect

from newsroom import presence
from tests.e2e import test_meeting_presence
from tests.e2e.conftest import admin_login
from tests.e2e.test_editor import assert_clean, watched

pytestmark = pytest.mark.e2e

meeting = test_meeting_presence.meeting


@pytest.fixture
def editors(open_page, make_staff):
    """Ayu and Budi, editors, each logged in in a browser of their own."""
    pages = []
    for username, first in (("ayu", "Ayu"), ("budi", "Budi")):
        user = make_staff("Editor", username)
        user.first_name = first
        user.save()
        page = watched(open_page(viewport={"width": 1280, "height": 900}))
        admin_login(page, username)
        pages.append(page)
    return pages


def test_a_colleague_who_goes_back_leaves_the_notice_within_seconds(editors, meeting):
    assert presence.PRESENCE_SECONDS == 30  # a page alone asks twice a minute
    ayu, budi = editors
    change = f"/admin/agencies/meeting/{meeting.pk}/change/"
    budi.goto("/admin/agencies/meeting/")
    budi.goto(change)
    ayu.goto(change)
    ayu_notice = ayu.locator("#desk-presence")
    expect(ayu_notice).to_contain_text("Also open now: Budi (since", timeout=500)

    left = time.monotonic()
    budi.go_back()
    expect(budi).to_have_url(f"{budi.url.split('/admin/')[0]}/admin/agencies/meeting/")

    expect(ayu_notice).to_have_text("", timeout=9000)
    assert time.monotonic() - left < presence.PRESENCE_SECONDS / 3
    assert_clean(ayu)
    assert_clean(budi)
