"""The home page's edges at 1280 px, in Chromium, as testers reported them:
the lead's picture and text stand over the columns below them (one gutter
down the page), the picture's top level with the text's, the agenda's rule
level with the second tier's cards, and no card of the other edition alone
beside an empty cell."""

import datetime as dt

import pytest
from django.utils import timezone

from tests.agencies.factories import MeetingFactory
from tests.articles.factories import ArticleFactory, SectionFactory
from tests.images import library_image

pytestmark = pytest.mark.e2e

WIDE = {"width": 1280, "height": 1400}

EDGES = """() => {
    const box = (selector) => {
        const element = document.querySelector(selector);
        if (!element) return null;
        const r = element.getBoundingClientRect();
        return {left: r.left, right: r.right, top: r.top, bottom: r.bottom};
    };
    return {
        picture: box('.lead-story__image'),
        text: box('.lead-story__text'),
        second: box('.home__second'),
        card: box('.home__second .card'),
        agenda: box('.home-agenda .section-heading'),
        main: box('.home__main .section-heading, .other-edition .section-heading'),
        other: box('.other-edition .card-grid'),
        otherCards: [...document.querySelectorAll('.other-edition .card')].map(
            (card) => {
                const r = card.getBoundingClientRect();
                return {left: r.left, right: r.right};
            }
        ),
    };
}"""


def story(language: str, hours: int, *, photo=None, section=None, title=None):
    return ArticleFactory(
        title=title or f"Story {hours} of the {language} edition about a meeting",
        dek="Three years after their 3rd meeting, the delegations met again and "
        "went through seven agenda items in four hours.",
        language=language,
        section=section or SectionFactory(),
        published_at=timezone.now() - dt.timedelta(hours=hours),
        featured_image=photo,
    )


@pytest.fixture
def front(transactional_db, e2e_settings):
    """An Indonesian edition of three stories (a lead with a long headline
    and a picture, two in the second tier), one English story, and
    meetings to come."""
    photo = library_image(size=(960, 540))
    story(
        "id",
        1,
        photo=photo,
        title="BNPT dan Filipina Gelar JWG ke-4 Penanggulangan Terorisme secara Hybrid",
    )
    story("id", 2, photo=photo)
    story("id", 3, photo=photo)
    story("en", 4, photo=photo)
    for days in (10, 20):
        MeetingFactory(
            title="Bilateral consultation on cyber threats",
            start=timezone.now() + dt.timedelta(days=days),
        )


def test_the_lead_stands_over_the_columns_below_it(page, front):
    """The lead had a gutter of its own (3/5 and 2/5 of the page): its text
    began 115 px left of the agenda, its picture ended 100 px short of the
    second tier's edge, and the picture, centred, stood 17 px below the
    kicker."""
    page.set_viewport_size(WIDE)
    page.goto("/")

    edges = page.evaluate(EDGES)

    assert edges["picture"]["right"] == pytest.approx(edges["second"]["right"], abs=1)
    assert edges["text"]["left"] == pytest.approx(edges["agenda"]["left"], abs=1)
    assert edges["picture"]["top"] == pytest.approx(edges["text"]["top"], abs=1)
    assert page.evaluate("document.documentElement.scrollWidth") <= WIDE["width"]


def test_the_agendas_rule_is_level_with_the_second_tiers_cards(page, front):
    """The agenda's heading kept its 2.25rem margin: its rule stood 36 px
    below the cards' beside it."""
    page.set_viewport_size(WIDE)
    page.goto("/")

    edges = page.evaluate(EDGES)

    assert edges["agenda"]["top"] == pytest.approx(edges["card"]["top"], abs=1)


def test_without_a_second_tier_the_agenda_is_level_with_the_first_heading(
    page, transactional_db, e2e_settings
):
    photo = library_image(size=(960, 540))
    story("id", 1, photo=photo)
    story("en", 2, photo=photo)
    MeetingFactory(start=timezone.now() + dt.timedelta(days=10))
    page.set_viewport_size(WIDE)
    page.goto("/")

    edges = page.evaluate(EDGES)

    assert edges["second"] is None
    assert edges["agenda"]["top"] == pytest.approx(edges["main"]["top"], abs=1)


def test_a_lone_card_of_the_other_edition_fills_its_row(page, front):
    """The one English story stood in the left half of the column, an empty
    cell beside it."""
    page.set_viewport_size(WIDE)
    page.goto("/")

    edges = page.evaluate(EDGES)

    (card,) = edges["otherCards"]
    assert card["left"] == pytest.approx(edges["other"]["left"], abs=1)
    assert card["right"] == pytest.approx(edges["other"]["right"], abs=1)
