"""The admin's start page: each role sees its work, counted, each item a
link to where it is done, in a fixed number of queries."""

import datetime as dt
import re

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse
from django.utils import timezone

from articles import desk, services
from articles.models import Article, Comment, Correction
from tests.articles.comment_factories import CommentFactory
from tests.articles.factories import ArticleFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]

INDEX = "/admin/"


def change_url(article):
    return reverse("admin:articles_article_change", args=[article.pk])


def panel(response, key):
    """The HTML of one panel of the start page."""
    html = response.content.decode()
    start = html.index(f'id="desk-{key}"')
    return html[start : html.index("</section>", start)]


def panels(user):
    return {p.key: p for role in desk.start_page(user) for p in role.panels}


@pytest.fixture
def newsroom(reporter, desk_editor, section):
    """A reporter's stories in every state, and a colleague's."""
    other = ArticleFactory(draft=True, title="Bukan milik saya", section=section)
    stories = {
        "draft": ArticleFactory(
            draft=True, title="Draf rapat BNPT", section=section, created_by=reporter
        ),
        "returned": ArticleFactory(
            draft=True, title="Kembali ke saya", section=section, created_by=reporter
        ),
        "withdrawn": ArticleFactory(
            draft=True, title="Saya tarik", section=section, created_by=reporter
        ),
        "review": ArticleFactory(
            draft=True, title="Menunggu redaktur", section=section, created_by=reporter
        ),
        "scheduled": ArticleFactory(
            title="Terbit besok",
            section=section,
            created_by=reporter,
            published_at=timezone.now() + dt.timedelta(days=1),
        ),
        "published": ArticleFactory(
            title="Sudah terbit", section=section, created_by=reporter
        ),
        "old": ArticleFactory(
            title="Terbit bulan lalu",
            section=section,
            created_by=reporter,
            published_at=timezone.now() - dt.timedelta(days=30),
        ),
        "other": other,
    }
    for name in ("returned", "withdrawn", "review"):
        services.article_submit(article=stories[name], user=reporter)
    services.article_return(
        article=stories["returned"],
        user=desk_editor,
        note="Tambahkan tanggapan PPATK.",
    )
    services.article_withdraw(article=stories["withdrawn"], user=reporter)
    return stories


# Reporter


def test_a_reporter_sees_their_own_stories_by_where_they_stand(
    client, reporter, newsroom
):
    client.force_login(reporter)
    response = client.get(INDEX)
    assert response.status_code == 200
    mine = panels(reporter)
    assert [a.title for a in mine["returned"].items] == ["Kembali ke saya"]
    assert {a.title for a in mine["drafts"].items} == {"Draf rapat BNPT", "Saya tarik"}
    assert [a.title for a in mine["my_review"].items] == ["Menunggu redaktur"]
    assert [a.title for a in mine["my_scheduled"].items] == ["Terbit besok"]
    assert [a.title for a in mine["my_published"].items] == ["Sudah terbit"]
    assert "review" not in mine and "pending" not in mine  # not an editor's


def test_a_returned_story_shows_the_editors_note_and_links_to_its_form(
    client, reporter, newsroom
):
    client.force_login(reporter)
    returned = panel(client.get(INDEX), "returned")
    assert "Tambahkan tanggapan PPATK." in returned
    assert f'href="{change_url(newsroom["returned"])}"' in returned
    # Withdrawn by the reporter is a draft, not returned.
    assert "Saya tarik" not in returned


def test_the_counts_are_in_the_headings_and_count_beyond_the_items_shown(
    client, reporter, section
):
    for _n in range(desk.PANEL_ITEMS + 2):
        ArticleFactory(draft=True, section=section, created_by=reporter)
    client.force_login(reporter)
    drafts = panel(client.get(INDEX), "drafts")
    heading = drafts[: drafts.index("</h3>")]
    assert f'data-count="{desk.PANEL_ITEMS + 2}"' in heading
    assert drafts.count("<li>") == desk.PANEL_ITEMS
    assert f"See all {desk.PANEL_ITEMS + 2}" in drafts
    more = panels(reporter)["drafts"].more_url
    assert client.get(more).status_code == 200
    assert f"created_by__exact={reporter.pk}" in more


