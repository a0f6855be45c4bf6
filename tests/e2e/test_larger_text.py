"""A reader who sets a larger default text size in the browser (125, 150,
200 %) on a narrow phone (320 and 390 px) sees every public page whole: no
page is wider than the screen, the header's search button, the byline's
dates, the footer's links and the meeting's role badges all wrap within it.
At 125 % every English page had been 420 px wide at 390 px ("Search" cut to
"Searc"), at 200 % 616-668 px; at 320 px in normal text, 339 px."""

import datetime as dt

import pytest
from django.contrib.auth import get_user_model

from articles.models import Article, AuthorProfile
from articles.search.index import update_search_vectors
from tests.articles.factories import ArticleFactory
from tests.conftest import JAKARTA
from tests.e2e.conftest import ARTIFACTS

pytestmark = pytest.mark.e2e

WIDTHS = (320, 390)
# The browser's default font size in px: 100, 125, 150 and 200 %.
TEXT_SIZES = (16, 20, 24, 32)


def set_default_font_size(page, pixels: int) -> None:
    """The browser's own default font size, as a reader sets it in its
    settings (Chromium's "Font size"): not a zoom, and nothing the page's
    styles could set for it. Playwright's full-page screenshots reset it."""
    session = page.context.new_cdp_session(page)
    session.send(
        "Page.setFontSizes",
        {"fontSizes": {"standard": pixels, "fixed": round(pixels * 13 / 16)}},
    )


# The innermost elements that reach past the right edge of the window.
STICKING_OUT = """() => {
    const edge = document.documentElement.clientWidth;
    const out = [...document.body.querySelectorAll("*")].filter(
        element => element.getBoundingClientRect().right > edge + 0.5);
    return out
        .filter(element => !out.some(
            other => other !== element && element.contains(other)))
        .slice(0, 3)
        .map(element => `${element.localName}.${[...element.classList].join(".")}`
            + ` "${element.textContent.trim().slice(0, 40)}"`);
}"""


@pytest.fixture
def public_pages(transactional_db, jwg4_article, agencies):
    """One page of each kind, in each edition: the 4th JWG story in English
    and in Indonesian (a long date in its byline), its meeting (a role badge
    "Memberi sambutan pembukaan"), section, tag, agencies, people, author."""
    published = dt.datetime(2025, 12, 24, 13, 45, tzinfo=JAKARTA)
    jwg4_article.published_at = published
    jwg4_article.save(update_fields=["published_at"])
    writer = get_user_model().objects.create_user(username="dewi", is_staff=True)
    author = AuthorProfile.objects.create(
        user=writer, name="Dewi Lestari", slug="dewi-lestari", role="Wartawan"
    )
    indonesian = ArticleFactory(
        # "pasca-COVID-19" is kept on one line (keep_tokens) where it fits.
        title="Indonesia dan Filipina bahas terorisme pasca-COVID-19",
        slug="indonesia-filipina-jwg-terorisme",
        body="BNPT menjadi tuan rumah pertemuan ke-4 _Joint Working Group_.",
        language="id",
        section=jwg4_article.section,
        meeting=jwg4_article.meeting,
        translation_of=jwg4_article,
        published_at=published,
        tags=["terorisme"],
        agencies=list(agencies.values()),
        people=list(jwg4_article.people.all()),
    )
    Article.objects.filter(pk__in=[jwg4_article.pk, indonesian.pk]).update(
        created_by=writer
    )
    update_search_vectors([jwg4_article.pk, indonesian.pk])
    section = jwg4_article.section.get_absolute_url()
    meeting = jwg4_article.meeting.get_absolute_url()
    same_in_both = {
        "home": "/",
        "section": section,
        "agency": "/agencies/bnpt/",
        "agencies": "/agencies/",
        "person": "/people/andhika-chrisnayudhanto/",
        "people": "/people/",
        "meeting": meeting,
        "meetings": "/meetings/",
        "search": "/search/?q=BNPT",
        "author": author.get_absolute_url(),
        "404": "/tidak-ada-halaman-ini/",
    }
    return {
        "": {
            **same_in_both,
            "story": indonesian.get_absolute_url(),
            "tag": "/tags/terorisme/",
        },
        "/en": {
            **{name: f"/en{path}" for name, path in same_in_both.items()},
            "story": jwg4_article.get_absolute_url(),
            "tag": "/en/tags/counter-terrorism/",
        },
    }


@pytest.mark.parametrize("text_size", TEXT_SIZES)
def test_no_page_is_wider_than_a_phone_in_larger_text(
    open_page, public_pages, text_size
):
    page = open_page(viewport={"width": WIDTHS[0], "height": 800})
    set_default_font_size(page, text_size)
    wider = {}
    for edition, pages in public_pages.items():
        for name, path in pages.items():
            response = page.goto(path)
            assert response.status == (404 if name == "404" else 200), path
            assert page.evaluate(
                "parseFloat(getComputedStyle(document.documentElement).fontSize)"
            ) == pytest.approx(text_size), "the browser's text size did not take"
            for width in WIDTHS:
                page.set_viewport_size({"width": width, "height": 800})
                scroll = page.evaluate("document.documentElement.scrollWidth")
                if scroll <= width:
                    continue
                wider[f"{path} at {width} px"] = (scroll, page.evaluate(STICKING_OUT))
                if len(wider) <= 3:  # a picture of the first few
                    ARTIFACTS.mkdir(exist_ok=True)
                    picture = f"larger-text-{text_size}-{width}-{name}{edition}.png"
                    # Not full page: that resets the text size.
                    page.screenshot(path=str(ARTIFACTS / picture.replace("/", "-")))
    assert wider == {}, f"pages wider than the phone at {text_size} px text"
