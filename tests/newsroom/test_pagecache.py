"""The page cache: anonymous readers get shared pages, and every write that
changes what a page shows makes it render again on its next request."""

import datetime as dt
import hashlib
import json
import logging
import re
import threading
from http.server import BaseHTTPRequestHandler, HTTPServer

import pytest
from django.conf import settings
from django.core.cache import cache
from django.test import override_settings
from django.urls import reverse
from django.utils import timezone
from hypothesis import given
from hypothesis import strategies as st

from agencies.services import agency_save
from articles import reads, services
from articles.models import Article, Comment
from newsroom.cachetags import DATA_PREFIX
from tests.agencies.factories import MeetingFactory
from tests.articles.comment_factories import CommentFactory
from tests.articles.factories import ArticleFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def page_cache(settings):
    settings.NEWSROOM_PAGE_CACHE = True


@pytest.fixture
def committed(django_capture_on_commit_callbacks):
    """Run writes as if their transaction committed (the test's never does):
    the page cache's bumps run after the commit."""

    def run(write, *args, **kwargs):
        with django_capture_on_commit_callbacks(execute=True):
            return write(*args, **kwargs)

    return run


def get(client, path, **headers):
    response = client.get(path, headers=headers)
    assert response.status_code == 200, (path, response.status_code)
    return response


def cached(client, path) -> str:
    """The page as readers get it, checked to come from the cache."""
    get(client, path)
    response = get(client, path)
    assert response["X-Page-Cache"] == "hit", path
    return response.content.decode()


# A time to come, far enough ahead for any machine to make and store the
# pages before it; the tests then move the clock past it (time-machine: the
# process's time, which the page cache and the site's lists read) instead of
# waiting for it.
SOON = dt.timedelta(minutes=10)
_soon = []


def soon():
    _soon.append(timezone.now() + SOON)
    return _soon[-1]


def wait_until_soon_has_passed(time_machine):
    """The clock a second past soon(), and running on from there."""
    time_machine.move_to(_soon.pop() + dt.timedelta(seconds=1), tick=True)


def status(client, path) -> str:
    return client.get(path).get("X-Page-Cache", "none")


@pytest.fixture
def story(section):
    return ArticleFactory(
        title="Delegasi Filipina tiba di Jakarta", section=section, body="Isi awal."
    )


# Shared, and with whom


def test_a_second_reader_gets_the_stored_page_without_a_query(
    client, story, django_assert_num_queries
):
    first = get(client, "/")
    assert first["X-Page-Cache"] == "miss"
    with django_assert_num_queries(0):
        second = get(client, "/")
    assert second["X-Page-Cache"] == "hit"
    assert second.content == first.content


@pytest.mark.parametrize(
    "path",
    ["/", "/en/", "sections", "tags", "agency", "meeting", "person", "feed"],
)
def test_every_kind_of_public_page_is_shared(client, jwg4_article, path):
    paths = {
        "sections": jwg4_article.section.get_absolute_url(),
        "tags": reverse("articles:tag_detail", args=["counter-terrorism"]),
        "agency": jwg4_article.agencies.first().get_absolute_url(),
        "meeting": jwg4_article.meeting.get_absolute_url(),
        "person": jwg4_article.people.first().get_absolute_url(),
        "feed": "/feeds/rss/",
    }
    cached(client, paths.get(path, path))


def test_the_article_page_is_shared(client, jwg4_article):
    cached(client, jwg4_article.get_absolute_url())


def test_staff_and_readers_with_a_session_get_fresh_pages(client, story, editor):
    get(client, "/")
    client.force_login(editor)
    assert status(client, "/") == "none"
    client.logout()
    client.cookies.pop("sessionid", None)
    assert status(client, "/") == "hit"


def test_a_page_made_for_one_reader_is_never_kept_by_a_cdn(client, story, editor):
    """What staff, a reader with a session or with messages waiting, or a
    client with credentials get may be theirs alone: Cache-Control private
    (no CDN or proxy keeps it for others), where shared pages say public."""
    url = story.get_absolute_url()
    shared = get(client, url)["Cache-Control"]
    assert "public" in shared and "s-maxage=" in shared
    client.force_login(editor)
    for path in ("/", url, "/feeds/rss/"):
        assert get(client, path)["Cache-Control"] == "private", path
    client.logout()
    client.cookies.pop("sessionid", None)
    client.cookies["messages"] = "waiting"
    assert get(client, "/")["Cache-Control"] == "private"
    client.cookies.pop("messages", None)
    answer = get(client, "/", Authorization="Basic eA==")
    assert answer["Cache-Control"] == "private"
    # Not stored here, but the same for everyone: no word against a CDN.
    assert "private" not in get(client, "/search/?q=delegasi").get("Cache-Control", "")


@pytest.mark.parametrize("page_cache", [True, False], ids=["cache", "no-cache"])
def test_a_reply_or_report_form_with_the_readers_own_token_is_private(
    client, settings, story, page_cache
):
    """Its form carries this reader's CSRF token (and sets its cookie): kept by
    no CDN or proxy for others, as when the reader has a session."""
    settings.NEWSROOM_PAGE_CACHE = page_cache
    comment = CommentFactory(article=story)
    url = story.get_absolute_url()
    for asked in (f"?reply={comment.pk}", f"?report={comment.pk}"):
        page = get(client, url + asked)
        html = page.content.decode()
        assert re.search(r'name="csrfmiddlewaretoken" value="\w+"', html), asked
        assert "csrftoken" in page.cookies, asked
        assert page["Cache-Control"] == "private", asked
    # The page without a form opened, shared, stays the same for everyone (not
    # shared, it carries the reader's token too: private as well).
    client.cookies.clear()
    plain = get(client, url)
    assert ("public" in plain["Cache-Control"]) is page_cache


