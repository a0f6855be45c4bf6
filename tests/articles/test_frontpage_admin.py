"""The home page's pins in the admin: editors only; one live pin per place
and edition (articles.services.frontpage)."""

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from articles.frontpage import live_pins
from articles.models import HomePin
from articles.services.frontpage import home_pin, home_pin_end, home_pin_until
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


def change(client, pin, until, **kwargs):
    """The pin's change form, posted with `until` (a local time, or None)."""
    local = timezone.localtime(until) if until else None
    return client.post(
        f"/admin/articles/homepin/{pin.pk}/change/",
        {
            "until_0": local.strftime("%Y-%m-%d") if local else "",
            "until_1": local.strftime("%H:%M:%S") if local else "",
        },
        **kwargs,
    )


@pytest.mark.usefixtures("english")
def test_an_ended_pin_cannot_be_brought_back_by_editing_its_end(
    client, desk_editor, stories
):
    """Moving the end of a pin that unpublishing had ended made it live again
    beside the pin that took its place: two live pins in one place."""
    from articles.models import Article
    from tests.articles.test_admin_workflow import form_data

    story_a, story_b = stories["id1"], stories["id2"]
    second = HomePin.Slot.SECOND_2
    article_change = "/admin/articles/article/{}/change/".format
    for title in ("Tiga", "Empat", "Lima"):  # the rest of the top filled
        ArticleFactory(section=story_a.section, language="id", title=title)
    client.force_login(desk_editor)
    add(client, story_a, second)
    pin_a = HomePin.objects.get(article=story_a)
    # Save and unpublish, then publish again: not pinned again.
    client.post(article_change(story_a.pk), form_data(story_a, _transition="unpublish"))
    story_a = Article.objects.get(pk=story_a.pk)
    assert story_a.status == Article.Status.UNPUBLISHED
    client.post(article_change(story_a.pk), form_data(story_a, _transition="publish"))
    assert Article.objects.get(pk=story_a.pk).status == Article.Status.PUBLISHED
    assert not live_pins("id").exists()
    add(client, story_b, second)
    pin_b = HomePin.objects.get(article=story_b)
    pin_a.refresh_from_db()
    ended = pin_a.until

    # Saved from a page opened while it was in force: back to its page, now
    # read-only, with the reason.
    response = change(client, pin_a, timezone.now() + dt.timedelta(days=1), follow=True)

    assert response.redirect_chain[-1][0] == change_page(pin_a)
    assert "This pin has ended" in response.content.decode()
    assert "pin it again" in response.content.decode()
    pin_a.refresh_from_db()
    assert pin_a.until == ended
    assert list(live_pins("id")) == [pin_b]
    assert f"/homepin/{pin_a.pk}/change/" not in listed(client)  # "Live"
    # Saved unchanged, the ended pin stays as it was.
    assert change(client, pin_a, ended).status_code == 302
    pin_a.refresh_from_db()
    assert pin_a.until == ended

    # Pinned again the normal way: A takes the place, B's pin ends.
    assert add(client, story_a, second).status_code == 302
    [live] = live_pins("id")
    assert (live.article, live.slot) == (story_a, second)
    pin_b.refresh_from_db()
    assert pin_b.until <= timezone.now()
    home = client.get("/id/")  # the Indonesian edition, the interface English
    assert home.context["front"].second_tier[1] == story_a


def test_a_live_pins_end_moves_earlier_or_later_but_never_beside_another(
    client, desk_editor, reporter, stories
):
    client.force_login(desk_editor)
    pin = home_pin(article=stories["id1"], slot=HomePin.Slot.LEAD, user=desk_editor)
    later = timezone.now() + dt.timedelta(days=2)
    assert change(client, pin, later).status_code == 302
    assert change(client, pin, None).status_code == 302
    pin.refresh_from_db()
    assert pin.until is None
    with pytest.raises(PermissionDenied):
        home_pin_until(pin=pin, until=later, user=reporter)
    # A second live pin in the place (as the defect had left them): this one's
    # end may come earlier, but not go later.
    other = HomePin.objects.create(
        article=stories["id2"], slot=HomePin.Slot.LEAD, created_by=desk_editor
    )
    response = change(client, other, later)
    assert response.status_code == 200
    assert "Sematan lain menempati posisi ini" in response.content.decode()
    other.refresh_from_db()
    assert other.until is None
    # Earlier, into the past: it ends now.
    assert change(client, other, timezone.now() - dt.timedelta(hours=1)).status_code
    other.refresh_from_db()
    assert timezone.now() - dt.timedelta(minutes=1) < other.until <= timezone.now()
    assert list(live_pins("id")) == [pin]
    # An ended pin's end stays where it is, whoever asks.
    with pytest.raises(ValidationError):
        home_pin_until(pin=other, until=later, user=desk_editor)


