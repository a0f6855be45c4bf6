"""What pages get: <picture> from stored renditions, never the original."""

from html.parser import HTMLParser

import pytest
from django.template import Context, Template

from newsroom.media import rendering
from newsroom.media.models import Image
from tests.newsroom.media import files

pytestmark = pytest.mark.django_db


class Tags(HTMLParser):
    def __init__(self, html):
        super().__init__()
        self.tags = []
        self.feed(str(html))

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))

    def all(self, name):
        return [attrs for tag, attrs in self.tags if tag == name]

    def one(self, name):
        (found,) = self.all(name)
        return found


def srcset_widths(srcset: str) -> dict[int, str]:
    found = {}
    for item in srcset.split(", "):
        url, width = item.rsplit(" ", 1)
        found[int(width.removesuffix("w"))] = url
    return found


def render(source: str, **context) -> str:
    return Template("{% load media %}" + source).render(Context(context))


@pytest.fixture
def photo(upload_image):
    image = upload_image(
        files.jpeg("lead.jpg", size=(2000, 1500)),
        alt_text='Delegates "at" <the> table',
        caption="The opening session.",
        credit="BNPT <Humas>",
    )
    return Image.objects.with_renditions().get(pk=image.pk)


def test_picture_lists_every_stored_width_in_both_formats(photo):
    html = render(
        '{% picture image sizes="(min-width: 60em) 40em, 100vw" %}', image=photo
    )
    tags = Tags(html)
    source, img = tags.one("source"), tags.one("img")
    stored = {
        fmt: {
            r.width: r.url
            for r in photo.renditions.all()
            if r.format == fmt and r.spec.startswith("w")
        }
        for fmt in ("webp", "jpeg")
    }
    assert source["type"] == "image/webp"
    assert srcset_widths(source["srcset"]) == stored["webp"]
    assert srcset_widths(img["srcset"]) == stored["jpeg"]
    assert sorted(stored["jpeg"]) == [320, 640, 1024, 1600]
    assert source["sizes"] == img["sizes"] == "(min-width: 60em) 40em, 100vw"
    assert img["src"] == stored["jpeg"][640]
    assert (img["width"], img["height"]) == ("640", "480")
    assert img["alt"] == 'Delegates "at" <the> table'
    assert img["loading"] == "lazy"
    assert "fetchpriority" not in img
    assert photo.file.url not in html
    assert photo.file.name not in html


def test_the_lead_picture_is_not_lazy(photo):
    img = Tags(
        render("{% picture image lead=True css_class='lead' %}", image=photo)
    ).one("img")
    assert "loading" not in img
    assert img["fetchpriority"] == "high"
    assert img["class"] == "lead"


def test_a_decorative_image_has_an_empty_alt(upload_image):
    image = upload_image(files.jpeg(), alt_text="", decorative=True)
    assert Tags(rendering.picture_html(image)).one("img")["alt"] == ""


def test_while_renditions_are_missing_the_nearest_stored_size_is_shown(photo):
    photo.renditions.exclude(spec__in=["w1600", "w320"]).delete()
    image = Image.objects.with_renditions().get(pk=photo.pk)
    tags = Tags(rendering.picture_html(image))
    img = tags.one("img")
    # No 640 yet: the nearest at least as wide.
    assert (img["width"], img["height"]) == ("1600", "1200")
    assert sorted(srcset_widths(img["srcset"])) == [320, 1600]
    # No card yet: og:image gets the nearest JPEG width.
    card = rendering.rendition_for(image, "card")
    assert (card.spec, card.format) == ("w1600", "jpeg")
    assert render('{% image_url image "card" %}', image=image) == card.url


def test_an_image_without_renditions_renders_nothing(photo):
    photo.renditions.all().delete()
    image = Image.objects.with_renditions().get(pk=photo.pk)
    assert (
        render(
            "{% picture image %}{% figure image %}{% image_url image %}", image=image
        )
        == ""
    )
    assert render("{% picture image %}", image=None) == ""


def test_image_url_gives_the_jpeg_card(photo):
    url = render('{% image_url image "card" %}', image=photo)
    card = photo.renditions.get(spec="card", format="jpeg")
    assert url == card.url
    assert (card.width, card.height) == (1200, 630)


def test_figure_has_the_caption_and_credit_escaped(photo):
    html = render("{% figure image %}", image=photo)
    assert html.startswith('<figure class="body-image"><picture>')
    assert (
        "<figcaption>The opening session. "
        '<span class="credit">BNPT &lt;Humas&gt;</span></figcaption>' in html
    )
    assert (
        Tags(render("{% figure image alt='Other words' %}", image=photo)).one("img")[
            "alt"
        ]
        == "Other words"
    )


def test_a_list_of_images_costs_two_queries_whatever_its_length(
    upload_image, django_assert_num_queries
):
    for n in range(5):
        upload_image(files.jpeg(f"p{n}.jpg", size=(700, 400)))
    with django_assert_num_queries(2):
        html = render(
            "{% for image in images %}"
            "{% picture image %}{% image_url image %}"
            "{% endfor %}",
            images=Image.objects.with_renditions(),
        )
    assert html.count("<picture>") == 5
