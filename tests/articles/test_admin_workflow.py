"""The workflow as each role meets it in the admin, tried with forged requests too."""

import dataclasses
import datetime as dt
import re

import pytest
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone
from django.utils.html import strip_tags

from agencies.models import Agency, Meeting, Person
from articles import services
from articles.admin.articles import ArticleAdmin, ArticleAdminForm
from articles.models import Article, ArticleInReview, Correction, Section
from articles.preview import preview_address
from tests.articles.factories import ArticleFactory

# These tests read the English wording of the interface.
pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]

Status = Article.Status


def admin_url(model, view, *args):
    opts = model._meta
    return reverse(f"admin:{opts.app_label}_{opts.model_name}_{view}", args=args)


def form_data(article=None, section=None, **overrides):
    """What the article change form posts, as a browser would send it."""
    data = {
        "title": article.title if article else "Delegasi Filipina tiba di Jakarta",
        "slug": article.slug if article else "delegasi-filipina-tiba",
        "dek": "",
        "body": article.body if article else "Delegasi dipimpin NICA.",
        "language": "id",
        "dateline": "Jakarta",
        "byline": "",
        "editor_name": "",
        "source_name": "",
        "source_url": "",
        "section": (article.section_id if article else section.pk),
        "tags": "terorisme",
        "featured_image": "",
        "published_at_0": "",
        "published_at_1": "",
        "comments_enabled": "on",
        "workflow_note": "",
        "corrections-TOTAL_FORMS": "0",
        "corrections-INITIAL_FORMS": "0",
        "transitions-TOTAL_FORMS": "0",
        "transitions-INITIAL_FORMS": "0",
        "_save": "Save",
    }
    if article is not None:
        data["expected_version"] = article.version
        if article.published_at:
            local = timezone.localtime(article.published_at)
            data["published_at_0"] = local.strftime("%Y-%m-%d")
            data["published_at_1"] = local.strftime("%H:%M:%S")
    data.update(overrides)
    return data


def login(client, user):
    client.force_login(user)
    return client


@pytest.fixture
def own_draft(reporter, section):
    return ArticleFactory(draft=True, section=section, created_by=reporter)


def fresh(article):
    return Article.objects.get(pk=article.pk)


# Reporter


def test_a_reporter_writes_a_draft_in_the_admin(client, reporter, section):
    response = login(client, reporter).post(
        admin_url(Article, "add"), form_data(section=section)
    )
    assert response.status_code == 302
    article = Article.objects.get(slug="delegasi-filipina-tiba")
    assert article.status == Status.DRAFT
    assert article.created_by == reporter


def test_a_reporter_who_forges_a_publish_request_gets_a_draft(
    client, reporter, section
):
    soon = timezone.localtime() - dt.timedelta(minutes=1)
    data = form_data(
        section=section,
        status="published",
        published_at_0=soon.strftime("%Y-%m-%d"),
        published_at_1=soon.strftime("%H:%M"),
        is_featured="on",
        _transition="publish",
    )
    response = login(client, reporter).post(admin_url(Article, "add"), data)
    article = Article.objects.get(slug="delegasi-filipina-tiba")
    assert article.status == Status.DRAFT
    assert article.published_at is None and not article.is_featured
    assert not Article.objects.published().exists()
    follow = client.get(response["Location"])
    assert "workflow step failed" in follow.content.decode()


def test_a_reporter_who_forges_a_publish_on_their_draft_is_refused(
    client, reporter, own_draft
):
    url = admin_url(Article, "change", own_draft.pk)
    login(client, reporter).post(
        url, form_data(own_draft, status="published", _transition="publish")
    )
    assert fresh(own_draft).status == Status.DRAFT
    assert client.get(own_draft.get_absolute_url()).status_code == 404


def test_a_reporter_sees_only_the_submit_button_on_their_draft(
    client, reporter, own_draft
):
    response = login(client, reporter).get(admin_url(Article, "change", own_draft.pk))
    html = response.content.decode()
    assert 'value="submit"' in html
    for step in ("publish", "return", "unpublish"):
        assert f'value="{step}"' not in html


def test_a_reporter_submits_and_then_can_no_longer_edit(client, reporter, own_draft):
    url = admin_url(Article, "change", own_draft.pk)
    login(client, reporter).post(
        url, form_data(own_draft, title="Versi final", _transition="submit")
    )
    article = fresh(own_draft)
    assert article.status == Status.IN_REVIEW and article.title == "Versi final"
    page = client.get(url)
    assert page.status_code == 200  # read-only view
    assert 'name="_save"' not in page.content.decode()
    response = client.post(url, form_data(article, title="Diam-diam"))
    assert response.status_code == 403
    assert fresh(own_draft).title == "Versi final"


def test_a_reporter_cannot_edit_or_delete_someone_elses_article(
    client, reporter, section
):
    theirs = ArticleFactory(draft=True, section=section)
    login(client, reporter)
    url = admin_url(Article, "change", theirs.pk)
    assert client.post(url, form_data(theirs, title="Bukan milikku")).status_code == 403
    assert (
        client.post(
            admin_url(Article, "delete", theirs.pk), {"post": "yes"}
        ).status_code
        == 403
    )
    assert fresh(theirs).title != "Bukan milikku"