def test_unknown_query_parameters_and_searches_are_not_stored(client, story):
    get(client, "/?source=x")
    assert status(client, "/?source=x") == "none"
    assert status(client, "/search/?q=delegasi") == "none"
    assert status(client, "/?page=" + "9" * 30) == "none"
    get(client, "/?page=1")
    assert status(client, "/?page=1") == "hit"


def test_a_page_is_stored_only_under_the_number_it_shows(client, story, section):
    """Any value of ?page= or ?comments= was stored as a page of its own:
    ?page=junk1, junk2… (each the first page) filled the cache, 3 keys a
    request, pushing out the pages readers read. A page is kept only under
    the number it shows; the others are rendered each time, as they were."""
    listing = section.get_absolute_url()
    url = story.get_absolute_url()
    made_up = [
        f"{listing}?page=junk1",
        f"{listing}?page=02",
        f"{listing}?page=777777",  # the last page, which is page 1
        f"{url}?page=2",  # a story has no pages
        f"{url}?comments=5",  # nor comments to show on a fifth page
        f"{url}?comments=zzz1&page=q1",
    ]
    for address in made_up:
        assert get(client, address).status_code == 200, address
        assert status(client, address) == "none", address
    # The pages themselves are stored, under their own addresses.
    for address in (listing, f"{listing}?page=1", url, f"{url}?comments=1"):
        get(client, address)
        assert status(client, address) == "hit", address
    # The parameters no page reads are not kept at all.
    get(client, f"{listing}?before=qq1")
    assert status(client, f"{listing}?before=qq1") == "none"


def test_readers_from_shared_links_get_the_stored_page(
    client, story, django_assert_num_queries
):
    """A story shared on Facebook is opened with a new ?fbclid= for every
    click, from a newsletter with utm_ parameters: the story's stored page,
    without a query, whatever their values."""
    url = story.get_absolute_url()
    cached(client, url)
    with django_assert_num_queries(0):
        for n in range(30):
            shared = get(client, f"{url}?fbclid=IwAR{n}Zx9&utm_source=facebook")
            assert shared["X-Page-Cache"] == "hit"
        for tail in ("utm_source=pagi&utm_medium=email&utm_campaign=jwg4", "gclid=x"):
            assert get(client, f"{url}?{tail}")["X-Page-Cache"] == "hit"


def test_a_page_first_opened_from_a_shared_link_is_stored_as_its_own(
    client, section, settings
):
    settings.ARTICLES_PER_PAGE = 1
    # More than the front shows (top and the section's block), for a page 2.
    ArticleFactory.create_batch(12, section=section)
    first = get(client, "/?page=2&utm_source=newsletter&mc_cid=abc")
    assert first["X-Page-Cache"] == "miss"
    assert "utm_source" not in first.content.decode()  # no link carries them
    assert "mc_cid" not in first.content.decode()
    again = get(client, "/?page=2")
    assert again["X-Page-Cache"] == "hit"
    assert again.content == first.content
    assert status(client, "/?page=2&fbclid=x&q=1") == "none"  # q is read


def test_the_wsgi_application_drops_tracking_before_finding_the_page(
    story, monkeypatch
):
    from newsroom.pagecache import middleware

    url = story.get_absolute_url()
    plain = {"QUERY_STRING": ""}  # as gunicorn sends an address without one
    assert wsgi_get(url, **plain)[1]["X-Page-Cache"] == "miss"
    assert wsgi_get(url, **plain)[1]["X-Page-Cache"] == "hit"  # key remembered
    built = []
    real = middleware.WSGIRequest
    monkeypatch.setattr(
        middleware, "WSGIRequest", lambda environ: built.append(1) or real(environ)
    )
    for n in range(5):
        query = f"fbclid=IwAR{n}&utm_medium=social"
        assert wsgi_get(url, QUERY_STRING=query)[1]["X-Page-Cache"] == "hit"
    assert built == []  # from the address alone, its key remembered once


@given(
    st.lists(
        st.tuples(
            st.sampled_from(
                ["page", "q", "fbclid", "utm_source", "utm_", "gclid", "fbclid_x"]
            ),
            st.text(st.sampled_from("ab=%&+é"), max_size=4),
        ),
        max_size=6,
    ),
    st.sampled_from(["GET", "HEAD", "get", "POST"]),
)
def test_only_tracking_parameters_are_dropped_and_only_from_reads(pairs, method):
    from newsroom.pagecache.middleware import without_tracking

    query = "&".join(f"{name}={value}" for name, value in pairs)
    clean = without_tracking(method, query)
    parts = query.split("&") if query else []
    tracking = [p for p in parts if p.split("=")[0] in ("fbclid", "gclid")]
    tracking += [p for p in parts if p.startswith("utm_")]
    if method == "POST" or not tracking:
        assert clean is None
    else:
        assert clean == "&".join(p for p in parts if p not in tracking)


def test_admin_and_previews_are_never_stored(client, story, editor):
    assert status(client, "/admin/login/") == "none"
    assert status(client, "/admin/login/") == "none"


def test_languages_are_stored_apart(client, story):
    indonesian, english = cached(client, "/"), cached(client, "/en/")
    assert 'lang="id"' in indonesian
    assert 'lang="en"' in english


# Never stale


def test_a_published_story_is_on_the_home_page_at_the_next_request(
    client, story, section, editor, committed
):
    cached(client, "/")
    draft = ArticleFactory(
        title="Menlu bertemu delegasi NICA", section=section, draft=True
    )
    assert "Menlu bertemu" not in cached(client, "/")  # a draft changes nothing
    committed(services.article_publish, article=draft, user=editor)
    response = get(client, "/")
    assert response["X-Page-Cache"] == "miss"
    assert "Menlu bertemu delegasi NICA" in response.content.decode()