def test_a_reporters_start_page_costs_the_same_queries_for_one_story_or_many(
    client, reporter, desk_editor, section, django_assert_num_queries
):
    ArticleFactory(draft=True, section=section, created_by=reporter)
    client.force_login(reporter)
    client.get(INDEX)  # sessions, content types: cached from here on
    with django_assert_num_queries(REPORTER_QUERIES):
        client.get(INDEX)
    for _n in range(4):
        ArticleFactory(draft=True, section=section, created_by=reporter)
        ArticleFactory(section=section, created_by=reporter)
        for returned in (False, True):
            story = ArticleFactory(draft=True, section=section, created_by=reporter)
            services.article_submit(article=story, user=reporter)
            if returned:
                services.article_return(article=story, user=desk_editor, note="Ya.")
    with django_assert_num_queries(REPORTER_QUERIES):
        response = client.get(INDEX)
    assert panel(response, "drafts").count("<li>") == 5
    assert panel(response, "my_review").count("<li>") == 4
    assert panel(response, "returned").count("<li>") == 4


# Session, user, the user's permissions (own and group's), the admin log,
# and two queries (count, first items) for each of the five panels.
REPORTER_QUERIES = 4 + 1 + 10


def test_a_submitted_story_stays_on_its_reporters_start_page_while_in_review(
    client, reporter, desk_editor, section, time_machine
):
    """Submitting took the story off every panel of its reporter: it left
    Drafts and was nowhere until the desk returned or published it."""
    time_machine.move_to(
        dt.datetime(2026, 12, 25, 15, 45, tzinfo=timezone.get_current_timezone()),
        tick=False,
    )
    story = ArticleFactory(
        draft=True, title="Menunggu redaktur", section=section, created_by=reporter
    )
    services.article_submit(article=story, user=reporter)
    time_machine.shift(dt.timedelta(hours=2))  # edited by the desk since
    edited = Article.objects.get(pk=story.pk)
    edited.dek = "Disunting redaktur."
    services.article_save(article=edited, user=desk_editor)
    client.force_login(reporter)

    waiting = panel(client.get(INDEX), "my_review")

    assert "In review" in waiting and 'data-count="1"' in waiting
    assert f'href="{change_url(story)}"' in waiting
    assert "Submitted 25 Dec 2026, 15:45" in waiting
    assert "Menunggu redaktur" not in panel(client.get(INDEX), "drafts")
    listed = client.get(panels(reporter)["my_review"].more_url)
    assert list(listed.context["cl"].result_list) == [story]
    # Published by the desk: off the panel (on to "Published").
    services.article_publish(article=story, user=desk_editor)
    assert 'data-count="0"' in panel(client.get(INDEX), "my_review")


def test_the_in_review_panel_lists_the_latest_submitted_first(
    client, reporter, section, clock
):
    first = ArticleFactory(draft=True, title="Pertama", created_by=reporter)
    services.article_submit(article=first, user=reporter)
    clock.advance(minutes=5)
    second = ArticleFactory(draft=True, title="Kedua", created_by=reporter)
    services.article_submit(article=second, user=reporter)
    ArticleFactory(draft=True, title="Bukan milik saya", section=section)

    assert [a.title for a in panels(reporter)["my_review"].items] == [
        "Kedua",
        "Pertama",
    ]


def test_the_in_review_panel_reads_in_indonesian(client, reporter, section):
    story = ArticleFactory(draft=True, section=section, created_by=reporter)
    services.article_submit(article=story, user=reporter)
    client.force_login(reporter)

    waiting = panel(client.get(INDEX, HTTP_ACCEPT_LANGUAGE="id"), "my_review")

    assert "Dalam peninjauan" in waiting


# Editor


def test_an_editor_sees_the_review_queue_oldest_first_with_its_links(
    client, desk_editor, reporter, section, clock
):
    first = ArticleFactory(draft=True, title="Pertama", created_by=reporter)
    services.article_submit(article=first, user=reporter)
    clock.advance(minutes=5)
    second = ArticleFactory(draft=True, title="Kedua", created_by=reporter)
    services.article_submit(article=second, user=reporter)
    client.force_login(desk_editor)
    queue = panel(client.get(INDEX), "review")
    assert queue.index("Pertama") < queue.index("Kedua")
    assert f'href="{change_url(first)}"' in queue
    assert 'data-count="2"' in queue
    assert panels(desk_editor)["review"].more_url == reverse(
        "admin:articles_articleinreview_changelist"
    )


def test_a_story_just_submitted_has_waited_less_than_a_minute_then_minutes(
    client, desk_editor, reporter, clock
):
    story = ArticleFactory(draft=True, title="Baru masuk", created_by=reporter)
    services.article_submit(article=story, user=reporter)
    client.force_login(desk_editor)
    queue = panel(client.get(INDEX), "review")
    assert "waiting less than a minute" in queue and "0 minutes" not in queue
    clock.advance(minutes=5)
    assert "waiting 5\xa0minutes" in panel(client.get(INDEX), "review")