@pytest.mark.parametrize(
    ("model", "view"),
    [
        (Agency, "add"),
        (Person, "add"),
        (Meeting, "add"),
        (Section, "add"),
        (ArticleInReview, "changelist"),
        (get_user_model(), "changelist"),
    ],
)
def test_a_reporter_cannot_reach_editors_pages(client, reporter, model, view):
    assert login(client, reporter).get(admin_url(model, view)).status_code == 403


# Editor


def test_editors_see_the_stories_waiting_for_review(
    client, desk_editor, own_draft, reporter
):
    services.article_submit(article=own_draft, user=reporter)
    other = ArticleFactory(draft=True, section=own_draft.section, title="Masih draf")
    response = login(client, desk_editor).get(admin_url(ArticleInReview, "changelist"))
    html = response.content.decode()
    assert own_draft.title in html
    assert other.title not in html
    assert admin_url(Article, "change", own_draft.pk) in html


def test_an_editor_returns_a_story_with_a_note(
    client, desk_editor, own_draft, reporter
):
    services.article_submit(article=own_draft, user=reporter)
    article = fresh(own_draft)
    url = admin_url(Article, "change", article.pk)
    login(client, desk_editor).post(
        url,
        form_data(article, workflow_note="Kurang satu sumber.", _transition="return"),
    )
    article = fresh(own_draft)
    assert article.status == Status.DRAFT
    assert article.transitions.first().note == "Kurang satu sumber."
    # The reporter sees the note on their draft.
    client.force_login(reporter)
    assert "Kurang satu sumber." in client.get(url).content.decode()


def test_an_editor_publishes_from_the_admin(client, desk_editor, own_draft, reporter):
    services.article_submit(article=own_draft, user=reporter)
    article = fresh(own_draft)
    response = login(client, desk_editor).post(
        admin_url(Article, "change", article.pk),
        form_data(article, _transition="publish"),
    )
    assert response.status_code == 302
    article = fresh(own_draft)
    assert article.is_public
    assert client.get(article.get_absolute_url()).status_code == 200


def test_an_editor_schedules_from_the_admin(client, desk_editor, own_draft):
    at = timezone.localtime() + dt.timedelta(days=1)
    login(client, desk_editor).post(
        admin_url(Article, "change", own_draft.pk),
        form_data(
            own_draft,
            published_at_0=at.strftime("%Y-%m-%d"),
            published_at_1=at.strftime("%H:%M"),
            _transition="publish",
        ),
    )
    article = fresh(own_draft)
    assert article.is_scheduled
    assert client.get(article.get_absolute_url()).status_code == 404
    listing = client.get(admin_url(Article, "changelist")).content.decode()
    assert "Scheduled" in listing


def test_publishing_an_incomplete_story_keeps_the_edits_and_says_why(
    client, desk_editor, own_draft
):
    response = login(client, desk_editor).post(
        admin_url(Article, "change", own_draft.pk),
        form_data(own_draft, title="Judul diperbarui", body="", _transition="publish"),
        follow=True,
    )
    article = fresh(own_draft)
    assert article.title == "Judul diperbarui"
    assert article.status == Status.DRAFT
    assert "needs a body" in response.content.decode()


def test_an_editor_unpublishes_from_the_admin(client, desk_editor, section):
    live = ArticleFactory(section=section)
    login(client, desk_editor).post(
        admin_url(Article, "change", live.pk),
        form_data(live, _transition="unpublish"),
    )
    assert fresh(live).status == Status.UNPUBLISHED
    assert client.get(live.get_absolute_url()).status_code == 404


def test_unpublishing_a_story_names_its_editions_still_on_the_site(
    client, desk_editor, section
):
    """Pulled in Indonesian, the English translation stayed live (the pin
    on /en/ included) with nothing said: the desk is told, by title."""
    original = ArticleFactory(section=section, title="BNPT dan NICA bertemu")
    english = ArticleFactory(
        section=section,
        title="BNPT and NICA meet",
        language="en",
        translation_of=original,
    )
    response = login(client, desk_editor).post(
        admin_url(Article, "change", original.pk),
        form_data(original, _transition="unpublish"),
        follow=True,
    )

    assert "Still on the site in another language: “BNPT and NICA meet” " in (
        " ".join(said(response))
    )
    assert client.get(english.get_absolute_url()).status_code == 200  # its call

    # Once that one is pulled too, nothing more is said.
    response = client.post(
        admin_url(Article, "change", english.pk),
        form_data(english, _transition="unpublish"),
        follow=True,
    )
    assert not any("Still on the site" in message for message in said(response))


def test_the_same_change_form_sent_twice_saves_without_a_conflict(
    client, desk_editor, section
):
    """A second click, or the browser sending the form again: the second
    POST met the first's save and was refused as "You saved this article
    in another tab", though nothing differed."""
    article = ArticleFactory(section=section, title="Judul awal")
    url = admin_url(Article, "change", article.pk)
    data = form_data(fresh(article), title="Judul yang diperbaiki")
    login(client, desk_editor)

    first = client.post(url, data)
    second = client.post(url, data)

    assert (first.status_code, second.status_code) == (302, 302)
    assert fresh(article).title == "Judul yang diperbaiki"


def test_the_same_form_sent_again_after_a_different_save_is_still_refused(
    client, desk_editor, section
):
    """Only a form holding the article exactly as saved now goes through: one
    whose first save was followed by another change is refused as before."""
    article = ArticleFactory(section=section, title="Judul awal")
    url = admin_url(Article, "change", article.pk)
    data = form_data(fresh(article), title="Judul yang diperbaiki")
    login(client, desk_editor)
    client.post(url, data)
    client.post(url, form_data(fresh(article), body="Isi yang diubah lagi."))

    refused = client.post(url, data)

    assert refused.status_code == 200
    assert fresh(article).body == "Isi yang diubah lagi."


