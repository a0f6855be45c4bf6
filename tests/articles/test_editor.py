"""The writing screen's endpoints and autosaved copies (issue #13): the body's
preview is the public page's HTML; a copy is private, never a revision and
never the article; it is offered back, restored and discarded; a save deletes
it; a copy restored over someone else's newer save is refused by the edit
lock with the conflict panel."""

import re

import pytest
import reversion
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import Client
from django.utils import timezone, translation
from reversion.models import Version

from articles.admin.editor import MAX_PREVIEW_CHARS
from articles.models import BODY_MAX_CHARS, Article, ArticleAutosave
from articles.rendering import render_markdown
from articles.services import desk
from newsroom.media.rendering import image_url
from tests.articles.factories import ArticleFactory
from tests.images import library_image
from tests.newsroom.admin_forms import admin_form_data, admin_url

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]

BODY = "BNPT bertemu _Joint Working Group_ di **Jakarta**."


def endpoint(name, article=None) -> str:
    if article is None:
        return admin_url(Article, f"add_{name}")
    return admin_url(Article, name, article.pk)


def logged_in(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def own_draft(reporter, section):
    return ArticleFactory(
        section=section, created_by=reporter, draft=True, body="Paragraf pertama."
    )


@pytest.fixture
def story(section, desk_editor):
    """A published story with its first revision, as filed."""
    article = ArticleFactory(section=section, created_by=desk_editor, body=BODY)
    with reversion.create_revision():
        reversion.add_to_revision(article)
    return article


def autosave(client, article, **values):
    data = {"expected_version": article.version if article else "", **values}
    return client.post(endpoint("autosave", article), data)


# The body's preview


def test_the_preview_is_the_public_pages_html_images_included(
    client, desk_editor, story, media_root
):
    photo = library_image(title="Ruang rapat")
    body = f"{BODY}\n\n![](image:{photo.pk})\n\n<script>alert(1)</script>"
    client.force_login(desk_editor)

    response = client.post(
        endpoint("preview_body", story), {"body": body, "language": "id"}
    )

    assert response.status_code == 200
    html = response.json()["html"]
    # Rendered in the story's language (its pictures' texts), not the desk's.
    with translation.override("id"):
        assert html == render_markdown(body, language="id")
    assert '<em lang="en">Joint Working Group</em>' in html
    assert "<figure" in html and "<script" not in html
    # The public page shows the very same HTML.
    story.body = body
    story.save()
    assert html in client.get(story.get_absolute_url()).content.decode()


def test_the_preview_names_the_library_images_the_page_leaves_out(
    client, desk_editor, story, media_root
):
    """A reporter who types an image's number wrong sees why the picture is
    not in the preview; an image that exists, or one in code, is not named."""
    photo = library_image(title="Ruang rapat")
    client.force_login(desk_editor)

    def notice(body):
        answer = client.post(endpoint("preview_body", story), {"body": body})
        return answer.json()["notice"]

    gone = photo.pk + 1000
    assert notice(f"![](image:{photo.pk})\n\n![](image:{gone})") == (
        f"Image {gone} is not in the library: the page leaves it out."
    )
    assert notice(f"![](image:{gone})\n\n![a](image:{gone + 1})") == (
        f"Images {gone}, {gone + 1} are not in the library: the page leaves them out."
    )
    assert notice(f"![](image:{photo.pk})\n\n`![](image:{gone})`") == ""
    assert notice(BODY) == ""


def test_the_preview_follows_the_forms_language(client, desk_editor, story):
    client.force_login(desk_editor)
    english = client.post(
        endpoint("preview_body", story), {"body": BODY, "language": "en"}
    ).json()["html"]
    assert "<em>Joint Working Group</em>" in english


def test_a_new_articles_body_is_previewed_for_who_may_add_articles(client, reporter):
    client.force_login(reporter)
    response = client.post(endpoint("preview_body"), {"body": "**tebal**"})
    assert response.json()["html"] == "<p><strong>tebal</strong></p>"


def test_the_endpoints_answer_only_post(client, desk_editor, story):
    client.force_login(desk_editor)
    for name in ("preview_body", "autosave", "autosave_discard"):
        assert client.get(endpoint(name, story)).status_code == 405
        assert client.get(endpoint(name)).status_code == 405


def test_the_endpoints_refuse_a_post_without_the_csrf_token(desk_editor, story):
    browser = Client(enforce_csrf_checks=True)
    browser.force_login(desk_editor)
    page = browser.get(admin_url(Article, "change", story.pk)).content.decode()
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)

    for name in ("preview_body", "autosave", "autosave_discard"):
        url = endpoint(name, story)
        data = {"body": "x", "expected_version": story.version}
        assert browser.post(url, data).status_code == 403
        assert browser.post(url, data, headers={"X-CSRFToken": token}).status_code in (
            200,
            302,
        )
    assert not ArticleAutosave.objects.exists()  # discarded by the last one


