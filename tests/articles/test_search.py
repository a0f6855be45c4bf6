"""The reader's search: /search/?q=… on PostgreSQL (full text, ranked) and on
SQLite (words, titles first), with filters, pages, agencies and meetings, and
the stored search vectors kept current by every write that changes them."""

import datetime as dt
import re
import unicodedata
from io import StringIO

import pytest
from django.core.management import call_command
from django.db import connection, transaction
from django.template.loader import render_to_string
from django.utils import timezone
from hypothesis import HealthCheck, given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st

from articles.models import Article
from articles.search.index import update_search_vectors
from articles.search.query import MAX_QUERY_LENGTH, find_articles
from articles.search.snippets import MARK_START, MARK_STOP, excerpt, headline_html
from articles.services import article_publish, article_save
from newsroom.search_terms import MAX_TERMS, Terms, normalise_query
from tests.agencies.factories import AgencyFactory, MeetingFactory
from tests.articles.factories import ArticleFactory, SectionFactory
from tests.articles.search_fixture import (
    JAKARTA,
    ON_POSTGRES,
    RELEVANCE,
    STORIES,
    build_archive,
    postgres_only,
)
from tests.newsroom.admin_forms import admin_url, save_in_admin

pytestmark = pytest.mark.django_db


@pytest.fixture
def archive(agencies):
    return build_archive(agencies)


def search(client, q="", edition="", **params):
    """The search page of one edition: Indonesian ("", the default) or English
    ("/en", for the interface's English texts the tests look for)."""
    response = client.get(f"{edition}/search/", {"q": q, **params})
    assert response.status_code == 200
    return response


def found(response) -> list[str]:
    """The edition's results on the page."""
    return [article.slug for article in response.context["page_obj"]]


def shown(response) -> list:
    """Every article the page lists: the edition's results, and the other
    edition's matches below them when the edition has few."""
    other = response.context["other_edition"]
    return [*response.context["page_obj"], *(other["articles"] if other else [])]


def text(response) -> str:
    return response.content.decode()


def searchable(query: str) -> list[str]:
    """Slugs of the published articles the query finds, best first."""
    return list(find_articles(query).values_list("slug", flat=True))


# The page without a usable query


def test_the_search_page_without_a_query_gives_tips(client, db):
    response = search(client, edition="/en")
    assert response.context["state"] == "empty"
    assert "Tips for searching" in text(response)
    assert "page_obj" not in response.context


@pytest.mark.parametrize("edition", ["", "/en"])
def test_the_tips_promise_word_forms_only_where_the_search_finds_them(
    client, db, edition
):
    """ "mencegah also finds pencegahan" held on PostgreSQL, whose search
    reads words by their stems, and not on SQLite (what `make run` uses),
    which found nothing for it."""
    story = ArticleFactory(title="Lokakarya pencegahan ekstremisme", language="id")
    update_search_vectors([story.pk])
    finds_other_forms = searchable("mencegah") == [story.slug]
    assert finds_other_forms == ON_POSTGRES
    page = text(search(client, edition=edition))
    assert ("<strong>mencegah</strong>" in page) == finds_other_forms
    assert "<strong>BNPT</strong>" in page  # the other tips, on either


def test_a_query_of_only_spaces_counts_as_empty(client, db):
    assert search(client, "   \n\t ").context["state"] == "empty"


def test_a_query_over_200_characters_is_cut_and_searched(client, archive):
    response = search(client, "BNPT " * 41, edition="/en")
    assert response.context["state"] == "results"
    assert len(response.context["query"]) <= MAX_QUERY_LENGTH
    assert "Your search was cut to its first 200 characters." in text(response)


def test_a_query_of_200_characters_is_searched(client, archive):
    query = ("BNPT " * 40)[:MAX_QUERY_LENGTH]
    assert search(client, query).context["state"] == "results"


def test_spaces_in_the_query_are_collapsed(client, archive):
    response = search(client, "  Boy   Rafli\n Amar ")
    assert response.context["query"] == "Boy Rafli Amar"
    assert found(response)[0] == "boy-rafli-amar-teroris-tak-berhenti"


@pytest.mark.parametrize("query", ["\x00", "BN\x00PT", "!!!", '"', "-", "or", "(&|"])
def test_odd_queries_give_a_page_never_an_error(client, archive, query):
    search(client, query)


