"""axe-core finds no WCAG 2 A/AA problem on the public pages of both editions,
and a reader can comment with the keyboard alone."""

import datetime as dt
import json

import pytest
from django.contrib.auth import get_user_model
from django.utils import timezone
from playwright.sync_api import expect

from articles.models import Article, AuthorProfile
from articles.search.index import update_search_vectors
from tests.articles.comment_factories import CommentFactory
from tests.articles.factories import ArticleFactory
from tests.e2e.conftest import axe_violations, require_axe
from tests.images import library_image

pytestmark = pytest.mark.e2e


@pytest.fixture
def axe_page(open_page):
    """A page that axe can be injected into, whatever the site's CSP says."""
    require_axe()
    return open_page(bypass_csp=True)


def describe(violations: list[dict]) -> str:
    return json.dumps(
        [
            {
                "rule": v["id"],
                "impact": v["impact"],
                "help": v["help"],
                "nodes": [
                    {"target": n["target"], "html": n["html"][:200]}
                    for n in v["nodes"][:5]
                ],
            }
            for v in violations
        ],
        indent=2,
        ensure_ascii=False,
    )


@pytest.fixture
def newsroom(jwg4_article, agencies):
    """The 4th JWG story, published an hour ago (so open to comments), with a
    short discussion, findable by search, in English and in Indonesian."""
    jwg4_article.published_at = timezone.now() - dt.timedelta(hours=1)
    jwg4_article.save(update_fields=["published_at"])
    indonesian = ArticleFactory(
        title="Indonesia dan Filipina kembali bertemu membahas terorisme",
        slug="indonesia-filipina-jwg-terorisme",
        body="BNPT menjadi tuan rumah pertemuan ke-4 _Joint Working Group_.",
        language="id",
        section=jwg4_article.section,
        meeting=jwg4_article.meeting,
        translation_of=jwg4_article,
        published_at=jwg4_article.published_at,
        agencies=list(agencies.values()),
    )
    update_search_vectors([jwg4_article.pk, indonesian.pk])
    first = CommentFactory(article=jwg4_article, author_name="Dewi", text="Bagus.")
    CommentFactory(parent=first, author_name="Budi", text="Setuju.")
    return jwg4_article


def open_comment_errors(page, article) -> None:
    """The article page again after an empty comment: the form with its errors."""
    page.goto(article.get_absolute_url())
    page.locator("#new-comment button[type=submit]").click()
    expect(page.locator("#new-comment .error-summary")).to_be_visible()


def in_edition(article, language: str):
    """The story's article in `language` (the fixture has both)."""
    if article.language == language:
        return article
    return article.translations.get(language=language)


def open_author_page(page, article, prefix: str) -> None:
    """The page of the story's author, with a photo, a bio and their stories."""
    user, _ = get_user_model().objects.get_or_create(
        username="dewi", defaults={"is_staff": True}
    )
    profile, _ = AuthorProfile.objects.get_or_create(
        user=user,
        defaults={
            "name": "Dewi Lestari",
            "slug": "dewi-lestari",
            "role": "Wartawan, Jakarta",
            "role_en": "Reporter, Jakarta",
            "bio": "Meliput pertemuan antarlembaga.",
            "bio_en": "Covers meetings between agencies.",
            "photo": library_image("dewi.jpg", alt_text="Dewi Lestari"),
        },
    )
    Article.objects.filter(
        pk__in=[article.pk, *article.translations.values_list("pk", flat=True)]
    ).update(created_by=user)
    page.goto(f"{prefix}{profile.get_absolute_url()}")


def open_search_notices(page, prefix: str) -> None:
    page.goto(f"{prefix}/search/?q=BNPT&from=1800-01-01&to=abc")
    expect(page.locator(".messages .message").first).to_be_visible()


PAGES = {
    "home": lambda page, article, prefix: page.goto(f"{prefix}/"),
    "article": lambda page, article, prefix: page.goto(
        in_edition(article, "en" if prefix else "id").get_absolute_url()
    ),
    "meeting": lambda page, article, prefix: page.goto(
        f"{prefix}{article.meeting.get_absolute_url()}"
    ),
    "agency": lambda page, article, prefix: page.goto(f"{prefix}/agencies/bnpt/"),
    "search": lambda page, article, prefix: page.goto(f"{prefix}/search/?q=BNPT"),
    # Its notices: each a live region, which a list item may not be.
    "search-notices": lambda page, article, prefix: open_search_notices(page, prefix),
    "author": open_author_page,
    "comment-error": lambda page, article, prefix: open_comment_errors(
        page, in_edition(article, "en" if prefix else "id")
    ),
}
EDITIONS = {"indonesian": "", "english": "/en"}


@pytest.mark.parametrize("edition", EDITIONS)
@pytest.mark.parametrize("name", PAGES)
def test_the_page_has_no_accessibility_violations(axe_page, newsroom, name, edition):
    PAGES[name](axe_page, newsroom, EDITIONS[edition])
    expected_lang = "en" if EDITIONS[edition] else "id"
    assert axe_page.locator("html").get_attribute("lang") == expected_lang
    violations = axe_violations(axe_page)
    assert not violations, f"axe on the {edition} {name} page:\n{describe(violations)}"


def test_a_reader_comments_with_the_keyboard_alone(page, newsroom):
    page.goto(newsroom.get_absolute_url())
    name = page.locator("#new-comment-author_name")
    for _ in range(200):
        page.keyboard.press("Tab")
        if name.evaluate("field => field === document.activeElement"):
            break
    else:
        pytest.fail("Tab never reached the comment form's name field")
    page.keyboard.type("Sari")
    page.keyboard.press("Tab")
    expect(page.locator("#new-comment-author_email")).to_be_focused()
    page.keyboard.type("sari@example.com")
    page.keyboard.press("Tab")
    expect(page.locator("#new-comment-text")).to_be_focused()
    page.keyboard.type("Dikirim tanpa tetikus.")
    page.keyboard.press("Tab")
    expect(page.locator("#new-comment button[type=submit]")).to_be_focused()
    page.keyboard.press("Enter")
    expect(page.locator(".message--success")).to_contain_text("waiting for moderation")
    expect(page.locator(".comment--pending")).to_contain_text("Dikirim tanpa tetikus.")