# Two editors, one article


def test_the_second_of_two_concurrent_saves_is_refused_and_loses_nothing(
    client, desk_editor, staff_in, section
):
    article = ArticleFactory(section=section, title="Judul awal", body="Isi awal.")
    url = admin_url(Article, "change", article.pk)
    other_client = client.__class__()
    other_client.force_login(staff_in("Editor", "second-editor"))
    login(client, desk_editor)
    # Both open the article at version 1.
    first = form_data(fresh(article), title="Judul editor pertama")
    second = form_data(fresh(article), body="Isi dari editor kedua.")
    assert client.post(url, first).status_code == 302
    refused = other_client.post(url, second)
    assert refused.status_code == 200
    html = refused.content.decode()
    assert "Someone else saved this article" in html
    assert "Isi dari editor kedua." in html  # the second editor's text is kept
    saved = fresh(article)
    assert saved.title == "Judul editor pertama" and saved.body == "Isi awal."
    # Saving the same form again changes nothing: still refused.
    assert other_client.post(url, second).status_code == 200
    assert fresh(article).title == "Judul editor pertama"
    # Only an explicit choice to keep their version overrides.
    chosen = {**second, "overwrite_version": saved.version}
    assert other_client.post(url, chosen).status_code == 302
    saved = fresh(article)
    assert saved.title == "Judul awal"  # as in the second editor's form
    assert saved.body == "Isi dari editor kedua."


def test_the_conflict_panels_table_says_which_version_is_which(
    client, desk_editor, staff_in, section
):
    """A body's changes were one text spanning both columns: the tester read
    the word diff as "Your version" alone (the version the editor opened, not
    their own text). The table is now a meeting's: each column named, the
    editor's form beside the version saved now."""
    article = ArticleFactory(section=section, title="Judul", body="Isi awal.")
    url = admin_url(Article, "change", article.pk)
    login(client, desk_editor)
    client.post(url, form_data(fresh(article)))  # a revision to compare from
    other_client = client.__class__()
    other_client.force_login(staff_in("Editor", "second-editor"))
    opened = fresh(article)
    client.post(url, form_data(opened, body="Isi yang ditulis ulang."))

    refused = other_client.post(url, form_data(opened, title="Judul lain"))

    html = refused.content.decode()
    assert '<th scope="col">In your form</th>' in html
    assert '<th scope="col">Saved now (by desk-editor)</th>' in html
    assert '<th scope="col">Combining keeps</th>' in html
    mine = re.findall(r'<td data-label="In your form"[^>]*>(.*?)</td>', html)
    now = re.findall(
        r'<td data-label="Saved now \(by desk-editor\)"[^>]*>(.*?)</td>', html
    )
    assert "Isi awal." in [strip_tags(value) for value in mine]
    assert "Isi yang ditulis ulang." in [strip_tags(value) for value in now]


# Corrections in the admin


def test_an_editor_adds_a_correction_that_cannot_be_removed(
    client, desk_editor, section
):
    live = ArticleFactory(section=section)
    data = form_data(
        live,
        **{
            "corrections-TOTAL_FORMS": "1",
            "corrections-0-kind": "correction",
            "corrections-0-text": "Nama pejabat diperbaiki.",
        },
    )
    url = admin_url(Article, "change", live.pk)
    assert login(client, desk_editor).post(url, data).status_code == 302
    correction = Correction.objects.get(article=live)
    assert correction.created_by == desk_editor
    assert fresh(live).updated_at == correction.created_at
    page = client.get(url).content.decode()
    assert "corrections-0-DELETE" not in page
    refused = client.post(admin_url(Article, "delete", live.pk), {"post": "yes"})
    # The correction protects its article: the page says so, nothing goes.
    assert refused.status_code == 200
    assert refused.context["protected"]
    assert Correction.objects.filter(pk=correction.pk).exists()


def test_a_draft_offers_no_corrections_and_takes_none(client, desk_editor, own_draft):
    url = admin_url(Article, "change", own_draft.pk)
    page = login(client, desk_editor).get(url).content.decode()
    assert "corrections-TOTAL_FORMS" not in page
    data = form_data(
        own_draft,
        **{
            "corrections-TOTAL_FORMS": "1",
            "corrections-0-kind": "update",
            "corrections-0-text": "Belum terbit.",
        },
    )
    client.post(url, data)
    assert not Correction.objects.exists()


def test_a_correction_sent_with_a_live_storys_time_moved_ahead_saves_nothing(
    client, desk_editor, section
):
    """Moving a live story back to scheduled while adding a note: the time
    is refused at its field (publication_time_check), and neither the note
    nor the time is saved."""
    live = ArticleFactory(section=section)
    tomorrow = timezone.localtime() + dt.timedelta(days=1)
    data = form_data(
        live,
        published_at_0=tomorrow.strftime("%Y-%m-%d"),
        published_at_1=tomorrow.strftime("%H:%M:%S"),
        **{
            "corrections-TOTAL_FORMS": "1",
            "corrections-0-kind": "update",
            "corrections-0-text": "Belum terbit lagi.",
        },
    )
    response = login(client, desk_editor).post(
        admin_url(Article, "change", live.pk), data
    )
    assert response.status_code == 200
    assert "published_at" in response.context["adminform"].form.errors
    assert not Correction.objects.exists()
    assert fresh(live).published_at == live.published_at


