import datetime as dt
import re
import time

import pytest
from django.core import signing
from django.core.exceptions import PermissionDenied
from django.test import Client
from django.utils import formats, timezone, translation

from articles.models import Article, PreviewLinkStop
from articles.preview import (
    make_share_token,
    preview_address,
    read_share_token,
    share_link,
    share_url,
)
from articles.services import article_unpublish, preview_links_stop
from tests.articles.factories import ArticleFactory

# These tests read the English wording of the interface.
pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]

THREE_DAYS = 3 * 24 * 60 * 60


def text(response):
    return response.content.decode()


def story(response):
    """The <article> element: what readers will see of the story itself."""
    return re.search(r"<article .*?</article>", text(response), re.S).group(0)


def preview_url(article):
    """The staff preview's address, in the article's edition (under the
    `english` fixture, an Indonesian article's is /id/preview/…)."""
    return preview_address(article, "articles:article_preview", pk=article.pk)


def shared_url(token):
    """A share link's address, in its article's edition as share_link()
    makes it (unprefixed for a token that does not read)."""
    try:
        shared = read_share_token(token)
    except signing.BadSignature:
        return f"/preview/{token}/"
    article = Article.objects.filter(pk=shared.article_id).first()
    if article is None:
        return f"/preview/{token}/"
    return preview_address(article, "articles:article_shared_preview", token=token)


def token_made_ago(article, seconds, monkeypatch):
    """A share token signed `seconds` ago: the clock signing reads, set back."""
    now = time.time()
    with monkeypatch.context() as m:
        m.setattr(signing.time, "time", lambda: now - seconds)
        return make_share_token(article)


@pytest.fixture
def draft(section):
    return ArticleFactory(
        section=section,
        draft=True,
        title="BSSN and NICA to meet on cyber threats",
        slug="bssn-nica-cyber",
        body="The two agencies will meet _next month_.",
        language=Article.Language.ENGLISH,
    )


@pytest.fixture
def in_review(section):
    return ArticleFactory(
        section=section,
        status=Article.Status.IN_REVIEW,
        published_at=None,
        title="PPATK and AMLC compare notes",
    )


@pytest.fixture
def scheduled(section):
    return ArticleFactory(
        section=section,
        published_at=timezone.now() + dt.timedelta(days=1),
        title="Embargoed: the joint statement",
        language="en",
    )


def as_user(user):
    client = Client()
    client.force_login(user)
    return client


# Staff preview


@pytest.mark.parametrize("role", ["Editor", "Reporter"])
@pytest.mark.parametrize("which", ["draft", "in_review", "scheduled"])
def test_editors_and_reporters_see_an_unpublished_article_in_preview(
    request, staff_in, role, which
):
    article = request.getfixturevalue(which)
    response = as_user(staff_in(role)).get(preview_url(article))
    assert response.status_code == 200
    page = text(response)
    assert article.title in page
    assert '<meta name="robots" content="noindex, nofollow">' in page
    assert 'class="preview-banner"' in page


def test_the_preview_says_a_draft_is_not_published(reporter, draft):
    page = text(as_user(reporter).get(preview_url(draft)))
    assert "Preview</strong> —" in page
    assert "not published (Draft)" in page
    assert "<em>next month</em>" in page


def test_the_preview_says_when_a_scheduled_article_goes_live(reporter, scheduled):
    page = text(as_user(reporter).get(preview_url(scheduled)))
    banner = page.split('class="preview-banner"')[1].split("</div>")[0]
    with translation.override("en"):
        when = formats.date_format(
            timezone.localtime(scheduled.published_at), "DATETIME_FORMAT"
        )
    assert when.endswith(" WIB")
    assert f"scheduled for {when}" in banner


def test_a_preview_shows_the_story_exactly_as_the_published_page(
    client, desk_editor, jwg4_article
):
    public = client.get(jwg4_article.get_absolute_url())
    preview = as_user(desk_editor).get(preview_url(jwg4_article))
    assert story(preview) == story(public)
    assert "published; readers see this page at" in text(preview)


def test_the_published_page_has_no_banner_and_may_be_indexed(client, jwg4_article):
    response = client.get(jwg4_article.get_absolute_url())
    assert "preview-banner" not in text(response)
    assert "noindex" not in text(response)
    assert "X-Robots-Tag" not in response


def test_a_preview_is_neither_cached_nor_indexed(reporter, draft):
    response = as_user(reporter).get(preview_url(draft))
    cache_control = {v.strip() for v in response["Cache-Control"].split(",")}
    assert {"private", "no-store"} <= cache_control
    assert response["X-Robots-Tag"] == "noindex, nofollow"


