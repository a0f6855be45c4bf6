"""A story is found by the words its readers see, not by its Markdown: a
link's address, an image's source and the marks around a word are no part of
the search (on SQLite and PostgreSQL alike), and a result's snippet shows
none of them. `manage.py update_search_index` gives an existing archive's
stories their vectors of the visible text."""

import re
from html import unescape
from io import StringIO

import pytest
from django.core.management import call_command
from django.db import connection
from django.utils.html import strip_tags

from articles.models import Article
from articles.search.index import update_search_vectors
from articles.text import body_text
from tests.articles.factories import ArticleFactory

pytestmark = pytest.mark.django_db

LINKED = (
    "Kepala BNPT membagikan [laporan tahunan](https://example.org/rahasia) "
    "tentang _cyber security_ di Jakarta."
)
PICTURED = (
    "Peta wilayah ![peta rawan](https://example.org/berkas/zona.png) "
    "dipaparkan dalam **rapat** terbatas."
)
SAID = "Dokumen rahasia itu tidak pernah dibuka untuk umum."


@pytest.fixture
def stories(db):
    made = {
        "linked": ArticleFactory(
            slug="linked", title="Laporan BNPT", dek="", body=LINKED
        ),
        "pictured": ArticleFactory(
            slug="pictured", title="Peta", dek="", body=PICTURED
        ),
        "said": ArticleFactory(slug="said", title="Dokumen", dek="", body=SAID),
    }
    update_search_vectors([story.pk for story in made.values()])  # PostgreSQL
    return made


def found(client, query: str) -> list[str]:
    response = client.get("/search/", {"q": query})
    assert response.status_code == 200
    return sorted(article.slug for article in response.context["page_obj"])


def snippets(client, query: str) -> list[str]:
    """The text of each result's snippet, as a reader reads it."""
    response = client.get("/search/", {"q": query})
    return [
        unescape(strip_tags(str(article.search_snippet)))
        for article in response.context["page_obj"]
    ]


def test_a_word_only_in_a_links_address_finds_nothing_but_its_visible_twin(
    client, stories
):
    assert found(client, "rahasia") == ["said"]
    assert found(client, "example") == []
    assert found(client, "https") == []


def test_an_images_source_is_not_searched_but_its_text_is(client, stories):
    assert found(client, "berkas") == []
    assert found(client, "png") == []
    assert found(client, "rawan") == ["pictured"]


def test_words_inside_marks_are_found_as_the_reader_sees_them(client, stories):
    assert found(client, "cyber") == ["linked"]
    assert found(client, '"laporan tahunan"') == ["linked"]
    assert found(client, "rapat") == ["pictured"]
    assert found(client, "rahasia") == ["said"]


def test_the_snippet_of_a_linked_story_shows_no_markup(client, stories):
    for query in ("cyber", "tahunan", "rapat", "rawan"):
        shown = snippets(client, query)
        assert shown, query
        for text in shown:
            assert not re.search(r"\]\(|\*\*|https?:|_cyber|\(https", text), text
            assert "rahasia" not in text and "png" not in text, text


def test_the_body_text_is_what_the_page_shows():
    assert body_text(LINKED) == (
        "Kepala BNPT membagikan laporan tahunan tentang cyber security di Jakarta."
    )
    assert body_text(PICTURED) == (
        "Peta wilayah peta rawan dipaparkan dalam rapat terbatas."
    )
    # Pasted copy's marks kept as typed (intake.parser.kept_as_typed): read as
    # the page shows them, not as backslashes and entities.
    assert body_text("Modul \\_\\_init\\_\\_ memuat &lt;script> dan 2\\*3 = 6.") == (
        "Modul __init__ memuat <script> dan 2*3 = 6."
    )


@pytest.mark.postgres
def test_rebuilding_the_index_drops_the_markup_of_old_vectors(client, stories):
    if connection.vendor != "postgresql":
        pytest.skip("only PostgreSQL stores search vectors")
    # As the index read stories before: the Markdown source, address and all.
    with connection.cursor() as cursor:
        cursor.execute(
            "UPDATE articles_article SET search_vector = "
            "to_tsvector('newsroom_simple', translate(body, '/', ' '))"
        )
    assert "linked" in found(client, "rahasia")
    call_command("update_search_index", stdout=StringIO())
    assert found(client, "rahasia") == ["said"]
    assert Article.objects.filter(search_vector__isnull=True).count() == 0


LONG_LINK = (
    "Warga diminta membaca [panduan lengkap dari badan siber nasional tentang "
    "cara mengenali pesan palsu, tautan berbahaya, lampiran mencurigakan dan "
    "permintaan data pribadi yang sering menyasar pegawai negeri serta "
    "keluarga mereka menjelang akhir tahun anggaran "
    "ini](https://example.org/panduan/rahasia) sebelum membuka surel kantor."
)


def test_a_snippet_cut_inside_a_long_link_shows_no_markup(client, db):
    story = ArticleFactory(slug="long", title="Panduan", dek="", body=LONG_LINK)
    update_search_vectors([story.pk])
    for query in ("anggaran", "surel", "nasional"):
        (text,) = snippets(client, query)
        assert not re.search(r"[\[\]]|\]\(|https?:|example", text), text
