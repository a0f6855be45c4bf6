"""The desk's screens in Chromium at 1280 px and 390 px, in Indonesian: no
page scrolls sideways, and axe finds no serious accessibility problem."""

from pprint import pformat

import pytest

from tests.agencies.factories import (
    MeetingFactory,
    MeetingParticipantFactory,
    MeetingSessionFactory,
)
from tests.articles.comment_factories import CommentFactory
from tests.articles.factories import ArticleFactory, SectionFactory
from tests.e2e.conftest import ROOT, admin_login

pytestmark = pytest.mark.e2e

AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
LONG = (
    "Updates on intelligence and information sharing mechanisms between "
    "security and intelligence agencies of both countries"
)


# What sticks out past the screen's right edge (to say what to fix).
WIDEST = """(width) => [...document.querySelectorAll('body *')]
    .filter((e) => e.getBoundingClientRect().right > width + 1)
    .slice(-3).map((e) => `${e.tagName}.${e.className}`)"""


def serious_violations(page) -> list:
    page.add_script_tag(path=str(AXE))
    results = page.evaluate("() => axe.run(document, {runOnly: ['wcag2a', 'wcag2aa']})")
    return [
        (v["id"], [n["target"] for n in v["nodes"][:3]])
        for v in results["violations"]
        if v["impact"] in ("serious", "critical")
    ]


@pytest.mark.parametrize("width", [1280, 390])
def test_the_desk_screens_fit_the_screen_and_pass_axe(open_page, make_staff, width):
    section = SectionFactory(name="Keamanan", slug="keamanan")
    article = ArticleFactory(
        section=section,
        title="BNPT dan NICA menggelar JWG ke-4 tentang penanggulangan terorisme",
    )
    # The story in English too: the article's page lists it (Translations).
    translation = ArticleFactory(
        section=section,
        language="en",
        translation_of=article,
        title="BNPT and NICA hold the 4th JWG on counter-terrorism",
    )
    meeting = MeetingFactory(title="JWG ke-4 Indonesia–Filipina", title_en=LONG)
    for order in range(1, 4):
        MeetingSessionFactory(
            meeting=meeting,
            order=order,
            title=LONG,
            summary=LONG,
            title_en=LONG,
            summary_en=LONG,
        )
    MeetingParticipantFactory(meeting=meeting)
    make_staff("Editor", "redaktur")
    page = open_page(
        viewport={"width": width, "height": 900},
        bypass_csp=True,  # axe is injected
    )
    admin_login(page, "redaktur")
    screens = [
        "/admin/",
        "/admin/articles/article/",
        f"/admin/articles/article/{article.pk}/change/",
        f"/admin/articles/article/{article.pk}/links/",
        "/admin/articles/intakerecord/add/",
        f"/admin/articles/article/{translation.pk}/change/",
        f"/admin/articles/article/add/?translation_of={article.pk}",
        f"/admin/agencies/meeting/{meeting.pk}/change/",
        "/admin/agencies/agency/",
        # Names beside their English ones.
        "/admin/agencies/agency/add/",
        "/admin/agencies/person/add/",
        "/admin/agencies/meetingseries/add/",
        "/admin/articles/section/add/",
        "/admin/media/image/",
        "/admin/articles/articleinreview/",
    ]
    too_wide, problems = [], {}
    check(page, screens, width, too_wide, problems)
    # The moderator's screens, with a comment waiting in the queue.
    CommentFactory(article=article, pending=True, text=LONG)
    make_staff("Moderator", "moderator")
    page = open_page(viewport={"width": width, "height": 900}, bypass_csp=True)
    admin_login(page, "moderator")
    comment_screens = [
        "/admin/",
        "/admin/articles/comment/",
        "/admin/articles/moderationlog/",
        "/admin/articles/ban/",
    ]
    check(page, comment_screens, width, too_wide, problems)

    assert too_wide == []
    assert problems == {}, pformat(problems)


def check(page, screens, width, too_wide, problems) -> None:
    for screen in screens:
        page.goto(screen)
        scroll = page.evaluate("document.documentElement.scrollWidth")
        if scroll > width:
            too_wide.append((screen, scroll, page.evaluate(WIDEST, width)))
        if width == 1280 and (found := serious_violations(page)):
            problems[screen] = found
