"""Another tag taking the name or slug a new tag's add form asks for, between
the form's check (tag_check) and its save (tag_add): the save is refused on
the form, in the check's words, with what was typed kept, and no tag is
added. Django's own save had failed with an IntegrityError: a 500 page, the
editor's typing lost."""

import threading

import pytest
from django.contrib.admin.models import ADDITION, LogEntry
from django.contrib.auth.models import Permission
from django.db import connection
from django.db.models.signals import pre_save
from django.urls import reverse
from taggit.models import Tag

from tests.articles.test_tag_change_race import (
    NAME_TAKEN,
    SLUG_TAKEN,
    clash_after_the_check,
    said_on,
)

pytestmark = pytest.mark.usefixtures("english")

CLASH = {"name": "Terorisme global", "slug": "terorisme-global"}


def add(client, user, **typed):
    client.force_login(user)
    return client.post(
        reverse("admin:taggit_tag_add"),
        {
            **typed,
            "taggit_taggeditem_items-TOTAL_FORMS": "0",
            "taggit_taggeditem_items-INITIAL_FORMS": "0",
        },
    )


def assert_refused(response, typed, refusal):
    page = said_on(response)
    assert refusal in page
    for value in filter(None, typed.values()):  # what was typed, kept
        assert f'value="{value}"' in page
    assert not Tag.objects.exclude(**CLASH).exists()
    assert not LogEntry.objects.filter(action_flag=ADDITION).exists()


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("typed", "refusal"),
    [
        ({"name": "Terorisme", "slug": "terorisme-global"}, SLUG_TAKEN),
        ({"name": "Terorisme global", "slug": "terorisme"}, NAME_TAKEN),
        ({"name": "Terorisme global", "slug": ""}, NAME_TAKEN),
    ],
    ids=["slug", "name", "name-slug-left-empty"],
)
def test_a_name_or_slug_taken_between_check_and_save_is_said_on_the_add_form(
    client, desk_editor, monkeypatch, typed, refusal
):
    calls = clash_after_the_check(monkeypatch, lambda: Tag.objects.create(**CLASH))
    response = add(client, desk_editor, **typed)
    assert len(calls) >= 2  # checked again as it was saved
    assert_refused(response, typed, refusal)


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize(
    ("typed", "refusal"),
    [
        ({"name": "Terorisme", "slug": "terorisme-global"}, SLUG_TAKEN),
        ({"name": "Terorisme global", "slug": ""}, NAME_TAKEN),
    ],
    ids=["slug", "name-slug-left-empty"],
)
def test_a_tag_another_editor_saves_as_the_new_one_is_written_is_said_on_the_form(
    client, editor, typed, refusal
):
    """The other tag saved by another request, on its own connection, after
    every check, as the new tag is written (its first INSERT)."""
    if connection.vendor != "postgresql":
        pytest.skip("two connections saving at once: PostgreSQL")
    editor.user_permissions.add(
        *Permission.objects.filter(content_type__app_label="taggit")
    )
    tried = []

    def saved_elsewhere(sender, instance, **kwargs):
        tried.append(instance.name)
        if len(tried) > 1:
            return

        def save():
            try:
                Tag.objects.create(**CLASH)
            finally:
                connection.close()  # this thread's own

        thread = threading.Thread(target=save)
        thread.start()
        thread.join(timeout=10)

    pre_save.connect(saved_elsewhere, sender=Tag, dispatch_uid=__name__)
    try:
        response = add(client, editor, **typed)
    finally:
        pre_save.disconnect(sender=Tag, dispatch_uid=__name__)
    assert tried  # the save was tried
    assert_refused(response, typed, refusal)
    assert list(Tag.objects.values_list("name", flat=True)) == [CLASH["name"]]