def test_an_anonymous_reader_gets_not_found_rather_than_a_login_page(client, draft):
    response = client.get(preview_url(draft))
    assert response.status_code == 404
    assert "preview-banner" not in text(response)


def test_staff_without_permission_to_view_articles_get_not_found(moderator, draft):
    assert as_user(moderator).get(preview_url(draft)).status_code == 404


def test_a_user_with_the_permission_but_no_staff_status_gets_not_found(reporter, draft):
    reporter.is_staff = False
    reporter.save()
    assert as_user(reporter).get(preview_url(draft)).status_code == 404


def test_previewing_an_unknown_article_is_not_found(desk_editor, db):
    assert as_user(desk_editor).get("/preview/articles/999999/").status_code == 404


# Share links


def test_a_share_link_shows_the_preview_to_someone_without_an_account(client, draft):
    response = client.get(shared_url(make_share_token(draft)))
    assert response.status_code == 200
    page = text(response)
    assert draft.title in page
    assert '<meta name="robots" content="noindex, nofollow">' in page
    assert "not published (Draft)" in page
    assert "no-store" in response["Cache-Control"]
    # Links out of the page do not carry the token to other sites.
    assert response["Referrer-Policy"] == "no-referrer"


def test_a_share_link_is_absolute_and_names_its_article(rf, draft):
    url = share_url(rf.get("/"), draft)
    assert url.startswith("http://testserver/preview/")
    assert read_share_token(url.split("/")[-2]).article_id == draft.pk


def test_a_share_link_works_until_it_is_three_days_old(client, draft, monkeypatch):
    token = token_made_ago(draft, THREE_DAYS - 60, monkeypatch)
    assert client.get(shared_url(token)).status_code == 200


def test_an_expired_share_link_is_not_found(client, draft, monkeypatch):
    token = token_made_ago(draft, THREE_DAYS + 1, monkeypatch)
    assert client.get(shared_url(token)).status_code == 404


def test_the_life_of_a_share_link_follows_the_setting(
    client, draft, settings, monkeypatch
):
    settings.PREVIEW_LINK_MAX_AGE = 60
    assert client.get(shared_url(token_made_ago(draft, 30, monkeypatch))).status_code
    assert (
        client.get(shared_url(token_made_ago(draft, 61, monkeypatch))).status_code
        == 404
    )


