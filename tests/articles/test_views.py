import datetime as dt
import re

import pytest
from django.utils import timezone

from articles.models import Article
from tests.agencies.factories import AgencyFactory, PersonFactory
from tests.articles.factories import ArticleFactory, SectionFactory
from tests.images import FULL_SIZE, library_image

pytestmark = pytest.mark.django_db

# The sample article is in English: the English edition's address.
ARTICLE_URL = "/en/articles/2022/03/indonesia-philippines-jwg-terrorism/"


def text(response):
    return response.content.decode()


# Home


def test_the_home_page_leads_with_the_latest_story(client, jwg4_article):
    response = client.get("/en/")
    assert response.context["lead"] == jwg4_article
    assert response.status_code == 200
    assert "Indonesia and the Philippines meet again on terrorism" in text(response)
    assert ARTICLE_URL in text(response)


def test_the_home_page_opens_before_anything_is_published(client, db):
    assert client.get("/").status_code == 200


def test_the_home_page_leaves_out_drafts_and_scheduled_stories(
    client, jwg4_article, section
):
    ArticleFactory(section=section, draft=True, title="Unfinished draft on BSSN")
    ArticleFactory(
        section=section,
        title="Embargoed until tomorrow",
        published_at=timezone.now() + dt.timedelta(days=1),
    )
    page = text(client.get("/"))
    assert "Unfinished draft on BSSN" not in page
    assert "Embargoed until tomorrow" not in page


def test_a_lead_story_chosen_by_the_desk_tops_the_home_page_once(
    client, jwg4_article, section
):
    jwg4_article.is_featured = True
    jwg4_article.save()
    newer = ArticleFactory(
        section=section, title="PPATK follows the money", language="en"
    )
    response = client.get("/en/")
    assert response.context["lead"] == jwg4_article
    assert response.context["front"].second_tier == [newer]
    assert response.context["stories"] == []
    assert text(response).count(f'href="{ARTICLE_URL}"') == 1


# Enough stories for later pages once the front's blocks have taken theirs
# (page 2 and on leave out what the front shows).
MANY = 15


@pytest.mark.parametrize(
    ("page", "shown"), [("abc", 1), ("99999", "last"), ("0", 1), ("-1", 1), ("", 1)]
)
def test_a_nonsense_page_number_shows_the_nearest_page(
    client, section, settings, page, shown
):
    settings.ARTICLES_PER_PAGE = 2
    ArticleFactory.create_batch(MANY, section=section)
    response = client.get("/", {"page": page})
    assert response.status_code == 200
    page_obj = response.context["page_obj"]
    last = page_obj.paginator.num_pages
    assert last > 2
    assert page_obj.number == (last if shown == "last" else shown)


@pytest.mark.parametrize("page", ["0", "-1", "-99999"])
def test_a_page_number_below_one_shows_the_front_page(client, section, page):
    ArticleFactory.create_batch(3, section=section)
    newest = ArticleFactory(section=section, published_at=timezone.now())
    response = client.get("/", {"page": page})
    assert response.context["front"] is not None
    assert response.context["lead"] == newest


def test_the_last_page_is_shown_for_a_page_number_too_high(client, section, settings):
    settings.ARTICLES_PER_PAGE = 2
    oldest = ArticleFactory(
        section=section, published_at=timezone.now() - dt.timedelta(days=9)
    )
    ArticleFactory.create_batch(MANY - 1, section=section)
    response = client.get("/", {"page": "99999"})
    page_obj = response.context["page_obj"]
    assert page_obj.number == page_obj.paginator.num_pages > 2
    assert oldest.title in text(response)


def test_later_pages_link_back_keeping_other_parameters(client, section, settings):
    settings.ARTICLES_PER_PAGE = 2
    ArticleFactory.create_batch(MANY, section=section)
    page = text(client.get("/", {"page": 2, "ref": "newsletter"}))
    # The first page's address has no ?page= (test_first_page_links.py).
    assert 'href="?ref=newsletter"' in page


# Article page


def test_an_article_page_shows_the_story_and_what_it_is_filed_under(
    client, jwg4_article
):
    response = client.get(ARTICLE_URL)
    assert response.status_code == 200
    page = text(response)
    assert "<h1" in page and jwg4_article.title in page
    assert jwg4_article.dek in page
    assert "/tags/counter-terrorism/" in page
    assert "/agencies/nica/" in page and "/agencies/kbri-manila/" in page
    assert "/people/damian-l-carlos/" in page
    assert "/meetings/4th-jwg-philippines-indonesia/" in page
    assert "/sections/international/" in page
    assert "https://bnpt.go.id/" in page


def test_underscores_in_the_body_render_as_emphasis(client, jwg4_article):
    page = text(client.get(ARTICLE_URL))
    assert "<em>police-to-police</em>" in page
    assert "_police-to-police_" not in page


def test_a_draft_is_not_found(client, section):
    draft = ArticleFactory(section=section, draft=True, slug="draft")
    assert client.get(draft.get_absolute_url()).status_code == 404