def test_a_full_width_query_finds_what_its_plain_letters_find(client, archive):
    response = search(client, "ＮＩＣＡ")
    assert response.context["query"] == "NICA"
    assert found(response) == found(search(client, "NICA")) != []


@pytest.mark.parametrize(
    "invisible", ["\u200b", "\u200d", "\u00ad", "\u202e", "\ufeff"]
)
def test_an_invisible_character_inside_a_word_is_dropped_not_a_space(
    client, archive, invisible
):
    response = search(client, f"NI{invisible}CA")
    assert response.context["query"] == "NICA"
    assert found(response) == found(search(client, "NICA")) != []


def test_other_control_characters_in_the_query_still_part_words():
    assert normalise_query("NI\x00CA\x1bBNPT\x85JWG") == "NI CA BNPT JWG"
    assert normalise_query("\u200b ＢＮＰＴ\u2060 \ufb01le ") == "BNPT file"


QUERY_TEXTS = st.text(
    st.characters(codec="utf-8")
    | st.sampled_from(["\u200b", "\u00ad", "\u202e", "\x00", "\x85", "Ｊ", "\u0301"])
)


@given(
    QUERY_TEXTS, QUERY_TEXTS, st.sampled_from(["\u200b", "\u200c", "\u00ad", "\u2066"])
)
def test_a_normalised_query_is_visible_nfkc_text_that_stays_as_it_is(
    before, after, invisible
):
    query = normalise_query(before + after)
    assert normalise_query(before + invisible + after) == query
    assert normalise_query(query) == query
    assert unicodedata.normalize("NFKC", query) == query
    assert query == " ".join(query.split())
    assert not any(unicodedata.category(char).startswith("C") for char in query)


# PostgreSQL's web-search parser gives up on long runs of operators ("tsquery
# stack too small"), SQLite's on a hundred terms ("parser stack overflow");
# every query a reader can type must still get a page.
OPERATOR_RUNS = [
    "-" * 33,
    "-" * MAX_QUERY_LENGTH,
    ("- " * 100).strip(),
    "BNPT " + "-" * 40 + " NICA",
    ("-" * 20 + " ") * 9,
    ('"BNPT" or -' * 20)[:MAX_QUERY_LENGTH],
    ("or - " * 40).strip(),
    ('-"' * 100),
    ("BNPT or " * 25).strip(),
    ("-BNPT " * 33).strip(),
    ("!(&|:* " * 28).strip(),
    ("ab " * 67).strip(),  # 67 terms: SQLite's parser stack overflowed
]


@pytest.mark.parametrize("query", OPERATOR_RUNS)
def test_long_runs_of_operators_give_a_page_never_an_error(client, archive, query):
    assert len(query) <= MAX_QUERY_LENGTH
    # A run with no word in it shows the tips, as an empty search does.
    terms = Terms.parse(query)
    expected = "results" if terms.groups or terms.excluded else "empty"
    assert search(client, query).context["state"] == expected


QUERY_PIECES = st.sampled_from(
    ["-", "- ", " ", '"', "or ", "OR", "-or", "BNPT", "nica", "(", ")", "!", "&",
     "|", ":", "*", "'", "<->", "\\", "é", "ke-3", "\u00ad", "٣", "日本"]
)  # fmt: skip
# A piece, or a run of it: "- - - …" is the kind of query that broke.
QUERY_RUNS = st.tuples(QUERY_PIECES, st.integers(1, 100)).map(
    lambda run: run[0] * run[1]
)


# Dates as typed: any real day (Hypothesis favours 0001-01-01 and 9999-12-31)
# or any text.
DATE_TEXTS = st.dates().map(dt.date.isoformat) | st.text(max_size=12)


@given(
    query=st.one_of(
        st.lists(QUERY_RUNS, max_size=20).map("".join),
        st.text(max_size=MAX_QUERY_LENGTH),
    ).map(lambda query: query[:MAX_QUERY_LENGTH]),
    filters=st.fixed_dictionaries(
        {},
        optional={
            "from": DATE_TEXTS,
            "to": DATE_TEXTS,
            "section": st.sampled_from(["international", ""]) | st.text(),
            "agency": st.text(),
            "page": st.sampled_from(["2", "-1", "9" * 30, "last"]) | st.text(),
        },
    ),
)
@hypothesis_settings(
    max_examples=150,
    deadline=None,
    database=None,
    suppress_health_check=[
        HealthCheck.function_scoped_fixture,
        HealthCheck.too_slow,  # a busy machine is no failure
    ],
)
def test_any_query_and_filters_up_to_the_length_limit_get_a_page(
    client, hostile_article, query, filters
):
    with transaction.atomic():  # a database error cannot spoil the next example
        response = client.get("/search/", {"q": query, **filters})
    assert response.status_code == 200


