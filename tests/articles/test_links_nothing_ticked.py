"""Suggest links pressed with nothing ticked (articles/admin/links.py): the
page had answered "Nothing changed: what was ticked is linked or recorded
already." and gone back to the article; it says that nothing was ticked,
changes nothing and shows the suggestions again. The button's script
(static/js/links_ticked.js) is tested in tests/e2e/test_links_nothing_ticked.py."""

import pytest
from django.contrib.messages import get_messages
from django.urls import reverse
from reversion.models import Version

from articles.models import Article
from tests.articles.test_links import ambiguous_draft, links_url, reporter_draft

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]

NOTHING_TICKED = (
    "Nothing was ticked, so nothing was linked. Tick a suggestion to link it."
)
LINKED_ALREADY = "Nothing changed: what was ticked is linked or recorded already."


@pytest.fixture
def draft(section, agencies, reporter):
    """A reporter's draft naming two agencies, linked to neither."""
    return reporter_draft(
        section,
        reporter,
        title="BNPT dan BIN bertemu",
        body="Kepala BNPT bertemu pejabat BIN di Jakarta pada hari Senin.",
    )


def press_link(client, article, **ticked):
    """Press "Link the ticked suggestions" with these boxes ticked."""
    return client.post(
        links_url(article),
        {"expected_version": article.version, "_link": "1", **ticked},
        headers={"accept-language": "en"},
        follow=True,
    )


def said(response) -> list[str]:
    return [str(message) for message in get_messages(response.wsgi_request)]


def test_pressing_link_with_nothing_ticked_says_so_and_changes_nothing(
    client, draft, reporter
):
    client.force_login(reporter)
    version, revisions = draft.version, Version.objects.get_for_object(draft).count()

    response = press_link(client, draft)

    assert said(response) == [NOTHING_TICKED]
    assert "Nothing changed" not in response.content.decode()
    # The suggestions again, as they are offered: nothing lost.
    assert response.redirect_chain[-1][0] == links_url(draft)
    page = response.content.decode()
    assert NOTHING_TICKED in page
    assert "<strong>BNPT:" in page and "<strong>BIN:" in page
    assert 'name="_link"' in page
    article = Article.objects.get(pk=draft.pk)
    assert list(article.agencies.all()) == []
    assert article.version == version
    assert Version.objects.get_for_object(draft).count() == revisions


def test_a_ticked_suggestion_linked_already_still_says_nothing_changed(
    client, section, reporter
):
    """The old answer stays where it is true: the one candidate ticked of an
    ambiguous acronym was linked before."""
    _bank, immigration, article = ambiguous_draft(section, reporter)
    article.agencies.set([immigration])
    client.force_login(reporter)
    choice = client.get(links_url(article)).context["offers"].agencies[0].name

    response = press_link(client, article, **{choice: immigration.pk})

    assert said(response) == [LINKED_ALREADY]
    assert response.redirect_chain[-1][0] == reverse(
        "admin:articles_article_change", args=[article.pk]
    )


def test_the_page_loads_the_buttons_script_and_its_hint_hidden(client, draft, reporter):
    """Without the script the hint is not shown: the button is on then."""
    client.force_login(reporter)

    page = client.get(links_url(draft)).content.decode()

    assert 'src="/static/js/links_ticked.js"' in page
    assert (
        '<span class="help" id="link-none-ticked" hidden>'
        "Tick a suggestion to link it.</span>"
    ) in page
