"""Redirects and "not found" answers of public pages: browsers ask again each
time (a slug changed and changed back leads its readers to the story at
once), a CDN keeps them briefly and its purge reaches them; never stored
by the page cache."""

import pytest

from articles import services
from tests.articles.factories import ArticleFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def page_cache(settings):
    settings.NEWSROOM_PAGE_CACHE = True


@pytest.fixture
def committed(django_capture_on_commit_callbacks):
    def run(write, *args, **kwargs):
        with django_capture_on_commit_callbacks(execute=True):
            return write(*args, **kwargs)

    return run


@pytest.fixture
def story(section):
    return ArticleFactory(
        title="Delegasi Filipina tiba di Jakarta",
        slug="delegasi-filipina-tiba",
        section=section,
    )


def move(story, slug: str, *, editor, committed) -> tuple[str, str]:
    """Give `story` the slug `slug`: its address before and after."""
    before = story.get_absolute_url()
    story.slug = slug
    committed(services.article_save, article=story, user=editor)
    return before, story.get_absolute_url()


def browsers_ask_again(response) -> bool:
    control = response.get("Cache-Control", "")
    return "max-age=0" in control or "no-cache" in control or "no-store" in control


def test_a_storys_old_address_redirects_for_now_only(client, story, editor, committed):
    old, new = move(story, "delegasi-tiba", editor=editor, committed=committed)
    moved = client.get(old)
    assert moved.status_code == 301 and moved["Location"] == new
    control = moved["Cache-Control"]
    assert browsers_ask_again(moved)
    assert "public" in control and "s-maxage=60" in control
    # No stale-while-revalidate: a browser would follow the old one again.
    assert "stale-while-revalidate" not in control
    # A change of the story's address (a slug, unpublishing) purges it.
    assert "articles" in moved["Surrogate-Key"].split()
    assert "X-Page-Cache" not in moved and "X-Page-Cache" not in client.get(old)


def test_a_slug_changed_back_leads_to_the_story_at_once(
    client, story, editor, committed
):
    first, second = move(story, "delegasi-tiba", editor=editor, committed=committed)
    followed = client.get(first)
    assert followed.status_code == 301 and browsers_ask_again(followed)
    move(story, "delegasi-filipina-tiba", editor=editor, committed=committed)
    page = client.get(first)
    assert page.status_code == 200
    assert "Delegasi Filipina tiba di Jakarta" in page.content.decode()
    back = client.get(second)
    assert back.status_code == 301 and back["Location"] == first
    assert browsers_ask_again(back)
    assert client.get(first)["X-Page-Cache"] == "hit"


def test_a_missing_story_is_not_kept_and_its_publication_purges_it(
    client, story, editor, committed
):
    url = story.get_absolute_url()
    committed(services.article_unpublish, article=story, user=editor)
    missing = client.get(url)
    assert missing.status_code == 404
    control = missing["Cache-Control"]
    assert browsers_ask_again(missing) and "public" in control
    assert "s-maxage=60" in control and "articles" in missing["Surrogate-Key"].split()
    assert client.get(url).get("X-Page-Cache") is None  # not stored
    committed(services.article_publish, article=story, user=editor)
    assert client.get(url).status_code == 200


def test_other_redirects_and_misses_are_asked_again_too(
    client, story, editor, committed
):
    old, _new = move(story, "delegasi-tiba", editor=editor, committed=committed)
    for path in (
        "/id/",  # the root edition's address with a prefix: moves for good
        story.get_absolute_url()[:-1],  # no final slash
        "/tidak-ada/",
        f"{old}?q=other",  # an address not shared: no CDN's policy
    ):
        response = client.get(path)
        assert response.status_code in (301, 404), path
        assert browsers_ask_again(response), path
    assert "public" not in client.get(f"{old}?q=other")["Cache-Control"]


def test_redirects_without_a_cdn_policy_when_not_shared(client, settings, story):
    settings.NEWSROOM_PAGE_CACHE = False
    response = client.get("/tidak-ada/")
    assert response.status_code == 404
    assert response["Cache-Control"] == "max-age=0"
    assert "Surrogate-Key" not in response


def test_one_readers_redirect_stays_private_and_asked_again(
    client, story, editor, committed
):
    old, _new = move(story, "delegasi-tiba", editor=editor, committed=committed)
    client.force_login(editor)
    moved = client.get(old)
    assert moved.status_code == 301
    control = moved["Cache-Control"]
    assert "private" in control and "max-age=0" in control
    assert "public" not in control and "Surrogate-Key" not in moved