def test_an_editor_sees_scheduled_stories_with_their_times(
    client, desk_editor, section
):
    # A morning time: the same on a 24-hour and a 12-hour clock ("10:30").
    at = timezone.localtime(timezone.now() + dt.timedelta(days=2)).replace(
        hour=10, minute=30
    )
    story = ArticleFactory(title="Nanti", published_at=at)
    ArticleFactory(title="Sudah tayang")
    client.force_login(desk_editor)
    scheduled = panel(client.get(INDEX), "scheduled")
    assert "Nanti" in scheduled and "Sudah tayang" not in scheduled
    assert f'href="{change_url(story)}"' in scheduled
    local = timezone.localtime(at)
    assert local.strftime("%H:%M") in scheduled


@pytest.mark.parametrize(
    "language, goes_live, when",
    [
        ("en", "Goes live", "25 Dec 2026, 15:45"),
        ("id", "Tayang", "25 Des 2026 15.45"),
    ],
)
def test_the_desk_writes_short_dates_day_first_with_a_24_hour_clock(
    client, desk_editor, section, language, goes_live, when, time_machine
):
    """Django's English short format gave "12/25/2026 3:45 p.m.": a desk in
    Jakarta reads 12/05 as the 12th of May. The start page and the article
    list give the day, the month's name and a 24-hour time."""
    time_machine.move_to(dt.datetime(2026, 12, 20, tzinfo=dt.UTC), tick=False)
    at = dt.datetime(2026, 12, 25, 15, 45, tzinfo=timezone.get_current_timezone())
    ArticleFactory(title="Nanti", published_at=at)
    client.force_login(desk_editor)

    start = client.get(INDEX, HTTP_ACCEPT_LANGUAGE=language).content.decode()
    listed = client.get(
        reverse("admin:articles_article_changelist"), HTTP_ACCEPT_LANGUAGE=language
    ).content.decode()

    assert f"{goes_live} {when}" in start
    assert when in listed
    assert "12/25/2026" not in start + listed and "p.m." not in start + listed


def test_an_editor_sees_the_corrections_of_the_last_week(client, desk_editor, section):
    story = ArticleFactory(title="Dikoreksi")
    services.correction_add(
        article=story, user=desk_editor, kind="correction", text="Nama menteri salah."
    )
    old = ArticleFactory(title="Lama")
    Correction.objects.create(
        article=old,
        text="Koreksi lama.",
        created_at=timezone.now() - dt.timedelta(days=10),
    )
    client.force_login(desk_editor)
    corrections = panel(client.get(INDEX), "corrections")
    assert "Nama menteri salah." in corrections and "Koreksi lama." not in corrections
    assert f'href="{change_url(story)}"' in corrections
    assert "returned" not in panels(desk_editor)  # not a reporter's


def test_an_editor_follows_stories_in_review_in_the_queue_not_a_reporters_panel(
    client, desk_editor, reporter
):
    story = ArticleFactory(draft=True, title="Baru masuk", created_by=reporter)
    services.article_submit(article=story, user=reporter)
    client.force_login(desk_editor)

    page = client.get(INDEX).content.decode()

    assert 'id="desk-my_review"' not in page
    assert "Baru masuk" in panel(client.get(INDEX), "review")


def test_an_editors_start_page_costs_a_fixed_number_of_queries(
    client, desk_editor, reporter, section, django_assert_num_queries
):
    client.force_login(desk_editor)
    client.get(INDEX)
    with django_assert_num_queries(EDITOR_QUERIES):
        client.get(INDEX)
    for n in range(3):
        story = ArticleFactory(draft=True, created_by=reporter)
        services.article_submit(article=story, user=reporter)
        ArticleFactory(published_at=timezone.now() + dt.timedelta(hours=n + 1))
        services.correction_add(
            article=ArticleFactory(), user=desk_editor, kind="update", text="Baru."
        )
    with django_assert_num_queries(EDITOR_QUERIES):
        client.get(INDEX)


EDITOR_QUERIES = 4 + 1 + 6


# Moderator


def test_a_moderator_sees_pending_and_reported_comments_with_counts(client, moderator):
    waiting = CommentFactory(pending=True, text="Tunggu dulu.")
    CommentFactory(pending=True)
    reported = CommentFactory(text="Dilaporkan pembaca.", flag_count=2)
    CommentFactory(text="Aman.")
    client.force_login(moderator)
    response = client.get(INDEX)
    pending = panel(response, "pending")
    assert 'data-count="2"' in pending and "Tunggu dulu." in pending
    change = reverse("admin:articles_comment_change", args=[waiting.pk])
    assert f'href="{change}"' in pending
    flagged = panel(response, "reported")
    assert 'data-count="1"' in flagged and "Dilaporkan pembaca." in flagged
    assert "2 reports" in flagged and "Aman." not in flagged
    assert reverse("admin:articles_comment_change", args=[reported.pk]) in flagged


