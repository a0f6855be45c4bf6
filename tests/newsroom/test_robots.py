from urllib.parse import urlsplit

import pytest

pytestmark = pytest.mark.django_db


def test_robots_txt_keeps_crawlers_out_of_admin_and_previews(client):
    response = client.get("/robots.txt")
    assert response.status_code == 200
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    lines = response.content.decode().splitlines()
    assert lines[0] == "User-agent: *"
    assert [line for line in lines if line.startswith("Disallow")] == [
        "Disallow: /admin/",
        "Disallow: /preview/",
    ]


def test_robots_txt_points_at_both_sitemaps_by_absolute_address(client):
    response = client.get("/robots.txt", secure=True, HTTP_HOST="localhost")
    sitemaps = [
        line.removeprefix("Sitemap: ")
        for line in response.content.decode().splitlines()
        if line.startswith("Sitemap: ")
    ]
    assert sitemaps == [
        "https://localhost/sitemap.xml",
        "https://localhost/sitemap-news.xml",
    ]


def test_the_sitemaps_named_in_robots_txt_are_served(client):
    content = client.get("/robots.txt").content.decode()
    for line in content.splitlines():
        if line.startswith("Sitemap: "):
            path = urlsplit(line.removeprefix("Sitemap: ")).path
            assert client.get(path).status_code == 200, path