def test_a_query_is_searched_as_quoted_terms_with_the_exclusions_in_every_group():
    terms = Terms.parse('BNPT or "border control" -siber --laut')
    assert terms.websearch() == (
        '"BNPT" -"siber" -"laut" or "border control" -"siber" -"laut"'
    )


def test_tokens_without_letters_or_digits_are_not_terms():
    assert Terms.parse('- -- & | !!! "" -"" or').websearch() == ""
    assert Terms.parse("- JWG -").terms == ["JWG"]


def test_a_term_repeated_in_its_group_is_searched_once():
    """A query of one word 22 times took 130 ms at 100,000 stories."""
    terms = Terms.parse(" ".join(["delegasi"] * 22) + " Delegasi JWG -siber -SIBER")
    assert terms.websearch() == '"delegasi" "JWG" -"siber"'
    assert Terms.parse("BNPT or bnpt").terms == ["BNPT", "bnpt"]  # two groups


def test_only_the_first_32_terms_are_searched():
    terms = Terms.parse(" ".join(f"w{number}" for number in range(60)))
    assert len(terms.terms) == MAX_TERMS == 32
    assert terms.terms[-1] == "w31"


# What is found (both databases)

# Found by title, body or acronym, first on SQLite as on PostgreSQL.
FOUND_EVERYWHERE = [
    (query, slug)
    for query, slug in RELEVANCE
    if query
    in {
        "BNPT",
        "NICA",
        "AMLC",
        "PPATK",
        "BSSN",
        "BIN",
        "KBRI Manila",
        "CVE",
        "I-KHub",
        "ATC-PMC",
        "JWG ke-3",
        "Joint Working Group",
        '"border control"',
        "lessons learned",
        "police to police",
        "cyber terrorism",
        "Boy Rafli Amar",
        "Andhika Chrisnayudhanto",
        "Damian Carlos",
        "Kawasan Terpadu Nusantara",
    }
]


@pytest.mark.parametrize(("query", "first"), FOUND_EVERYWHERE)
def test_titles_and_acronyms_come_first_on_any_database(archive, query, first):
    assert searchable(query)[0] == first


def test_words_in_the_body_are_found(archive):
    assert searchable("penyeberangan") == ["pemantauan-perbatasan-laut"]
    assert searchable("takedowns") == ["cyber-terrorism-recruitment-moves-online"]


def test_a_short_acronym_matches_whole_words_only(archive):
    # "BI" (the Philippine Bureau of Immigration) is not the start of "BIN"
    # or "bilateral"; a story mentioning the bureau is found.
    assert searchable("BI") == ["kemenkumham-data-keimigrasian"]


def test_an_agency_alias_finds_the_articles_that_mention_the_agency(archive):
    mentioning_ppatk = set(
        Article.objects.published()
        .filter(agencies__acronym="PPATK")
        .values_list("slug", flat=True)
    )
    assert set(searchable("INTRAC")) == mentioning_ppatk
    assert len(mentioning_ppatk) == 3


def test_every_word_must_match_unless_or_joins_them(archive):
    assert searchable("Kejagung Bakamla") == []
    assert set(searchable("Kejagung or Bakamla")) == {
        "kejaksaan-agung-perkara-terorisme",
        "pemantauan-perbatasan-laut",
        "kemenkopolhukam-koordinasikan-delegasi",  # Bakamla in the body
    }


def test_a_minus_leaves_out_the_articles_with_that_word(archive):
    with_radicalisation = set(searchable("radikalisasi"))
    assert "kanal-tv-untuk-melawan-radikalisasi" in with_radicalisation
    assert set(searchable("radikalisasi -televisi")) == with_radicalisation - {
        "kanal-tv-untuk-melawan-radikalisasi"
    }