def test_a_draft_with_a_planned_time_offers_no_corrections(
    client, desk_editor, section
):
    planned = ArticleFactory(
        section=section,
        status=Status.DRAFT,
        published_at=timezone.now() - dt.timedelta(hours=1),
    )
    url = admin_url(Article, "change", planned.pk)
    page = login(client, desk_editor).get(url).content.decode()
    assert "corrections-TOTAL_FORMS" not in page


# Moderator


@pytest.mark.parametrize("view", ["changelist", "add"])
def test_a_moderator_sees_no_article_editing(client, moderator, view):
    assert login(client, moderator).get(admin_url(Article, view)).status_code == 403


def test_a_moderator_cannot_open_or_change_an_article(client, moderator, section):
    article = ArticleFactory(section=section)
    login(client, moderator)
    url = admin_url(Article, "change", article.pk)
    assert client.get(url).status_code == 403
    assert client.post(url, form_data(article, title="x")).status_code == 403
    index = client.get(reverse("admin:index")).content.decode()
    assert admin_url(Article, "changelist") not in index


# Preview and share links from the admin


def test_the_admin_offers_preview_and_a_share_link_to_editors(
    client, desk_editor, own_draft
):
    html = (
        login(client, desk_editor)
        .get(admin_url(Article, "change", own_draft.pk))
        .content.decode()
    )
    assert reverse("articles:article_preview", args=[own_draft.pk]) in html
    assert reverse("articles:article_share", args=[own_draft.pk]) in html


def test_a_reporter_gets_preview_but_no_share_link(client, reporter, own_draft):
    html = (
        login(client, reporter)
        .get(admin_url(Article, "change", own_draft.pk))
        .content.decode()
    )
    assert reverse("articles:article_preview", args=[own_draft.pk]) in html
    assert reverse("articles:article_share", args=[own_draft.pk]) not in html


def test_a_body_sent_with_browser_line_endings_is_stored_as_written(
    client, reporter, own_draft
):
    login(client, reporter).post(
        admin_url(Article, "change", own_draft.pk),
        form_data(own_draft, body="Paragraf satu.\r\n\r\nParagraf dua."),
    )
    assert fresh(own_draft).body == "Paragraf satu.\n\nParagraf dua."


# Submitting from the add page, withdrawing, viewing a draft


def test_the_add_page_offers_a_reporter_save_and_submit(client, reporter, section):
    page = login(client, reporter).get(admin_url(Article, "add"))
    html = page.content.decode()
    assert 'name="_transition" value="submit"' in html
    assert 'value="publish"' not in html

    response = client.post(
        admin_url(Article, "add"), form_data(section=section, _transition="submit")
    )

    assert response.status_code == 302
    article = Article.objects.get(slug="delegasi-filipina-tiba")
    assert article.status == Status.IN_REVIEW
    step = article.transitions.get()
    assert (step.from_status, step.to_status, step.by) == (
        Status.DRAFT,
        Status.IN_REVIEW,
        reporter,
    )


def test_the_add_page_offers_an_editor_submit_and_publish(client, desk_editor, section):
    html = login(client, desk_editor).get(admin_url(Article, "add")).content.decode()
    assert 'name="_transition" value="submit"' in html
    assert 'name="_transition" value="publish"' in html


def test_the_steps_are_offered_at_the_top_of_the_form_too(client, reporter, own_draft):
    html = (
        login(client, reporter)
        .get(admin_url(Article, "change", own_draft.pk))
        .content.decode()
    )
    top = html.index('class="submit-row submit-row-top"')
    fields = html.index('for="id_body"')
    assert html.index('name="_transition" value="submit"', top) < fields


def test_a_reporter_withdraws_a_submitted_story_to_fix_a_typo(
    client, reporter, own_draft
):
    url = admin_url(Article, "change", own_draft.pk)
    login(client, reporter).post(url, form_data(own_draft, _transition="submit"))
    assert fresh(own_draft).status == Status.IN_REVIEW
    page = client.get(url).content.decode()  # read-only while in review
    withdraw = admin_url(Article, "withdraw", own_draft.pk)
    assert f'formaction="{withdraw}"' in page

    response = client.post(withdraw)

    assert response.status_code == 302 and response["Location"] == url
    article = fresh(own_draft)
    assert article.status == Status.DRAFT
    step = article.transitions.first()
    assert (step.from_status, step.to_status, step.by) == (
        Status.IN_REVIEW,
        Status.DRAFT,
        reporter,
    )
    # A draft again: the typo can be fixed, and the story submitted again.
    fixed = form_data(article, title="Judul tanpa salah ketik", _transition="submit")
    assert client.post(url, fixed).status_code == 302
    article = fresh(own_draft)
    assert (article.title, article.status) == ("Judul tanpa salah ketik", "in_review")


def test_a_story_withdrawn_leaves_the_editors_queue(
    client, reporter, desk_editor, own_draft
):
    services.article_submit(article=own_draft, user=reporter)
    login(client, reporter).post(admin_url(Article, "withdraw", own_draft.pk))
    queue = login(client, desk_editor).get(admin_url(ArticleInReview, "changelist"))
    assert own_draft.title not in queue.content.decode()