def test_a_scheduled_article_is_not_found_before_its_time(client, section):
    scheduled = ArticleFactory(
        section=section, published_at=timezone.now() + dt.timedelta(hours=1)
    )
    assert client.get(scheduled.get_absolute_url()).status_code == 404


def test_a_draft_with_a_past_date_is_not_found(client, section):
    article = ArticleFactory(
        section=section,
        status=Article.Status.DRAFT,
        published_at=timezone.now() - dt.timedelta(days=1),
    )
    assert client.get(article.get_absolute_url()).status_code == 404


def test_an_unknown_article_is_not_found(client, jwg4_article):
    assert client.get("/articles/2022/03/no-such-story/").status_code == 404


@pytest.mark.parametrize(
    "wrong", ["/articles/2021/03/", "/articles/2022/04/", "/articles/1999/12/"]
)
def test_a_wrong_year_or_month_redirects_to_the_right_address(
    client, jwg4_article, wrong
):
    response = client.get(f"{wrong}{jwg4_article.slug}/")
    assert response.status_code == 301
    assert response["Location"] == ARTICLE_URL


def test_the_address_follows_the_jakarta_date_of_publication(client, section):
    # 22:00 UTC on 31 March 2022 is already 1 April in Jakarta.
    article = ArticleFactory(
        section=section,
        slug="april-follow-up",
        published_at=dt.datetime(2022, 3, 31, 22, 0, tzinfo=dt.UTC),
    )
    assert client.get("/articles/2022/04/april-follow-up/").status_code == 200
    response = client.get("/articles/2022/03/april-follow-up/")
    assert response.status_code == 301
    assert response["Location"] == article.get_absolute_url()


@pytest.mark.parametrize(
    "path",
    [
        "/articles/2022/13/indonesia-philippines-jwg-terrorism/",
        "/articles/2022/00/indonesia-philippines-jwg-terrorism/",
    ],
)
def test_a_month_that_is_not_a_month_is_not_found(client, jwg4_article, path):
    assert client.get(path).status_code == 404


def test_an_article_page_suggests_more_from_its_section(client, jwg4_article, section):
    ArticleFactory(
        section=section, title="AMLC and PPATK sign a memorandum", language="en"
    )
    ArticleFactory(section=section, draft=True, title="Half-written piece")
    ArticleFactory(section=section, title="PPATK dan AMLC teken nota kesepahaman")
    page = text(client.get(ARTICLE_URL))
    assert "AMLC and PPATK sign a memorandum" in page
    assert "Half-written piece" not in page
    # In the article's own language only.
    assert "PPATK dan AMLC teken nota kesepahaman" not in page


def test_an_article_with_a_picture_shows_it_with_its_alt_text(
    client, section, media_root
):
    image = library_image(
        size=FULL_SIZE, alt_text="Delegates around a table, others on a screen"
    )
    article = ArticleFactory(section=section, featured_image=image)
    page = text(client.get(article.get_absolute_url()))
    assert 'alt="Delegates around a table, others on a screen"' in page
    assert image.renditions.get(spec="w640", format="jpeg").url in page
    assert image.file.url not in page


# Nothing a writer types into the body can run in a reader's browser.

HOSTILE_BODY = """\
Paragraph one.

<script>alert(1)</script>

<img src="x" onerror="alert(2)">

[Read more](javascript:alert(3)) or <a href="javascript:alert(4)">here</a>.

<p onclick="alert(5)" style="color:red">Styled</p>

<iframe src="https://evil.example/"></iframe>
"""


def test_scripts_and_event_handlers_in_the_body_never_reach_the_page(client, section):
    article = ArticleFactory(section=section, body=HOSTILE_BODY)
    page = text(client.get(article.get_absolute_url()))
    assert "Paragraph one." in page
    for payload in [
        "<script>alert",
        "onerror",
        "onclick",
        "javascript:",
        "<iframe",
        '<img src="x"',
    ]:
        assert payload not in page, payload
    # A <script> or <iframe> written in the body is shown as typed, as text.
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "&lt;iframe src" in page
    assert "Read more" in page


def test_a_title_with_markup_is_shown_as_text(client, section):
    article = ArticleFactory(section=section, title="<b>BNPT</b> & NICA")
    page = text(client.get(article.get_absolute_url()))
    assert "&lt;b&gt;BNPT&lt;/b&gt; &amp; NICA" in page
    assert "<b>BNPT</b>" not in page


# Sections and tags


def test_a_section_lists_its_published_articles(client, jwg4_article, section):
    ArticleFactory(section=section, draft=True, title="A draft in the section")
    elsewhere = ArticleFactory(section=SectionFactory(name="Sport"), title="Football")
    response = client.get("/en/sections/international/")
    assert response.status_code == 200
    page = text(response)
    assert jwg4_article.title in page
    assert "A draft in the section" not in page
    assert elsewhere.title not in page


def test_sections_appear_in_the_navigation(client, section):
    SectionFactory(name="Hidden archive", in_navigation=False)
    page = text(client.get("/"))
    assert 'href="/sections/international/"' in page
    assert "Hidden archive" not in page


