"""The stored page's key for a reader without cookies, read from the address
alone and remembered (newsroom/pagecache/middleware.py: anonymous_key), is
always the key the whole request gives (shared_key), whatever the address,
host, proxy headers and settings."""

import io

from django.core.handlers.wsgi import WSGIRequest
from django.test import override_settings
from hypothesis import HealthCheck, example, given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st

from newsroom.pagecache import middleware
from newsroom.pagecache.middleware import ASK_SHARED_KEY, anonymous_key, shared_key

# PATH_INFO and QUERY_STRING as a WSGI server hands them over: bytes read as
# Latin-1, so any character up to U+00FF.
LATIN1 = st.characters(min_codepoint=0x20, max_codepoint=0xFF)
PATHS = st.one_of(
    st.sampled_from(
        [
            "/",
            "/sections/nasional/",
            "/en/",
            "/admin/",
            "/admin",
            "/static/app.css",
            "/healthz",
            "/i18n/setlang/",
            "/articles/2026/03/delegasi-tiba/",
            "/tags/terorisme%2F/",
            "/agencies/bnpt/\xc3\xa9/",  # UTF-8 "é" as a WSGI server passes it
        ]
    ),
    st.text(LATIN1, max_size=40).map(lambda text: "/" + text),
)
PARAMETERS = st.lists(
    st.tuples(
        st.sampled_from(["page", "comments", "before", "after", "q", "utm_source"]),
        st.one_of(st.sampled_from(["2", "", "9" * 30]), st.text(LATIN1, max_size=8)),
    ),
    max_size=6,
).map(lambda pairs: "&".join(f"{name}={value}" for name, value in pairs))
QUERIES = st.one_of(PARAMETERS, st.text(LATIN1, max_size=30))
HOSTS = st.sampled_from(
    [
        "testserver",
        "testserver:8000",
        "TESTSERVER",
        "127.0.0.1",
        "[::1]:8000",
        "evil.example",
        "bad host",
        "",
        None,
    ]
)


# Cookie headers: the ones readers send (a CSRF token, the report key, a load
# balancer's), private ones (a session, messages) however they are written,
# and anything at all.
COOKIES = st.one_of(
    st.none(),
    st.sampled_from(
        [
            "",
            "csrftoken=abc123",
            "csrftoken=abc123; newsroom_reader=key:1:sig",
            "AWSALB=xyz; __cf_bm=abc",
            "sessionid=abc123",
            " sessionid = abc123 ",
            "csrftoken=abc; sessionid=",
            "messages=W10:1",
            "theme=dark;messages",
            "sessionid",
            "x=sessionid",
            "=; ;=;",
        ]
    ),
    st.text(st.sampled_from('sesionidmag=; ,"x'), max_size=24),
)


@st.composite
def environs(draw):
    environ = {
        "REQUEST_METHOD": draw(st.sampled_from(["GET", "HEAD", "POST", "OPTIONS"])),
        "wsgi.url_scheme": draw(st.sampled_from(["http", "https"])),
        "SERVER_NAME": draw(st.sampled_from(["testserver", "0.0.0.0", "other"])),
        "SERVER_PORT": draw(st.sampled_from(["80", "443", "8000"])),
        "PATH_INFO": draw(PATHS),
        "QUERY_STRING": draw(QUERIES),
        "SCRIPT_NAME": draw(st.sampled_from(["", "/news"])),
        "wsgi.input": io.BytesIO(),
    }
    host = draw(HOSTS)
    if host is not None:
        environ["HTTP_HOST"] = host
    for name in ("HTTP_X_FORWARDED_HOST", "HTTP_X_FORWARDED_PROTO"):
        value = draw(st.sampled_from([None, "testserver", "evil.example", "https"]))
        if value is not None:
            environ[name] = value
    # Headers that do not decide whether or under what key a page is shared.
    environ["HTTP_USER_AGENT"] = draw(st.sampled_from(["Mozilla/5.0", "wrk", ""]))
    cookie = draw(COOKIES)
    if cookie is not None:
        environ["HTTP_COOKIE"] = cookie
    return environ


def whole_request_key(environ):
    try:
        return shared_key(WSGIRequest({**environ, "wsgi.input": io.BytesIO()}))
    except Exception:  # Django refuses the address (its handler answers 400)
        return None


