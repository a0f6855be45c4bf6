"""The language switch on a page the other edition does not have.

An Indonesian article without an English translation linked "English" to the
English home page, and an English tag no Indonesian story carries linked
"Bahasa Indonesia" to /: the reader lost their place without a word. The
switch now says, in the language it offers, that the page is not available
there, and its link is named for where it goes (that edition's home). Pages
that have a counterpart keep linking to it and say nothing of the kind."""

from html.parser import HTMLParser

import pytest
from django.utils import translation

from articles.models import Article
from tests.articles.factories import ArticleFactory

pytestmark = pytest.mark.django_db

ENGLISH_ONLY_TAG = "/en/tags/border-control/"


class Switcher(HTMLParser):
    """The switcher's languages as a reader meets them: for each link, its
    hreflang, address and text, and the text of its list item (the note
    before the link, if any) with the item's lang."""

    def __init__(self, response):
        super().__init__()
        assert response.status_code == 200, response
        self.items: list[dict] = []
        self._depth = 0  # inside the switcher's <nav>
        self._item: dict | None = None
        self._in_link = False
        self.feed(response.content.decode())

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "nav" and "language-switcher" in (attrs.get("class") or ""):
            self._depth = 1
        elif self._depth and tag == "li":
            self._item = {"lang": attrs.get("lang"), "text": "", "link": ""}
            self.items.append(self._item)
        elif self._item is not None and tag == "a":
            self._item.update(
                href=attrs["href"],
                hreflang=attrs["hreflang"],
                link_lang=attrs.get("lang") or self._item["lang"],
                current=attrs.get("aria-current") == "true",
            )
            self._in_link = True

    def handle_endtag(self, tag):
        if tag == "a":
            self._in_link = False
        elif tag == "li":
            self._item = None
        elif tag == "nav":
            self._depth = 0

    def handle_data(self, data):
        if self._item is not None:
            self._item["text"] += data
            if self._in_link:
                self._item["link"] += data

    def offered(self, code: str) -> dict:
        [item] = [item for item in self.items if item["hreflang"] == code]
        item["text"] = " ".join(item["text"].split())
        item["link"] = " ".join(item["link"].split())
        return item


def switcher(client, path: str) -> Switcher:
    return Switcher(client.get(path))


def said_in(language: str, message: str) -> str:
    with translation.override(language):
        return translation.gettext(message)


@pytest.fixture
def demo_like(section):
    """The tester's two pages: an Indonesian story with no English version,
    and an English story (not translated) carrying "border control"; with
    a story told in both editions, its tags translated. Returns their
    addresses: `untranslated`, `original` and `translation`."""
    untranslated = ArticleFactory(
        title="Mengenal JWG Indonesia-Filipina",
        slug="mengenal-jwg-indonesia-filipina",
        language=Article.Language.INDONESIAN,
        section=section,
        tags=["penjelasan"],
    )
    ArticleFactory(
        title="Indonesia, the Philippines review border control",
        language=Article.Language.ENGLISH,
        section=section,
        tags=["border control"],
    )
    original = ArticleFactory(
        title="BNPT dan Filipina gelar JWG ke-4",
        slug="bnpt-dan-filipina-gelar-jwg-ke-4",
        language=Article.Language.INDONESIAN,
        section=section,
        tags=["filipina"],
    )
    translation = ArticleFactory(
        title="BNPT and the Philippines hold the 4th JWG",
        slug="bnpt-and-the-philippines-hold-the-4th-jwg",
        language=Article.Language.ENGLISH,
        section=section,
        tags=["philippines"],
        translation_of=original,
    )
    return {
        "untranslated": untranslated.get_absolute_url(),
        "original": original.get_absolute_url(),
        "translation": translation.get_absolute_url(),
    }


def test_an_untranslated_article_says_english_is_not_available(client, demo_like):
    english = switcher(client, demo_like["untranslated"]).offered("en")
    assert english["href"] == "/en/"
    assert english["lang"] == english["link_lang"] == "en"
    assert english["text"] == "English: not available for this article — English home"
    # The link alone (a screen reader's list of links) says where it goes.
    assert english["link"] == "English home"
    assert english["current"] is False