def test_drafts_and_scheduled_stories_are_never_found(client, archive, section):
    ArticleFactory(
        section=section,
        title="Embargoed: BNPT and NICA sign an agreement",
        published_at=timezone.now() + dt.timedelta(days=1),
    )
    update_search_vectors(Article.objects.values("pk"))
    results = found(search(client, "BNPT NICA"))
    assert results
    assert "draf-bnpt-rencana-jwg-ke-5" not in results
    assert not [slug for slug in results if slug.startswith("article-")]


# Filters and pages


def test_results_can_be_narrowed_to_a_section(client, archive):
    response = search(client, "BNPT", section="internasional")
    assert found(response)
    assert {a.section.slug for a in response.context["page_obj"]} == {"internasional"}


def test_results_can_be_narrowed_to_an_agency(client, archive):
    response = search(client, "terorisme", agency="kejagung-id")
    assert found(response) == ["kejaksaan-agung-perkara-terorisme"]


def test_results_can_be_narrowed_to_dates_in_the_newsrooms_time_zone(client, archive):
    response = search(client, "NICA", **{"from": "2022-04-01", "to": "2022-04-03"})
    days = {a.published_at.astimezone(JAKARTA).date() for a in shown(response)}
    assert days == {dt.date(2022, 4, 1), dt.date(2022, 4, 3)}


def test_a_date_that_is_not_yyyy_mm_dd_is_ignored_with_a_notice(client, archive):
    unfiltered = found(search(client, "BNPT", edition="/en"))
    response = search(
        client, "BNPT", **{"from": "24/03/2022", "to": "2022-13-45"}, edition="/en"
    )
    assert found(response) == unfiltered
    page = text(response)
    assert "the start date is ignored" in page
    assert "the end date is ignored" in page


# Control characters: no text a person writes, nothing a page may show.
SHOWN_CONTROLS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")


def test_the_page_echoes_no_control_character_of_the_query_or_filters(client, archive):
    response = search(
        client,
        "BNPT\x07",
        section="\x00\x1b",
        agency="\x1b",
        **{"from": "\x00\x1b\x07", "to": "2022-13-45\x00"},
        edition="/en",
    )
    page = text(response)
    assert not SHOWN_CONTROLS.search(page)
    assert found(response) == found(search(client, "BNPT", edition="/en"))
    assert response.context["notices"] == [
        "“2022-13-45” is not a date like 2022-03-24; the end date is ignored."
    ]
    assert 'name="q" value="BNPT "' in page


def test_a_direction_mark_in_the_query_is_dropped_from_the_box_and_the_links(
    client, archive
):
    """ "abc" U+202E "def": the heading left it out, the search box kept it
    and showed "abcfed"."""
    response = search(client, "BN\u202ePT", edition="/en")
    page = text(response)
    assert "\u202e" not in page
    assert 'name="q" value="BNPT"' in page
    assert found(response) == found(search(client, "BNPT", edition="/en"))


def test_a_control_character_in_a_filter_is_dropped_and_the_filter_kept(
    client, archive
):
    response = search(client, "terorisme", agency="kejagung-id\x00")
    assert found(response) == ["kejaksaan-agung-perkara-terorisme"]
    assert response.context["notices"] == []
    dated = search(client, "NICA", **{"from": "2022-04-01\x1b", "to": "\x0b2022-04-03"})
    assert dated.context["notices"] == []
    days = {a.published_at.astimezone(JAKARTA).date() for a in shown(dated)}
    assert days == {dt.date(2022, 4, 1), dt.date(2022, 4, 3)}


def test_an_unknown_section_or_agency_is_ignored_with_a_notice(client, archive):
    response = search(client, "BNPT", section="<script>", agency="fbi", edition="/en")
    assert found(response) == found(search(client, "BNPT", edition="/en"))
    page = text(response)
    assert "There is no section “&lt;script&gt;”" in page
    assert "There is no agency “fbi”" in page


@pytest.mark.parametrize(
    ("name", "value", "which"),
    [
        ("to", "9999-12-31", "end"),
        ("from", "9999-12-31", "start"),
        ("from", "0001-01-01", "start"),
        ("to", "0001-01-01", "end"),
        ("from", "1899-12-31", "start"),
        ("to", "2101-01-01", "end"),
    ],
)
def test_a_date_outside_the_searchable_years_is_ignored_with_a_notice(
    client, archive, name, value, which
):
    response = search(client, "BNPT", **{name: value}, edition="/en")
    assert found(response) == found(search(client, "BNPT", edition="/en"))
    assert (
        f"“{value}” is outside the dates we can search (1900-01-01 to 2100-12-31); "
        f"the {which} date is ignored."
    ) in text(response)