@hypothesis_settings(
    max_examples=300,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(
    environ=environs(),
    forwarded_host=st.booleans(),
    proxy=st.sampled_from([None, ("HTTP_X_FORWARDED_PROTO", "https")]),
)
@example(
    environ={
        "REQUEST_METHOD": "GET",
        "wsgi.url_scheme": "http",
        "SERVER_NAME": "testserver",
        "SERVER_PORT": "80",
        "PATH_INFO": "/",
        "QUERY_STRING": "page=2",
        "SCRIPT_NAME": "",
        "HTTP_HOST": "testserver",
    },
    forwarded_host=False,
    proxy=None,
)
def test_the_remembered_key_is_the_whole_requests_key(environ, forwarded_host, proxy):
    with override_settings(
        USE_X_FORWARDED_HOST=forwarded_host, SECURE_PROXY_SSL_HEADER=proxy
    ):
        expected = whole_request_key(environ)
        cookie = environ.get("HTTP_COOKIE", "")
        if "sessionid" in cookie or "messages" in cookie:  # maybe private
            expected = ASK_SHARED_KEY  # the whole request decides
        assert anonymous_key(environ) == expected
        assert anonymous_key(dict(environ)) == expected  # and remembered


# A reader's request for a shared list page, as a WSGI server hands it over.
SECTION_PAGE = {
    "REQUEST_METHOD": "GET",
    "wsgi.url_scheme": "http",
    "PATH_INFO": "/sections/nasional/",
    "HTTP_HOST": "testserver",
}


def test_a_shared_page_has_a_key_and_others_none():
    environ = {**SECTION_PAGE, "QUERY_STRING": "page=2"}
    key = anonymous_key(environ)
    assert key and key.startswith(middleware.ENTRY_PREFIX)
    assert anonymous_key({**environ, "QUERY_STRING": "page=3"}) not in (None, key)
    assert anonymous_key({**environ, "QUERY_STRING": "q=delegasi"}) is None
    assert anonymous_key({**environ, "PATH_INFO": "/admin/"}) is None
    assert anonymous_key({**environ, "REQUEST_METHOD": "POST"}) is None


def test_private_cookies_and_credentials_go_to_the_whole_request():
    environ = {"REQUEST_METHOD": "GET", "PATH_INFO": "/", "HTTP_HOST": "testserver"}
    assert anonymous_key({**environ, "HTTP_COOKIE": "sessionid=abc"}) is ASK_SHARED_KEY
    cookie = "csrftoken=abc; messages=W10:1"
    assert anonymous_key({**environ, "HTTP_COOKIE": cookie}) is ASK_SHARED_KEY
    assert anonymous_key({**environ, "HTTP_AUTHORIZATION": "Basic eA=="}) is (
        ASK_SHARED_KEY
    )


def test_a_readers_other_cookies_leave_the_key_to_the_address():
    """The CSRF token a reader's first comment left, their report key, a load
    balancer's or a CDN's cookie: the stored page is found from the address."""
    environ = SECTION_PAGE
    key = anonymous_key(environ)
    assert key and key.startswith(middleware.ENTRY_PREFIX)
    for cookie in (
        "",
        "csrftoken=abc123",
        "csrftoken=abc123; newsroom_reader=key:1:sig",
        "AWSALB=xyz; __cf_bm=abc",
    ):
        assert anonymous_key({**environ, "HTTP_COOKIE": cookie}) == key, cookie


def test_a_changed_setting_is_followed_at_once():
    environ = {
        "REQUEST_METHOD": "GET",
        "wsgi.url_scheme": "http",
        "PATH_INFO": "/",
        "HTTP_HOST": "newsroom.example",
    }
    with override_settings(ALLOWED_HOSTS=["newsroom.example"]):
        assert anonymous_key(environ)
    with override_settings(ALLOWED_HOSTS=["other.example"]):
        assert anonymous_key(environ) is None  # not a host of the site


def test_at_most_a_bounded_number_of_addresses_are_remembered():
    """Made-up addresses cannot grow a worker's memory."""
    for n in range(3000):
        anonymous_key(
            {"REQUEST_METHOD": "GET", "PATH_INFO": f"/x{n}/", "HTTP_HOST": "testserver"}
        )
    assert middleware._address_key.cache_info().currsize <= 1024


def home_key(host: str, *, server_port: str = "80") -> str | None:
    return shared_key(
        WSGIRequest(
            {
                "REQUEST_METHOD": "GET",
                "wsgi.url_scheme": "http",
                "SERVER_NAME": "testserver",
                "SERVER_PORT": server_port,
                "PATH_INFO": "/",
                "HTTP_HOST": host,
                "wsgi.input": io.BytesIO(),
            }
        )
    )


@override_settings(NEWSROOM_SITE_URL="https://testserver")
def test_a_host_is_shared_only_as_the_sites_addresses_write_it():
    """Django's ALLOWED_HOSTS checks a host's name, not its case, final dot
    or port: each other spelling was a page of its own (a tester's 100 made-up
    ports left 300 more keys in Redis), its addresses in that spelling."""
    assert home_key("testserver")
    assert home_key("testserver:8000", server_port="8000")  # the server's own
    assert home_key("testserver:443")  # the site's (NEWSROOM_SITE_URL)
    assert home_key("[::1]:8000", server_port="8000")
    for host in (
        "testserver:100000",
        "testserver:8001",
        "testserver:0443",
        "TESTSERVER",
        "TestServer:8000",
        "testserver.",
        "testserver.:8000",
    ):
        assert home_key(host, server_port="8000") is None, host
