import pytest
from django.test import RequestFactory
from django.views.defaults import server_error


@pytest.mark.django_db
def test_an_unknown_address_gets_the_friendly_not_found_page(client):
    response = client.get("/no-such-page/")
    assert response.status_code == 404
    html = response.content.decode()
    assert 'href="/"' in html
    assert "Traceback" not in html
    assert "<nav" in html  # the site's own layout, not Django's bare page


def test_the_server_error_page_renders_without_database_or_context():
    response = server_error(RequestFactory().get("/"))
    assert response.status_code == 500
    html = response.content.decode()
    assert "<html" in html and 'href="/"' in html
    assert "Traceback" not in html


@pytest.mark.django_db
def test_a_page_not_open_to_the_account_is_the_sites_own_page(client, editor):
    # An editor's account opening the user accounts, which only an
    # administrator may: Django's bare "403 Forbidden" before.
    client.force_login(editor)
    response = client.get("/admin/auth/user/add/", HTTP_ACCEPT_LANGUAGE="id")
    assert response.status_code == 403
    html = response.content.decode()
    assert "Halaman ini tidak terbuka untuk Anda" in html
    assert "/static/css/error.css" in html and 'href="/"' in html