def test_an_unknown_section_is_not_found(client, db):
    assert client.get("/sections/nowhere/").status_code == 404


def test_a_tag_page_lists_the_published_articles_with_it(client, jwg4_article, section):
    ArticleFactory(section=section, draft=True, tags=["Philippines"], title="Draft")
    ArticleFactory(section=section, tags=["economy"], title="Rupiah")
    response = client.get("/en/tags/philippines/")
    assert response.status_code == 200
    page = text(response)
    assert jwg4_article.title in page
    assert "Rupiah" not in page and ">Draft<" not in page


def test_an_unknown_tag_is_not_found(client, db):
    assert client.get("/tags/nothing/").status_code == 404


@pytest.mark.parametrize("path", ["/sections/international/", "/tags/philippines/"])
@pytest.mark.parametrize("page", ["abc", "99999"])
def test_lists_survive_nonsense_page_numbers(client, jwg4_article, path, page):
    assert client.get(path, {"page": page}).status_code == 200


@pytest.mark.parametrize("page", ["0", "-1"])
def test_a_list_asked_for_a_page_below_one_shows_its_first_page(
    client, section, settings, page
):
    settings.ARTICLES_PER_PAGE = 2
    stories = ArticleFactory.create_batch(5, section=section, tags=["philippines"])
    newest = max(stories, key=lambda story: (story.published_at, story.pk))
    for path in (section.get_absolute_url(), "/tags/philippines/"):
        response = client.get(path, {"page": page})
        assert response.context["page_obj"].number == 1
        assert newest in response.context["page_obj"].object_list


# Query counts on the hot pages


def article_with(n, section):
    """A published article with n tags, n agencies and n people."""
    agencies = AgencyFactory.create_batch(n)
    return ArticleFactory(
        section=section,
        tags=[f"tag {i}" for i in range(n)],
        agencies=agencies,
        people=[PersonFactory(agency=agency) for agency in agencies],
        meeting=None,
    )


# session-free anonymous request: every story the page shows (the list's page
# and count, the top stories, the sections', most read, the other edition's)
# in one query; the meetings; navigation (articles.frontpage; counted at
# length in tests/articles/test_home.py)
HOME_QUERIES = 3
# Every picture's renditions (the front's, the list's, the other edition's).
RENDITIONS = 1
# An edition with few stories (under 6) also lists the other edition's
# latest, read with its own.
OTHER_EDITION_QUERIES = 0


@pytest.mark.parametrize("n", [1, 8])
def test_the_home_page_costs_the_same_however_rich_the_articles(
    client, section, django_assert_num_queries, n
):
    article_with(n, section)
    with django_assert_num_queries(HOME_QUERIES + OTHER_EDITION_QUERIES):
        assert client.get("/").status_code == 200


@pytest.mark.parametrize("n", [6, 12])
def test_the_home_page_costs_the_same_however_many_articles(
    client, section, django_assert_num_queries, n
):
    for _ in range(n):
        article_with(2, section)
    with django_assert_num_queries(HOME_QUERIES):
        assert client.get("/").status_code == 200


@pytest.mark.parametrize("n", [1, 5])
def test_a_home_page_with_few_stories_costs_no_query_more_for_the_other_edition(
    client, section, django_assert_num_queries, media_root, n
):
    """Both editions' pictures are loaded together: one renditions query."""
    for language, count in (("id", n), ("en", 8)):
        for i in range(count):
            ArticleFactory(
                section=section,
                language=language,
                featured_image=library_image(f"{language}-{i}.jpg", size=(48, 32)),
            )
    with django_assert_num_queries(HOME_QUERIES + RENDITIONS + OTHER_EDITION_QUERIES):
        response = client.get("/")
    assert len(response.context["other_edition"]["articles"]) == 6
    assert text(response).count("<picture") == n + 6


# article (with its author's profile, and as JSON its tags, agencies, people,
# corrections and picture's renditions: one query however many), related
# stories, more in section, the story's translations, navigation. An article
# with no meeting, agency or tag has no related stories to ask for: one query
# fewer. A discussion adds one query (ARTICLE_QUERIES in test_comment_views).
ARTICLE_QUERIES = 5


@pytest.mark.parametrize("n", [1, 8])
def test_an_article_page_costs_the_same_however_many_tags_agencies_and_people(
    client, section, django_assert_num_queries, n
):
    article = article_with(n, section)
    for _ in range(3):
        article_with(n, section)  # more in the section
    with django_assert_num_queries(ARTICLE_QUERIES):
        response = client.get(article.get_absolute_url())
    assert response.status_code == 200
    # One link to each person's page (the navigation links to the index).
    assert len(re.findall(r'href="/people/[^"/]+/"', text(response))) == n


def test_an_article_about_a_meeting_costs_no_extra_query(
    client, jwg4_article, django_assert_num_queries
):
    with django_assert_num_queries(ARTICLE_QUERIES):
        assert client.get(ARTICLE_URL).status_code == 200
