"""The History page as a reader of one language or the other reads it."""

import html

from django.conf import settings

from tests.newsroom.admin_forms import admin_url

# A refused save with a field in error too, in each desk language: Django's
# note for the field's error, and the panel's "nothing saved" (said once).
REFUSAL_WITH_AN_ERROR = [
    (
        "id",
        "Harap perbaiki kesalahan di bawah.",
        "Belum ada isi formulir ini yang tersimpan",
    ),
    ("en", "Please correct the error below.", "Nothing in this form has been saved"),
]


def history_page(client, obj, language: str) -> str:
    """The text of `obj`'s History page read in `language` (the desk's
    language cookie), its entities unescaped."""
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    response = client.get(admin_url(type(obj), "history", obj.pk))
    assert response.status_code == 200
    return html.unescape(response.content.decode())
