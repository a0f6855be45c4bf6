"""The home page's pins in the admin: editors only; one live pin per place
and edition (articles.services.frontpage)."""

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from articles.frontpage import live_pins
from articles.models import HomePin
from articles.services.frontpage import home_pin, home_pin_end
from tests.articles.factories import ArticleFactory

pytestmark = pytest.mark.django_db

LIST = "/admin/articles/homepin/"
ADD = "/admin/articles/homepin/add/"


@pytest.fixture
def stories(section):
    return {
        "id1": ArticleFactory(section=section, language="id", title="Satu"),
        "id2": ArticleFactory(section=section, language="id", title="Dua"),
        "en1": ArticleFactory(section=section, language="en", title="One"),
    }


def listed(client, query=None) -> str:
    """The rows of the admin's list of pins."""
    page = client.get(LIST, query or {}).content.decode()
    return page.split('id="result_list"')[1].split("</table>")[0]


def add(client, article, slot, until=""):
    data = {"article": article.pk, "slot": slot}
    if until:
        local = timezone.localtime(until)
        data |= {
            "until_0": local.strftime("%Y-%m-%d"),
            "until_1": local.strftime("%H:%M:%S"),
        }
    else:
        data |= {"until_0": "", "until_1": ""}
    return client.post(ADD, data)


def test_an_editor_pins_a_story_from_the_admin(client, desk_editor, stories):
    client.force_login(desk_editor)
    until = timezone.now() + dt.timedelta(hours=6)
    response = add(client, stories["id1"], HomePin.Slot.LEAD, until)
    assert response.status_code == 302
    [pin] = HomePin.objects.all()
    assert (pin.article, pin.slot, pin.created_by) == (
        stories["id1"],
        HomePin.Slot.LEAD,
        desk_editor,
    )
    assert abs(pin.until - until) < dt.timedelta(seconds=1)
    rows = listed(client)
    assert "Satu" in rows and "desk-editor" in rows
    assert client.get("/").context["lead"] == stories["id1"]


def test_pinning_into_a_taken_place_ends_the_older_pin_of_that_edition(
    client, desk_editor, stories
):
    client.force_login(desk_editor)
    add(client, stories["id1"], HomePin.Slot.LEAD)
    add(client, stories["en1"], HomePin.Slot.LEAD)  # the other edition's lead
    add(client, stories["id2"], HomePin.Slot.LEAD)
    live = {(p.article.language, p.slot): p.article for p in live_pins()}
    assert live == {
        ("id", HomePin.Slot.LEAD): stories["id2"],
        ("en", HomePin.Slot.LEAD): stories["en1"],
    }
    ended = HomePin.objects.get(article=stories["id1"])
    assert ended.until <= timezone.now()
    # The list shows the live pins; the ended one on request.
    rows = listed(client)
    assert "Dua" in rows and "One" in rows and "Satu" not in rows
    assert "Satu" in listed(client, {"state": "ended"})


def test_a_story_moved_to_another_place_leaves_its_old_one(desk_editor, stories):
    home_pin(article=stories["id1"], slot=HomePin.Slot.LEAD, user=desk_editor)
    home_pin(article=stories["id1"], slot=HomePin.Slot.SECOND_2, user=desk_editor)
    assert [(p.slot, p.article) for p in live_pins("id")] == [
        (HomePin.Slot.SECOND_2, stories["id1"])
    ]


def test_only_a_published_story_with_an_end_ahead_can_be_pinned(
    client, desk_editor, section
):
    client.force_login(desk_editor)
    draft = ArticleFactory(section=section, draft=True)
    response = add(client, draft, HomePin.Slot.LEAD)
    assert response.status_code == 200
    assert "Only a published story" in response.content.decode() or (
        "Hanya berita" in response.content.decode()
    )
    story = ArticleFactory(section=section)
    past = timezone.now() - dt.timedelta(hours=1)
    assert add(client, story, HomePin.Slot.LEAD, past).status_code == 200
    assert not HomePin.objects.exists()
    with pytest.raises(ValidationError):
        home_pin(article=draft, slot=0, user=desk_editor)