def test_a_share_link_with_one_character_changed_is_not_found(client, draft):
    token = make_share_token(draft)
    for i in (0, len(token) // 2, len(token) - 1):
        changed = token[:i] + ("A" if token[i] != "A" else "B") + token[i + 1 :]
        assert client.get(shared_url(changed)).status_code == 404, i


def test_a_signature_does_not_open_another_article(client, draft, in_review):
    _, timestamp, signature = make_share_token(draft).split(":")
    other_payload = make_share_token(in_review).split(":")[0]
    forged = f"{other_payload}:{timestamp}:{signature}"
    assert client.get(shared_url(forged)).status_code == 404


@pytest.mark.parametrize(
    "token", ["garbage", "a:b:c", "MQ:1tN0aW:", "%00", "..", "x" * 500]
)
def test_a_malformed_share_link_is_not_found(client, draft, token):
    assert client.get(shared_url(token)).status_code == 404


def test_a_value_signed_for_another_purpose_is_not_a_share_link(client, draft):
    assert client.get(shared_url(signing.dumps(draft.pk))).status_code == 404


def test_a_share_link_to_a_deleted_article_is_not_found(client, draft):
    token = make_share_token(draft)
    draft.delete()
    assert client.get(shared_url(token)).status_code == 404


# The share page for editors


def test_an_editor_gets_a_share_link_with_its_expiry(client, desk_editor, draft):
    response = as_user(desk_editor).get(f"/preview/articles/{draft.pk}/share/")
    assert response.status_code == 200
    link = response.context["link"]
    expected_expiry = timezone.now() + dt.timedelta(seconds=THREE_DAYS)
    assert abs(link.expires_at - expected_expiry) < dt.timedelta(seconds=5)
    page = text(response)
    assert f'value="{link.url}"' in page
    assert f'datetime="{timezone.localtime(link.expires_at):%Y-%m-%dT%H:%M:%S}' in page
    assert "no-store" in response["Cache-Control"]
    # The link works for someone who is not logged in.
    assert client.get(link.url).status_code == 200


@pytest.mark.parametrize("who", ["reporter", "moderator"])
def test_staff_who_may_not_share_get_not_found_on_the_share_page(request, who, draft):
    user = request.getfixturevalue(who)
    assert as_user(user).get(f"/preview/articles/{draft.pk}/share/").status_code == 404


def test_an_anonymous_reader_gets_not_found_on_the_share_page(client, draft):
    assert client.get(f"/preview/articles/{draft.pk}/share/").status_code == 404


def test_share_link_gives_the_url_and_its_expiry_together(rf, draft):
    link = share_link(rf.get("/"), draft)
    assert read_share_token(link.url.split("/")[-2]).article_id == draft.pk
    assert link.expires_at > timezone.now() + dt.timedelta(days=2, hours=23)


# Stopping the links shared so far


def test_an_editor_stops_a_leaked_link_and_the_next_one_works(
    client, desk_editor, draft
):
    """The whole sequence: a link is shared, goes too far, the editor stops
    it from the share page, the old link is "not found" however often it is
    tried, and the page's new link works."""
    editor = as_user(desk_editor)
    page = f"/preview/articles/{draft.pk}/share/"
    leaked = editor.get(page).context["link"].url
    assert client.get(leaked).status_code == 200

    stopped = editor.post(page, follow=True)

    assert stopped.redirect_chain == [(page, 302)]
    assert "Every link shared before now has stopped working." in text(stopped)
    for _attempt in range(2):
        assert client.get(leaked).status_code == 404
    fresh = stopped.context["link"].url
    assert fresh != leaked
    assert client.get(fresh).status_code == 200
    stop = PreviewLinkStop.objects.get()
    assert (stop.article, stop.by, stop.reason) == (draft, desk_editor, "stopped")
    assert "Last stopped" in text(stopped) and "Stopped by an editor" in text(stopped)


def test_unpublishing_a_story_stops_the_links_to_its_preview(
    client, desk_editor, section
):
    story = ArticleFactory(section=section, title="Pulled for a legal check")
    token = make_share_token(story)
    assert client.get(shared_url(token)).status_code == 200

    article_unpublish(article=story, user=desk_editor, note="Legal")

    assert client.get(shared_url(token)).status_code == 404
    assert PreviewLinkStop.objects.get(article=story).reason == "unpublished"
    # A link made afterwards shows the unpublished story to whom it is sent.
    assert client.get(shared_url(make_share_token(story))).status_code == 200


def test_a_link_made_before_stops_existed_works_until_the_first_stop(
    client, desk_editor, draft
):
    older = signing.dumps(draft.pk, salt="articles.preview.share")
    assert client.get(shared_url(older)).status_code == 200

    preview_links_stop(article=draft, user=desk_editor)

    assert client.get(shared_url(older)).status_code == 404


def test_stopping_one_storys_links_leaves_the_others(
    client, desk_editor, draft, in_review
):
    other = make_share_token(in_review)

    preview_links_stop(article=draft, user=desk_editor)

    assert client.get(shared_url(other)).status_code == 200


@pytest.mark.parametrize("who", ["reporter", "moderator"])
def test_only_those_who_may_share_may_stop(request, who, draft):
    user = request.getfixturevalue(who)
    token = make_share_token(draft)

    response = as_user(user).post(f"/preview/articles/{draft.pk}/share/")

    assert response.status_code == 404
    with pytest.raises(PermissionDenied):
        preview_links_stop(article=draft, user=user)
    assert not PreviewLinkStop.objects.exists()
    assert Client().get(shared_url(token)).status_code == 200


def test_an_anonymous_post_stops_nothing(client, draft):
    assert client.post(f"/preview/articles/{draft.pk}/share/").status_code == 404
    assert not PreviewLinkStop.objects.exists()


def test_a_stop_without_the_forms_csrf_token_is_refused(desk_editor, draft):
    editor = Client(enforce_csrf_checks=True)
    editor.force_login(desk_editor)

    response = editor.post(f"/preview/articles/{draft.pk}/share/")

    assert response.status_code == 403
    assert not PreviewLinkStop.objects.exists()


@pytest.mark.parametrize(
    "value", [[1], [1, -1], [1, True], [1, 0, 0], ["1", 0], {"a": 1}, "1", None]
)
def test_a_signed_value_of_another_shape_is_not_a_share_link(client, draft, value):
    if isinstance(value, list) and value and value[0] == 1:
        value = [draft.pk, *value[1:]]
    token = signing.dumps(value, salt="articles.preview.share")
    assert client.get(shared_url(token)).status_code == 404
