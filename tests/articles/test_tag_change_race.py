"""Another tag taking the name or slug a tag's change form asks for, between
the form's check (tag_check) and its save (tag_change): the save is refused
on the form, in the check's words, with what was typed kept, and nothing
is saved. The unique name or slug had made the save fail with an
IntegrityError: a 500 page, the editor's change lost."""

import threading

import pytest
from django.db import connection
from django.urls import reverse
from taggit.models import Tag

from articles.services import tags as tag_services

pytestmark = pytest.mark.usefixtures("english")

SLUG_TAKEN = (
    "The tag “Terorisme global” is at /tags/terorisme-global/ already: choose "
    "another slug, or merge the two tags."
)
NAME_TAKEN = (
    "The tag “Terorisme global” has this name already: choose another name, or "
    "merge the two tags."
)


def clash_after_the_check(monkeypatch, make_clash):
    """The clashing tag made by `make_clash` once tag_change() has checked
    the form's values (tag_check's second call: the form's is the first)."""
    check = tag_services.tag_check
    calls = []

    def checked_then_taken(**kwargs):
        checked = check(**kwargs)
        calls.append(kwargs)
        if len(calls) == 2:
            make_clash()
        return checked

    monkeypatch.setattr(tag_services, "tag_check", checked_then_taken)
    return calls


def change(client, user, tag, **typed):
    client.force_login(user)
    return client.post(
        reverse("admin:taggit_tag_change", args=[tag.pk]),
        {
            "name": typed.get("name", tag.name),
            "slug": typed.get("slug", tag.slug),
            "taggit_taggeditem_items-TOTAL_FORMS": "0",
            "taggit_taggeditem_items-INITIAL_FORMS": "0",
        },
    )


def said_on(response) -> str:
    assert response.status_code == 200, response.status_code
    return response.content.decode()


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("typed", "refusal"),
    [
        ({"slug": "terorisme-global"}, SLUG_TAKEN),
        ({"name": "Terorisme global"}, NAME_TAKEN),
    ],
    ids=["slug", "name"],
)
def test_a_name_or_slug_taken_between_check_and_save_is_said_on_the_form(
    client, desk_editor, monkeypatch, typed, refusal
):
    tag = Tag.objects.create(name="Teror", slug="teror")
    calls = clash_after_the_check(
        monkeypatch,
        lambda: Tag.objects.create(name="Terorisme global", slug="terorisme-global"),
    )
    page = said_on(change(client, desk_editor, tag, **typed))
    assert len(calls) >= 2  # the save was tried
    assert refusal in page
    for value in typed.values():  # what was typed, kept
        assert f'value="{value}"' in page
    tag.refresh_from_db()
    assert (tag.name, tag.slug) == ("Teror", "teror")


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_a_slug_another_editor_saves_meanwhile_is_said_on_the_form(
    client, editor, monkeypatch
):
    """The other tag saved by another request, on its own connection, while
    this save waits between its check and its write."""
    if connection.vendor != "postgresql":
        pytest.skip("two connections saving at once: PostgreSQL")
    editor.user_permissions.add(
        *type(editor.user_permissions.first()).objects.filter(
            content_type__app_label="taggit"
        )
    )
    tag = Tag.objects.create(name="Teror", slug="teror")

    def saved_elsewhere():
        def save():
            try:
                Tag.objects.create(name="Terorisme global", slug="terorisme-global")
            finally:
                connection.close()  # this thread's own

        thread = threading.Thread(target=save)
        thread.start()
        thread.join(timeout=10)

    clash_after_the_check(monkeypatch, saved_elsewhere)
    page = said_on(change(client, editor, tag, slug="terorisme-global"))
    assert SLUG_TAKEN in page
    assert 'value="terorisme-global"' in page
    assert sorted(Tag.objects.values_list("slug", flat=True)) == [
        "teror",
        "terorisme-global",
    ]