def test_an_english_tag_no_indonesian_story_tells_says_so_in_indonesian(
    client, demo_like
):
    indonesian = switcher(client, ENGLISH_ONLY_TAG).offered("id")
    assert indonesian["href"] == "/"
    assert indonesian["lang"] == indonesian["link_lang"] == "id"
    note = said_in("id", "not available for this page")
    home = said_in("id", "Indonesian home")
    assert indonesian["text"] == f"Bahasa Indonesia: {note} — {home}"
    assert indonesian["link"] == home
    # The page's own language comes first, as it is: the note under it.
    assert switcher(client, ENGLISH_ONLY_TAG).items[0]["hreflang"] == "en"


def test_only_pages_without_a_counterpart_say_so(client, demo_like, bnpt):
    translated = demo_like["original"]
    english_translation = demo_like["translation"]
    # Each page with its counterpart in the other edition.
    counterparts = {
        translated: english_translation,
        english_translation: translated,
        "/tags/filipina/": "/en/tags/philippines/",
        "/en/tags/philippines/": "/tags/filipina/",
        # The Indonesian edition lists the English stories of a tag it has
        # none of: its page is there, the English one links to it.
        "/tags/border-control/": ENGLISH_ONLY_TAG,
        "/sections/international/": "/en/sections/international/",
        "/agencies/bnpt/": "/en/agencies/bnpt/",
        "/en/agencies/bnpt/": "/agencies/bnpt/",
        "/agencies/": "/en/agencies/",
        "/people/": "/en/people/",
        "/meetings/": "/en/meetings/",
        "/en/search/?q=bnpt": "/search/?q=bnpt",
        "/": "/en/",
    }
    for path, counterpart in counterparts.items():
        page = client.get(path)
        other = "id" if path.startswith("/en/") else "en"
        offered = Switcher(page).offered(other)
        assert offered["href"] == counterpart, path
        name = "English" if other == "en" else "Bahasa Indonesia"
        assert offered["link"] == name, path
        assert b"language-switcher__unavailable" not in page.content, path
    # And those without: the untranslated story, the tags.
    missing = {
        demo_like["untranslated"]: ("en", "not available for this article"),
        ENGLISH_ONLY_TAG: ("id", "not available for this page"),
        "/tags/penjelasan/": ("en", "not available for this page"),
    }
    homes = {"en": ("/en/", "English home"), "id": ("/", "Indonesian home")}
    for path, (other, note) in missing.items():
        offered = switcher(client, path).offered(other)
        home, name = homes[other]
        assert offered["href"] == home, path
        assert offered["link"] == said_in(other, name), path
        assert said_in(other, note) in offered["text"], path
    # The not-found page offers each edition's home, plainly: it is no place.
    page = client.get("/tags/no-such-tag/")
    assert page.status_code == 404
    assert b"language-switcher__unavailable" not in page.content
    assert b'href="/en/" hreflang="en" lang="en">English</a>' in page.content


def test_a_preview_without_a_published_translation_says_so(editor_client, demo_like):
    story = Article.objects.get(slug="mengenal-jwg-indonesia-filipina")
    english = switcher(editor_client, f"/preview/articles/{story.pk}/").offered("en")
    assert english["href"] == "/en/"
    assert english["text"] == "English: not available for this article — English home"


def notice_link(client, path) -> str:
    """The first-visit notice's link text (rendered hidden on every page)."""
    page = client.get(path).content.decode()
    notice = page.split('<aside class="edition-notice"')[1].split("</aside>")[0]
    return notice.split("<a ")[1].split(">", 1)[1].split("</a>")[0]


def test_the_first_visit_notice_names_its_link_as_the_switch_does(client, demo_like):
    # It had offered "Read in English" on an article with no English version,
    # leading to the English home beside a switch saying it is not available.
    assert notice_link(client, demo_like["untranslated"]) == "English home"
    assert notice_link(client, demo_like["original"]) == "Read in English"