def test_an_edited_title_shows_on_its_page_and_the_lists(
    client, story, editor, committed
):
    for path in ("/", story.get_absolute_url(), story.section.get_absolute_url()):
        cached(client, path)
    story.title = "Delegasi Filipina disambut BNPT"
    committed(services.article_save, article=story, user=editor)
    for path in ("/", story.get_absolute_url(), story.section.get_absolute_url()):
        assert "Delegasi Filipina disambut BNPT" in get(client, path).content.decode()


def test_an_unpublished_story_leaves_its_page_and_the_lists(
    client, story, editor, committed
):
    url = story.get_absolute_url()
    cached(client, url)
    assert "Delegasi Filipina tiba" in cached(client, "/")
    committed(services.article_unpublish, article=story, user=editor)
    assert client.get(url).status_code == 404
    assert "Delegasi Filipina tiba" not in get(client, "/").content.decode()


def test_a_scheduled_story_appears_when_its_time_comes(
    client, story, section, time_machine
):
    ArticleFactory(
        title="Laporan terjadwal",
        section=section,
        published_at=soon(),
    )
    assert "Laporan terjadwal" not in cached(client, "/")
    wait_until_soon_has_passed(time_machine)
    response = get(client, "/")
    assert "Laporan terjadwal" in response.content.decode()


def test_an_approved_comment_shows_on_the_story_and_its_count_on_the_lists(
    client, story, moderator, committed
):
    url = story.get_absolute_url()
    cached(client, url)
    cached(client, "/")
    held = CommentFactory(article=story, pending=True, text="Semoga kerja sama erat.")
    assert "Semoga kerja sama" not in get(client, url).content.decode()
    committed(
        services.comment_moderate,
        comments=[held],
        action="approve",
        moderator=moderator,
    )
    assert "Semoga kerja sama erat." in get(client, url).content.decode()
    assert re.search(r"1 (komentar|comment)<", get(client, "/").content.decode())


def test_a_removed_comment_leaves_the_story(client, story, moderator, committed):
    comment = CommentFactory(article=story, text="Komentar yang melanggar.")
    url = story.get_absolute_url()
    assert "Komentar yang melanggar." in cached(client, url)
    committed(
        services.comment_moderate,
        comments=[comment],
        action="remove",
        moderator=moderator,
    )
    assert "Komentar yang melanggar." not in get(client, url).content.decode()


def test_a_comment_on_one_story_leaves_the_others_cached(
    client, story, section, committed
):
    other = ArticleFactory(title="Berita lain", section=section)
    cached(client, other.get_absolute_url())
    committed(CommentFactory, article=story, pending=True)
    assert status(client, other.get_absolute_url()) == "hit"


def test_a_correction_shows_on_the_story(client, story, editor, committed):
    url = story.get_absolute_url()
    cached(client, url)
    committed(
        services.correction_add,
        article=story,
        user=editor,
        kind="correction",
        text="Nama kota diperbaiki.",
    )
    assert "Nama kota diperbaiki." in get(client, url).content.decode()


def test_an_edited_agency_shows_on_its_page_and_its_stories_only(
    client, jwg4_article, section, editor, committed
):
    agency = jwg4_article.agencies.get(acronym="BNPT")
    unrelated = ArticleFactory(title="Berita tanpa lembaga", section=section)
    for path in (agency.get_absolute_url(), jwg4_article.get_absolute_url()):
        cached(client, path)
    cached(client, unrelated.get_absolute_url())
    agency.name = agency.name_en = "Badan Nasional Penanggulangan Terorisme RI"
    committed(agency_save, agency=agency, user=editor)
    for path in (agency.get_absolute_url(), jwg4_article.get_absolute_url()):
        page = get(client, path).content.decode()
        assert "Badan Nasional Penanggulangan Terorisme RI" in page, path
    assert status(client, unrelated.get_absolute_url()) == "hit"


def test_an_edited_meeting_shows_on_its_page(client, jwg4_article, committed):
    meeting = jwg4_article.meeting
    cached(client, meeting.get_absolute_url())
    meeting.title = "Pertemuan JWG ke-4 (daring dan luring)"
    committed(meeting.save)
    page = get(client, meeting.get_absolute_url()).content.decode()
    assert "daring dan luring" in page


def test_an_edited_person_shows_on_their_page(client, jwg4_article, committed):
    person = jwg4_article.people.first()
    cached(client, person.get_absolute_url())
    person.name = "Nama Pejabat Diperbarui"
    committed(person.save)
    page = get(client, person.get_absolute_url()).content.decode()
    assert "Nama Pejabat Diperbarui" in page


def test_a_meeting_that_starts_leaves_the_agenda(client, story, time_machine):
    MeetingFactory(title="Pertemuan segera", start=soon())
    assert "Pertemuan segera" in cached(client, "/")
    wait_until_soon_has_passed(time_machine)
    assert get(client, "/")["X-Page-Cache"] == "miss"


def test_comments_close_on_a_stored_page_when_their_time_comes(
    client, section, time_machine
):
    closing = soon()
    story = ArticleFactory(
        section=section,
        published_at=closing - dt.timedelta(days=14),
    )
    assert story.comments_open()
    cached(client, story.get_absolute_url())
    wait_until_soon_has_passed(time_machine)
    assert get(client, story.get_absolute_url())["X-Page-Cache"] == "miss"


# For browsers and a CDN


def test_validators_answer_304(client, story):
    first = get(client, "/")
    get(client, "/")
    assert "Last-Modified" not in first
    etag = first["ETag"]
    assert client.get("/", headers={"If-None-Match": etag}).status_code == 304
    assert client.get("/", headers={"If-None-Match": '"other"'}).status_code == 200


