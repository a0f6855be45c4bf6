"""The site's icon where browsers, phones and feed readers look for it."""

import io
import re

import pytest
from django.contrib.staticfiles import finders
from django.template.loader import render_to_string
from PIL import Image

from tests.articles.factories import ArticleFactory

pytestmark = pytest.mark.django_db

NEWSROOM_RED = (0xA4, 0x16, 0x1A)


def body(response) -> bytes:
    return b"".join(response.streaming_content)


def near(colour, expected, tolerance=8):
    return all(
        abs(a - b) <= tolerance for a, b in zip(colour[:3], expected, strict=True)
    )


def test_favicon_ico_is_the_newsroom_logo_at_the_sizes_browsers_ask_for(client):
    response = client.get("/favicon.ico")
    assert response.status_code == 200
    assert response["Content-Type"] in {"image/x-icon", "image/vnd.microsoft.icon"}
    assert "Set-Cookie" not in response
    with Image.open(io.BytesIO(body(response))) as icon:
        assert icon.format == "ICO"
        assert {(16, 16), (32, 32), (48, 48)} <= icon.info["sizes"]
        icon.size = (32, 32)
        icon = icon.convert("RGBA")
        # The red square with the white page of type in it.
        assert near(icon.getpixel((3, 16)), NEWSROOM_RED)
        assert near(icon.getpixel((16, 9)), (255, 255, 255))


def test_apple_touch_icon_is_an_opaque_180_pixel_square(client):
    response = client.get("/apple-touch-icon.png")
    assert response.status_code == 200
    assert response["Content-Type"] == "image/png"
    with Image.open(io.BytesIO(body(response))) as icon:
        assert icon.size == (180, 180)
        assert icon.mode == "RGB"  # iOS fills transparency with black
        assert near(icon.getpixel((0, 0)), NEWSROOM_RED)


def linked_icons(html: str) -> list[str]:
    return re.findall(
        r'<link rel="(?:icon|apple-touch-icon)" href="/static/([^"]+)"', html
    )


def test_public_pages_link_every_icon_and_each_exists(client):
    article = ArticleFactory()
    for path in ("/", "/en/", article.get_absolute_url(), "/page-that-is-not-here/"):
        icons = linked_icons(client.get(path).content.decode())
        assert icons == [
            "img/logo.svg",
            "root/favicon.ico",
            "root/apple-touch-icon.png",
        ], path
        assert all(finders.find(name) for name in icons)


def test_the_desk_has_the_icon_too(client, admin_client):
    # Before, every desk page made the browser ask for /favicon.ico and
    # get a 404, and the desk's tabs showed none.
    pages = [
        client.get("/admin/login/"),
        admin_client.get("/admin/"),
        admin_client.get("/admin/articles/article/"),
        admin_client.get("/admin/articles/article/add/"),
    ]
    for page in pages:
        assert page.status_code == 200
        icons = linked_icons(page.content.decode())
        assert "root/favicon.ico" in icons and "img/logo.svg" in icons


@pytest.mark.parametrize(
    "template", ["400.html", "500.html", "503.html", "admin/lockout.html"]
)
def test_the_pages_that_stand_alone_link_it_too(template):
    # Error and lock-out pages do not extend the site's base page.
    icons = linked_icons(render_to_string(template, {"failure_limit": 5}))
    assert "root/favicon.ico" in icons and "img/logo.svg" in icons
