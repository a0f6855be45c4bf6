"""A date the pasted copy gave without its year ("Kamis (24/3)"), checked by
the reporter, is written in full by its button in "Dates to check before
publishing": the body then says "Kamis (24/3/2022)" wherever it said
"Kamis (24/3)", and once saved the note is gone. The reporter had to find
the date in a long body and type the year by hand (a tester's fiddliest
step on a phone). Pressed too soon, it undoes what it wrote; once the body
changed since, it says to undo by hand."""

import datetime as dt

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from articles.models import Article
from tests.articles.factories import ArticleFactory
from tests.e2e.conftest import admin_login

pytestmark = pytest.mark.e2e

BODY = (
    "BNPT dan NICA menggelar JWG ke-4 secara hibrida, Kamis (24/3).\n\n"
    "Pertemuan Kamis (24/3) itu dibuka Deputi Kerja Sama Internasional BNPT."
)


@pytest.mark.parametrize("width", [390, 1280])
def test_a_checked_date_is_written_in_full_by_its_button(
    open_page, make_staff, section, width
):
    reporter = make_staff("Reporter", "pewarta")
    story = ArticleFactory(draft=True, section=section, created_by=reporter, body=BODY)
    # Started in 2026: 24 March was last a Thursday in 2022, to be checked.
    Article.objects.filter(pk=story.pk).update(
        created_at=timezone.make_aware(dt.datetime(2026, 12, 7, 9, 0))
    )
    page = open_page(viewport={"width": width, "height": 900})
    admin_login(page, "pewarta")
    page.goto(f"/admin/articles/article/{story.pk}/change/")

    cautions = page.locator("#date-cautions")
    expect(cautions).to_contain_text("Kamis (24/3): taken as Thursday 24 March 2022")
    button = cautions.locator("button.date-in-full")
    expect(button).to_have_text("Write “Kamis (24/3/2022)” in the body")
    height = button.evaluate("(b) => b.getBoundingClientRect().height")
    assert height >= 24
    body = page.locator("#id_body")
    button.click()
    written = BODY.replace("Kamis (24/3)", "Kamis (24/3/2022)")
    expect(cautions).to_contain_text(
        "“Kamis (24/3/2022)” is written in the body: save to keep it."
    )
    assert body.input_value() == written

    # Pressed before checking: the button undoes it, then writes it again.
    expect(button).to_have_text("Undo")
    button.click()
    expect(cautions).to_contain_text("The body says “Kamis (24/3)” again.")
    assert body.input_value() == BODY
    button.click()
    assert body.input_value() == written

    page.locator("input[name=_continue]").first.click()
    expect(page.locator(".messagelist")).to_contain_text("was changed successfully")
    expect(page.locator("#date-cautions")).to_have_count(0)
    story.refresh_from_db()
    assert story.body.count("Kamis (24/3/2022)") == 2


def test_the_undo_leaves_a_body_changed_since_as_it_is(open_page, make_staff, section):
    reporter = make_staff("Reporter", "pewarta")
    story = ArticleFactory(draft=True, section=section, created_by=reporter, body=BODY)
    Article.objects.filter(pk=story.pk).update(
        created_at=timezone.make_aware(dt.datetime(2026, 12, 7, 9, 0))
    )
    page = open_page(viewport={"width": 1280, "height": 900})
    admin_login(page, "pewarta")
    page.goto(f"/admin/articles/article/{story.pk}/change/")
    button = page.locator("#date-cautions button.date-in-full")
    button.click()
    body = page.locator("#id_body")
    body.press("End")
    body.press_sequentially(" Tambahan.")
    typed = body.input_value()

    button.click()  # Undo
    expect(page.locator("#date-cautions")).to_contain_text(
        "The body has changed since: undo it there by hand."
    )
    assert body.input_value() == typed