def test_shared_pages_tell_a_cdn_how_long_and_what_they_show(client, story):
    response = get(client, story.get_absolute_url())
    control = response["Cache-Control"]
    assert "public" in control and "s-maxage=60" in control
    assert "stale-while-revalidate=30" in control and "max-age=0" in control
    keys = response["Surrogate-Key"].split()
    assert f"comments:{story.pk}" in keys and "articles" in keys


class PurgeHook(BaseHTTPRequestHandler):
    received: list = []

    def do_POST(self):
        body = self.rfile.read(int(self.headers["Content-Length"]))
        PurgeHook.received.append((self.headers.get("Authorization"), json.loads(body)))
        self.send_response(204)
        self.end_headers()

    def log_message(self, *args):
        pass


def test_a_change_is_posted_to_the_cdn_purge_hook(settings, story, editor, committed):
    server = HTTPServer(("127.0.0.1", 0), PurgeHook)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    settings.NEWSROOM_CDN_PURGE_URL = f"http://127.0.0.1:{server.server_port}/purge"
    settings.NEWSROOM_CDN_PURGE_TOKEN = "test-token"
    PurgeHook.received.clear()
    try:
        story.title = "Judul baru"
        committed(services.article_save, article=story, user=editor)
    finally:
        server.shutdown()
    authorizations = {auth for auth, _ in PurgeHook.received}
    tags = {tag for _, body in PurgeHook.received for tag in body["tags"]}
    assert authorizations == {"Bearer test-token"}
    assert {"articles", f"comments:{story.pk}"} <= tags


# Comments on a shared page


def test_a_shared_page_carries_no_readers_token(client, story):
    page = cached(client, story.get_absolute_url())
    assert "csrftoken" not in get(client, story.get_absolute_url()).cookies
    tokens = re.findall(r'name="csrfmiddlewaretoken" value="([^"]*)"', page)
    assert tokens and set(tokens) == {""}
    assert 'data-token-url="/comments/tokens/"' in page


def test_a_reader_comments_from_a_shared_page_with_fetched_tokens(csrf_client, story):
    cached(csrf_client, story.get_absolute_url())
    tokens = csrf_client.get(reverse("articles:comment_tokens")).json()
    assert tokens["csrfmiddlewaretoken"] and tokens["rendered_at"]
    response = csrf_client.post(
        reverse("articles:comment_create", args=[story.pk]),
        {
            "author_name": "Pembaca",
            "author_email": "pembaca@example.com",
            "text": "Kerja sama yang baik.",
            **tokens,
        },
    )
    assert response.status_code == 303
    assert Comment.objects.filter(text="Kerja sama yang baik.").exists()


def test_a_comment_sent_without_scripts_comes_back_filled_in(csrf_client, story):
    cached(csrf_client, story.get_absolute_url())
    response = csrf_client.post(
        reverse("articles:comment_create", args=[story.pk]),
        {
            "author_name": "Pembaca",
            "author_email": "pembaca@example.com",
            "text": "Komentar tanpa skrip.",
            "csrfmiddlewaretoken": "",
        },
    )
    assert response.status_code == 303
    response = csrf_client.get(response["Location"])
    assert "no-store" in response["Cache-Control"]
    page = response.content.decode()
    assert "Komentar tanpa skrip." in page
    assert "has not been sent yet" in page or "belum terkirim" in page
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)
    assert not Comment.objects.exists()
    again = csrf_client.post(
        reverse("articles:comment_create", args=[story.pk]),
        {
            "author_name": "Pembaca",
            "author_email": "pembaca@example.com",
            "text": "Komentar tanpa skrip.",
            "csrfmiddlewaretoken": token,
            "rendered_at": re.search(r'name="rendered_at" value="([^"]+)"', page).group(
                1
            ),
        },
    )
    assert again.status_code == 303
    assert Comment.objects.filter(text="Komentar tanpa skrip.").exists()


def test_a_comment_whose_token_no_longer_matches_comes_back_filled_in(
    csrf_client, story
):
    # Two tabs opened before the reader had a cookie: each fetched a token
    # for its own cookie, the second replaced the first. The first tab's
    # comment answered Django's bare 403 page and the text was gone.
    cached(csrf_client, story.get_absolute_url())
    first_tab = csrf_client.get(reverse("articles:comment_tokens")).json()
    csrf_client.cookies.pop(settings.CSRF_COOKIE_NAME)
    csrf_client.get(reverse("articles:comment_tokens"))  # the second tab
    typed = {
        "author_name": "Pembaca",
        "author_email": "pembaca@example.com",
        "text": "Komentar yang lama diketik.",
    }
    response = csrf_client.post(
        reverse("articles:comment_create", args=[story.pk]), typed | first_tab
    )
    page = response.content.decode()
    assert response.status_code == 403
    assert "Komentar yang lama diketik." in page
    assert "security check was out of date" in page or "kedaluwarsa" in page
    assert not Comment.objects.exists()
    # The reader sends it again from the page that came back: it is posted.
    again = csrf_client.post(
        reverse("articles:comment_create", args=[story.pk]),
        typed
        | {
            name: re.search(rf'name="{name}" value="([^"]+)"', page).group(1)
            for name in ("csrfmiddlewaretoken", "rendered_at")
        },
    )
    assert again.status_code == 303
    assert Comment.objects.filter(text="Komentar yang lama diketik.").exists()


def test_any_other_failed_check_is_the_sites_own_page_in_the_readers_language(
    csrf_client,
):
    response = csrf_client.post(
        "/admin/login/", {"username": "x", "password": "y"}, HTTP_ACCEPT_LANGUAGE="id"
    )
    page = response.content.decode()
    assert response.status_code == 403
    assert "Formulir tidak dapat dikirim" in page
    assert "/static/css/error.css" in page
    assert "DEBUG=True" not in page and "<style" not in page


