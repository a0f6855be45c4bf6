"""The admin's log-in refusal reads well in both languages."""

import pytest
from django.urls import reverse
from django.utils.html import escape

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("language", "refusal"),
    [
        (
            "id",
            "Masukkan nama pengguna dan sandi yang benar untuk akun staf. "
            "Huruf besar/kecil pada kedua isian ini berpengaruh.",
        ),
        (
            "en",
            "Please enter the correct username and password for a staff account. "
            "Note that both fields may be case-sensitive.",
        ),
    ],
)
def test_a_wrong_password_is_refused_in_the_desks_language(
    client, django_user_model, language, refusal
):
    django_user_model.objects.create_user(
        username="editor", password="a long and correct password", is_staff=True
    )
    response = client.post(
        reverse("admin:login"),
        {"username": "editor", "password": "wrong", "next": "/admin/"},
        HTTP_ACCEPT_LANGUAGE=language,
        REMOTE_ADDR="203.0.113.8",
    )
    html = response.content.decode()
    assert escape(refusal) in html
    # Django's own catalogue said "nama pengguna nama pengguna".
    assert "nama pengguna nama pengguna" not in html
