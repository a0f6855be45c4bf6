"""Details of layout a tester found, in Chromium: the other edition's heading
keeps its distance from the cards above it, a meta line's separator never
begins a line, and the moderation queue's article column keeps its words
whole."""

import datetime as dt

import pytest

from tests.agencies.factories import AgencyFactory, PersonFactory
from tests.articles.comment_factories import CommentFactory
from tests.articles.factories import ArticleFactory, SectionFactory
from tests.e2e.conftest import admin_login
from tests.images import library_image

pytestmark = pytest.mark.e2e

JAKARTA = dt.timezone(dt.timedelta(hours=7))
# Long dates: "Minggu, 28 September 2025", "Wednesday, 24 September 2025".
SUNDAY = dt.datetime(2025, 9, 28, 12, tzinfo=JAKARTA)
WEDNESDAY = dt.datetime(2025, 9, 24, 12, tzinfo=JAKARTA)


@pytest.fixture
def newsroom(transactional_db, e2e_settings):
    """An agency and its head, each in the news in both editions: two
    Indonesian stories, two English ones, each with a picture (a thumbnail
    beside the card's text) and comments."""
    photo = library_image(size=(480, 320))
    agency = AgencyFactory(
        acronym="BNPT", name="Badan Nasional Penanggulangan Terorisme", slug="bnpt"
    )
    person = PersonFactory(name="Boy Rafli Amar", slug="boy-rafli-amar", agency=agency)
    section = SectionFactory(name="Kerja Sama", slug="kerja-sama")
    titles = {
        "id": [
            "Mengenal JWG, Forum Tahunan Indonesia–Filipina Melawan Terorisme",
            "BNPT dan Filipina Gelar JWG ke-4 Penanggulangan Terorisme",
        ],
        "en": [
            "Indonesia and the Philippines Review Border Control at 4th JWG",
            "BNPT and the Philippines Hold 4th Joint Working Group",
        ],
    }
    for language, when in (("id", SUNDAY), ("en", WEDNESDAY)):
        for number, title in enumerate(titles[language]):
            ArticleFactory(
                title=title,
                language=language,
                section=section,
                published_at=when - dt.timedelta(hours=number),
                approved_comment_count=4,
                featured_image=photo,
                agencies=[agency],
                people=[person],
            )
    return {
        "agency": agency.get_absolute_url(),
        "person": f"/en{person.get_absolute_url()}",
    }


# How far the other edition's heading (its rule) stands below what is above
# it: the last row of cards, or on the home page the agenda.
HEADING_GAP = """() => {
    const heading = document.querySelector('#other-edition-heading');
    const above = heading.closest('.other-edition').previousElementSibling;
    return heading.getBoundingClientRect().top - above.getBoundingClientRect().bottom;
}"""


@pytest.mark.parametrize(
    ("where", "width"), [("agency", 1280), ("person", 390), ("person", 1280)]
)
def test_the_other_editions_heading_stands_as_far_below_the_cards_as_on_the_home_page(
    open_page, newsroom, where, width
):
    """On an agency's or a person's page "Terbaru dalam bahasa Inggris" and
    its rule sat right under the last card's date; the home page leaves a
    gap."""
    page = open_page(viewport={"width": width, "height": 900})
    page.goto("/" if where == "agency" else "/en/")
    home = page.evaluate(HEADING_GAP)
    page.goto(newsroom[where])

    gap = page.evaluate(HEADING_GAP)

    assert home >= 24, home  # the home page's own gap, to compare with
    assert gap >= home, (gap, home)