def test_only_its_reporter_withdraws_a_story_and_only_while_in_review(
    client, reporter, staff_in, own_draft, desk_editor
):
    services.article_submit(article=own_draft, user=reporter)
    withdraw = admin_url(Article, "withdraw", own_draft.pk)
    login(client, staff_in("Reporter", "another-reporter")).post(withdraw)
    assert fresh(own_draft).status == Status.IN_REVIEW
    services.article_publish(article=fresh(own_draft), user=desk_editor)
    login(client, reporter).post(withdraw)
    assert fresh(own_draft).status == Status.PUBLISHED
    assert client.get(withdraw).status_code == 405


def test_view_on_site_for_a_draft_opens_the_preview(client, reporter, own_draft):
    html = (
        login(client, reporter)
        .get(admin_url(Article, "change", own_draft.pk))
        .content.decode()
    )
    # In the draft's own edition (preview_address): the other's would 301.
    preview = preview_address(own_draft, "articles:article_preview", pk=own_draft.pk)
    assert f'href="{preview}" class="viewsitelink"' in html
    assert own_draft.get_absolute_url() not in html
    assert client.get(preview).status_code == 200


def test_view_on_site_for_a_published_article_opens_its_page(
    client, desk_editor, section
):
    live = ArticleFactory(section=section)
    html = (
        login(client, desk_editor)
        .get(admin_url(Article, "change", live.pk))
        .content.decode()
    )
    assert f'href="{live.get_absolute_url()}" class="viewsitelink"' in html


# One record per workflow step (services.TRANSITIONS): the buttons, who sees
# them, the dispatch and the messages all read it.

STATES = {
    "draft": {"status": Status.DRAFT, "published_at": None},
    "in review": {"status": Status.IN_REVIEW, "published_at": None},
    "published": {},
    "scheduled": {"published_at_delta": dt.timedelta(days=1)},
    "unpublished": {"status": Status.UNPUBLISHED},
}

# (role, state of the reporter's story) -> the steps offered, in table order.
OFFERED = {
    ("Reporter", "draft"): ["submit"],
    ("Reporter", "in review"): ["withdraw"],  # on the read-only page
    ("Reporter", "published"): [],
    ("Reporter", "scheduled"): [],
    ("Reporter", "unpublished"): [],
    ("Editor", "draft"): ["submit", "publish"],
    ("Editor", "in review"): ["return", "publish"],
    ("Editor", "published"): ["unpublish"],
    ("Editor", "scheduled"): ["publish", "unpublish"],
    ("Editor", "unpublished"): ["return", "publish"],
}

BUTTON = re.compile(
    r'<button type="submit" (?:name="_transition" value="(?P<name>\w+)"|'
    r'formaction="(?P<url>[^"]+)") class="[^"]*">\s*(?P<text>[^<]*?)\s*</button>'
)


def story_in(state, reporter, section):
    fields = dict(STATES[state])
    delta = fields.pop("published_at_delta", -dt.timedelta(hours=1))
    fields.setdefault("published_at", timezone.now() + delta)
    return ArticleFactory(section=section, created_by=reporter, **fields)


def buttons(html):
    """{step name: (its words, the address it posts to or None)} on a page."""
    found = {}
    for match in BUTTON.finditer(html):
        url = match["url"]
        name = match["name"] or url.rstrip("/").rsplit("/", 1)[1]
        found[name] = (match["text"], url)
    return found


@pytest.mark.parametrize(("role", "state"), list(OFFERED))
def test_the_admin_offers_each_role_exactly_its_steps_in_the_tables_words(
    client, staff_in, reporter, section, role, state
):
    story = story_in(state, reporter, section)
    user = reporter if role == "Reporter" else staff_in(role, "someone")
    allowed = services.allowed_transitions(article=story, user=user)
    assert [t.name for t in allowed] == OFFERED[role, state]
    for transition in services.TRANSITIONS.values():
        offered = transition in allowed
        assert offered == (
            services.workflow_state(story) in transition.sources
            and transition.permitted(user, story)
        )

    page = login(client, user).get(admin_url(Article, "change", story.pk))

    assert page.status_code == 200
    shown = buttons(page.content.decode())
    assert sorted(shown) == sorted(OFFERED[role, state])
    may_change = page.context["may_change"]
    for name, (text, url) in shown.items():
        transition = services.TRANSITIONS[name]
        if may_change:
            assert (text, url) == (str(transition.button), None)
        else:
            assert (text, url) == (
                str(transition.label),
                admin_url(Article, name, story.pk),
            )


# step -> a state of the reporter's story it is taken from
TAKEN_FROM = {
    "submit": "draft",
    "withdraw": "in review",
    "return": "in review",
    "publish": "draft",
    "unpublish": "published",
}


@pytest.mark.parametrize("name", list(services.TRANSITIONS))
def test_each_step_taken_in_the_admin_says_the_tables_message(
    client, desk_editor, reporter, section, name
):
    transition = services.TRANSITIONS[name]
    story = story_in(TAKEN_FROM[name], reporter, section)
    user = reporter if name == "withdraw" else desk_editor
    login(client, user)
    if name == "withdraw":  # from the read-only page: the step's own address
        response = client.post(admin_url(Article, name, story.pk), follow=True)
    else:
        data = form_data(story, _transition=name, workflow_note="Kurang sumber.")
        response = client.post(
            admin_url(Article, "change", story.pk), data, follow=True
        )
    story = fresh(story)
    assert story.status == transition.target
    assert [str(m) for m in response.context["messages"]] == [
        transition.done_message(story)
    ]
    assert transition.done_message(story) == str(transition.done)


