"""The story page's aside in Chromium: on a phone the meeting the story covers
comes right after the story, before the share links and the discussion; at
1280 px it stands in its own column beside the story, from the top, and the
share links still follow the story's end."""

import pytest

from tests.agencies.factories import MeetingFactory
from tests.articles.factories import ArticleFactory, SectionFactory

pytestmark = pytest.mark.e2e

PHONE = {"width": 390, "height": 844}
WIDE = {"width": 1280, "height": 900}

BOXES = """() => Object.fromEntries(
    ['.story', '.meeting-box', '.share', '.discussion'].map((selector) => {
        const r = document.querySelector(selector).getBoundingClientRect();
        return [selector, {top: r.top, bottom: r.bottom, left: r.left, right: r.right}];
    })
)"""


@pytest.fixture
def story(transactional_db, e2e_settings):
    """A story about a meeting, with another in its section (a second box)."""
    section = SectionFactory()
    meeting = MeetingFactory(title="4th Joint Working Group on Counter-Terrorism")
    ArticleFactory(section=section, title="Another story in the section")
    return ArticleFactory(
        section=section,
        meeting=meeting,
        title="BNPT and the Philippines hold their 4th Joint Working Group",
        body="\n\n".join(["A paragraph of the report, long enough to wrap."] * 12),
    )


def test_on_a_phone_the_meeting_comes_before_the_discussion(open_page, story):
    """The meeting box stood under the whole discussion, at the page's end."""
    page = open_page(viewport=PHONE)
    page.goto(story.get_absolute_url())

    box = page.evaluate(BOXES)

    assert box[".story"]["bottom"] < box[".meeting-box"]["top"]
    assert box[".meeting-box"]["bottom"] < box[".share"]["top"]
    assert box[".share"]["bottom"] < box[".discussion"]["top"]
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]


def test_on_a_wide_screen_the_meeting_stands_beside_the_story(open_page, story):
    page = open_page(viewport=WIDE)
    page.goto(story.get_absolute_url())

    box = page.evaluate(BOXES)

    story_box, meeting = box[".story"], box[".meeting-box"]
    assert meeting["left"] > story_box["right"]
    assert meeting["top"] == pytest.approx(story_box["top"], abs=1)
    # The share links follow the story's end, not the aside's.
    assert 0 < box[".share"]["top"] - story_box["bottom"] < 40