def test_the_first_and_last_searchable_days_are_filters(client, archive):
    response = search(client, "BNPT", **{"from": "1900-01-01", "to": "2100-12-31"})
    assert found(response) == found(search(client, "BNPT"))
    assert response.context["filters"].active
    assert response.context["notices"] == []


def test_dates_given_the_wrong_way_round_are_swapped(client, archive):
    response = search(
        client, "NICA", **{"from": "2022-04-03", "to": "2022-04-01"}, edition="/en"
    )
    assert {article.slug for article in shown(response)} == {
        "bin-dorong-pertukaran-informasi-intelijen",
        "border-control-tops-the-agenda",
    }
    assert "we swapped them" in text(response)


def test_results_come_in_pages_that_keep_the_query_and_filters(
    client, archive, settings
):
    settings.ARTICLES_PER_PAGE = 4
    first = search(client, "BNPT", section="nasional")
    assert first.context["page_obj"].paginator.count > 4
    assert 'href="?q=BNPT&amp;section=nasional&amp;page=2"' in text(first)
    second = search(client, "BNPT", section="nasional", page="2")
    assert not set(found(first)) & set(found(second))


def test_no_results_say_so_and_offer_to_drop_the_filters(client, archive):
    response = search(client, "Zamboanga", section="nasional", edition="/en")
    page = text(response)
    assert 'No articles match <span class="search-query">Zamboanga</span>.' in page
    assert 'href="/en/search/?q=Zamboanga"' in page


# Agencies and meetings above the articles


def test_agencies_named_by_the_query_come_above_the_articles(client, archive):
    response = search(client, "NICA")
    assert [a.acronym for a in response.context["agencies_found"]] == ["NICA"]
    page = text(response)
    assert page.index('href="/agencies/nica/"') < page.index('id="found-articles"')


def test_an_agency_is_found_by_its_alias_or_its_name(client, archive):
    assert [a.acronym for a in search(client, "INTRAC").context["agencies_found"]] == [
        "PPATK"
    ]
    by_name = search(client, "badan siber").context["agencies_found"]
    assert [a.acronym for a in by_name] == ["BSSN"]


def test_meetings_whose_names_match_come_above_the_articles(client, archive, jwg4):
    MeetingFactory(title="ASEAN Ministerial Meeting on Transnational Crime")
    response = search(client, "Joint Working Group")
    assert response.context["meetings_found"] == [jwg4, jwg4.previous_in_series()]
    page = text(response)
    assert page.index(jwg4.get_absolute_url()) < page.index('id="found-articles"')


def test_an_english_reader_finds_a_meeting_by_its_english_title(client, jwg4):
    jwg4.title = "Kelompok Kerja Bersama RI-Filipina ke-4"
    jwg4.title_en = "4th Indonesia-Philippines Joint Working Group"
    jwg4.save()
    response = search(client, "Indonesia-Philippines", edition="/en")
    assert response.context["meetings_found"] == [jwg4]
    page = text(response)
    assert "4th Indonesia-Philippines Joint Working Group</a>" in page
    # The count is of the articles, under their own heading: not "0 results"
    # above the meeting found.
    assert 'id="search-count">0 articles</p>' in page
    assert page.index(jwg4.get_absolute_url()) < page.index('id="found-articles"')


# Snippets


@pytest.fixture
def hostile_article(section):
    article = ArticleFactory(
        section=section,
        title="A story about markup",
        body="Delegates in Zamboanga noted that 1 < 2 & 3 > 2 while "
        "<script>alert('x')</script> and <b>bold</b> sat next to the _Joint "
        "Working Group_ and [a link](https://example.org).",
    )
    update_search_vectors([article.pk])
    return article


def test_snippets_mark_the_matched_words_and_escape_everything_else(
    client, hostile_article
):
    response = search(client, "Zamboanga")
    (article,) = response.context["page_obj"]
    snippet = str(article.search_snippet)
    assert "<mark>Zamboanga</mark>" in snippet
    assert "1 &lt; 2 &amp; 3 &gt; 2" in snippet
    assert "<script>" not in snippet and "<b>" not in snippet
    assert "next to the Joint Working Group" in snippet  # no Markdown marks
    page = text(response)
    assert "<mark>Zamboanga</mark>" in page
    assert "<script>alert" not in page


