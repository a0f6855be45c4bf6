"""Who else has a change form open, as a test reads it (newsroom/presence,
PresenceAdmin): the notice on the page, the page's token, its heartbeat and
its farewell, for a story, a meeting, a library image or the registry.
The fixtures editor_named and at_ten_past are in tests/conftest.py."""

import re

import reversion
from django.test import Client

from tests.newsroom.admin_forms import admin_url

NOTICE = re.compile(r'<p class="desk-presence-notice">(.*?)</p>', re.S)


def with_revision(obj):
    """`obj`, its first revision kept (as a form the edit lock guards needs)."""
    with reversion.create_revision():
        reversion.add_to_revision(obj)
    return obj


def logged_in(user, **options) -> Client:
    client = Client(**options)
    client.force_login(user)
    return client


def open_form(client, obj) -> str:
    """`obj`'s change form, as its page reads."""
    response = client.get(admin_url(type(obj), "change", obj.pk))
    assert response.status_code == 200
    return response.content.decode()


def notice(page: str) -> str:
    found = NOTICE.search(page)
    return found.group(1) if found else ""


def page_token(page: str) -> str:
    return re.search(r'data-page="([^"]+)"', page).group(1)


def heartbeat(client, obj, page="", back=False):
    """The page's heartbeat; `back`: shown again from the back-forward cache."""
    data = {"page": page, **({"back": "1"} if back else {})}
    return client.post(admin_url(type(obj), "presence", obj.pk), data)


def leave(client, obj, page=""):
    return client.post(admin_url(type(obj), "presence_leave", obj.pk), {"page": page})