@pytest.mark.parametrize(
    "language, said",
    [
        (
            "en",
            "Scheduled: goes live by itself on Friday, 25 December 2026, 06:30 WIB.",
        ),
        ("id", "Terjadwal: tayang otomatis pada Jumat, 25 Desember 2026 06.30 WIB."),
    ],
)
def test_scheduling_says_so_and_when(
    client, desk_editor, section, language, said, time_machine
):
    # The editor reads back the time they set, in their language, not only
    # that a time was set.
    draft = ArticleFactory(section=section, draft=True)
    data = form_data(
        draft,
        published_at_0="2026-12-25",
        published_at_1="06:30:00",
        _transition="publish",
    )
    time_machine.move_to(dt.datetime(2026, 12, 24, tzinfo=dt.UTC), tick=False)
    response = login(client, desk_editor).post(
        admin_url(Article, "change", draft.pk),
        data,
        follow=True,
        HTTP_ACCEPT_LANGUAGE=language,
    )
    assert [str(m) for m in response.context["messages"]] == [said]


def test_a_step_changed_in_the_table_changes_the_admin_too(
    client, reporter, own_draft, monkeypatch
):
    """No second list of steps: the button's words, the dispatch and the
    message are the record's."""
    submit = services.TRANSITIONS["submit"]
    calls = []

    def submitted(**kwargs):
        calls.append(kwargs)
        return submit.service(**kwargs)

    monkeypatch.setitem(
        services.TRANSITIONS,
        "submit",
        dataclasses.replace(
            submit,
            button="Send it to the desk",
            done="On the desk now.",
            service=submitted,
        ),
    )
    url = admin_url(Article, "change", own_draft.pk)
    page = login(client, reporter).get(url).content.decode()
    assert buttons(page)["submit"] == ("Send it to the desk", None)

    response = client.post(url, form_data(own_draft, _transition="submit"), follow=True)

    assert [call["article"].pk for call in calls] == [own_draft.pk]
    assert [str(m) for m in response.context["messages"]] == ["On the desk now."]
    assert fresh(own_draft).status == Status.IN_REVIEW


def test_an_unknown_step_saves_the_form_and_says_the_step_failed(
    client, reporter, own_draft
):
    response = login(client, reporter).post(
        admin_url(Article, "change", own_draft.pk),
        form_data(own_draft, title="Judul baru", _transition="launch"),
        follow=True,
    )
    assert [str(m) for m in response.context["messages"]] == [
        "Your changes were saved, but the workflow step failed: Unknown workflow step."
    ]
    assert (fresh(own_draft).title, fresh(own_draft).status) == (
        "Judul baru",
        Status.DRAFT,
    )


# The content fields, named once (services.CONTENT_GROUPS)


def test_the_desk_form_edits_the_content_and_publication_fields_each_shown_once():
    # The link to the story's original is the form's too (not the content
    # a restored revision brings back).
    edited = [*services.CONTENT_FIELDS, "translation_of", *services.PUBLICATION_FIELDS]
    assert ArticleAdminForm._meta.fields == edited
    shown = [
        name
        for _title, opts in ArticleAdmin.fieldsets
        for row in opts["fields"]
        for name in (row if isinstance(row, tuple) else [row])
    ]
    extras = [
        "expected_version",
        "add_token",
        "file_again",
        "state",
        "author",
        "workflow_note",
    ]
    assert sorted(shown) == sorted([*edited, *extras])
    assert services.CONTENT_FIELDS == tuple(
        name for group in services.CONTENT_GROUPS.values() for name in group
    )
    assert not set(services.CONTENT_FIELDS) & set(services.PUBLICATION_FIELDS)


# A headline still proposed, publishing a scheduled story now, the steps at
# the top and the bottom, and who is refused for what.

PROPOSED = (
    "The title is still the one proposed from the copy's first sentence: the "
    "story cannot be published until a headline is written and 'needs a "
    "headline' unticked. To write it yourself, withdraw the story to draft; "
    "otherwise the editor will."
)


def said(response) -> list[str]:
    return [str(m) for m in response.context["messages"]]


def test_submitting_a_story_whose_headline_is_still_proposed_warns_the_reporter(
    client, reporter, desk_editor, own_draft
):
    url = admin_url(Article, "change", own_draft.pk)
    response = login(client, reporter).post(
        url,
        form_data(own_draft, needs_headline="on", _transition="submit"),
        follow=True,
    )
    # Submitted all the same: the desk may write the headline.
    assert fresh(own_draft).status == Status.IN_REVIEW
    assert said(response) == ["Submitted for review.", PROPOSED]

    # The reporter writes it themselves: withdraw, write, untick, submit.
    client.post(admin_url(Article, "withdraw", own_draft.pk), follow=True)
    response = client.post(
        url,
        form_data(fresh(own_draft), title="Judul yang ditulis", _transition="submit"),
        follow=True,
    )
    assert said(response) == ["Submitted for review."]
    story = fresh(own_draft)
    assert (story.status, story.needs_headline) == (Status.IN_REVIEW, False)

    response = login(client, desk_editor).post(
        url, form_data(story, _transition="publish"), follow=True
    )
    assert said(response) == ["Published."]
    assert fresh(own_draft).is_public


