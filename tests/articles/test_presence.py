"""Who else has a story open on the writing screen (newsroom/presence): the
second editor to open it sees the first as the page opens, the first hears
of the second at their next heartbeat, and a page that closes, or goes quiet
for longer than PRESENCE_TTL, is forgotten. Only who may change the story is
counted; without a cache nothing is said and nothing fails."""

import datetime as dt
import re

import pytest
import reversion
from django.test import Client
from django.utils import timezone

from articles.models import Article
from newsroom import presence
from tests.articles.factories import ArticleFactory
from tests.newsroom.admin_forms import admin_url
from tests.newsroom.presence_pages import (
    heartbeat,
    leave,
    logged_in,
    notice,
    open_form,
    page_token,
)
from tests.newsroom.test_health import redis_down  # noqa: F401

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]


@pytest.fixture
def story(section, desk_editor):
    article = ArticleFactory(section=section, created_by=desk_editor, body="Teks.")
    with reversion.create_revision():
        reversion.add_to_revision(article)
    return article


def test_the_second_to_open_the_story_sees_the_first_and_the_first_hears_at_once(
    story, ayu, budi, at_ten_past
):
    a, b = logged_in(ayu), logged_in(budi)
    page_a = open_form(a, story)
    assert notice(page_a) == ""  # nobody else yet
    assert 'id="desk-presence"' in page_a and 'role="status"' in page_a

    at_ten_past.shift(dt.timedelta(minutes=1))  # Ayu's page has said nothing since
    page_b = open_form(b, story)

    assert notice(page_b) == (
        "Also open now: Ayu Lestari (since 10:02). If you both change it, "
        "whoever saves second has to combine the two versions: agree who "
        "writes first."
    )
    answer = heartbeat(a, story, page_token(page_a)).json()
    assert answer["others"] == [{"name": "Budi Santoso", "since": "10:03"}]
    assert answer["text"].startswith("Also open now: Budi Santoso (since 10:03).")


def test_after_the_leave_beacon_the_others_heartbeat_answers_nobody(story, ayu, budi):
    a, b = logged_in(ayu), logged_in(budi)
    page_a = open_form(a, story)
    page_b = open_form(b, story)
    assert heartbeat(a, story, page_token(page_a)).json()["others"] != []

    assert leave(b, story, page_token(page_b)).status_code == 204

    assert heartbeat(a, story, page_token(page_a)).json() == {
        "others": [],
        "text": "",
    }


def test_a_page_that_went_quiet_longer_than_the_ttl_is_forgotten(
    story, ayu, budi, time_machine
):
    a, b = logged_in(ayu), logged_in(budi)
    open_form(b, story)
    time_machine.move_to(
        timezone.now() + dt.timedelta(seconds=presence.PRESENCE_TTL - 5), tick=False
    )
    assert [p["name"] for p in heartbeat(a, story).json()["others"]] == ["Budi Santoso"]

    time_machine.move_to(timezone.now() + dt.timedelta(seconds=10), tick=False)

    assert heartbeat(a, story).json()["others"] == []
    assert notice(open_form(a, story)) == ""


def test_the_page_a_save_opens_keeps_its_user_when_the_saved_page_closes(
    story, ayu, budi, at_ten_past
):
    """Save and continue: the new page marks before the old one's farewell
    arrives; the farewell forgets nobody, and "since" stays."""
    a, b = logged_in(ayu), logged_in(budi)
    before = page_token(open_form(b, story))
    at_ten_past.shift(dt.timedelta(minutes=1))
    open_form(b, story)

    leave(b, story, before)

    assert heartbeat(a, story).json()["others"] == [
        {"name": "Budi Santoso", "since": "10:02"}
    ]


def test_the_farewell_needs_the_pages_token_and_no_login_or_query(
    story, ayu, budi, django_assert_num_queries
):
    """Only the page holds its token: a closed page is forgotten after its
    session ended (a logout in another tab), and nobody else's goes."""
    open_form(logged_in(ayu), story)
    token = page_token(open_form(logged_in(budi), story))
    stranger = Client()

    assert leave(stranger, story, "").status_code == 204
    assert leave(stranger, story, "guessed").status_code == 204
    others = presence.present_on(story, besides=ayu)
    assert [other.name for other in others] == ["Budi Santoso"]

    with django_assert_num_queries(0):
        assert leave(stranger, story, token).status_code == 204
    assert presence.present_on(story, besides=ayu) == []
    assert presence.present_on(story, besides=budi) != []  # Ayu stays


