"""The admin's lists counted only to a bound (AdminCappedPaginator): what they
say of their length, and an action on every row of one ("Select all")."""

import re
from html import unescape

import pytest
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME

from articles.admin.articles import ArticleAdmin
from articles.models import Article, Comment, ModerationLog
from articles.pagination import AdminCappedPaginator
from tests.articles.comment_factories import CommentFactory, as_listed
from tests.articles.factories import ArticleFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]

Status = Comment.Status
PENDING = "/admin/articles/comment/?status=pending"
ARTICLES = "/admin/articles/article/"
CAP = 3


@pytest.fixture(autouse=True)
def small_cap(monkeypatch):
    """A bound of 3 rows stands for ADMIN_COUNT_CAP's 2,000."""
    monkeypatch.setattr(AdminCappedPaginator, "cap", CAP)


@pytest.fixture
def queue(section):
    """Five comments waiting (more than the bound), and two others."""
    article = ArticleFactory(section=section, language="en")
    pending = CommentFactory.create_batch(5, article=article, pending=True)
    others = CommentFactory.create_batch(2, article=article, status=Status.SPAM)
    return pending, others


def statuses(comments):
    return [Comment.objects.get(pk=c.pk).status for c in comments]


def text(response) -> str:
    return re.sub(r"\s+", " ", unescape(response.content.decode()))


def form_fields(content: str) -> list[tuple[str, str]]:
    """The hidden fields of the confirmation's form, as its button posts them."""
    form = re.search(r'<form method="post" action="[^"]*">(.*?)</form>', content, re.S)
    return re.findall(r'<input type="hidden" name="([^"]+)" value="([^"]*)"', form[1])


def post_form(client, page, **extra):
    content = page.content.decode()
    action = unescape(re.search(r'<form method="post" action="([^"]*)"', content)[1])
    data = {}
    for name, value in form_fields(content):
        data.setdefault(name, []).append(unescape(value))
    return client.post(action, {**data, **extra}, follow=True)


def approve_across(client, pending, url=PENDING):
    """The list's POST, and the confirmation page it is sent on to (a GET)."""
    return client.post(
        url,
        {
            "action": "approve",
            "index": "0",
            "select_across": "1",
            "note": "Spam wave",
            ACTION_CHECKBOX_NAME: [c.pk for c in pending[:CAP]],  # the page's boxes
            **as_listed(pending[:CAP]),
        },
        follow=True,
    )


def test_a_capped_queue_claims_no_total_it_did_not_count(moderator_client, queue):
    page = text(moderator_client.get(PENDING))
    assert "Select all (more than 3) comments" in page
    assert "All (more than 3) selected" in page
    assert "More than 3 comments" in page
    assert "Select all 3 comments" not in page
    assert "3 selected" not in page.replace("(more than 3) selected", "")


def test_a_capped_queue_search_says_more_than_its_count(moderator_client, queue):
    page = text(moderator_client.get(PENDING + "&q=" + queue[0][0].text[:5]))
    assert re.search(r"More than 3 results", page)


def test_approving_all_of_a_capped_queue_asks_first_with_the_exact_number(
    moderator_client, queue
):
    pending, others = queue
    page = approve_across(moderator_client, pending)

    assert page.status_code == 200
    assert "“Approve the selected comments” acts on 5 comments" in text(page)
    assert set(statuses(pending)) == {Status.PENDING}  # nothing yet
    fields = dict(form_fields(page.content.decode()))
    assert fields["note"] == "Spam wave"  # carried on, with the filters
    assert 'action="/admin/articles/comment/?status=pending"' in page.content.decode()
    assert 'name="csrfmiddlewaretoken"' in page.content.decode()

    done = post_form(moderator_client, page)

    assert done.redirect_chain[-1][0] == PENDING
    assert "5 comments approved." in [str(m) for m in done.context["messages"]]
    assert set(statuses(pending)) == {Status.APPROVED}
    assert set(statuses(others)) == {Status.SPAM}  # outside the filter
    assert Comment.objects.filter(status=Status.APPROVED).count() == 5
    log = ModerationLog.objects.filter(action="approve")
    assert set(log.values_list("note", flat=True)) == {"Spam wave"}
    assert log.count() == 5