# Every line of a meta line that begins with one of its items (the second
# or a later one): the item and how far its first letter stands in from the
# line's start. The separator, before that item, took the start of the line
# and pushed the item in.
WRAPPED_ITEMS = """(metas) => metas.flatMap((meta) => {
    const letters = (item) => {
        const walker = document.createTreeWalker(item, NodeFilter.SHOW_TEXT);
        const texts = [];
        while (walker.nextNode()) {
            if (walker.currentNode.data.trim()) texts.push(walker.currentNode);
        }
        return texts;
    };
    const box = (node, at) => {
        const range = document.createRange();
        range.setStart(node, at);
        range.setEnd(node, at + 1);
        return range.getBoundingClientRect();
    };
    const first = (item) => {
        const node = letters(item)[0];
        return box(node, node.data.length - node.data.trimStart().length);
    };
    const last = (item) => {
        const node = letters(item).at(-1);
        return box(node, node.data.trimEnd().length - 1);
    };
    const start = meta.getBoundingClientRect().left
        + parseFloat(getComputedStyle(meta).paddingLeft);
    const items = [...meta.children].filter((item) => letters(item).length);
    return items.slice(1).flatMap((item, index) => {
        const begins = first(item);
        if (begins.top < last(items[index]).bottom - 1) return [];
        return [{item: item.textContent.trim(), indent: begins.left - start}];
    });
})"""


@pytest.mark.parametrize(
    ("where", "width"), [("home", 390), ("home", 1280), ("agency", 1280)]
)
def test_no_line_of_a_meta_line_begins_with_its_separator(
    open_page, newsroom, where, width
):
    """In a narrow card the date and "4 komentar" did not fit one line: the
    second began with the dot between them, set in from the edge. The dot
    now ends the first line and the count begins the second."""
    page = open_page(viewport={"width": width, "height": 900})
    page.goto("/" if where == "home" else newsroom[where])

    wrapped = page.locator(".meta").evaluate_all(WRAPPED_ITEMS)

    assert any("komentar" in line["item"] for line in wrapped), wrapped
    assert all(line["indent"] < 1 for line in wrapped), wrapped


# The words of each row's headline (split at spaces and dashes, where a line
# may break) that are cut across two lines.
CUT_WORDS = """(links) => links.flatMap((link) => {
    const node = link.firstChild;
    return [...node.data.matchAll(/[^\\s\\u2010-\\u2015-]+/g)].filter((word) => {
        const range = document.createRange();
        range.setStart(node, word.index);
        range.setEnd(node, word.index + word[0].length);
        return range.getClientRects().length > 1;
    }).map((word) => word[0]);
})"""

# Each column of the queue: its header and width (to say what to fix).
COLUMN_WIDTHS = """() => [...document.querySelectorAll('#result_list thead th')]
    .map((th) => `${th.textContent.trim()}: ${Math.round(th.offsetWidth)}`)"""


def test_the_queues_article_column_keeps_its_words_whole(open_page, make_staff):
    """At 1280 px a comment quoting a long address squeezed the article
    column to 45 px: "Menge/nal JWG … Indone/sia–Filipin/a", rows 200 px
    tall. The headline's words are whole now, and the row still fits the
    screen beside the menu and the filters."""
    article = ArticleFactory(
        title="Mengenal JWG, Forum Tahunan Indonesia–Filipina Melawan Terorisme"
    )
    CommentFactory(
        article=article,
        pending=True,
        text=(
            "Lihat https://www.bnpt.go.id/berita?judul=BNPT_dan_NICA_menggelar_"
            "JWG_ke_4_tentang_penanggulangan_terorisme untuk lengkapnya"
        ),
    )
    CommentFactory(
        article=article,
        pending=True,
        author_name="Pembaca Setia dari Jakarta Selatan",
        text="Pertemuan seperti ini perlu diberitakan lebih sering. " * 3,
    )
    make_staff("Moderator", "staff")
    page = open_page(viewport={"width": 1280, "height": 900})
    admin_login(page, "staff")
    page.goto("/admin/articles/comment/")

    links = page.locator("#result_list td.field-article_link a:first-child")
    table = page.locator("#changelist .results")
    scroll, width = table.evaluate("(box) => [box.scrollWidth, box.clientWidth]")

    assert links.count() == 2
    assert links.evaluate_all(CUT_WORDS) == [], page.evaluate(COLUMN_WIDTHS)
    assert scroll <= width, (scroll, width, page.evaluate(COLUMN_WIDTHS))


# Where each of the queue's column headers ends, from the viewport's left.
COLUMN_ENDS = """() => Object.fromEntries(
    [...document.querySelectorAll('#result_list thead th')].map((th) => [
        th.className.split(' ').find((c) => c.startsWith('column-')) || '',
        Math.round(th.getBoundingClientRect().right),
    ]))"""


