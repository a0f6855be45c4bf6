"""Library images in an article's body (issue #12): `![alt](image:42)` becomes
a figure with the image's renditions, caption and credit; nothing else the
author writes gets an image through; the page lists them in a fixed number
of queries."""

import re
from html.parser import HTMLParser

import pytest
from django.urls import reverse

from articles.rendering import BODY_FIGURE_SIZES, no_images, render_markdown
from newsroom.media.models import Rendition
from newsroom.media.services import image_upload
from tests.articles.factories import ArticleFactory
from tests.newsroom.media.files import jpeg, png

pytestmark = pytest.mark.django_db


@pytest.fixture
def librarian(desk_editor):
    return desk_editor


@pytest.fixture
def photo(media_root, librarian):
    return image_upload(
        file=jpeg("delegasi.jpg", size=(1200, 800)),
        user=librarian,
        title="Delegasi",
        alt_text="Delegasi Indonesia dan Filipina di ruang rapat",
        caption="Pembukaan JWG ke-4 di Jakarta.",
        credit="Foto: Humas BNPT",
    )


class Tags(HTMLParser):
    """Every start tag with its attributes, in order."""

    def __init__(self, html: str):
        super().__init__()
        self.tags: list[tuple[str, dict]] = []
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))

    def all(self, name: str) -> list[dict]:
        return [attrs for tag, attrs in self.tags if tag == name]


def test_an_image_alone_in_its_paragraph_is_a_figure_with_caption_and_credit(photo):
    html = render_markdown(
        f"Pembukaan.\n\n![]( image:{photo.pk} )\n\nPenutup.", language="id"
    )

    assert re.search(r"<p>Pembukaan.</p>\s*<figure class=\"body-image\">", html)
    assert "<p><figure" not in html  # no figure inside a paragraph
    assert (
        "<figcaption>Pembukaan JWG ke-4 di Jakarta. "
        '<span class="credit">Foto: Humas BNPT</span></figcaption>'
    ) in html
    [img] = Tags(html).all("img")
    assert img["alt"] == "Delegasi Indonesia dan Filipina di ruang rapat"
    assert img["loading"] == "lazy"
    assert (img["width"], img["height"]) == ("640", "427")


def srcset_widths(srcset: str) -> list[int]:
    """The widths a srcset offers, read from each candidate's descriptor (a
    file's random name may hold "5w" too)."""
    descriptors = [item.rsplit(" ", 1)[1] for item in srcset.split(", ")]
    assert all(re.fullmatch(r"\d+w", d) for d in descriptors), srcset
    return sorted(int(d[:-1]) for d in descriptors)


def test_srcset_lists_the_stored_widths_in_both_formats(photo):
    html = render_markdown(f"![Rapat]({'image:'}{photo.pk})")

    tags = Tags(html)
    [source] = tags.all("source")
    [img] = tags.all("img")
    stored = {
        fmt: sorted(
            photo.renditions.filter(format=fmt, spec__startswith="w").values_list(
                "width", flat=True
            )
        )
        for fmt in ("webp", "jpeg")
    }
    assert source["type"] == "image/webp"
    assert srcset_widths(source["srcset"]) == stored["webp"] == [320, 640, 1024, 1200]
    assert srcset_widths(img["srcset"]) == stored["jpeg"]
    assert source["sizes"] == img["sizes"] == BODY_FIGURE_SIZES  # measured: e2e
    assert img["alt"] == "Rapat"  # the alt written in the body wins
    assert "originals" not in html


def test_an_image_inside_a_sentence_is_a_picture_in_the_paragraph(photo):
    html = render_markdown(f"Lihat ![peta](image:{photo.pk}) di atas.")

    assert html.startswith("<p>Lihat <picture>") and "<figure" not in html


def test_a_body_with_a_block_nested_too_deep_keeps_its_pictures(photo):
    # The block Markdown cannot take (a list 2,000 deep) is plain text; the
    # picture in another block was shown as its Markdown, "![](image:1)".
    body = f"Awal _JWG_.\n\n![](image:{photo.pk})\n\n" + "- " * 2000 + "akhir"

    html = render_markdown(body, language="id")

    assert "image:" not in html
    assert html.startswith('<p>Awal <em lang="en">JWG</em>.</p>\n<figure')
    assert len(Tags(html).all("img")) == 1
    assert html.endswith("- akhir</p>")


def test_an_unknown_image_is_left_out_and_nothing_breaks(photo):
    html = render_markdown("Awal.\n\n![x](image:999999)\n\nAkhir.")

    assert html == render_markdown("Awal.\n\nAkhir.")


def test_other_images_and_imitated_placeholders_get_nothing_through(photo):
    body = (
        "![x](https://evil.example/x.png)\n\n"
        '<img src="x" onerror="alert(1)">\n\n'
        f"\ue000deadbeefdeadbeef:0\ue001 ![a](image:{photo.pk}\n\n"
        f'![a" onerror="alert(1)](image:{photo.pk})'
    )

    html = render_markdown(body)

    tags = Tags(html)
    assert [attrs["src"] for attrs in tags.all("img")] == [
        tags.all("img")[0]["src"]
    ]  # one image: the library's, once
    assert "evil.example" not in html and "onerror=" not in html.replace(
        "&quot; onerror=&quot;", ""
    )
    assert tags.all("img")[0]["alt"] == 'a" onerror="alert(1)'  # as text


def test_the_images_of_a_body_are_read_in_two_queries(
    photo, media_root, librarian, django_assert_num_queries
):
    other = image_upload(
        file=png("karta.png", size=(700, 400)), user=librarian, alt_text="Peta"
    )
    body = "\n\n".join(f"![](image:{pk})" for pk in [photo.pk, other.pk, photo.pk])

    with django_assert_num_queries(2):
        html = render_markdown(body)

    assert html.count("<figure") == 3


def test_a_feed_excerpt_reads_no_image(photo, django_assert_num_queries):
    with django_assert_num_queries(0):
        html = render_markdown(f"Teks.\n\n![](image:{photo.pk})", images=no_images)
    assert html == "<p>Teks.</p>"


def test_the_article_page_shows_the_body_image_and_a_second_request_makes_none(
    client, photo, section
):
    article = ArticleFactory(
        section=section,
        body=f"Paragraf pertama.\n\n![](image:{photo.pk})\n\nParagraf kedua.",
    )
    before = Rendition.objects.count()

    first = client.get(article.get_absolute_url()).content.decode()
    second = client.get(article.get_absolute_url()).content.decode()

    assert '<figure class="body-image">' in first
    assert first.count("<figcaption>Pembukaan JWG ke-4") == 1
    assert Rendition.objects.count() == before
    assert second.count('<figure class="body-image">') == 1


def test_the_image_page_gives_the_reference_that_puts_it_in_a_body(client, photo):
    client.force_login(photo.uploaded_by)
    page = client.get(
        reverse("admin:media_image_change", args=[photo.pk])
    ).content.decode()

    [reference] = re.findall(r'<code class="media-reference">(.*?)</code>', page)
    html = render_markdown(f"Teks.\n\n{reference}")

    assert reference == f"![](image:{photo.pk})"
    assert '<figure class="body-image">' in html