def test_cancelling_the_confirmation_changes_nothing(moderator_client, queue):
    pending, others = queue
    page = approve_across(moderator_client, pending)
    back = re.search(
        r'<a href="([^"]*)" class="button cancel-link">', page.content.decode()
    )
    response = moderator_client.get(unescape(back[1]))

    assert back[1] == PENDING
    assert response.status_code == 200
    assert set(statuses(pending)) == {Status.PENDING}
    assert set(statuses(others)) == {Status.SPAM}
    assert not ModerationLog.objects.exists()


def test_a_comment_arriving_after_the_confirmation_is_left_out(moderator_client, queue):
    pending, _others = queue
    page = approve_across(moderator_client, pending)
    late = CommentFactory(article=pending[0].article, pending=True)

    post_form(moderator_client, page)

    assert set(statuses(pending)) == {Status.APPROVED}
    assert statuses([late]) == [Status.PENDING]


def test_an_action_on_all_of_a_list_within_the_bound_runs_at_once(
    moderator_client, queue
):
    pending, others = queue
    response = moderator_client.post(
        "/admin/articles/comment/?status=spam",
        {
            "action": "approve",
            "index": "0",
            "select_across": "1",
            ACTION_CHECKBOX_NAME: [others[0].pk],
            **as_listed(others[:1]),
        },
    )
    assert response.status_code == 302
    assert set(statuses(others)) == {Status.APPROVED}
    assert set(statuses(pending)) == {Status.PENDING}


def test_removing_all_of_a_capped_queue_is_confirmed_by_its_own_page(
    moderator_client, queue
):
    pending, _others = queue
    page = moderator_client.post(
        PENDING,
        {
            "action": "remove",
            "index": "0",
            "select_across": "1",
            ACTION_CHECKBOX_NAME: [pending[0].pk],
            **as_listed(pending[:1]),
        },
        follow=True,
    )
    assert page.context["count"] == 5
    assert "Remove these 5 comments from the site?" in text(page)


# The article list


@pytest.fixture
def articles(section, monkeypatch):
    """Nine articles, two a page: counted to 3, the list goes on past it."""
    monkeypatch.setattr(ArticleAdmin, "list_per_page", 2)
    return [ArticleFactory(section=section) for _ in range(9)]


def paginator(content: str) -> str:
    """The paginator's words: its page links, its count."""
    found = re.search(r'<p class="paginator">(.*?)</p>', content, re.S)[1]
    return " ".join(re.sub(r"<[^>]*>", " ", found).split())


def test_a_capped_article_list_names_no_last_page_and_offers_next(
    editor_client, articles
):
    response = editor_client.get(ARTICLES)
    content = response.content.decode()
    assert "More than 3 articles" in text(response)
    assert "Select all (more than 3) articles" in text(response)
    assert paginator(content) == "1 2 … Next › More than 3 articles"
    assert 'href="?p=2" class="next" rel="next"' in content


def test_a_deeper_page_of_the_article_list_says_the_same_of_its_total(
    editor_client, articles
):
    # Counted as far as page 3 and the next: still short of the end.
    response = editor_client.get(ARTICLES + "?p=3")
    assert "More than 8 articles" in text(response)
    assert paginator(response.content.decode()) == (
        "1 2 3 4 … Next › More than 8 articles"
    )


def test_the_article_lists_last_page_gives_its_true_total(editor_client, articles):
    response = editor_client.get(ARTICLES + "?p=5")
    assert paginator(response.content.decode()) == "1 2 3 4 5 9 articles Show all"


def test_deleting_all_of_a_capped_article_list_is_refused_at_once(
    editor_client, articles
):
    response = editor_client.post(
        ARTICLES,
        {
            "action": "delete_selected",
            "index": "0",
            "select_across": "1",
            ACTION_CHECKBOX_NAME: [articles[0].pk],
        },
        follow=True,
    )
    assert response.redirect_chain[-1][0] == ARTICLES
    assert (
        "Not deleted: 9 articles are more than may be deleted at once (3). "
        "Narrow the list with a filter or a search."
    ) in [str(m) for m in response.context["messages"]]
    assert Article.objects.count() == 9


