"""In Chromium: a save the form refuses opens where it is put right. On a
phone, an editor who pressed "Save and return to reporter" (at the top of
the form, under the dates to check) with no note had the page back at its
top, nothing focused, the error under the fold and the note's field far
down (static/js/admin_first_field.js)."""

import datetime as dt

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from articles.models import Article
from tests.agencies.factories import MeetingFactory
from tests.articles.factories import ArticleFactory
from tests.e2e.conftest import admin_login

pytestmark = pytest.mark.e2e

PHONE = {"width": 390, "height": 844}
# A date without its year: "Dates to check" at the top of the form.
BODY = "BNPT dan NICA menggelar JWG ke-4 secara hibrida, Kamis (24/3)."


def in_view(page, locator) -> bool:
    box = locator.bounding_box()
    height = page.evaluate("window.innerHeight")
    return box is not None and box["y"] >= 0 and box["y"] + box["height"] <= height


def test_on_a_phone_a_return_refused_for_its_note_shows_the_note_focused(
    open_page, make_staff, section, live_server
):
    reporter = make_staff("Reporter", "pewarta")
    make_staff("Editor", "redaktur")
    story = ArticleFactory(
        section=section, created_by=reporter, body=BODY, status=Article.Status.DRAFT
    )
    Article.objects.filter(pk=story.pk).update(
        status=Article.Status.IN_REVIEW,
        created_at=timezone.make_aware(dt.datetime(2026, 12, 7, 9, 0)),
    )
    page = open_page(viewport=PHONE)
    page.context.add_cookies(
        [{"name": "django_language", "value": "id", "url": live_server.url}]
    )
    admin_login(page, "redaktur")
    page.goto(f"/admin/articles/article/{story.pk}/change/")
    expect(page.locator("#date-cautions")).to_contain_text(
        "Tanggal yang perlu diperiksa"
    )
    page.fill("#id_title", "Judul yang diubah redaktur")

    page.locator("button[name=_transition][value=return]").first.click()

    note = page.locator("#id_workflow_note")
    error = page.locator(".field-workflow_note .errorlist")
    expect(error).to_be_visible()
    expect(note).to_be_focused()
    assert in_view(page, error), (error.bounding_box(), page.evaluate("scrollY"))
    assert in_view(page, note)
    # Nothing saved, nothing typed lost.
    expect(page.locator("#id_title")).to_have_value("Judul yang diubah redaktur")
    assert Article.objects.get(pk=story.pk).status == Article.Status.IN_REVIEW


@pytest.mark.parametrize(
    ("date", "time", "focused"),
    [
        ("2026-12-07", "25.99", "#id_published_at_1"),
        ("2026-13-40", "09.30", "#id_published_at_0"),
    ],
)
def test_a_refused_publication_time_focuses_the_box_that_is_wrong(
    open_page, make_staff, section, date, time, focused
):
    """Django marks the date and the time wrong together: a refused time had
    the date focused, the editor's next keys typed into the wrong box."""
    make_staff("Editor", "redaktur")
    story = ArticleFactory(section=section, status=Article.Status.PUBLISHED)
    page = open_page(viewport=PHONE)
    admin_login(page, "redaktur")
    page.goto(f"/admin/articles/article/{story.pk}/change/")
    page.fill("#id_published_at_0", date)
    page.fill("#id_published_at_1", time)

    page.locator("input[name=_continue]").first.click()

    expect(page.locator(".field-published_at .errorlist")).to_be_visible()
    expect(page.locator(focused)).to_be_focused()
    expect(page.locator(focused)).to_have_attribute("aria-invalid", "true")


def test_a_refused_meeting_time_focuses_the_box_that_is_wrong(open_page, make_staff):
    """The meeting's form, like the story's: its page had not loaded the
    script, and a refused start time left the focus nowhere, the box far
    below the fold on a phone."""
    make_staff("Editor", "redaktur")
    meeting = MeetingFactory()
    page = open_page(viewport=PHONE)
    admin_login(page, "redaktur")
    page.goto(f"/admin/agencies/meeting/{meeting.pk}/change/")
    page.fill("#id_start_1", "25.99")

    page.locator("input[name=_continue]").first.click()

    expect(page.locator(".field-start .errorlist")).to_be_visible()
    expect(page.locator("#id_start_1")).to_be_focused()
    assert in_view(page, page.locator("#id_start_1"))
