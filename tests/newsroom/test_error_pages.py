import re
import sys

import pytest
from django.test import Client, RequestFactory
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


# Each edition's error pages lead to its own front page: the English page
# for a search that could not be read led to the Indonesian one ("/").


def front_page_link(response) -> str:
    """Where the page's "Go to the front page" link leads."""
    html = response.content.decode()
    link = r'href="([^"]*)"[^>]*>(?:Go to the front page|Ke halaman depan)<'
    (href,) = re.findall(link, html)
    return href


@pytest.mark.django_db
@pytest.mark.parametrize(("prefix", "front_page"), [("", "/"), ("/en", "/en/")])
@pytest.mark.parametrize(
    "error",
    ["400 search", "400 form", "403 csrf", "404", "429 search", "500"],
)
def test_an_error_page_leads_to_its_editions_front_page(
    client, settings, monkeypatch, prefix, front_page, error
):
    settings.NEWSROOM_PAGE_CACHE = False
    settings.READER_RATES = {**settings.READER_RATES, "search": ["1/m"]}
    if error == "400 search":
        response = client.get(f"{prefix}/search/?q=abc%ff")
    elif error == "400 form":
        response = client.post(
            f"{prefix}/comments/1/flag/",
            "reason=spam",
            content_type="application/x-www-form-urlencoded; charset=latin-1",
        )
    elif error == "403 csrf":
        response = Client(enforce_csrf_checks=True).post(
            f"{prefix}/comments/1/flag/", {"reason": "spam"}
        )
    elif error == "404":
        response = client.get(f"{prefix}/no-such-page/")
    elif error == "429 search":
        reader = {"REMOTE_ADDR": "114.124.5.1"}  # a public address
        client.get(f"{prefix}/search/?q=patroli", **reader)
        response = client.get(f"{prefix}/search/?q=patroli", **reader)
    else:

        def fail():
            raise RuntimeError("the search broke")

        monkeypatch.setattr(sys.modules["articles.views.search"], "sections", fail)
        response = Client(raise_request_exception=False).get(f"{prefix}/search/?q=x")
    assert response.status_code == int(error[:3])
    if error == "429 search":  # the search page, in the site's layout
        html = response.content.decode()
        assert f'<a class="site-name" href="{front_page}">' in html
    else:
        assert front_page_link(response) == front_page


@pytest.mark.django_db
@pytest.mark.parametrize(("language", "front_page"), [("id", "/"), ("en", "/en/")])
def test_a_desk_error_page_leads_to_the_front_page_in_its_language(
    client, editor, language, front_page
):
    client.force_login(editor)
    response = client.get("/admin/auth/user/add/", HTTP_ACCEPT_LANGUAGE=language)
    assert response.status_code == 403
    assert front_page_link(response) == front_page
