"""The client's address behind proxies (newsroom/proxies.py): X-Forwarded-For
read from the right, believed only from the trusted proxies, so that no
client can pass for another; and what readers, moderators and editors see of
it through ClientAddressMiddleware."""

import datetime as dt
import ipaddress

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.test import Client, override_settings
from django.urls import reverse
from hypothesis import given
from hypothesis import strategies as st

from articles.forms import sign_rendered_at
from articles.models import Ban, Comment
from articles.services import ban_create
from newsroom.proxies import client_address, parse_address, trusted_networks
from tests.articles.factories import ArticleFactory

LOAD_BALANCER = "10.0.0.5"
BEHIND_IT = trusted_networks([LOAD_BALANCER])
TWO_TIERS = trusted_networks(["10.0.0.0/24", "192.0.2.10"])


@pytest.mark.parametrize(
    ("remote_addr", "forwarded_for", "trusted", "client"),
    [
        # Straight from the balancer: the address it saw.
        (LOAD_BALANCER, "203.0.113.7", BEHIND_IT, "203.0.113.7"),
        # What the client wrote itself stands left of it: never read.
        (LOAD_BALANCER, "198.51.100.1, 203.0.113.7", BEHIND_IT, "203.0.113.7"),
        (LOAD_BALANCER, "evil, 1.1.1.1,203.0.113.7", BEHIND_IT, "203.0.113.7"),
        # Through a CDN (trusted) and the balancer: the CDN's entry passed over.
        (
            LOAD_BALANCER,
            "198.51.100.1, 203.0.113.7, 192.0.2.10",
            TWO_TIERS,
            "203.0.113.7",
        ),
        (LOAD_BALANCER, "203.0.113.7, 10.0.0.9", TWO_TIERS, "203.0.113.7"),
        # Not from a trusted proxy: its header is nobody's word.
        ("203.0.113.7", "198.51.100.1", BEHIND_IT, "203.0.113.7"),
        ("203.0.113.7", "198.51.100.1", (), "203.0.113.7"),
        # From the balancer with no header (its own health probe, say).
        (LOAD_BALANCER, "", BEHIND_IT, LOAD_BALANCER),
        # Rubbish next to the balancer: the balancer is all we know.
        (LOAD_BALANCER, "198.51.100.1, unknown", BEHIND_IT, LOAD_BALANCER),
        # Every entry a trusted proxy: the furthest one.
        (LOAD_BALANCER, "10.0.0.7, 10.0.0.8", TWO_TIERS, "10.0.0.7"),
        # Ports, IPv6 and IPv4 mapped into IPv6, as proxies write them.
        (LOAD_BALANCER, "203.0.113.7:52100", BEHIND_IT, "203.0.113.7"),
        (LOAD_BALANCER, "[2001:db8::7]:52100", BEHIND_IT, "2001:db8::7"),
        (LOAD_BALANCER, " 2001:db8::7 ", BEHIND_IT, "2001:db8::7"),
        ("::ffff:10.0.0.5", "::ffff:203.0.113.7", BEHIND_IT, "203.0.113.7"),
        # Over a unix socket (gunicorn's REMOTE_ADDR is empty): the proxy on
        # this machine, trusted as gunicorn trusts it.
        ("", "198.51.100.1, 203.0.113.7", BEHIND_IT, "203.0.113.7"),
        ("", "", BEHIND_IT, ""),
        ("", "unknown", BEHIND_IT, ""),
        # `*`: every address trusted, the furthest believed.
        ("203.0.113.7", "198.51.100.1", None, "198.51.100.1"),
    ],
)
def test_the_client_is_the_first_untrusted_address_from_the_right(
    remote_addr, forwarded_for, trusted, client
):
    assert client_address(remote_addr, forwarded_for, trusted) == client


addresses = st.one_of(
    st.ip_addresses(v=4).filter(lambda a: a not in BEHIND_IT[0]),
    # (IPv4 mapped into IPv6 reads as the IPv4 address: a case above.)
    st.ip_addresses(v=6).filter(lambda a: a.ipv4_mapped is None),
).map(str)


@given(real=addresses, written=st.text(max_size=200))
def test_whatever_a_client_writes_it_stays_itself(real, written):
    """The client writes any X-Forwarded-For it likes; the balancer adds
    the address that connected to it. The client is that address."""
    forwarded_for = f"{written}, {real}" if written else real
    assert client_address(LOAD_BALANCER, forwarded_for, BEHIND_IT) == real


@given(direct=addresses, written=st.text(max_size=200))
def test_round_the_balancer_nothing_it_writes_is_believed(direct, written):
    assert client_address(direct, written, BEHIND_IT) == direct


@given(st.text(max_size=100))
def test_any_text_reads_as_an_address_or_none(text):
    address = parse_address(text)
    assert address is None or isinstance(
        address, ipaddress.IPv4Address | ipaddress.IPv6Address
    )


@pytest.mark.parametrize(
    "entry", ["load-balancer.internal", "10.0.0.300", "10.0.0.0/33"]
)
def test_a_trusted_proxy_that_is_no_address_stops_the_start(entry):
    with pytest.raises(ImproperlyConfigured, match="FORWARDED_ALLOW_IPS"):
        trusted_networks(["127.0.0.1", entry])