def test_a_headline_keeps_the_text_of_markdown_and_only_its_own_marks():
    raw = (
        "## Sesi\n_Joint Working Group_ dan [tautan](https://example.org) "
        f"<i>{MARK_START}BNPT{MARK_STOP}</i> {MARK_STOP}"
    )
    # The heading ends as a sentence before its paragraph (F19).
    assert str(headline_html(raw)) == (
        "Sesi. Joint Working Group dan tautan &lt;i&gt;<mark>BNPT</mark>&lt;/i&gt;"
    )


def test_a_headline_cut_from_the_middle_of_the_text_says_so():
    body = "Awal cerita. Di tengah ada BNPT dan NICA. Akhir cerita."
    middle = f"Di tengah ada {MARK_START}BNPT{MARK_STOP} dan NICA."
    assert str(headline_html(middle, body)) == (
        "… Di tengah ada <mark>BNPT</mark> dan NICA. …"
    )
    assert str(headline_html(body, body)) == body


# The emphasis pattern as first written: the snippets' own removes the same
# marks (its lookahead only fails the other positions sooner).
_EMPHASIS_AS_WRITTEN = re.compile(r"(?<!\w)[*_`~]+|[*_`~]+(?!\w)")


@given(st.text(alphabet="ab _*`~\u00e9\n1.#[]()", max_size=60))
def test_the_snippets_remove_emphasis_marks_as_the_pattern_first_written(text):
    from articles.text import _EMPHASIS as emphasis

    assert emphasis.sub("", text) == _EMPHASIS_AS_WRITTEN.sub("", text)


def test_a_snippet_drops_emphasis_marks_but_not_snake_case():
    body = "**DM** – _Joint Working Group_ dan `kode` serta nama_berkas tetap."
    assert str(headline_html(body, body)) == (
        "DM – Joint Working Group dan kode serta nama_berkas tetap."
    )


def test_an_excerpt_centres_on_the_first_match():
    terms = Terms.parse("perbatasan")
    long_text = "Awal. " + "kata " * 200 + "kontrol perbatasan laut. " + "akhir " * 200
    snippet = str(excerpt(terms, long_text))
    assert snippet.startswith("… ") and snippet.endswith(" …")
    assert "kontrol <mark>perbatasan</mark> laut" in snippet
    assert len(snippet) < 300


# Cost


# article count and page, agencies and meetings found; the filters' sections
# and agencies and the navigation come from the cache after a first page
# (newsroom/cachetags.py)
SEARCH_QUERIES = 4
# Fewer than 6 results: the other edition's matches are looked for too.
OTHER_EDITION_QUERIES = 1


@pytest.mark.parametrize(
    ("query", "queries"),
    [
        ("Kejagung", SEARCH_QUERIES + OTHER_EDITION_QUERIES),  # one result
        ("BNPT", SEARCH_QUERIES),  # three pages of results
        # none: no page to fetch
        ("Zamboanga", SEARCH_QUERIES - 1 + OTHER_EDITION_QUERIES),
    ],
)
def test_the_search_page_costs_the_same_however_many_results(
    client, archive, django_assert_num_queries, query, queries
):
    search(client, "warm")  # a first page: the filters and navigation read
    with django_assert_num_queries(queries):
        search(client, query)
    assert queries <= 5


def test_the_search_box_is_a_labelled_get_form_to_the_search_page(db):
    html = render_to_string("includes/search_form.html")
    assert 'action="/search/"' in html
    assert 'method="get"' in html
    assert '<label class="visually-hidden" for="site-search">' in html
    assert 'id="site-search" type="search" name="q"' in html


# The stored vectors (PostgreSQL)


@postgres_only
@pytest.mark.parametrize(("query", "first"), RELEVANCE)
def test_the_most_relevant_story_comes_first(client, archive, query, first):
    """In the story's own edition (English stories are the English edition's)."""
    english = Article.objects.get(slug=first).language == "en"
    results = found(search(client, query, edition="/en" if english else ""))
    assert results and results[0] == first, results[:3]


