"""In Chromium: two editors change one story's dateline (and each something
else); the second save is refused, its panel shows both datelines side by
side, the editor keeps the one saved now and presses Combine. History says
which revision it was combined with, and the story holds the chosen dateline
with both editors' other changes."""

import pytest
from playwright.sync_api import expect

from articles.models import Article
from tests.e2e.conftest import admin_login
from tests.e2e.test_edit_conflict import ADDED, story  # noqa: F401 (a fixture)

pytestmark = pytest.mark.e2e

TITLE_B = "Delegasi Filipina tiba, BNPT menyambut"


def test_the_dateline_both_changed_is_chosen_and_the_rest_combined(
    open_page,
    make_staff,
    story,  # noqa: F811 (the edit conflict tests' fixture)
):
    make_staff("Editor", "redaktur-a")
    make_staff("Editor", "redaktur-b")
    a, b = (open_page(viewport={"width": 1280, "height": 900}) for _ in range(2))
    for page, username in ((a, "redaktur-a"), (b, "redaktur-b")):
        admin_login(page, username)
        page.goto(f"/admin/articles/article/{story.pk}/change/")

    a.fill("#id_dateline", "Manila")
    body_a = a.locator("#id_body")
    body_a.fill(body_a.input_value().replace("teror.", f"teror. {ADDED}"))
    a.click("input[name=_save] >> nth=0")
    expect(a.locator(".messagelist")).to_be_visible()

    b.fill("#id_dateline", "Bandung")
    b.fill("#id_title", TITLE_B)
    b.click("input[name=_save] >> nth=0")
    panel = b.locator(".conflict-panel")
    expect(panel).to_be_visible()
    dateline = panel.locator(".stale-save-versions tbody tr", has_text="Dateline")
    expect(dateline.locator("td").nth(0)).to_have_text("Bandung")
    expect(dateline.locator("td").nth(1)).to_have_text("Manila")

    panel.locator("fieldset.stale-save-clash", has_text="Dateline").get_by_label(
        "Saved now"
    ).check()
    panel.get_by_role("button", name="Combine their changes and mine").click()

    expect(b.locator(".messagelist")).to_contain_text("combined")
    article = Article.objects.get(pk=story.pk)
    assert article.dateline == "Manila"
    assert article.title == TITLE_B
    assert ADDED in article.body
    b.goto(f"/admin/articles/article/{story.pk}/history/")
    expect(b.locator("#change-history tbody tr").first).to_contain_text(
        "Combined with revision 2."
    )