def test_an_editor_writes_the_headline_of_a_story_submitted_without_one(
    client, reporter, desk_editor, own_draft
):
    url = admin_url(Article, "change", own_draft.pk)
    login(client, reporter).post(
        url, form_data(own_draft, needs_headline="on", _transition="submit")
    )
    client.get(url)  # the reporter reads the messages
    response = login(client, desk_editor).post(
        url,
        form_data(fresh(own_draft), title="Judul dari redaksi", _transition="publish"),
        follow=True,
    )
    assert said(response) == ["Published."]
    assert fresh(own_draft).title == "Judul dari redaksi"


def cleared(story, **overrides):
    return form_data(story, published_at_0="", published_at_1="", **overrides)


@pytest.fixture
def scheduled(reporter, section):
    return story_in("scheduled", reporter, section)


def test_a_scheduled_story_whose_time_is_cleared_publishes_now(
    client, desk_editor, scheduled
):
    url = admin_url(Article, "change", scheduled.pk)
    before = timezone.now()

    response = login(client, desk_editor).post(
        url,
        cleared(scheduled, title="Tayang sekarang", _transition="publish"),
        follow=True,
    )

    story = fresh(scheduled)
    assert said(response) == ["Published."]
    assert story.title == "Tayang sekarang"
    assert story.is_public and before <= story.published_at <= timezone.now()
    assert client.get(story.get_absolute_url()).status_code == 200


def test_saving_a_scheduled_story_without_its_time_says_what_to_do_at_the_top(
    client, desk_editor, scheduled
):
    url = admin_url(Article, "change", scheduled.pk)

    response = login(client, desk_editor).post(url, cleared(scheduled))

    assert response.status_code == 200
    form = response.context["adminform"].form
    assert form.non_field_errors() == [
        "A scheduled story keeps a publication time. To publish it now, clear "
        "the time and click “Save and publish (or schedule at the publication "
        "time)”; to take it off the schedule, click “Save and unpublish”; to "
        "move it, set another time."
    ]
    assert "published_at" not in form.errors
    html = response.content.decode()
    # Under the banner, above the fields.
    assert (
        html.index("errornote")
        < html.index("To publish it now")
        < html.index('for="id_body"')
    )
    # The steps of the story as it is: still scheduled.
    assert sorted(buttons(html)) == ["publish", "unpublish"]
    assert fresh(scheduled).published_at == scheduled.published_at


def test_a_scheduled_story_is_unpublished_with_its_time_cleared(
    client, desk_editor, scheduled
):
    url = admin_url(Article, "change", scheduled.pk)
    login(client, desk_editor).post(url, cleared(scheduled, _transition="unpublish"))
    story = fresh(scheduled)
    assert story.status == Status.UNPUBLISHED
    assert story.published_at == scheduled.published_at


def test_a_live_storys_time_cleared_is_refused_saying_what_to_do(
    client, desk_editor, reporter, section
):
    story = story_in("published", reporter, section)
    response = login(client, desk_editor).post(
        admin_url(Article, "change", story.pk), cleared(story)
    )
    assert response.context["adminform"].form.non_field_errors() == [
        "A published story keeps its publication time: set it again, or click "
        "“Save and unpublish” to take the story off the site."
    ]
    assert fresh(story).published_at == story.published_at


def test_every_step_is_at_the_top_and_the_bottom_of_the_form(
    client, desk_editor, reporter, section
):
    story = story_in("in review", reporter, section)
    html = (
        login(client, desk_editor)
        .get(admin_url(Article, "change", story.pk))
        .content.decode()
    )
    top = html.index('class="submit-row submit-row-top"')
    fields = html.index('for="id_body"')
    bottom = html.index("workflow-actions")
    for name in ("return", "publish"):
        button = f'name="_transition" value="{name}"'
        assert top < html.index(button) < fields
        assert html.index(button, bottom)


def test_returning_without_a_note_saves_nothing_and_says_where_to_write_it(
    client, desk_editor, reporter, section
):
    story = story_in("in review", reporter, section)
    response = login(client, desk_editor).post(
        admin_url(Article, "change", story.pk),
        form_data(story, title="Diubah", _transition="return"),
    )
    assert response.status_code == 200
    assert response.context["adminform"].form.non_field_errors() == [
        "“Return to reporter” needs a note saying what the reporter should "
        "change: write it in “Note for the workflow step” (under Publication), "
        "then click “Save and return to reporter” again."
    ]
    assert (fresh(story).status, fresh(story).title) == (Status.IN_REVIEW, story.title)


def test_a_reporters_forged_publish_is_refused_for_the_account_not_the_state(
    client, reporter, own_draft
):
    response = login(client, reporter).post(
        admin_url(Article, "change", own_draft.pk),
        form_data(own_draft, _transition="publish"),
        follow=True,
    )
    assert said(response) == [
        "Your changes were saved, but the workflow step failed: Your account may "
        "not take the step “Publish or schedule” on this article."
    ]
    assert fresh(own_draft).status == Status.DRAFT


def test_a_step_from_the_wrong_state_is_refused_for_the_state(desk_editor, section):
    live = ArticleFactory(section=section)
    with pytest.raises(PermissionDenied) as refusal:
        services.article_publish(article=live, user=desk_editor)
    assert str(refusal.value) == (
        "You may not publish or schedule this article while it is Published."
    )