def test_a_forged_post_from_another_site_is_still_refused(csrf_client, story):
    response = csrf_client.post(
        reverse("articles:comment_create", args=[story.pk]),
        {"text": "Palsu", "csrfmiddlewaretoken": "x" * 64},
        headers={"Origin": "https://evil.example"},
        secure=True,
    )
    assert response.status_code == 403
    assert not Comment.objects.exists()


@pytest.fixture
def csrf_client(client):
    client.handler.enforce_csrf_checks = True
    return client


# Reads, failures


def test_reads_of_stored_pages_are_counted(client, story):
    reads._take_pending()
    url = story.get_absolute_url()
    agent = {"User-Agent": "Mozilla/5.0 (Linux; Android 14) Chrome/131 Mobile"}
    get(client, url, **agent)
    for _ in range(3):
        assert get(client, url, **agent)["X-Page-Cache"] == "hit"
    assert reads.pending_reads() == 4


def test_a_stored_page_asked_again_and_again_by_one_reader_is_one_read(client, story):
    # Answered before Django, from the WSGI environ alone: the same rule as
    # a rendered page's (articles/reads.py).
    reads._take_pending()
    url = story.get_absolute_url()
    agent = "Mozilla/5.0 (Linux; Android 14) Chrome/131 Mobile"
    for _ in range(20):
        response = client.get(url, HTTP_USER_AGENT=agent, REMOTE_ADDR="36.68.10.7")
        assert response.status_code == 200
    assert response["X-Page-Cache"] == "hit"
    client.get(url, HTTP_USER_AGENT=agent, REMOTE_ADDR="114.124.5.9")
    assert reads._take_pending() == {(story.pk, reads.today()): 2}


def test_a_batch_of_reads_renews_the_home_pages_most_read_and_no_other_page(
    client, story, section, settings
):
    """Each batch of reads (every 30 s or 1,000 reads of a process) changes
    the most read: the home page shows it at once, and the pages that do not
    show it stay stored."""
    settings.ARTICLES_PER_PAGE = 1  # the home page has a page 2
    reads._take_pending()
    # More than the front shows (top and the section's block), for a page 2.
    ArticleFactory.create_batch(10, section=section)
    other = ArticleFactory(title="NICA menjamu delegasi BNPT", section=section)
    others = [
        section.get_absolute_url(),
        "/feeds/rss/",
        "/?page=2",
        other.get_absolute_url(),
    ]
    home = cached(client, "/")
    assert "home-most-read" not in home  # nobody has read anything yet
    for path in others:
        cached(client, path)
    agent = {"User-Agent": "Mozilla/5.0 (Linux; Android 14) Chrome/131 Mobile"}
    get(client, story.get_absolute_url(), **agent)
    assert reads.flush_reads() == 1

    home = get(client, "/")
    assert home["X-Page-Cache"] == "miss"
    most_read = home.content.decode().split("home-most-read", 1)[1]
    assert "Delegasi Filipina tiba di Jakarta" in most_read.split("</section>")[0]
    for path in others:
        assert status(client, path) == "hit", path


def test_made_up_ports_and_spellings_of_the_host_are_answered_not_stored(client, story):
    """Each is answered as the page, with its addresses in the spelling
    asked (only its sender sees them), and none is stored: nobody can fill
    the cache with hosts as with invented addresses."""
    page = story.get_absolute_url()
    assert get(client, page)["X-Page-Cache"] == "miss"
    hosts = [f"testserver:{port}" for port in range(100000, 100050)]
    for host in [*hosts, "TESTSERVER", "testserver."]:
        for _ in range(2):
            response = get(client, page, host=host)
            assert "X-Page-Cache" not in response, host
        assert story.title in response.content.decode()
        # Its reader's alone: a CDN that makes hosts alike must not keep it
        # (the story's page sets a CSRF cookie unshared; the home page none).
        assert "private" in response["Cache-Control"]
        assert "private" in get(client, "/", host=host)["Cache-Control"]
    assert get(client, page)["X-Page-Cache"] == "hit"


def test_made_up_hosts_and_agencies_leave_no_data_in_the_cache(client, agencies):
    """The sitemap index and the search's agency were kept for a day under
    whatever Host or ?agency= was sent (a tester's 100 requests, 100 keys)."""

    def kept(key: str) -> bool:
        return cache.get(DATA_PREFIX + key) is not None

    def agency_key(value: str) -> str:
        return f"search-agency-by-{hashlib.sha256(value.encode()).hexdigest()[:32]}"

    get(client, "/sitemap.xml")
    assert kept("sitemap-index:http://testserver")
    get(client, "/sitemap.xml", host="testserver:100001")
    assert not kept("sitemap-index:http://testserver:100001")
    index = client.get("/sitemap.xml", headers={"host": "TESTSERVER"})
    assert index.status_code == 200 and b"<sitemapindex" in index.content

    for value in ("zzzz-no-such-agency", "QWERTY", "bnpt"):
        response = client.get("/search/", {"q": "bnpt", "agency": value})
        assert response.status_code == 200
    assert not kept(agency_key("zzzz-no-such-agency"))
    assert not kept(agency_key("QWERTY"))
    assert kept(agency_key("bnpt"))


@override_settings(
    CACHES={
        "default": {
            "BACKEND": "newsroom.redis_cache.FreshRedisCache",
            "LOCATION": "redis://127.0.0.1:1/0",  # nothing listens there
            "OPTIONS": {"socket_connect_timeout": 0.2, "socket_timeout": 0.2},
        }
    }
)
def test_pages_render_uncached_when_the_cache_is_down(client, story, editor):
    for path in ("/", story.get_absolute_url(), "/en/"):
        response = client.get(path)
        assert response.status_code == 200
        assert "X-Page-Cache" not in response
    story.title = "Judul saat cache mati"
    services.article_save(article=story, user=editor)  # the write goes on
    assert Article.objects.get(pk=story.pk).title == "Judul saat cache mati"