def story_of(hours_ago: int, **texts) -> Article:
    """A published Indonesian story of `hours_ago`, indexed as the services
    index it."""
    article = ArticleFactory(
        language="id",
        published_at=timezone.now() - dt.timedelta(hours=hours_ago),
        **texts,
    )
    update_search_vectors([article.pk])
    return article


@postgres_only
def test_a_headline_hit_outranks_a_newer_story_naming_the_word_only_in_its_body(
    db,
):
    headline = story_of(5, title="Zamboanga menyambut delegasi")
    body_only = story_of(1, body=" ".join(["Zamboanga"] * 30))
    assert searchable("zamboanga") == [headline.slug, body_only.slug]


@postgres_only
def test_a_lead_hit_outranks_a_newer_story_naming_the_word_only_in_its_body(db):
    lead = story_of(5, dek="Delegasi tiba di Zamboanga.")
    body_only = story_of(1, body="Zamboanga. " * 30)
    assert searchable("zamboanga") == [lead.slug, body_only.slug]


@postgres_only
def test_among_equal_headline_hits_the_newest_comes_first_whatever_the_body(db):
    older = story_of(5, title="Patroli Zamboanga", body="Zamboanga. " * 30)
    newer = story_of(1, title="Patroli Zamboanga")
    body_only = [story_of(hours, body="Di Zamboanga.") for hours in (3, 8)]
    assert searchable("zamboanga") == [
        newer.slug,
        older.slug,
        *[article.slug for article in body_only],
    ]


@postgres_only
def test_the_pages_are_in_the_same_order_as_find_articles(client, db, settings):
    """The pages' ids are ranked by ranked_candidates(), each page's rows by
    find_articles(): one rank."""
    settings.ARTICLES_PER_PAGE = 2
    made = [
        story_of(1, body="Zamboanga."),
        story_of(2, dek="Zamboanga."),
        story_of(3, title="Zamboanga"),
        story_of(4, body="Zamboanga. " * 20),
        story_of(5, title="Zamboanga", dek="Zamboanga."),
    ]
    expected = [made[4].slug, made[2].slug, made[1].slug, made[0].slug, made[3].slug]
    assert searchable("zamboanga") == expected
    pages = [found(search(client, "zamboanga", page=n)) for n in (1, 2, 3)]
    assert [slug for page in pages for slug in page] == expected


@postgres_only
def test_editing_a_title_ranks_the_story_by_its_new_headline(db, editor):
    headline = story_of(5, title="Zamboanga menyambut delegasi")
    edited = story_of(1, body="Delegasi tiba di Zamboanga.")
    assert searchable("zamboanga") == [headline.slug, edited.slug]
    edited.title = "Zamboanga bersiap"
    article_save(article=edited, user=editor, expected_version=edited.version)
    assert searchable("zamboanga") == [edited.slug, headline.slug]
    edited.title = "Delegasi bersiap"
    article_save(article=edited, user=editor, expected_version=edited.version)
    assert searchable("zamboanga") == [headline.slug, edited.slug]


def test_the_relevance_fixture_has_30_stories_and_20_queries():
    published = {story.slug for story in STORIES if not story.draft}
    assert len(published) >= 30
    assert len(RELEVANCE) >= 20
    assert {first for _, first in RELEVANCE} <= published


@postgres_only
def test_the_stored_vector_has_a_gin_index(db):
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT indexdef FROM pg_indexes WHERE indexname = %s",
            ["article_search_vector_gin"],
        )
        (definition,) = cursor.fetchone()
    assert "USING gin (search_vector)" in definition


@postgres_only
def test_both_configurations_are_in_the_vector(archive):
    article = Article.objects.get(slug="pemantauan-perbatasan-laut")
    assert "'pantau'" in article.search_vector  # indonesian: stemmed
    assert "'pemantauan'" in article.search_vector  # simple: as written


@postgres_only
def test_the_rank_vector_holds_the_headline_and_lead_alone(section):
    article = story_of(
        1,
        section=section,
        title="Pemantauan perbatasan",
        dek="Patroli bersama.",
        body="Kapal penyeberangan.",
        tags=["maritim"],
    )
    article.refresh_from_db()
    ranked = article.rank_vector
    assert re.search(r"'pantau':\d+A", ranked)  # the title, stemmed
    assert re.search(r"'pemantauan':\d+A", ranked)  # and as written
    assert re.search(r"'patroli':\d+B", ranked)  # the lead
    assert "seberang" not in ranked and "maritim" not in ranked
    assert "seberang" in article.search_vector and "maritim" in article.search_vector