def test_several_others_are_listed_the_first_to_open_first(
    story, ayu, budi, editor_named, at_ten_past
):
    open_form(logged_in(ayu), story)
    at_ten_past.shift(dt.timedelta(minutes=1))
    open_form(logged_in(budi), story)
    citra = logged_in(editor_named("citra", "Citra"))

    assert notice(open_form(citra, story)) == (
        "Also open now: Ayu Lestari (since 10:02) and Budi Santoso (since 10:03). "
        "If more than one of you changes it, whoever saves after another has "
        "to combine the versions: agree who writes first."
    )


def test_who_may_not_edit_the_story_is_refused_and_never_counted(story, ayu, reporter):
    """A reporter edits only their own drafts: the editor's story is not one."""
    client = logged_in(reporter)
    assert heartbeat(client, story).status_code == 403
    page = client.get(admin_url(Article, "change", story.pk))
    assert 'id="desk-presence"' not in page.content.decode()

    assert presence.present_on(story, besides=ayu) == []
    assert notice(open_form(logged_in(ayu), story)) == ""


def test_the_endpoints_answer_post_only_and_only_for_a_story_that_exists(story, ayu):
    client = logged_in(ayu)
    assert client.get(admin_url(Article, "presence", story.pk)).status_code == 405
    assert client.get(admin_url(Article, "presence_leave", story.pk)).status_code == 405
    assert client.post("/admin/articles/article/999/presence/").status_code == 404
    # A new story has no colleague yet: no presence on the add page.
    assert client.post("/admin/articles/article/add/presence/").status_code == 404
    assert client.post("/admin/articles/article/add/presence/leave/").status_code == 404
    add = client.get(admin_url(Article, "add")).content.decode()
    assert 'id="desk-presence"' not in add


@pytest.mark.usefixtures("redis_down")
def test_without_a_cache_the_page_opens_without_a_notice_and_the_heartbeat_answers(
    story, ayu, budi
):
    open_form(logged_in(budi), story)
    a = logged_in(ayu)

    page = open_form(a, story)

    assert notice(page) == ""
    response = heartbeat(a, story, page_token(page))
    assert response.status_code == 200
    assert response.json() == {"others": [], "text": ""}
    assert leave(a, story, page_token(page)).status_code == 204


def test_a_heartbeat_or_leave_without_the_csrf_token_is_refused(story, ayu, budi):
    browser = logged_in(ayu, enforce_csrf_checks=True)
    page = open_form(browser, story)
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)
    open_form(logged_in(budi), story)
    url = admin_url(Article, "presence", story.pk)

    assert browser.post(url, {"page": page_token(page)}).status_code == 403
    answer = browser.post(
        url, {"page": page_token(page)}, headers={"X-CSRFToken": token}
    )
    assert answer.json()["others"][0]["name"] == "Budi Santoso"

    # The beacon carries the token in its form data (it sends no headers).
    leave_url = admin_url(Article, "presence_leave", story.pk)
    assert browser.post(leave_url, {"page": page_token(page)}).status_code == 403
    assert [p.name for p in presence.present_on(story, besides=budi)] == ["Ayu Lestari"]
    farewell = {"page": page_token(page), "csrfmiddlewaretoken": token}
    assert browser.post(leave_url, farewell).status_code == 204
    assert presence.present_on(story, besides=budi) == []


def test_the_names_are_escaped(story, ayu, editor_named):
    intruder = logged_in(editor_named("x", "<b>x</b>"))
    open_form(intruder, story)

    page = open_form(logged_in(ayu), story)

    assert "Also open now: &lt;b&gt;x&lt;/b&gt; (since " in notice(page)
    assert "<b>x</b>" not in page


def test_a_colleague_present_costs_the_change_form_no_query(
    story, ayu, budi, django_assert_max_num_queries
):
    a = logged_in(ayu)
    url = admin_url(Article, "change", story.pk)
    a.get(url)
    with django_assert_max_num_queries(200) as alone:
        a.get(url)
    baseline = len(alone)
    open_form(logged_in(budi), story)

    with django_assert_max_num_queries(baseline):
        assert "Budi Santoso" in notice(a.get(url).content.decode())