def test_a_pin_that_ends_leaves_the_home_page(client, story, section, time_machine):
    from articles.models import HomePin

    pinned = ArticleFactory(title="Sorotan yang dipasang", section=section)
    HomePin.objects.create(
        article=pinned,
        slot=HomePin.Slot.LEAD,
        until=soon(),
    )
    cached(client, "/")
    wait_until_soon_has_passed(time_machine)
    assert get(client, "/")["X-Page-Cache"] == "miss"


def wsgi_get(path: str, **environ):
    """A request to the WSGI application gunicorn serves (newsroom/wsgi.py)."""
    from wsgiref.util import setup_testing_defaults

    from django.core.signals import request_finished, request_started
    from django.db import close_old_connections

    from newsroom.wsgi import application

    env = {"PATH_INFO": path, "HTTP_HOST": "testserver", **environ}
    setup_testing_defaults(env)
    answer = {}

    def start_response(status, headers):
        answer["status"], answer["headers"] = status, dict(headers)

    # As Django's test client does: the test's transaction stays open.
    signals = (request_started, request_finished)
    for signal in signals:
        signal.disconnect(close_old_connections)
    try:
        body = application(env, start_response)
        content = b"".join(body)
        getattr(body, "close", lambda: None)()
    finally:
        for signal in signals:
            signal.connect(close_old_connections)
    return answer["status"], answer["headers"], content


def test_the_wsgi_application_answers_stored_pages_before_django(
    story, django_assert_num_queries
):
    status, headers, first = wsgi_get("/")
    assert status == "200 OK" and headers["X-Page-Cache"] == "miss"
    with django_assert_num_queries(0):
        status, headers, again = wsgi_get("/")
    assert status == "200 OK" and headers["X-Page-Cache"] == "hit"
    assert again == first
    # Every header the whole stack sets, and a request id of its own.
    assert "script-src 'self'" in headers["Content-Security-Policy"]
    assert headers["X-Content-Type-Options"] == "nosniff"
    assert len(headers["X-Request-ID"]) == 32
    assert headers["ETag"] and "s-maxage=" in headers["Cache-Control"]
    assert "Last-Modified" not in headers
    assert headers["Content-Length"] == str(len(first))
    status, headers, _ = wsgi_get("/", HTTP_IF_NONE_MATCH=headers["ETag"])
    assert status.startswith("304")
    status, headers, _ = wsgi_get("/", HTTP_COOKIE="sessionid=abc")
    assert "X-Page-Cache" not in headers
    status, headers, _ = wsgi_get("/", HTTP_HOST="evil.example")
    assert status.startswith("400")


def test_a_reader_with_cookies_of_no_consequence_gets_the_stored_page_as_fast(
    story, monkeypatch
):
    """A stored page for a reader who sends a CSRF token and a load balancer's
    cookie is answered from the address alone, as for one without cookies:
    no request object is built for it (a third more time per hit)."""
    from newsroom.pagecache import middleware

    assert wsgi_get("/")[1]["X-Page-Cache"] == "miss"
    assert wsgi_get("/")[1]["X-Page-Cache"] == "hit"  # its key remembered
    built = []
    real = middleware.WSGIRequest

    def counted(environ):
        built.append(environ.get("HTTP_COOKIE"))
        return real(environ)

    monkeypatch.setattr(middleware, "WSGIRequest", counted)
    cookie = "csrftoken=abc123; AWSALB=xyz"
    assert wsgi_get("/", HTTP_COOKIE=cookie)[1]["X-Page-Cache"] == "hit"
    assert built == []
    assert "X-Page-Cache" not in wsgi_get("/", HTTP_COOKIE="sessionid=abc")[1]
    assert built and built[0] == "sessionid=abc"


def test_the_wsgi_application_counts_readers_of_a_stored_story_and_no_one_else(
    story,
):
    """A stored story answered before Django counts its readers from the
    request's headers alone, as a rendered one does: bots, prefetches, HEADs
    and a reader's cookie-carrying request each as they would be."""
    reader = "Mozilla/5.0 (Linux; Android 14) Chrome/131 Mobile"
    url = story.get_absolute_url()
    assert wsgi_get(url, HTTP_USER_AGENT=reader)[1]["X-Page-Cache"] == "miss"
    reads._take_pending()
    asked = [
        {"HTTP_USER_AGENT": reader},
        {"HTTP_USER_AGENT": reader, "REQUEST_METHOD": "get"},
        {"HTTP_USER_AGENT": reader, "HTTP_COOKIE": "theme=dark"},
        {"HTTP_USER_AGENT": reader, "HTTP_IF_NONE_MATCH": '"other"'},
        # Not readers:
        {"HTTP_USER_AGENT": "Googlebot/2.1 (+http://www.google.com/bot.html)"},
        {"HTTP_USER_AGENT": ""},
        {},
        {"HTTP_USER_AGENT": reader, "HTTP_SEC_PURPOSE": "prefetch;prerender"},
        {"HTTP_USER_AGENT": reader, "HTTP_PURPOSE": "Prefetch"},
        {"HTTP_USER_AGENT": reader, "REQUEST_METHOD": "HEAD"},
    ]
    for environ in asked:
        status, headers, _ = wsgi_get(url, **environ)
        assert headers["X-Page-Cache"] == "hit", environ
    assert reads.pending_reads() == 4
    assert reads._take_pending() == {(story.pk, reads.today()): 4}