@pytest.mark.parametrize("who", ["reporter", "moderator"])
def test_only_editors_see_or_make_pins(client, request, stories, who):
    user = request.getfixturevalue(who)
    client.force_login(user)
    assert client.get(LIST).status_code == 403
    assert add(client, stories["id1"], HomePin.Slot.LEAD).status_code == 403
    assert "homepin" not in client.get("/admin/").content.decode()
    assert not HomePin.objects.exists()
    with pytest.raises(PermissionDenied):
        home_pin(article=stories["id1"], slot=0, user=user)


def test_ending_a_pin_now_frees_its_place(client, desk_editor, stories):
    client.force_login(desk_editor)
    pin = home_pin(article=stories["id2"], slot=HomePin.Slot.LEAD, user=desk_editor)
    newest = max(stories["id1"], stories["id2"], key=lambda s: (s.published_at, s.pk))
    assert client.get("/").context["lead"] == stories["id2"]
    response = client.post(
        LIST, {"action": "end_now", "_selected_action": [pin.pk]}, follow=True
    )
    assert response.status_code == 200
    assert not live_pins().exists()
    assert client.get("/").context["lead"] == newest
    home_pin_end(pin=pin, user=desk_editor)  # ending twice changes nothing
    ended = HomePin.objects.get().until
    assert ended <= timezone.now()


def test_an_editor_changes_a_pins_end(client, desk_editor, stories):
    client.force_login(desk_editor)
    pin = home_pin(article=stories["id1"], slot=HomePin.Slot.LEAD, user=desk_editor)
    until = timezone.localtime() + dt.timedelta(days=1)
    response = client.post(
        f"/admin/articles/homepin/{pin.pk}/change/",
        {"until_0": until.strftime("%Y-%m-%d"), "until_1": until.strftime("%H:%M:%S")},
    )
    assert response.status_code == 302
    pin.refresh_from_db()
    assert abs(pin.until - until) < dt.timedelta(seconds=1)
    assert (pin.article, pin.slot) == (stories["id1"], HomePin.Slot.LEAD)


def test_the_add_form_takes_the_story_from_the_address(client, desk_editor, stories):
    """The shortcut from a story: /admin/articles/homepin/add/?article=<id>."""
    client.force_login(desk_editor)
    response = client.get(ADD, {"article": stories["id1"].pk})
    assert response.status_code == 200
    assert f'value="{stories["id1"].pk}" selected' in response.content.decode()


def test_a_published_storys_page_links_editors_to_pinning_it(
    client, desk_editor, staff_in, stories
):
    pin_link = f'href="{ADD}?article={stories["id1"].pk}"'
    change = f"/admin/articles/article/{stories['id1'].pk}/change/"
    client.force_login(desk_editor)
    assert pin_link in client.get(change).content.decode()
    # Not for a draft, and not for a reporter.
    draft = ArticleFactory(draft=True, section=stories["id1"].section)
    page = client.get(f"/admin/articles/article/{draft.pk}/change/").content.decode()
    assert f"{ADD}?article={draft.pk}" not in page
    client.force_login(staff_in("Reporter"))
    assert pin_link not in client.get(change).content.decode()


def test_a_story_pulled_and_published_again_does_not_take_its_pin_back(
    client, desk_editor, stories
):
    """Unpublishing only hid the story's pin: published again days later, it
    was the lead again without the desk pinning it."""
    from articles.services import article_publish, article_unpublish

    story = stories["id1"]
    pin = home_pin(article=story, slot=HomePin.Slot.LEAD, until=None, user=desk_editor)
    assert client.get("/").context["lead"] == story

    article_unpublish(article=story, user=desk_editor, note="Ditarik")
    pin.refresh_from_db()
    assert pin.until is not None and pin.until <= timezone.now()  # kept, ended
    story.refresh_from_db()
    article_publish(article=story, user=desk_editor)

    assert list(live_pins("id")) == []  # no place held for it
    # The desk pins it again, deliberately: it leads.
    home_pin(article=story, slot=HomePin.Slot.LEAD, until=None, user=desk_editor)
    assert client.get("/").context["lead"] == story
