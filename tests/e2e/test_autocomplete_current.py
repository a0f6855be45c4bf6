"""An admin autocomplete chooses only from the answer to what is typed
(static/js/admin_autocomplete.js): Enter pressed before the answer arrives
takes nothing, never the first result of the earlier, empty search."""

import datetime as dt
import time

import pytest
from django.contrib.admin.views.autocomplete import AutocompleteJsonView
from django.utils import timezone
from playwright.sync_api import expect

from tests.agencies.factories import MeetingFactory
from tests.e2e.conftest import admin_login

pytestmark = pytest.mark.e2e

JWG = "JWG RI–Filipina ke-4"
OTHER = "Sidang Tahunan ASEAN"
OPTIONS = ".select2-container--open .select2-results__option[role=option]"


@pytest.fixture
def slow_jwg_answer(monkeypatch):
    """The server answers the search for "JWG" 1.5 s late."""
    original = AutocompleteJsonView.get

    def get(self, request, *args, **kwargs):
        if request.GET.get("term") == "JWG":
            time.sleep(1.5)
        return original(self, request, *args, **kwargs)

    monkeypatch.setattr(AutocompleteJsonView, "get", get)


def test_enter_before_the_answer_chooses_nothing_then_the_match(
    page, make_staff, slow_jwg_answer
):
    now = timezone.now()
    jwg = MeetingFactory(title=JWG, start=now - dt.timedelta(days=60))
    # The newest meeting: the first for the empty search.
    MeetingFactory(title=OTHER, start=now - dt.timedelta(days=2))
    make_staff("Reporter", "pewarta")
    admin_login(page, "pewarta")
    page.goto("/admin/articles/article/add/")

    page.click("#id_meeting + .select2 .select2-selection")
    expect(page.locator(OPTIONS).first).to_have_text(OTHER)
    search = page.locator(".select2-container--open .select2-search__field")
    search.press_sequentially("JWG")
    search.press("Enter")

    assert page.locator("#id_meeting").input_value() == ""
    expect(page.locator("#id_meeting + .select2")).not_to_contain_text(OTHER)

    expect(page.locator(OPTIONS)).to_have_count(1)
    expect(page.locator(OPTIONS).first).to_have_text(JWG)
    search.press("Enter")
    expect(page.locator("#id_meeting + .select2")).to_contain_text(JWG)
    assert page.locator("#id_meeting").input_value() == str(jwg.pk)


def test_a_click_chooses_the_option_clicked_even_before_the_answer(
    page, make_staff, slow_jwg_answer
):
    now = timezone.now()
    jwg = MeetingFactory(title=JWG, start=now - dt.timedelta(days=60))
    MeetingFactory(title=OTHER, start=now - dt.timedelta(days=2))
    make_staff("Reporter", "pewarta")
    admin_login(page, "pewarta")
    page.goto("/admin/articles/article/add/")

    page.click("#id_meeting + .select2 .select2-selection")
    expect(page.locator(OPTIONS).first).to_have_text(OTHER)
    page.locator(".select2-container--open .select2-search__field").fill("JWG")
    # Still the list for the empty search: the option clicked is the one meant.
    page.locator(OPTIONS, has_text=JWG).click()
    expect(page.locator("#id_meeting + .select2")).to_contain_text(JWG)
    assert page.locator("#id_meeting").input_value() == str(jwg.pk)