@postgres_only
def test_an_unindexed_article_is_not_found_until_its_vector_is_built(section):
    article = ArticleFactory(section=section, title="Zamboanga talks")
    assert searchable("Zamboanga") == []
    assert update_search_vectors([article.pk]) == 1
    assert searchable("Zamboanga") == [article.slug]


@postgres_only
def test_saving_through_the_service_updates_the_vector(archive, editor):
    article = archive["kunjungan-balasan-ke-manila"]
    article.title = "Kunjungan Balasan ke Zamboanga Disiapkan"
    article_save(article=article, user=editor, expected_version=article.version)
    assert searchable("Zamboanga") == [article.slug]


@postgres_only
def test_publishing_makes_an_unindexed_story_searchable(section, editor):
    article = ArticleFactory(section=section, title="Zamboanga talks", draft=True)
    article_publish(article=article, user=editor)
    assert searchable("Zamboanga") == [article.slug]


@postgres_only
def test_agencies_and_tags_saved_in_the_admin_update_the_vector(
    editor_client, archive, agencies
):
    article = archive["kunjungan-balasan-ke-manila"]
    save_in_admin(
        editor_client,
        article,
        agencies=[str(agencies["PPATK"].pk)],
        tags="zamboanga, diplomasi",
    )
    assert article.slug in searchable("INTRAC")
    assert searchable("zamboanga") == [article.slug]


@postgres_only
def test_renaming_an_agency_or_adding_an_alias_updates_the_articles_mentioning_it(
    editor_client, archive, agencies
):
    bssn = agencies["BSSN"]
    mentioning = set(
        bssn.articles.filter(status="published").values_list("slug", flat=True)
    )
    save_in_admin(
        editor_client,
        bssn,
        name_en="National Cyber and Encryption Agency",
        **{"aliases-0-name": "Lembaga Sandi"},
    )
    assert set(searchable("Encryption")) == mentioning
    assert set(searchable('"Lembaga Sandi"')) == mentioning


@postgres_only
def test_deleting_an_agency_removes_it_from_the_vectors(editor_client, archive):
    bakamla = AgencyFactory(acronym="Zamboanga", slug="zamboanga")
    article = archive["pemantauan-perbatasan-laut"]
    article.agencies.add(bakamla)
    update_search_vectors([article.pk])
    assert searchable("Zamboanga") == [article.slug]
    editor_client.post(admin_url(type(bakamla), "delete", bakamla.pk), {"post": "yes"})
    assert searchable("Zamboanga") == []


@postgres_only
def test_the_command_rebuilds_every_vector(archive):
    Article.objects.update(search_vector=None, rank_vector=None)
    assert searchable("NICA") == []
    out = StringIO()
    call_command("update_search_index", "--batch-size", "10", stdout=out)
    assert f"Updated the search vectors of {len(archive)} articles." in out.getvalue()
    assert searchable("NICA")[0] == "nica-dapur-koordinasi-intelijen-filipina"
    assert not Article.objects.filter(rank_vector=None).exists()


@postgres_only
def test_the_demo_newsroom_is_searchable_once_loaded(client, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    call_command("load_demo", stdout=StringIO())
    response = search(client, "Boy Rafli Amar")
    assert found(response)
    assert "<mark>Boy</mark>" in text(response)


def test_without_postgresql_no_vectors_are_stored(section):
    if ON_POSTGRES:
        pytest.skip("PostgreSQL stores vectors")
    article = ArticleFactory(section=section)
    assert update_search_vectors([article.pk]) == 0
    out = StringIO()
    call_command("update_search_index", stdout=out)
    assert "Nothing to do" in out.getvalue()


def test_an_article_saved_on_any_database_is_found_at_once(db, editor):
    article = Article(
        title="Zamboanga talks",
        slug="zamboanga-talks",
        body="Delegates met in Zamboanga.",
        section=SectionFactory(),
    )
    article_save(article=article, user=editor)
    article_publish(article=article, user=editor)
    assert searchable("Zamboanga") == ["zamboanga-talks"]
