"""The History page as a reader of one language or the other reads it."""

import html

from django.conf import settings

from tests.newsroom.admin_forms import admin_url


def history_page(client, obj, language: str) -> str:
    """The text of `obj`'s History page read in `language` (the desk's
    language cookie), its entities unescaped."""
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    response = client.get(admin_url(type(obj), "history", obj.pk))
    assert response.status_code == 200
    return html.unescape(response.content.decode())