def test_a_page_made_while_something_changed_is_not_stored(client, story, rf):
    from django.http import HttpResponse

    from newsroom import cachetags
    from newsroom.pagecache import middleware

    request = rf.get("/")
    request.page_is_shared = True
    generation = middleware.current_generation()
    cachetags.bump_now([cachetags.ARTICLES])  # a story published meanwhile
    key = middleware.shared_key(request)
    response = HttpResponse(b"old")
    assert middleware.store(key, request, response, generation) is None
    assert middleware.fresh_entry(key) is None
    # Not stored, so not for a CDN to keep either.
    assert "ETag" not in response
    assert "s-maxage" not in response.get("Cache-Control", "")
    generation = middleware.current_generation()
    assert middleware.store(key, request, HttpResponse(b"new"), generation)
    assert middleware.fresh_entry(key).content == b"new"


def test_the_wsgi_application_answers_head_and_keeps_a_proxys_request_id(story):
    _, _, page = wsgi_get("/")
    status, headers, body = wsgi_get(
        "/", REQUEST_METHOD="HEAD", HTTP_X_REQUEST_ID="proxy-id-1234"
    )
    assert status == "200 OK" and headers["X-Page-Cache"] == "hit"
    assert body == b"" and headers["Content-Length"] == str(len(page))
    assert headers["X-Request-ID"] == "proxy-id-1234"
    # As a server that does not upper-case the method passes it on.
    _, headers, body = wsgi_get("/", REQUEST_METHOD="head")
    assert headers["X-Page-Cache"] == "hit" and body == b""
    # A forged id (a header in it) is replaced, as by Django's middleware.
    _, headers, _ = wsgi_get("/", HTTP_X_REQUEST_ID="x\r\nSet-Cookie: a=b")
    assert headers["X-Page-Cache"] == "hit"
    assert len(headers["X-Request-ID"]) == 32 and "Set-Cookie" not in headers
    status, _, _ = wsgi_get("/", HTTP_IF_MATCH='"not-this-one"')
    assert status.startswith("412")  # conditional requests: Django's rules
    # A conditional HEAD goes through Django's rules: still no body.
    status, headers, body = wsgi_get(
        "/", REQUEST_METHOD="HEAD", HTTP_IF_NONE_MATCH='"not-this-one"'
    )
    assert status == "200 OK" and body == b""
    assert headers["Content-Length"] == str(len(page))


def test_a_reader_who_takes_gzip_gets_the_page_compressed_stored_or_not(story):
    """Pages go out gzipped to clients that take it (Indonesian mobile
    networks: a story is a fifth of its size): rendered, by Django's rule,
    and stored, from the compressed copy kept beside the page. A client
    that does not take gzip still gets the page as it is."""
    import gzip

    takes_gzip = {"HTTP_ACCEPT_ENCODING": "gzip, deflate, br"}
    url = story.get_absolute_url()
    status, first, body = wsgi_get(url, **takes_gzip)
    assert status == "200 OK" and first["X-Page-Cache"] == "miss"
    assert first["Content-Encoding"] == "gzip"
    page = gzip.decompress(body)
    assert story.title.encode() in page
    status, hit, body = wsgi_get(url, **takes_gzip)
    assert status == "200 OK" and hit["X-Page-Cache"] == "hit"
    assert hit["Content-Encoding"] == "gzip"
    assert gzip.decompress(body) == page
    assert int(hit["Content-Length"]) == len(body) < len(page) / 3
    assert "Accept-Encoding" in hit["Vary"] and "Accept-Encoding" in first["Vary"]
    assert hit["ETag"] == first["ETag"] == f"W/{first['ETag'][2:]}"
    # The stored page itself is not the compressed one.
    status, plain, body = wsgi_get(url)
    assert plain["X-Page-Cache"] == "hit" and "Content-Encoding" not in plain
    assert body == page and "Accept-Encoding" in plain["Vary"]
    assert plain["ETag"] == first["ETag"][2:]  # the strong form of the same
    # HEAD: the compressed answer's length; the reader's copy still valid.
    _, head, body = wsgi_get(url, REQUEST_METHOD="HEAD", **takes_gzip)
    assert body == b"" and head["Content-Length"] == hit["Content-Length"]
    status, _, body = wsgi_get(url, HTTP_IF_NONE_MATCH=hit["ETag"], **takes_gzip)
    assert status.startswith("304") and body == b""


@pytest.mark.parametrize(
    ("accept_encoding", "gzipped"),
    [
        ("gzip;q=0", False),
        ("br, gzip; q=0.000", False),
        ("gzip;q=0, x-gzip;q=0", False),
        ("gzip;q=0.5", True),
        ("gzip;q=0, x-gzip", True),
        ("gzip;q=nonsense", True),
        ("identity", False),
        # Coding names are case-insensitive (RFC 9110): GZIP was sent plain.
        ("GZIP", True),
        ("Gzip, deflate", True),
        ("GZIP;q=0", False),
    ],
)
def test_a_client_that_refuses_gzip_gets_the_page_plain_stored_or_not(
    story, accept_encoding, gzipped
):
    """`gzip;q=0` is "not acceptable" (RFC 9110), which Django's own test
    reads as a yes: such a client gets the page as it is, rendered and
    stored alike."""
    asks = {"HTTP_ACCEPT_ENCODING": accept_encoding}
    url = story.get_absolute_url()
    for expected in ("miss", "hit"):
        status, headers, _ = wsgi_get(url, **asks)
        assert status == "200 OK" and headers["X-Page-Cache"] == expected
        assert ("Content-Encoding" in headers) == gzipped, expected
        assert "Accept-Encoding" in headers["Vary"]


@given(st.text(max_size=300))
def test_any_accept_encoding_is_read_without_an_error(header):
    from newsroom.middleware import accepts_gzip

    assert accepts_gzip(header) in (True, False)
    if "gzip" not in header.lower():
        assert not accepts_gzip(header)