def test_only_who_may_edit_the_article_may_preview_or_autosave_it(
    client, reporter, staff_in, story, own_draft
):
    client.force_login(reporter)
    # A reporter edits only their own drafts: not the editor's story.
    assert (
        client.post(endpoint("preview_body", story), {"body": "x"}).status_code == 403
    )
    assert autosave(client, story, body="mine").status_code == 403
    assert autosave(client, own_draft, body="mine").status_code == 200
    # The moderator writes no articles at all, new or not.
    moderator = logged_in(staff_in("Moderator", "moderator"))
    assert moderator.post(endpoint("preview_body"), {"body": "x"}).status_code == 403
    assert autosave(moderator, None, title="x").status_code == 403
    assert ArticleAutosave.objects.get().user == reporter
    # An article that does not exist; someone not logged in.
    assert client.post("/admin/articles/article/999/preview-body/").status_code == 404
    anonymous = Client().post(endpoint("preview_body", own_draft), {"body": "x"})
    assert anonymous.status_code == 302
    assert "/admin/login/" in anonymous["Location"]


def test_a_body_too_long_to_preview_is_refused(client, desk_editor, story):
    client.force_login(desk_editor)
    response = client.post(
        endpoint("preview_body", story), {"body": "x" * (MAX_PREVIEW_CHARS + 1)}
    )
    assert response.status_code == 413
    assert "too long" in response.json()["error"]


def test_the_body_box_carries_the_length_it_can_save_and_what_to_say_past_it(
    client, desk_editor, story
):
    client.force_login(desk_editor)
    form = client.get(admin_url(Article, "change", story.pk)).context["adminform"]
    attrs = form.form.fields["body"].widget.attrs
    assert attrs["data-max-length"] == BODY_MAX_CHARS == 100_000
    assert attrs["data-too-long"] == (
        "Too long to save: {count} characters, at most {max}."
    )
    assert "maxlength" not in attrs  # a paste is kept whole


def test_the_preview_reads_a_bodys_images_in_a_fixed_number_of_queries(
    client, desk_editor, story, media_root, django_assert_num_queries
):
    photos = [library_image(f"{n}.jpg", size=(800, 600)) for n in range(3)]
    body = "\n\n".join(f"![](image:{photo.pk})" for photo in photos)
    client.force_login(desk_editor)
    url = endpoint("preview_body", story)
    # session, user, the article, its permission check's groups and
    # permissions, then the images and their renditions, and which of them
    # the library has (for the notice): three queries for any number of
    # images.
    with django_assert_num_queries(8):
        response = client.post(url, {"body": body})
    assert response.json()["html"].count("<figure") == 3


def test_the_social_cards_picture_is_the_images_card_rendition(
    client, reporter, media_root
):
    photo = library_image()
    client.force_login(reporter)
    answer = client.get(admin_url(Article, "card_image", photo.pk)).json()
    assert answer == {"card": image_url(photo, "card")}
    assert answer["card"]


# Autosave


