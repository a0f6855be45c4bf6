"""The change page's "Dates to check before publishing" panel of an imported
draft reads the body's weekday dates against the day the import was told
the copy was written ("Written on"), as the import read them: one rule
(intake.services.read_story_copy), the same reference day. A tester's
import of March 2016 copy, in 2026, got "taken as Thursday 24 March 2022
… check it" and a button writing "(24/3/2022)" in the body."""

import datetime as dt
import html

import pytest
from django.urls import reverse

from articles.admin.paste import read_date_cautions
from articles.models import Article, IntakeRecord
from tests.articles.test_intake_admin import UPLOAD, upload

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]

IMPORTED_ON = dt.datetime(2026, 12, 2, 10, 0, tzinfo=dt.UTC)
# The story's body says "… di Jakarta, Kamis (24/3)."
SAMPLE = "jwg-hybrid-meeting.txt"
# 24 March 2016 was a Thursday, not a Monday: the latest Monday before is
# of 2014 (2025's, read against the import day, would be wrong).
MONDAY = (
    "DM – Delegasi BNPT tiba di Manila untuk kunjungan kerja lanjutan, "
    "Senin (24/3).\n"
    "Kunjungan ini membahas rencana latihan bersama dengan NICA.\n"
    "Sumber : bnpt.go.id\n"
    "Editor : Redaksi\n"
).encode()


def imported(client, user, written_on: str | None, file=None) -> Article:
    """The draft the Import wire copy page made of `file` (SAMPLE)."""
    client.force_login(user)
    data = {"files": [file or upload(SAMPLE)]}
    if written_on:
        data["written_on"] = written_on
    response = client.post(UPLOAD, data)
    [row] = response.context["rows"]
    assert row["status"] == "created", row
    return IntakeRecord.objects.get().article


def change_page(client, user, article) -> str:
    client.force_login(user)
    response = client.get(reverse("admin:articles_article_change", args=[article.pk]))
    assert response.status_code == 200
    return html.unescape(response.content.decode())


@pytest.mark.parametrize(
    ("written_on", "published"),
    [("2016-03-25", "2016-03-24"), ("2022-03-25", "2022-03-24")],
)
def test_an_imported_drafts_dates_are_read_against_its_written_on_day(
    client, desk_editor, section, clock, written_on, published
):
    clock.now = IMPORTED_ON
    story = imported(client, desk_editor, written_on)
    report = IntakeRecord.objects.get().report
    assert report["published_date"] == published
    assert report["written_on"] == written_on
    assert "Kamis (24/3)" in story.body

    page = change_page(client, desk_editor, story)

    # The import knew the date for sure: nothing to check, no button.
    assert 'id="date-cautions"' not in page
    assert "the latest year it was" not in page
    assert "24/3/2022" not in page and "24/3/2016" not in page
    assert read_date_cautions(story) == ([], dt.date.fromisoformat(written_on))


def test_a_date_to_check_is_taken_and_written_in_full_against_written_on(
    client, desk_editor, section, clock
):
    clock.now = IMPORTED_ON
    story = imported(client, desk_editor, "2016-03-25", upload("monday.txt", MONDAY))
    caution = (
        "Senin (24/3): taken as Monday 24 March 2014, the latest year it was a "
        "Monday — check it."
    )
    # What the import said…
    assert IntakeRecord.objects.get().report["published_date"] == "2014-03-24"

    page = change_page(client, desk_editor, story)

    # …the panel says, and its button writes that year.
    assert 'id="date-cautions"' in page
    assert caution in page
    assert 'data-in-full="Senin (24/3/2014)"' in page
    assert "Write “Senin (24/3/2014)” in the body" in page
    assert "2025" not in page.split('id="date-cautions"')[1].split("</section>")[0]
    assert (
        "Read from the body against 25 March 2016, the day its copy was written "
        "as its import took it."
    ) in page


def test_an_import_without_written_on_reads_against_the_import_day(
    client, desk_editor, section, clock
):
    clock.now = IMPORTED_ON
    story = imported(client, desk_editor, None)
    assert IntakeRecord.objects.get().report["written_on"] == "2026-12-02"

    page = change_page(client, desk_editor, story)

    assert (
        "Kamis (24/3): taken as Thursday 24 March 2022, the latest year it was a "
        "Thursday — check it."
    ) in page
    assert 'data-in-full="Kamis (24/3/2022)"' in page
