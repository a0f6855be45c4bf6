"""Who else has a change form open (newsroom/presence, PresenceAdmin): the
second editor to open it sees the first as the page opens, the first hears
of the second at their next heartbeat, and a page that closes, or goes quiet
for longer than PRESENCE_TTL, is forgotten. Only who may change the object
is counted; without a cache nothing is said and nothing fails.

What every form does is asked of each (`form`: a story's writing screen, a
meeting's, an agency's, a person's, a meeting series' and a library
image's page); the rest of a story's. What is a meeting's, the registry's or
an image's alone is in tests/agencies/test_meeting_presence.py,
test_registry_presence.py and tests/newsroom/media/test_presence.py."""

import datetime as dt
import re
from typing import NamedTuple

import pytest
from django.contrib.auth.models import Permission
from django.db.models import Model
from django.test import Client
from django.utils import timezone

from articles.models import Article
from newsroom import presence
from newsroom.media.services import image_upload
from tests.articles.factories import ArticleFactory
from tests.newsroom.admin_forms import admin_url
from tests.newsroom.media import files
from tests.newsroom.presence_pages import (
    heartbeat,
    leave,
    logged_in,
    notice,
    open_form,
    page_token,
    with_revision,
)
from tests.newsroom.test_health import redis_down  # noqa: F401

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]


@pytest.fixture
def story(section, desk_editor):
    return with_revision(
        ArticleFactory(section=section, created_by=desk_editor, body="Teks.")
    )


class Form(NamedTuple):
    """A change form with presence: its object, and who may open it but not
    change it."""

    obj: Model
    viewer: object

    def url(self, view: str, *args) -> str:
        """The admin's `view` of the object's model (`args`: its pk, if any)."""
        return admin_url(type(self.obj), view, *args)


def image_viewer(django_user_model):
    """Who may only view the library (a reporter may change an image)."""
    user = django_user_model.objects.create_user(
        username="citra", password="x", is_staff=True, first_name="Citra"
    )
    user.user_permissions.set(
        Permission.objects.filter(
            content_type__app_label="media", codename="view_image"
        )
    )
    return user


@pytest.fixture(
    params=["story", "meeting", "agency", "person", "meeting series", "image"]
)
def form(request, reporter):
    """Each kind of change form with presence, its object's first revision
    kept."""
    get = request.getfixturevalue
    if request.param == "story":
        return Form(get("story"), reporter)
    if request.param == "image":
        get("media_root")
        image = image_upload(
            file=files.upload(
                "minister.png", files.encode(files.halves(), "PNG"), "image/png"
            ),
            user=get("desk_editor"),
            alt_text="Two coloured halves",
            caption="The minister at the signing.",
        )
        return Form(image, image_viewer(get("django_user_model")))
    obj = {
        "meeting": lambda: get("jwg4"),
        "agency": lambda: get("bnpt"),
        "person": lambda: get("officials")["Amar"],
        "meeting series": lambda: get("jwg4").series,
    }[request.param]()
    return Form(with_revision(obj), reporter)


def test_the_second_to_open_the_form_sees_the_first_and_the_first_hears_at_once(
    form, ayu, budi, at_ten_past
):
    a, b = logged_in(ayu), logged_in(budi)
    page_a = open_form(a, form.obj)
    assert notice(page_a) == ""  # nobody else yet
    assert 'id="desk-presence"' in page_a and 'role="status"' in page_a
    assert "js/desk_presence.js" in page_a
    assert heartbeat(a, form.obj, page_token(page_a)).json() == {
        "others": [],
        "text": "",
    }

    at_ten_past.shift(dt.timedelta(minutes=1))  # Ayu's page has said nothing since
    page_b = open_form(b, form.obj)

    assert notice(page_b) == (
        "Also open now: Ayu Lestari (since 10:02). If you both change it, "
        "whoever saves second has to combine the two versions: agree who "
        "writes first."
    )
    answer = heartbeat(a, form.obj, page_token(page_a)).json()
    assert answer["others"] == [{"name": "Budi Santoso", "since": "10:03"}]
    assert answer["text"].startswith("Also open now: Budi Santoso (since 10:03).")


@pytest.mark.parametrize("login", [True, False], ids=["logged-in", "no-login"])
def test_after_the_leave_beacon_the_others_heartbeat_answers_nobody(
    form, ayu, budi, login
):
    """The beacon is the page's token: it needs no login."""
    a, b = logged_in(ayu), logged_in(budi)
    page_a = open_form(a, form.obj)
    page_b = open_form(b, form.obj)
    assert heartbeat(a, form.obj, page_token(page_a)).json()["others"] != []

    beacon = b if login else Client()
    assert leave(beacon, form.obj, page_token(page_b)).status_code == 204

    assert heartbeat(a, form.obj, page_token(page_a)).json() == {
        "others": [],
        "text": "",
    }


def test_a_heartbeat_that_arrives_after_the_farewell_does_not_bring_its_user_back(
    form, ayu, budi
):
    """Budi's tab closes with a heartbeat on its way: the beacon is handled
    first. Only his page shown again by Back (the browser's back-forward
    cache, `back=1`) is his again."""
    a, b = logged_in(ayu), logged_in(budi)
    page_a = open_form(a, form.obj)
    token_b = page_token(open_form(b, form.obj))

    assert leave(Client(), form.obj, token_b).status_code == 204
    late = heartbeat(b, form.obj, token_b)

    assert late.status_code == 200
    assert late.json()["text"].startswith("Also open now: Ayu Lestari")
    assert heartbeat(a, form.obj, page_token(page_a)).json()["others"] == []

    heartbeat(b, form.obj, token_b, back=True)
    answer = heartbeat(a, form.obj, page_token(page_a)).json()
    assert [other["name"] for other in answer["others"]] == ["Budi Santoso"]


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


def test_who_may_not_change_it_is_refused_and_never_counted(form, ayu):
    """A reporter edits only their own drafts (the editor's story is not
    one) and views the registry; whoever may only view the library views an
    image."""
    client = logged_in(form.viewer)

    page = open_form(client, form.obj)
    assert heartbeat(client, form.obj).status_code == 403

    assert 'id="desk-presence"' not in page
    assert presence.present_on(form.obj, besides=ayu) == []
    assert notice(open_form(logged_in(ayu), form.obj)) == ""


def test_the_endpoints_answer_post_only_and_only_for_an_object_that_exists(form, ayu):
    client = logged_in(ayu)
    assert client.get(form.url("presence", form.obj.pk)).status_code == 405
    assert client.get(form.url("presence_leave", form.obj.pk)).status_code == 405
    assert leave(client, form.obj).status_code == 204
    assert client.post(form.url("presence", 999_999)).status_code == 404
    # A new object has no colleague yet: no presence on the add page.
    add = form.url("add")
    assert client.post(f"{add}presence/").status_code == 404
    assert client.post(f"{add}presence/leave/").status_code == 404
    assert 'id="desk-presence"' not in client.get(add).content.decode()


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