def test_an_autosave_keeps_the_forms_values_privately_and_never_touches_the_article(
    client, reporter, own_draft
):
    client.force_login(reporter)
    before = Article.objects.get(pk=own_draft.pk)

    response = autosave(
        client,
        own_draft,
        title="Judul baru",
        body="Paragraf pertama.\r\nKalimat baru.",
        agencies=["3", "4"],
        published_at_0="2026-12-02",
        csrfmiddlewaretoken="ignored",
        _save="Save",
        version="99",
    )

    assert response.status_code == 200
    assert re.fullmatch(r"\d\d:\d\d", response.json()["time"])
    copy = ArticleAutosave.objects.get()
    assert copy.user == reporter and copy.article == own_draft
    assert copy.base_version == own_draft.version
    assert copy.data == {
        "title": ["Judul baru"],
        "body": ["Paragraf pertama.\r\nKalimat baru."],
        "agencies": ["3", "4"],
        "published_at_0": ["2026-12-02"],
    }
    after = Article.objects.get(pk=own_draft.pk)
    assert (after.title, after.body, after.version, after.updated_at) == (
        before.title,
        before.body,
        before.version,
        before.updated_at,
    )
    assert not Version.objects.get_for_object(own_draft).exists()


def test_each_person_has_one_copy_per_article_replaced_by_the_next(
    client, desk_editor, staff_in, story
):
    other = logged_in(staff_in("Editor", "editor-b"))
    client.force_login(desk_editor)
    autosave(client, story, body="pertama")
    autosave(client, story, body="kedua")
    autosave(other, story, body="milik B")
    autosave(client, None, title="Berita baru")
    autosave(client, None, title="Berita baru, lagi")

    copies = {
        (c.user.username, c.article_id): c.data
        for c in ArticleAutosave.objects.select_related("user")
    }
    assert copies == {
        ("desk-editor", story.pk): {"body": ["kedua"]},
        ("editor-b", story.pk): {"body": ["milik B"]},
        ("desk-editor", None): {"title": ["Berita baru, lagi"]},
    }


def test_an_autosave_too_large_or_without_its_version_is_refused(
    client, desk_editor, story
):
    client.force_login(desk_editor)
    huge = autosave(client, story, body="x" * (desk.MAX_AUTOSAVE_BYTES + 1))
    assert huge.status_code == 413
    assert "too large" in huge.json()["error"]
    no_version = client.post(endpoint("autosave", story), {"body": "x"})
    assert no_version.status_code == 400
    # A version the story never had: a 500 (the column refused -1, the
    # database the rest) before the service checked it.
    for version in ["-1", "0", str(story.version + 1), "9" * 20]:
        odd = client.post(
            endpoint("autosave", story), {"body": "x", "expected_version": version}
        )
        assert odd.status_code == 400, version
        assert "which version" in odd.json()["error"]
    assert not ArticleAutosave.objects.exists()


def test_an_autosave_with_a_nul_in_its_text_is_kept_without_it(
    client, desk_editor, story
):
    # PostgreSQL's JSON refused the NUL (a 500 on every keystroke's save).
    client.force_login(desk_editor)
    response = autosave(client, story, body="Pertemuan\x00 JWG", title="\x00")
    assert response.status_code == 200
    assert ArticleAutosave.objects.get().data == {
        "body": ["Pertemuan JWG"],
        "title": [""],
    }


def test_the_autosave_endpoint_writes_one_row_in_a_fixed_number_of_queries(
    client, desk_editor, story, django_assert_num_queries
):
    client.force_login(desk_editor)
    autosave(client, story, body="pertama")
    # session, user, the article, permissions, then the copy updated in its
    # savepoint (select, update).
    with django_assert_num_queries(9):
        autosave(client, story, body="kedua")
    assert ArticleAutosave.objects.get().data == {"body": ["kedua"]}


def test_the_service_refuses_who_may_not_edit_and_values_that_are_not_a_forms(
    reporter, story
):
    with pytest.raises(PermissionDenied):
        desk.autosave_store(
            user=reporter, article=story, data={"body": ["x"]}, base_version=1
        )
    for data in (["body"], {"body": "not a list"}, {"body": [3]}):
        with pytest.raises(ValidationError):
            desk.autosave_store(
                user=reporter, article=None, data=data, base_version=None
            )
    assert not ArticleAutosave.objects.exists()


# Offered back, restored, discarded


def change_page(client, article, query=""):
    return client.get(admin_url(Article, "change", article.pk) + query)