def test_the_moderators_panels_count_what_the_queue_filters_list(client, moderator):
    """The same rules as the moderation queue: its filters list as many."""
    for _n in range(7):
        CommentFactory(pending=True)
    CommentFactory(flag_count=1)
    CommentFactory(status=Comment.Status.REJECTED, flag_count=4)  # dealt with
    client.force_login(moderator)
    mine = panels(moderator)
    for key in ("pending", "reported"):
        queue = client.get(mine[key].more_url)
        assert queue.context["cl"].result_count == mine[key].count
    assert (mine["pending"].count, mine["reported"].count) == (7, 1)
    assert "review" not in mine and "drafts" not in mine


def test_a_moderators_start_page_costs_a_fixed_number_of_queries(
    client, moderator, django_assert_num_queries
):
    client.force_login(moderator)
    client.get(INDEX)
    with django_assert_num_queries(MODERATOR_QUERIES):
        client.get(INDEX)
    for n in range(6):
        CommentFactory(pending=True)
        CommentFactory(flag_count=n + 1)
    with django_assert_num_queries(MODERATOR_QUERIES):
        client.get(INDEX)


MODERATOR_QUERIES = 4 + 1 + 4


# Several roles, and none


def test_a_person_in_several_roles_sees_each_roles_panels(client, staff_in):
    both = staff_in("Reporter", "wartawan-moderator")
    both.groups.add(Group.objects.get(name="Moderator"))
    client.force_login(both)
    response = client.get(INDEX)
    html = response.content.decode()
    for key in ("drafts", "returned", "pending", "reported"):
        assert f'id="desk-{key}"' in html
    assert 'id="desk-review"' not in html


def test_the_start_page_links_to_my_notifications(client, reporter):
    client.force_login(reporter)
    html = client.get(INDEX).content.decode()
    assert reverse("admin:articles_notification_settings") in html


def test_the_start_page_still_lists_the_apps(client, desk_editor):
    client.force_login(desk_editor)
    response = client.get(INDEX)
    assert response.context["app_list"]
    assert reverse("admin:articles_article_changelist") in response.content.decode()


def test_article_querysets_name_the_returned_drafts(reporter, desk_editor, newsroom):
    returned = Article.objects.returned().get()
    assert returned == newsroom["returned"]
    assert returned.last_step_note == "Tambahkan tanggapan PPATK."
    assert newsroom["returned"] not in Article.objects.drafts().not_returned()
    assert list(Article.objects.review_queue()) == [newsroom["review"]]


def test_every_desk_screen_links_to_my_notifications(client, reporter):
    client.force_login(reporter)
    page = client.get("/admin/articles/article/").content.decode()
    assert 'href="/admin/articles/notificationsetting/mine/"' in page


@pytest.mark.parametrize(("language", "heading"), [("en", "Tags"), ("id", "Tag")])
def test_the_tags_are_listed_under_their_own_name_not_the_librarys(
    client, desk_editor, language, heading
):
    client.force_login(desk_editor)

    page = client.get(INDEX, HTTP_ACCEPT_LANGUAGE=language).content.decode()

    assert "Taggit" not in page
    assert re.search(rf'<caption>\s*<a href="/admin/taggit/"[^>]*>{heading}</a>', page)


# The desk's first steps at the top of the start page: a reporter's "Add"
# article link was more than a phone's screen down, in the app list.


@pytest.mark.parametrize("role", ["reporter", "desk_editor"])
def test_writers_start_with_write_a_story_and_import_at_the_top(client, request, role):
    client.force_login(request.getfixturevalue(role))
    page = client.get(INDEX).content.decode()
    tools = page[page.index('class="desk-tools"') : page.index('class="desk-role"')]
    assert re.findall(
        r'<a class="button [\w-]+" href="([^"]+)">([^<]+)</a>', tools
    ) == [
        (reverse("admin:articles_article_add"), "Write a story"),
        (reverse("admin:articles_intakerecord_add"), "Import wire copy"),
    ]


def test_a_moderator_has_no_story_to_write(client, moderator):
    client.force_login(moderator)
    page = client.get(INDEX).content.decode()
    assert "Write a story" not in page and "Import wire copy" not in page
    assert "My notifications" in page