@pytest.mark.parametrize("name", ["X" * 80, "Ñ" * 80], ids=["latin", "accented"])
def test_a_readers_long_name_leaves_the_queues_columns_on_the_screen(
    open_page, make_staff, name
):
    """A name of 80 letters without a space (the most a name holds) made
    the sender column 790 px wide at 1280 px: the table 1,302 px in a box
    of 703, the article and the status out of sight. The name wraps now;
    the six columns fit beside the menu and the filters."""
    article = ArticleFactory(title="BNPT dan Filipina Gelar JWG ke-4")
    CommentFactory(article=article, pending=True, author_name=name)
    CommentFactory(article=article, pending=True, author_name="Siti Rahma")
    make_staff("Moderator", "staff")
    page = open_page(viewport={"width": 1280, "height": 900})
    admin_login(page, "staff")
    page.goto("/admin/articles/comment/")

    table = page.locator("#changelist .results")
    scroll, width = table.evaluate("(box) => [box.scrollWidth, box.clientWidth]")
    ends = page.evaluate(COLUMN_ENDS)

    assert scroll <= width, (scroll, width, page.evaluate(COLUMN_WIDTHS))
    assert ends["column-state"] <= 1280, ends
    assert ends["column-article_link"] <= 1280, ends
    assert page.evaluate("document.documentElement.scrollWidth") <= 1280
    # The name is there whole, only wrapped.
    sender = page.locator("#result_list td.field-sender").first
    assert name in sender.inner_text().replace("\n", "")


def test_on_a_phone_the_headers_search_box_takes_its_row_whole(open_page, newsroom):
    """At 390 px the box wraps under the name; it stopped at 14rem (314 px
    with its button), a gap at its right."""
    page = open_page(viewport={"width": 390, "height": 900})
    page.goto("/")
    # The right edge of the header's content (inside its padding).
    content_right = page.evaluate(
        """() => {
            const inner = document.querySelector('.site-header__inner');
            const box = inner.getBoundingClientRect();
            return box.right - parseFloat(getComputedStyle(inner).paddingRight);
        }"""
    )
    button = page.locator(".site-header .search-box__button").bounding_box()

    assert abs((button["x"] + button["width"]) - content_right) < 2


# Where the story's "Published"/"Updated" word stands against its time.
WHEN_LINES = """(spans) => spans.map((span) => {
    const range = document.createRange();
    range.selectNodeContents(span.firstChild);  // the word, before the time
    const word = [...range.getClientRects()].filter((r) => r.width > 0).pop();
    const lines = span.querySelector('time').getClientRects();
    const time = lines[0];  // its first line
    // Below the time's last line, only the dot after it: a line of its own.
    const below = span.getBoundingClientRect().bottom - lines[lines.length - 1].bottom;
    return [span.textContent.trim().split(/\\s+/)[0], word.top, time.top, below];
})"""


@pytest.mark.parametrize("width", [390, 360])
def test_a_storys_published_word_stays_on_the_line_of_its_date(
    open_page, newsroom, width
):
    """At 390 px "Terbit" ended the meta line's first line and its date
    began the second (a tester's story, dateline and byline before it); at
    360 px, where the whole is longer than a line, it keeps the date's
    start."""
    story = ArticleFactory(
        title="Delegasi tiba",
        dateline="Jakarta",
        byline="Sari Wulandari",
        section=SectionFactory(name="Internasional", slug="internasional"),
        # The tester's story: "Minggu, 6 Desember 2026 16.39 WIB", then the
        # dot before "3 komentar", which at 360 px fell to a line of its own.
        published_at=dt.datetime(2026, 12, 6, 16, 39, tzinfo=JAKARTA),
        approved_comment_count=3,
    )
    page = open_page(viewport={"width": width, "height": 900})
    page.goto(story.get_absolute_url())

    spans = page.locator(".story__meta > span:has(> time)").evaluate_all(WHEN_LINES)

    assert [word for word, *_ in spans][:1] == ["Terbit"]
    for word, word_top, time_top, below in spans:
        assert abs(word_top - time_top) < 4, (word, word_top, time_top)
        assert below < 4, (word, "the dot after the date on a line of its own")