def test_a_network_trusts_its_addresses():
    (network,) = trusted_networks(["10.0.0.9/24"])
    assert ipaddress.ip_address("10.0.0.200") in network


# Through the app: readers, moderators, editors -------------------------------

BALANCED = override_settings(NEWSROOM_TRUSTED_PROXIES=[LOAD_BALANCER])


def post_comment(client, article, reader: str, n: int, forwarded_for: str):
    return client.post(
        f"/articles/{article.pk}/comments/",
        {
            "author_name": f"Pembaca {reader}",
            "author_email": f"{reader}@example.org",
            "text": f"Komentar ke-{n} dari {reader} tentang pertemuan ini.",
            "rendered_at": sign_rendered_at(
                dt.datetime.now(dt.UTC) - dt.timedelta(seconds=30)
            ),
            "website": "",
        },
        REMOTE_ADDR=LOAD_BALANCER,
        HTTP_X_FORWARDED_FOR=forwarded_for,
    )


def held_up(response) -> bool:
    """A comment refused comes back to its form's address (Post/Redirect/Get),
    one posted goes on to the story."""
    return response.status_code == 303 and response["Location"].endswith(
        "/comments/#comment-errors"
    )


@pytest.mark.django_db
@BALANCED
def test_behind_the_balancer_one_readers_comments_do_not_hold_up_another(
    section, django_user_model
):
    article = ArticleFactory(
        section=section,
        meeting=None,
        comment_policy="post",
        published_at=dt.datetime.now(dt.UTC) - dt.timedelta(hours=1),
    )
    client = Client()
    # Sari comments, then at once again: the reader's limit (1 in 30 s).
    assert not held_up(post_comment(client, article, "sari", 1, "203.0.113.7"))
    assert held_up(post_comment(client, article, "sari", 2, "203.0.113.7"))
    # Writing another address in the header does not make her someone else.
    forged = "198.51.100.20, 203.0.113.7"
    assert held_up(post_comment(client, article, "sari", 3, forged))
    # Six other readers, each on their own network behind the same balancer,
    # comment in the same minute: none is held up (one network may send six
    # a minute, settings.READER_RATES: the balancer's, were it theirs).
    others = {f"pembaca{n}": f"198.51.{100 + n}.20" for n in range(6)}
    for reader, address in others.items():
        assert not held_up(post_comment(client, article, reader, 1, address))
    # Moderators see each reader's own address and network, not the balancer's.
    seen = dict(Comment.objects.values_list("author_email", "ip_address"))
    assert seen == {
        "sari@example.org": "203.0.113.7",
        **{f"{reader}@example.org": address for reader, address in others.items()},
    }
    assert "203.0.113.0/24" in set(Comment.objects.values_list("ip_network", flat=True))
    # A moderator bans the address they see beside Sari's comment: Sari's next
    # comment, under another email, is held back; a new reader's is public.
    moderator = django_user_model.objects.create_superuser("moderasi", "m@example.org")
    ban_create(kind=Ban.Kind.IP, value=seen["sari@example.org"], moderator=moderator)
    post_comment(client, article, "sari.lain", 1, "203.0.113.7")
    post_comment(client, article, "pembaru", 1, "198.51.120.20")
    status = dict(Comment.objects.values_list("author_email", "status"))
    assert status["sari.lain@example.org"] != Comment.Status.APPROVED
    assert status["pembaru@example.org"] == Comment.Status.APPROVED


PASSWORD = "a long and correct password"


def log_in(client, password, forwarded_for, remote_addr=LOAD_BALANCER):
    return client.post(
        reverse("admin:login"),
        {"username": "editor", "password": password, "next": "/admin/"},
        REMOTE_ADDR=remote_addr,
        HTTP_X_FORWARDED_FOR=forwarded_for,
    )


@pytest.mark.django_db
@BALANCED
def test_behind_the_balancer_wrong_passwords_elsewhere_do_not_lock_the_editor_out(
    django_user_model,
):
    django_user_model.objects.create_user(
        username="editor", password=PASSWORD, is_staff=True
    )
    for n in range(5):  # someone guessing, writing a new address each time
        log_in(Client(), "wrong", f"192.0.2.{n + 1}, 203.0.113.66")
    # The guesser is locked out, whatever address it writes next...
    locked = log_in(Client(), PASSWORD, "192.0.2.99, 203.0.113.66")
    assert locked.status_code == 429
    # ...and the editor, at the office, logs in.
    office = Client()
    response = log_in(office, PASSWORD, "198.51.100.20")
    assert response.status_code == 302 and response["Location"] == "/admin/"
    assert office.get("/admin/").status_code == 200


@pytest.mark.django_db
@override_settings(NEWSROOM_TRUSTED_PROXIES=[])
def test_not_behind_a_proxy_the_header_changes_nothing(django_user_model):
    django_user_model.objects.create_user(
        username="editor", password=PASSWORD, is_staff=True
    )
    for n in range(5):
        log_in(Client(), "wrong", f"192.0.2.{n + 1}", remote_addr="203.0.113.66")
    # A forged header does not let the guesser start afresh.
    retry = log_in(Client(), PASSWORD, "198.51.100.20", remote_addr="203.0.113.66")
    assert retry.status_code == 429