def change_page(pin) -> str:
    return f"/admin/articles/homepin/{pin.pk}/change/"


@pytest.mark.usefixtures("english")
def test_a_pin_replaced_by_another_says_so_and_its_page_is_read_only(
    client, desk_editor, stories
):
    """The ended pin's page looked editable and every save was refused; the
    new pin's message did not say the older one had ended."""
    client.force_login(desk_editor)
    add(client, stories["id1"], HomePin.Slot.SECOND_1)
    first = HomePin.objects.get(article=stories["id1"])

    response = client.post(
        ADD,
        {"article": stories["id2"].pk, "slot": HomePin.Slot.SECOND_1, "until_0": ""},
        follow=True,
    )

    told = [str(m) for m in response.context["messages"]]
    assert "The pin of “Satu” (Second tier, 1st) has ended: this pin replaces it." in (
        told
    )
    second = HomePin.objects.get(article=stories["id2"])
    first.refresh_from_db()
    assert first.until == second.created_at
    page = client.get(change_page(first)).content.decode()
    assert 'name="until_0"' not in page and 'name="_save"' not in page
    assert "This pin ended on" in page
    assert f'the pin of <a href="{change_page(second)}">“Dua”</a>' in page
    again = f"{ADD}?article={stories['id1'].pk}&amp;slot={HomePin.Slot.SECOND_1}"
    assert f'<a href="{again}">pin it again</a>' in page
    # The live pin's page is the form it was.
    live = client.get(change_page(second)).content.decode()
    assert 'name="until_0"' in live and "This pin ended" not in live


@pytest.mark.usefixtures("english")
def test_an_ended_pins_page_says_why_it_ended(client, desk_editor, stories):
    from articles.services import article_unpublish

    client.force_login(desk_editor)
    pulled = home_pin(article=stories["id1"], slot=HomePin.Slot.LEAD, user=desk_editor)
    article_unpublish(article=stories["id1"], user=desk_editor, note="Ditarik")
    page = client.get(change_page(pulled)).content.decode()
    assert "the story was taken off the site." in page
    assert "publish it again, then pin it." in page
    assert "pin it again</a>" not in page

    ended = home_pin(article=stories["id2"], slot=HomePin.Slot.LEAD, user=desk_editor)
    home_pin_end(pin=ended, user=desk_editor)
    page = client.get(change_page(ended)).content.decode()
    assert "its time ran out, or an editor ended it." in page
    assert "pin it again</a>" in page


@pytest.mark.usefixtures("english")
def test_a_live_pins_end_set_in_the_past_ends_it_now_and_says_so(
    client, desk_editor, stories
):
    """01-01-2020 was "changed successfully", as if the pin went on."""
    client.force_login(desk_editor)
    pin = home_pin(article=stories["id1"], slot=HomePin.Slot.LEAD, user=desk_editor)
    long_ago = timezone.make_aware(dt.datetime(2020, 1, 1))

    response = change(client, pin, long_ago, follow=True)

    told = [str(m) for m in response.context["messages"]]
    assert told == [
        "The pin of “Satu” (Lead) has ended: its end was set to a time already past."
    ]
    pin.refresh_from_db()
    assert pin.created_at <= pin.until <= timezone.now()
    assert not live_pins().exists()


def test_pin_to_home_page_opens_on_the_editions_first_free_place(
    client, desk_editor, stories
):
    """The story's "Pin to home page" opened with the place empty, and Save
    answered "This field is required"."""
    client.force_login(desk_editor)

    def offered(article) -> int:
        form = client.get(ADD, {"article": article.pk}).context["adminform"].form
        return form["slot"].value()

    assert offered(stories["id1"]) == HomePin.Slot.LEAD
    add(client, stories["id1"], HomePin.Slot.LEAD)
    assert offered(stories["id2"]) == HomePin.Slot.SECOND_1
    assert offered(stories["en1"]) == HomePin.Slot.LEAD  # the other edition's
