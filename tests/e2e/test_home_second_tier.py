"""The home page's top stories in an edition with few stories, in Chromium at
1280 px: the second tier under the lead leaves no empty cell beside a card
(one card alone takes the whole row; of three, the first, then a pair), and
the other edition's latest follow in the column beside the agenda rather
than under it."""

import datetime as dt

import pytest
from django.utils import timezone

from tests.agencies.factories import MeetingFactory
from tests.articles.factories import ArticleFactory, SectionFactory
from tests.images import library_image

pytestmark = pytest.mark.e2e

WIDE = {"width": 1280, "height": 900}

# Each second-tier card's box, and the box of the grid that holds them.
SECOND_TIER = """() => {
    const grid = document.querySelector('.home__second');
    const box = (element) => {
        const r = element.getBoundingClientRect();
        return {left: r.left, right: r.right, top: r.top, bottom: r.bottom};
    };
    return {grid: box(grid), cards: [...grid.children].map(box)};
}"""


def edition(language: str, stories: int, *, photo=None, section=None):
    """`stories` published stories of `language`, newest first an hour apart
    (the newest leads, the others make the second tier), every other one
    with a picture."""
    section = section or SectionFactory()
    now = timezone.now()
    for number in range(stories):
        ArticleFactory(
            title=f"Story {number} of the {language} edition about a meeting",
            dek="A summary long enough to run to two lines on a card.",
            language=language,
            section=section,
            published_at=now - dt.timedelta(hours=number + 1),
            featured_image=photo if number % 2 == 0 else None,
        )


@pytest.fixture
def agenda(transactional_db, e2e_settings):
    """Three meetings to come: the agenda beside the second tier is taller
    than one row of cards."""
    for days in (10, 20, 30):
        MeetingFactory(
            title="Bilateral consultation on cyber threats and the exchange of data",
            start=timezone.now() + dt.timedelta(days=days),
        )


def rows_of(cards: list[dict]) -> list[list[dict]]:
    """The cards grouped by the row they stand in, left to right."""
    rows: dict[int, list[dict]] = {}
    for card in cards:
        rows.setdefault(round(card["top"]), []).append(card)
    return [sorted(row, key=lambda c: c["left"]) for _, row in sorted(rows.items())]


@pytest.mark.parametrize(("second_tier", "shape"), [(1, [1]), (3, [1, 2])])
def test_every_row_of_the_second_tier_is_filled_from_edge_to_edge(
    page, agenda, second_tier, shape
):
    """With a lead and one second-tier story the card stood in the left half
    of its row beside an empty cell; of three, the third stood alone."""
    edition("en", 1 + second_tier, photo=library_image(size=(480, 320)))
    page.set_viewport_size(WIDE)
    page.goto("/en/")

    measured = page.evaluate(SECOND_TIER)

    grid, rows = measured["grid"], rows_of(measured["cards"])
    assert [len(row) for row in rows] == shape, rows
    for row in rows:
        assert row[0]["left"] == pytest.approx(grid["left"], abs=1), (row, grid)
        assert row[-1]["right"] == pytest.approx(grid["right"], abs=1), (row, grid)
    assert grid["right"] - grid["left"] > 600  # two cards would fit: a real row


@pytest.mark.parametrize(
    ("language", "path", "stories"), [("id", "/", 1), ("en", "/en/", 2)]
)
def test_the_other_editions_latest_follow_the_top_stories_beside_the_agenda(
    page, agenda, language, path, stories
):
    """An edition with a lead and no or one second-tier story left the column
    beside the agenda empty: the other edition's latest stood under the
    agenda, across the page."""
    photo = library_image(size=(480, 320))
    edition(language, stories, photo=photo)
    edition("en" if language == "id" else "id", 3, photo=photo)
    page.set_viewport_size(WIDE)
    page.goto(path)

    above = page.locator(".home__second, .lead-story").last.bounding_box()
    other = page.locator(".other-edition").bounding_box()
    agenda_box = page.locator(".home-agenda").bounding_box()

    assert other["x"] + other["width"] <= agenda_box["x"], (other, agenda_box)
    assert other["y"] == pytest.approx(above["y"] + above["height"], abs=1), (
        other,
        above,
    )
    assert other["y"] < agenda_box["y"] + agenda_box["height"]
