"""In Chromium, on a 390 px phone: right-to-left words in a story (an Arabic
paragraph, list item, quotation, correction note, headline or summary) read
right to left, each block taking its direction from its own words, while
the Latin paragraphs beside them stay left to right. Laid out left to right,
an Arabic reader met the words in the wrong order, the full stop at the far
right."""

import pytest

from articles.models import Correction
from tests.articles.factories import ArticleFactory, SectionFactory

pytestmark = pytest.mark.e2e

ARABIC = "فقرة عربية عن اجتماع BNPT مع الفلبين."
LATIN = "Delegasi Indonesia dan Filipina bertemu di Jakarta."
BODY = f"""{LATIN}

{ARABIC}

- بند أول من القائمة
- Butir kedua

> اقتباس من الوزير
"""


@pytest.fixture
def story(transactional_db):
    article = ArticleFactory(
        title="اجتماع BNPT مع الفلبين",
        slug="arab",
        dek="ملخص الاجتماع في جاكرتا.",
        body=BODY,
        section=SectionFactory(name="Kerja Sama", slug="kerja-sama"),
    )
    Correction.objects.create(article=article, text="تصحيح: التاريخ الصحيح.")
    return article


def reads_right_to_left(element) -> bool:
    """The element's first word stands to the right of its last: its text
    is laid out right to left, and starts at its right edge."""
    return element.evaluate(
        """(element) => {
          const walker = document.createTreeWalker(element, NodeFilter.SHOW_TEXT);
          const texts = [];
          while (walker.nextNode()) {
            if (walker.currentNode.data.trim()) texts.push(walker.currentNode);
          }
          const first = texts[0], last = texts[texts.length - 1];
          const start = first.data.search(/\\S/);
          const end = last.data.trimEnd().length;
          const range = document.createRange();
          range.setStart(first, start);
          range.setEnd(first, first.data.indexOf(" ", start) > 0
            ? first.data.indexOf(" ", start) : first.data.length);
          const firstWord = range.getBoundingClientRect();
          range.setStart(last, last.data.lastIndexOf(" ", end - 1) + 1);
          range.setEnd(last, end);
          const lastWord = range.getBoundingClientRect();
          const box = element.getBoundingClientRect();
          // Right to left: the first word right of the last, and the text
          // against the box's right edge (text-align: start).
          return firstWord.left > lastWord.left
            && box.right - firstWord.right < 2;
        }"""
    )


def test_arabic_blocks_read_right_to_left_and_latin_ones_left_to_right(page, story):
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(story.get_absolute_url())
    body = page.locator(".story__body")

    arabic = body.locator("p", has_text="فقرة عربية")
    assert reads_right_to_left(arabic)
    # The full stop at the text's left end, left of its last word, not at
    # the far right.
    assert arabic.evaluate(
        """(p) => {
          const text = p.firstChild, range = document.createRange();
          range.setStart(text, text.data.length - 1);
          range.setEnd(text, text.data.length);
          const stop = range.getBoundingClientRect();
          range.setStart(text, text.data.lastIndexOf(" ") + 1);
          range.setEnd(text, text.data.length - 1);
          return stop.right <= range.getBoundingClientRect().left + 1;
        }"""
    )
    assert reads_right_to_left(body.locator("li", has_text="بند أول"))
    assert reads_right_to_left(body.locator("blockquote p"))
    assert reads_right_to_left(page.locator(".story__title"))
    assert reads_right_to_left(page.locator(".story__header .dek"))
    assert reads_right_to_left(page.locator(".correction__text"))

    # The Latin paragraph and list item stay left to right.
    for latin in (
        body.locator("p", has_text="Delegasi Indonesia"),
        body.locator("li", has_text="Butir kedua"),
    ):
        assert not reads_right_to_left(latin)
        box = latin.bounding_box()
        first_word = latin.evaluate(
            """(element) => {
              const range = document.createRange();
              range.setStart(element.firstChild, 0);
              range.setEnd(element.firstChild, 4);
              return range.getBoundingClientRect().left;
            }"""
        )
        assert first_word - box["x"] < 2
    assert page.evaluate("document.documentElement.scrollWidth") <= 390


def test_a_story_card_s_arabic_headline_and_summary_read_right_to_left(page, story):
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(story.section.get_absolute_url())
    card = page.locator(".card", has_text="اجتماع BNPT")
    assert reads_right_to_left(card.locator(".card__title"))
    assert reads_right_to_left(card.locator(".card__dek"))