def test_deleting_all_of_a_list_within_the_bound_is_confirmed_as_django_does(
    editor_client, articles
):
    response = editor_client.post(
        ARTICLES + "?q=" + articles[0].title,
        {
            "action": "delete_selected",
            "index": "0",
            "select_across": "1",
            ACTION_CHECKBOX_NAME: [articles[0].pk],
        },
    )
    assert response.status_code == 200
    assert response.templates[0].name == "admin/delete_selected_confirmation.html"
    assert Article.objects.count() == 9


def test_a_row_joining_with_an_earlier_id_asks_again_and_acts_on_nothing(
    moderator_client, section
):
    """The list confirmed is the list acted on: a comment that joins it
    before "Yes" with an id among those confirmed (an older one sent back to
    pending) is not approved unseen; the page asks again with the new number,
    and its "Yes" approves exactly the new list."""
    article = ArticleFactory(section=section, language="en")
    older = CommentFactory(article=article, status=Status.REJECTED)
    pending = CommentFactory.create_batch(5, article=article, pending=True)
    page = approve_across(moderator_client, pending)
    assert "acts on 5 comments" in text(page)
    Comment.objects.filter(pk=older.pk).update(status=Status.PENDING)

    again = post_form(moderator_client, page)

    # Asked again on its own page, read with a GET (Post/Redirect/Get).
    [(question, status)] = again.redirect_chain
    assert status == 303 and "across_question=" in question
    assert "The list has changed since you were asked: nothing has been done" in (
        text(again)
    )
    assert "acts on 6 comments" in text(again)
    assert 'value="Yes, all 6"' in again.content.decode()
    assert set(statuses([older, *pending])) == {Status.PENDING}
    assert not ModerationLog.objects.exists()

    done = post_form(moderator_client, again)

    assert "6 comments approved." in [str(m) for m in done.context["messages"]]
    assert set(statuses([older, *pending])) == {Status.APPROVED}
    assert ModerationLog.objects.filter(action="approve").count() == 6


def test_a_row_leaving_before_yes_asks_again_too(moderator_client, queue):
    pending, _others = queue
    page = approve_across(moderator_client, pending)
    Comment.objects.filter(pk=pending[2].pk).update(status=Status.SPAM)

    again = post_form(moderator_client, page)

    assert "acts on 4 comments" in text(again)
    assert set(statuses(pending)) == {Status.PENDING, Status.SPAM}


@pytest.fixture
def thousand_pending(section, monkeypatch):
    """1,001 comments waiting, the bound at 1,000: numbers that group."""
    monkeypatch.setattr(AdminCappedPaginator, "cap", 1000)
    article = ArticleFactory(section=section, language="en")
    Comment.objects.bulk_create(
        CommentFactory.build_batch(1001, article=article, pending=True)
    )
    return list(Comment.objects.order_by("pk")[:CAP])


# What each page says, in English and Indonesian: the same grouping throughout.
GROUPED = {
    "en": {
        "list": ["More than 1,000 comments", "Select all (more than 1,000) comments"],
        "search": ["More than 1,000 results"],
        "confirmation": ["acts on 1,001 comments", "Yes, all 1,001"],
    },
    "id": {
        "list": ["1.000 komentar", "Pilih semua (lebih dari 1.000) komentar"],
        "search": ["1.000 "],
        "confirmation": ["untuk 1.001 komentar", "Ya, semua 1.001"],
    },
}


@pytest.mark.parametrize("language", list(GROUPED))
def test_the_capped_list_and_its_confirmation_group_their_numbers_alike(
    moderator_client, thousand_pending, settings, language
):
    settings.LANGUAGE_CODE = language
    moderator_client.cookies["django_language"] = language
    pages = {
        "list": moderator_client.get(PENDING),
        "search": moderator_client.get(PENDING + "&q=Comment"),
        "confirmation": approve_across(moderator_client, thousand_pending),
    }
    for name, page in pages.items():
        for words in GROUPED[language][name]:
            assert words in text(page), (name, words)
