"""Who else has an agency's, a person's or a meeting series' change form
open (newsroom/presence, PresenceAdmin), as a meeting's and a story's say:
the registry has the same edit lock, and two editors had found out only
when the second save was refused. Each object is counted apart."""

import pytest
import reversion

from agencies.models import Agency, MeetingSeries, Person
from tests.newsroom.admin_forms import admin_url
from tests.newsroom.presence_pages import (
    heartbeat,
    logged_in,
    notice,
    open_form,
    page_token,
)

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]


@pytest.fixture
def registry(bnpt, officials, jwg4):
    """BNPT, its head and the JWG series, each with a first revision."""
    objects = {
        Agency: bnpt,
        Person: officials["Amar"],
        MeetingSeries: jwg4.series,
    }
    for obj in objects.values():
        with reversion.create_revision():
            reversion.add_to_revision(obj)
    return objects


@pytest.fixture
def editors(staff_in):
    def make(username, first_name, last_name):
        user = staff_in("Editor", username)
        user.first_name, user.last_name = first_name, last_name
        user.save()
        return user

    return make("ayu", "Ayu", "Lestari"), make("budi", "Budi", "Santoso")


@pytest.mark.parametrize("model", [Agency, Person, MeetingSeries])
def test_the_second_editor_sees_the_first_and_the_first_hears_it(
    registry, editors, model
):
    obj = registry[model]
    ayu, budi = (logged_in(user) for user in editors)
    page_a = open_form(ayu, obj)
    assert 'id="desk-presence"' in page_a and notice(page_a) == ""

    page_b = open_form(budi, obj)

    assert notice(page_b).startswith("Also open now: Ayu Lestari (since ")
    answer = ayu.post(
        admin_url(model, "presence", obj.pk), {"page": page_token(page_a)}
    ).json()
    assert [other["name"] for other in answer["others"]] == ["Budi Santoso"]


def test_an_agency_open_is_not_said_of_the_meeting_or_person_with_its_number(
    registry, editors
):
    ayu, budi = (logged_in(user) for user in editors)
    open_form(ayu, registry[Agency])

    for model in (Person, MeetingSeries):
        page = open_form(budi, registry[model])
        assert notice(page) == "", model


def test_who_may_only_view_the_registry_is_refused(registry, reporter):
    client = logged_in(reporter)
    for model, obj in registry.items():
        response = client.post(admin_url(model, "presence", obj.pk), {"page": "x"})
        assert response.status_code == 403, model


def test_the_meeting_heartbeat_still_answers(jwg4, editors):
    """The meeting's endpoint, beside the registry's (one mixin)."""
    with reversion.create_revision():
        reversion.add_to_revision(jwg4)
    ayu = logged_in(editors[0])
    page = open_form(ayu, jwg4)
    assert heartbeat(ayu, jwg4, page_token(page)).json() == {"others": [], "text": ""}