def test_reopening_the_article_offers_the_copy_with_its_time(
    client, reporter, own_draft
):
    client.force_login(reporter)
    autosave(client, own_draft, body="Paragraf pertama. Kalimat baru.")
    time = timezone.localtime(ArticleAutosave.objects.get().saved_at).strftime("%H:%M")

    page = change_page(client, own_draft)

    html = page.content.decode()
    assert f"Restore your unsaved changes of {time}" in html
    assert "?autosave=restore" in html
    # The form itself still shows the article as saved.
    assert admin_form_data(page)["body"] == "Paragraf pertama."


def test_a_copy_is_offered_to_its_owner_only(client, reporter, desk_editor, own_draft):
    client.force_login(reporter)
    autosave(client, own_draft, body="rahasia")
    html = change_page(logged_in(desk_editor), own_draft).content.decode()
    assert "Restore your unsaved changes" not in html
    assert "rahasia" not in html


def test_a_copy_older_than_a_later_save_of_the_same_version_is_not_offered(
    client, reporter, own_draft
):
    client.force_login(reporter)
    autosave(client, own_draft, body="lama")
    Article.objects.filter(pk=own_draft.pk).update(
        updated_at=timezone.now() + timezone.timedelta(minutes=1)
    )
    assert (
        "Restore your unsaved changes"
        not in change_page(client, own_draft).content.decode()
    )
    article = Article.objects.get(pk=own_draft.pk)
    assert desk.autosave_for(user=own_draft.created_by, article=article) is None


def test_the_add_form_offers_the_copy_of_a_new_article(client, reporter, section):
    client.force_login(reporter)
    autosave(client, None, title="Berita baru", section=str(section.pk))
    page = client.get(admin_url(Article, "add"))
    assert "Restore your unsaved changes of" in page.content.decode()

    restored = client.get(admin_url(Article, "add") + "?autosave=restore")
    data = admin_form_data(restored)
    assert data["title"] == "Berita baru"
    assert data["section"] == [str(section.pk)]
    assert "are back in the form" in restored.content.decode()


def test_restoring_without_script_fills_the_form_with_the_copy(
    client, reporter, own_draft
):
    client.force_login(reporter)
    autosave(
        client,
        own_draft,
        title=own_draft.title,
        slug=own_draft.slug,
        section=str(own_draft.section_id),
        language="id",
        body="Paragraf pertama. Kalimat baru.",
        comments_enabled="on",
    )
    data = admin_form_data(change_page(client, own_draft, "?autosave=restore"))
    assert data["body"] == "Paragraf pertama. Kalimat baru."
    assert data["expected_version"] == str(own_draft.version)
    assert "needs_headline" not in data  # unticked in the copy

    response = client.post(admin_url(Article, "change", own_draft.pk), data)

    assert response.status_code == 302
    saved = Article.objects.get(pk=own_draft.pk)
    assert saved.body == "Paragraf pertama. Kalimat baru."
    assert not ArticleAutosave.objects.exists()  # saved: the copy is gone


def test_discarding_deletes_only_the_users_own_copy(
    client, desk_editor, staff_in, story
):
    other = logged_in(staff_in("Editor", "editor-b"))
    autosave(other, story, body="milik B")
    client.force_login(desk_editor)
    autosave(client, story, body="milik A")

    scripted = client.post(
        endpoint("autosave_discard", story), headers={"accept": "application/json"}
    )
    assert scripted.json() == {"discarded": 1}
    autosave(client, story, body="milik A lagi")
    plain = client.post(endpoint("autosave_discard", story), {"_discard_autosave": "1"})
    assert plain.status_code == 302
    assert plain["Location"] == admin_url(Article, "change", story.pk)

    assert [c.data["body"] for c in ArticleAutosave.objects.all()] == [["milik B"]]


def test_a_refused_save_keeps_the_copy_and_a_new_articles_save_deletes_its_copy(
    client, reporter, section
):
    client.force_login(reporter)
    autosave(client, None, title="Berita baru")
    add = admin_url(Article, "add")
    data = admin_form_data(client.get(add))
    data.update(title="Berita baru", slug="", section=section.pk)  # no slug
    assert client.post(add, data).status_code == 200
    assert ArticleAutosave.objects.exists()
    data["slug"] = "berita-baru"
    assert client.post(add, data).status_code == 302
    assert not ArticleAutosave.objects.exists()


