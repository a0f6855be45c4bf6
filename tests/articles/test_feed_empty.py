"""A feed without an entry (an agency no story names yet) says a fixed
time for when it was updated: it had said the time of each render, so that
every unrelated edit that rendered it again (the page cache's invalidation)
gave it a new `updated`, a new ETag and a 200 where nothing had changed. A
feed with entries says its newest entry's time, as before."""

import datetime as dt
import xml.etree.ElementTree as ET

import pytest
from django.core.cache import cache

from tests.agencies.factories import AgencyFactory
from tests.articles.factories import ArticleFactory

pytestmark = pytest.mark.django_db

ATOM = "{http://www.w3.org/2005/Atom}"


@pytest.fixture(autouse=True)
def page_cache(settings):
    settings.NEWSROOM_PAGE_CACHE = True


@pytest.fixture
def quiet_agency():
    return AgencyFactory(acronym="BAKAMLA", slug="bakamla")


def updated(client, path: str) -> tuple[str, str]:
    response = client.get(path)
    assert response.status_code == 200
    root = ET.fromstring(response.content)
    if path.endswith("/atom/"):
        return root.findtext(f"{ATOM}updated"), response["ETag"]
    return root.find("channel").findtext("lastBuildDate"), response["ETag"]


@pytest.mark.parametrize("kind", ["atom", "rss"])
def test_an_empty_feed_is_the_same_feed_at_every_render(
    client, quiet_agency, time_machine, kind
):
    path = f"/agencies/bakamla/feed/{kind}/"
    time_machine.move_to(dt.datetime(2026, 12, 7, 7, 19, 5, tzinfo=dt.UTC))
    first, etag = updated(client, path)
    # An edit elsewhere: the stored pages are rendered again.
    cache.clear()
    time_machine.move_to(dt.datetime(2026, 12, 7, 7, 19, 31, tzinfo=dt.UTC))
    again, etag_again = updated(client, path)

    assert (again, etag_again) == (first, etag)
    assert first in ("1970-01-01T00:00:00+00:00", "Thu, 01 Jan 1970 00:00:00 +0000")
    assert client.get(path, HTTP_IF_NONE_MATCH=etag).status_code == 304


def test_a_feed_with_entries_is_updated_at_its_newest(client, quiet_agency, section):
    for day in (23, 24):
        story = ArticleFactory(
            section=section,
            published_at=dt.datetime(2022, 3, day, 3, 0, tzinfo=dt.UTC),
        )
        story.agencies.add(quiet_agency)
    root = ET.fromstring(client.get("/agencies/bakamla/feed/atom/").content)
    entries = [entry.findtext(f"{ATOM}updated") for entry in root.iter(f"{ATOM}entry")]
    assert len(entries) == 2
    assert root.findtext(f"{ATOM}updated") == max(entries)
