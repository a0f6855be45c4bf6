"""An agency, person or meeting whose slug changed keeps its old address:
the page and the feed there move for good (301) to the new one, in both
editions, so that links and feed subscriptions keep working."""

import pytest

from agencies import services
from agencies.models import AgencySlugHistory
from tests.agencies.factories import AgencyFactory, MeetingFactory, PersonFactory
from tests.agencies.test_views import AGENCY_QUERIES
from tests.newsroom.admin_forms import save_in_admin

pytestmark = pytest.mark.django_db


def moved(client, path) -> str:
    """Where `path` moved for good."""
    response = client.get(path)
    assert response.status_code == 301, (path, response.status_code)
    return response["Location"]


def renamed(obj, slug, editor):
    """`obj` with a new slug, saved by its service as the admin does."""
    obj.slug = slug
    save = {
        "agency": services.agency_save,
        "person": services.person_save,
        "meeting": services.meeting_save,
    }[obj._meta.model_name]
    return save(**{obj._meta.model_name: obj, "user": editor})


def test_a_renamed_agencys_page_and_feeds_move_to_its_new_address(client, bnpt, editor):
    renamed(bnpt, "bnpt-ri", editor)
    for old, new in [
        ("/agencies/bnpt/", "/agencies/bnpt-ri/"),
        ("/en/agencies/bnpt/", "/en/agencies/bnpt-ri/"),
        ("/agencies/bnpt/feed/rss/", "/agencies/bnpt-ri/feed/rss/"),
        ("/en/agencies/bnpt/feed/rss/", "/en/agencies/bnpt-ri/feed/rss/"),
        ("/agencies/bnpt/feed/atom/", "/agencies/bnpt-ri/feed/atom/"),
        ("/agencies/bnpt/?page=2", "/agencies/bnpt-ri/?page=2"),
    ]:
        assert moved(client, old) == new
        assert client.get(new).status_code == 200, new


@pytest.mark.parametrize(
    ("make", "kind"), [(PersonFactory, "people"), (MeetingFactory, "meetings")]
)
def test_a_renamed_person_or_meeting_moves_to_its_new_address(
    client, editor, make, kind
):
    obj = make(slug="before")
    renamed(obj, "after", editor)
    assert moved(client, f"/{kind}/before/") == f"/{kind}/after/"
    assert moved(client, f"/en/{kind}/before/") == f"/en/{kind}/after/"
    assert client.get(f"/{kind}/after/").status_code == 200


def test_renamed_in_the_admin_the_old_addresses_move(editor_client, editor, bnpt):
    person, meeting = PersonFactory(slug="pak-a"), MeetingFactory(slug="rapat-a")
    for obj, slug in [(bnpt, "bnpt-ri"), (person, "pak-b"), (meeting, "rapat-b")]:
        save_in_admin(editor_client, obj, slug=slug)
    assert moved(editor_client, "/agencies/bnpt/") == "/agencies/bnpt-ri/"
    assert moved(editor_client, "/people/pak-a/") == "/people/pak-b/"
    assert moved(editor_client, "/meetings/rapat-a/") == "/meetings/rapat-b/"


def test_renamed_back_and_forth_every_old_address_leads_to_the_slug_now(
    client, bnpt, editor
):
    for slug in ["bnpt-ri", "bnpt", "bnpt-id", "bnpt-ri"]:
        renamed(bnpt, slug, editor)
    assert moved(client, "/agencies/bnpt/") == "/agencies/bnpt-ri/"
    assert moved(client, "/agencies/bnpt-id/") == "/agencies/bnpt-ri/"
    assert client.get("/agencies/bnpt-ri/").status_code == 200
    # Its own slug now is none of its old ones.
    assert set(bnpt.old_slugs.values_list("slug", flat=True)) == {"bnpt", "bnpt-id"}


def test_an_old_slug_taken_by_another_agency_is_that_agencys(client, bnpt, editor):
    renamed(bnpt, "bnpt-ri", editor)
    other = renamed(AgencyFactory(slug="other"), "bnpt", editor)
    response = client.get("/agencies/bnpt/")
    assert response.status_code == 200
    assert response.context["agency"] == other
    assert not AgencySlugHistory.objects.filter(slug="bnpt").exists()
    # Renamed again, it leaves the slug to the agency that had it last.
    renamed(other, "other-2", editor)
    assert moved(client, "/agencies/bnpt/") == "/agencies/other-2/"


def test_a_slug_never_used_is_still_not_found(client, bnpt, editor):
    renamed(bnpt, "bnpt-ri", editor)
    assert client.get("/agencies/nothing/").status_code == 404
    assert client.get("/agencies/nothing/feed/rss/").status_code == 404
    assert client.get("/people/nothing/").status_code == 404


def test_the_page_at_the_slug_now_costs_no_query_more(
    client, bnpt, editor, django_assert_num_queries, navigation_read
):
    renamed(bnpt, "bnpt-ri", editor)
    navigation_read()
    with django_assert_num_queries(AGENCY_QUERIES):
        assert client.get("/agencies/bnpt-ri/").status_code == 200
    # The old address: the agency looked for, then the old slugs; no page.
    with django_assert_num_queries(2):
        moved(client, "/agencies/bnpt/")


def test_a_cached_page_at_the_old_address_moves_after_the_rename(
    client, bnpt, editor, settings, django_capture_on_commit_callbacks
):
    settings.NEWSROOM_PAGE_CACHE = True
    assert client.get("/agencies/bnpt-ri/").status_code == 404
    client.get("/agencies/bnpt/")
    assert client.get("/agencies/bnpt/")["X-Page-Cache"] == "hit"
    with django_capture_on_commit_callbacks(execute=True):
        renamed(bnpt, "bnpt-ri", editor)
    assert moved(client, "/agencies/bnpt/") == "/agencies/bnpt-ri/"
    assert client.get("/agencies/bnpt-ri/").status_code == 200