def test_a_scheduled_story_sent_back_with_errors_offers_the_steps_of_its_state(
    client, desk_editor, reporter, section
):
    story = story_in("scheduled", reporter, section)
    past = timezone.localtime() - dt.timedelta(days=1)
    response = login(client, desk_editor).post(
        admin_url(Article, "change", story.pk),
        form_data(
            story,
            title="",
            published_at_0=past.strftime("%Y-%m-%d"),
            published_at_1="08:00:00",
        ),
    )
    assert response.status_code == 200  # refused: no title
    # Still scheduled: the form's past time is not saved.
    assert sorted(buttons(response.content.decode())) == ["publish", "unpublish"]


def _in_the_form(when):
    local = timezone.localtime(when)
    return {
        "published_at_0": local.strftime("%Y-%m-%d"),
        "published_at_1": local.strftime("%H:%M:%S"),
    }


def test_a_live_storys_time_moved_ahead_by_a_save_is_refused_and_it_stays_live(
    client, desk_editor, reporter, section
):
    """A mistyped year on a live story's date would have scheduled it: off
    the site, with only "changed successfully" said. Refused at the field,
    the rest of the form as typed; then unpublish, then schedule."""
    story = story_in("published", reporter, section)
    ahead = timezone.now() + dt.timedelta(days=30)
    url = admin_url(Article, "change", story.pk)
    data = form_data(story, title="Judul yang baru diketik", **_in_the_form(ahead))
    response = login(client, desk_editor).post(url, data)
    form = response.context["adminform"].form
    assert form.errors["published_at"] == [
        "This story is on the site: a publication time still ahead would take "
        "it off until then. Set a time that has passed. To schedule it instead, "
        "click “Save and unpublish”: it leaves the site and keeps its present "
        "publication time; then set the new time and click “Save and publish "
        "(or schedule at the publication time)”."
    ]
    assert form["title"].value() == "Judul yang baru diketik"
    stored = fresh(story)
    assert (stored.title, stored.published_at) == (story.title, story.published_at)
    assert Article.objects.published().filter(pk=story.pk).exists()

    # The next steps: unpublish it, then schedule it at the time meant.
    client.post(url, form_data(stored, _transition="unpublish"))
    assert fresh(story).status == Status.UNPUBLISHED
    response = client.post(
        url,
        form_data(fresh(story), _transition="publish", **_in_the_form(ahead)),
        follow=True,
    )
    assert fresh(story).is_scheduled
    assert "Scheduled: goes live by itself on" in response.content.decode()


def test_a_live_storys_time_may_still_be_set_earlier(
    client, desk_editor, reporter, section
):
    story = story_in("published", reporter, section)
    earlier = story.published_at - dt.timedelta(days=2)
    response = login(client, desk_editor).post(
        admin_url(Article, "change", story.pk),
        form_data(story, **_in_the_form(earlier)),
    )
    assert response.status_code == 302
    # To the minute, as typed times are kept (agencies.admin.MinuteTimeField).
    assert fresh(story).published_at == earlier.replace(second=0, microsecond=0)


def test_the_save_service_itself_refuses_a_live_story_a_time_ahead(
    desk_editor, reporter, section
):
    story = story_in("published", reporter, section)
    story.published_at = timezone.now() + dt.timedelta(hours=2)
    with pytest.raises(ValidationError) as refused:
        services.article_save(
            article=story, user=desk_editor, expected_version=story.version
        )
    assert "published_at" in refused.value.message_dict
    assert Article.objects.published().filter(pk=story.pk).exists()


def test_a_refused_time_ahead_is_followed_by_unpublish_then_schedule_as_it_says(
    client, desk_editor, reporter, section
):
    """What the refusal says, done with the form as it was sent back: "Save
    and unpublish" with the time ahead still typed takes the story off the
    site with the rest of the form saved and its stored time kept; setting
    the time again and publishing schedules it there."""
    story = story_in("published", reporter, section)
    ahead = (timezone.now() + dt.timedelta(days=365)).replace(second=0, microsecond=0)
    url = admin_url(Article, "change", story.pk)
    data = form_data(story, dek="Ringkasan yang baru", **_in_the_form(ahead))
    refused = login(client, desk_editor).post(url, data)
    assert "published_at" in refused.context["adminform"].form.errors

    unpublished = client.post(url, {**data, "_transition": "unpublish"}, follow=True)

    stored = fresh(story)
    assert (stored.status, stored.dek) == (Status.UNPUBLISHED, "Ringkasan yang baru")
    assert stored.published_at == story.published_at
    assert not Article.objects.published().filter(pk=story.pk).exists()
    said_now = said(unpublished)
    assert "Unpublished: the article is off the site." in said_now
    assert not any("failed" in message for message in said_now)

    scheduled = client.post(
        url,
        form_data(stored, dek=stored.dek, _transition="publish", **_in_the_form(ahead)),
        follow=True,
    )
    stored = fresh(story)
    assert stored.is_scheduled
    assert (stored.published_at, stored.dek) == (ahead, "Ringkasan yang baru")
    assert any(m.startswith("Scheduled: goes live") for m in said(scheduled))


def test_the_save_service_keeps_a_live_storys_time_on_the_way_to_unpublish(
    reporter, section
):
    story = story_in("published", reporter, section)
    ahead = timezone.now() + dt.timedelta(days=2)
    kept = services.publication_time_check(
        current=story, published_at=ahead, unpublishing=True
    )
    assert kept == story.published_at
    with pytest.raises(ValidationError):
        services.publication_time_check(current=story, published_at=ahead)