def test_small_answers_images_and_files_are_not_compressed(client, story):
    from django.http import HttpResponse
    from django.test import RequestFactory

    from newsroom.middleware import TextGZipMiddleware

    robots = client.get("/robots.txt", headers={"Accept-Encoding": "gzip"})
    assert robots.status_code == 200 and "Content-Encoding" not in robots
    request = RequestFactory().get("/", headers={"Accept-Encoding": "gzip"})
    body = b"\xff\xd8" + b"\x00" * 4000
    for content_type, compressed in [
        ("image/jpeg", False),
        ("font/woff2", False),
        ("application/octet-stream", False),
        ("text/html; charset=utf-8", True),
        ("application/rss+xml; charset=utf-8", True),
        ("application/json", True),
        ("image/svg+xml", True),
    ]:
        response = HttpResponse(body, content_type=content_type)
        answer = TextGZipMiddleware(lambda request, r=response: r)(request)
        assert answer.has_header("Content-Encoding") == compressed, content_type
        assert (answer.content == body) != compressed


def test_staff_pages_are_compressed_too(client, editor):
    client.force_login(editor)
    response = client.get("/admin/", headers={"Accept-Encoding": "gzip"})
    assert response.status_code == 200
    assert response["Content-Encoding"] == "gzip"
    assert "X-Page-Cache" not in response


@pytest.mark.parametrize("cookie", ["sessionid=abc", "messages=x"])
@pytest.mark.parametrize("path", ["/agencies/\u202e/", "/tags/\u0101/"])
def test_an_address_outside_latin1_with_a_private_cookie_is_not_found_not_an_error(
    story, cookie, path
):
    # A WSGI server hands the path as bytes read as Latin-1. Deciding on the
    # stored page built a request on the server's own environ, which Django
    # then rewrote with the decoded path: Django's own handler, given it,
    # failed to encode it again (500 for every signed-in editor).
    raw = path.encode().decode("latin-1")
    status, _, _ = wsgi_get(raw, HTTP_COOKIE=cookie)
    assert status.startswith("404")


def test_a_304_of_a_stored_page_carries_a_request_id_and_says_hit(client, story):
    """The 304 that a stored page answers to a reader who has it is a new
    answer (Django's get_conditional_response) that kept none of the stored
    page's own headers: no request id for the reply or its access line."""
    url = story.section.get_absolute_url()
    _, first, _ = wsgi_get(url)
    _, hit, _ = wsgi_get(url)
    assert hit["X-Page-Cache"] == "hit"
    status, headers, body = wsgi_get(url, HTTP_IF_NONE_MATCH=first["ETag"])
    assert status.startswith("304") and body == b""
    assert headers["X-Page-Cache"] == "hit"
    assert len(headers["X-Request-ID"]) == 32
    assert headers["X-Request-ID"] != hit["X-Request-ID"]
    # A proxy's id kept, as for the stored page itself; a forged one replaced.
    _, headers, _ = wsgi_get(
        url, HTTP_IF_NONE_MATCH=first["ETag"], HTTP_X_REQUEST_ID="proxy-id-304"
    )
    assert headers["X-Request-ID"] == "proxy-id-304"
    _, headers, _ = wsgi_get(
        url, HTTP_IF_NONE_MATCH=first["ETag"], HTTP_X_REQUEST_ID="x\r\n"
    )
    assert len(headers["X-Request-ID"]) == 32
    # Through the middleware (a request that came without the WSGI door).
    response = client.get(url, headers={"If-None-Match": first["ETag"]})
    assert response.status_code == 304
    assert response["X-Page-Cache"] == "hit" and len(response["X-Request-ID"]) == 32


REDIS_AT_A_CLOSED_PORT = {
    "default": {
        "BACKEND": "newsroom.redis_cache.FreshRedisCache",
        "LOCATION": "redis://127.0.0.1:1/0",  # nothing listens there
        "OPTIONS": {"socket_connect_timeout": 0.2, "socket_timeout": 0.2},
    }
}


@pytest.fixture
def warnings_clock(monkeypatch):
    """The clock of the cache's warnings, moved only by the test; the
    warnings as in a new process before and after it."""
    from newsroom import cachetags

    now = [1000.0]
    warnings = cachetags.unavailable_warnings
    monkeypatch.setattr(warnings, "clock", lambda: now[0])
    warnings.reset()
    yield now
    warnings.reset()


def cache_warnings(caplog) -> list:
    return [
        record
        for record in caplog.records
        if record.levelno >= logging.WARNING and "ache" in record.getMessage()
    ]


def test_redis_down_is_one_warning_a_minute_whatever_fails(
    client, story, section, warnings_clock, caplog
):
    """With Redis down every request failed in the page cache, the
    navigation, the story's markdown, the search and the sitemaps, and each
    logged its warning with a traceback: 24 warnings and 85 KB of log for
    17 requests. Now the first is logged, with its traceback, and then one a
    minute, saying how many it left out; every page still renders."""
    paths = [
        "/",
        story.get_absolute_url(),
        section.get_absolute_url(),
        "/en/",
        "/search/?q=delegasi",
        "/sitemap.xml",
        "/feeds/rss/",
    ]
    with override_settings(CACHES=REDIS_AT_A_CLOSED_PORT):
        with caplog.at_level(logging.WARNING):
            for path in paths * 2:
                response = client.get(path)
                assert response.status_code == 200, path
                assert "X-Page-Cache" not in response
                warnings_clock[0] += 1
            (first,) = cache_warnings(caplog)
            message = first.getMessage()
            assert message.startswith("Cache unavailable (page read): ConnectionError")
            assert "127.0.0.1:1" in message  # the error's own message
            assert first.exc_info is not None
            caplog.clear()

            warnings_clock[0] += 60
            assert client.get(story.get_absolute_url()).status_code == 200
            client.get("/")
    (second,) = cache_warnings(caplog)
    assert "ConnectionError" in second.getMessage()
    assert "more failures since the last warning" in second.getMessage()
    assert second.exc_info is None  # the traceback once a process