# The conflict: A autosaves, B saves, A restores and saves


def test_a_copy_restored_over_someone_elses_save_is_refused_with_the_panel(
    client, desk_editor, staff_in, story
):
    url = admin_url(Article, "change", story.pk)
    a = client
    a.force_login(desk_editor)
    b = logged_in(staff_in("Editor", "editor-b"))
    form_a = admin_form_data(a.get(url))
    form_a["body"] = f"{BODY}\r\nKalimat A."
    assert autosave(a, story, **form_a).status_code == 200

    form_b = admin_form_data(b.get(url))
    form_b["title"] = "Judul dari B"
    assert b.post(url, form_b).status_code == 302
    assert Article.objects.get(pk=story.pk).version == story.version + 1

    reopened = a.get(url).content.decode()
    assert "Restore your unsaved changes of" in reopened
    assert "editor-b saved this article after you made these changes" in reopened

    restored = a.get(url + "?autosave=restore")
    data = admin_form_data(restored)
    assert data["body"] == f"{BODY}\r\nKalimat A."  # as the browser sent it
    assert data["title"] == story.title  # A's copy: the title as A had it
    assert data["expected_version"] == str(story.version)  # not B's version

    refused = a.post(url, data)

    assert refused.status_code == 200
    html = refused.content.decode()
    # Said once, in the panel (not again in red above the form).
    assert "Someone else saved this article while you were editing it" in html
    assert "conflict-panel" in html
    saved = Article.objects.get(pk=story.pk)
    assert saved.title == "Judul dari B"  # nothing of B's is lost
    assert saved.body == BODY
    assert ArticleAutosave.objects.filter(user=desk_editor).exists()


def test_the_change_form_with_a_copy_adds_a_fixed_number_of_queries(
    client, reporter, own_draft, django_assert_max_num_queries
):
    client.force_login(reporter)
    url = admin_url(Article, "change", own_draft.pk)
    client.get(url)
    with django_assert_max_num_queries(100) as without:
        client.get(url)
    baseline = len(without)  # read now: the next request empties the log
    autosave(client, own_draft, body="baru", agencies=["1", "2", "3"])
    # The copy and the labels of its chosen agencies (one query per field).
    with django_assert_max_num_queries(baseline + 2):
        assert "Restore your" in client.get(url).content.decode()


# A headline longer than the field holds


def test_a_headline_too_long_to_save_is_refused_with_the_text_kept(
    client, reporter, section
):
    """The browser's maxlength cut a pasted headline at 255 characters
    without a word; the field now takes it whole, the writing screen counts
    it, and the save says what is wrong and keeps every character."""
    client.force_login(reporter)
    add = admin_url(Article, "add")
    page = client.get(add).content.decode()
    title_input = re.search(r'<input[^>]*name="title"[^>]*>', page)[0]
    assert "maxlength" not in title_input
    assert 'data-max-length="255"' in title_input

    long_title = ("Delegasi NICA dan BNPT " * 13).strip()  # 298 characters
    data = admin_form_data(client.get(add))
    data.update(
        title=long_title,
        slug="delegasi-panjang",
        body="Isi berita.",
        section=str(section.pk),
        _save="Save",
    )
    response = client.post(add, data)

    assert response.status_code == 200
    assert not Article.objects.exists()
    form = response.context["adminform"].form
    assert form.errors["title"] == [
        "Ensure this value has at most 255 characters (it has 298)."
    ]
    assert form["title"].value() == long_title


def test_the_writing_screen_offers_no_way_to_delete_a_linked_meeting(
    client, desk_editor, section, jwg4
):
    """The admin's red ✖ beside "Related meeting" opened the meeting's own
    deletion, next to the choice's clear "×" that only unlinks."""
    story = ArticleFactory(section=section, meeting=jwg4)
    client.force_login(desk_editor)
    page = client.get(admin_url(Article, "change", story.pk)).content.decode()

    assert "delete-related" not in page
    assert "/admin/agencies/meeting/__fk__/delete/" not in page
    assert "change-related" in page  # editing the meeting stays a click away
