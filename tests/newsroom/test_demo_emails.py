"""The demo's e-mail notifications: its staff have addresses, so submitting,
returning and publishing a story sends mail (printed on the console by
`make run`), and the mails link to where `make run` serves."""

import os
import re
import subprocess

import pytest
from django.contrib.auth import get_user_model
from django.core import mail

from articles import services
from articles.models import Article
from tests.newsroom.demo_loading import load_demo
from tests.newsroom.test_production import BASE_DIR

# Every test of the module finds the demo loaded (tests/newsroom/conftest.py).
pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("demo_media")]

DEMO_STAFF = ["editor", "reporter", "moderator"]


def staff(username):
    return get_user_model().objects.get(username=username)


def test_the_demo_staff_have_addresses_on_the_example_domain(demo):
    for username in DEMO_STAFF:
        assert staff(username).email == f"{username}@newsroom.example"


def test_loading_the_demo_again_keeps_the_address_someone_set_or_cleared(demo):
    editor, reporter = staff("editor"), staff("reporter")
    editor.email = "redaksi@kantor.example"
    reporter.email = ""
    editor.save(update_fields=["email"])
    reporter.save(update_fields=["email"])
    load_demo()
    assert staff("editor").email == "redaksi@kantor.example"
    assert staff("reporter").email == ""


def test_the_demo_staff_are_told_of_submit_return_and_publish(
    demo, django_capture_on_commit_callbacks
):
    editor, reporter = staff("editor"), staff("reporter")
    draft = Article.objects.filter(
        status="draft", created_by=reporter, needs_headline=False
    ).first()
    with django_capture_on_commit_callbacks(execute=True):
        services.article_submit(article=draft, user=reporter)
    assert [m.to for m in mail.outbox] == [["editor@newsroom.example"]]
    with django_capture_on_commit_callbacks(execute=True):
        services.article_return(article=draft, user=editor, note="Sumbernya?")
    with django_capture_on_commit_callbacks(execute=True):
        services.article_submit(article=draft, user=reporter)
    with django_capture_on_commit_callbacks(execute=True):
        services.article_publish(article=draft, user=editor)
    assert [m.to for m in mail.outbox] == [
        ["editor@newsroom.example"],  # submitted
        ["reporter@newsroom.example"],  # returned
        ["editor@newsroom.example"],  # submitted again
        ["reporter@newsroom.example"],  # published
    ]


# `make run HOST=…`: the mails' links go where the demo is served.


def make_dry_run(*arguments, env=None) -> str:
    environment = {
        name: value
        for name, value in os.environ.items()
        if name not in {"NEWSROOM_SITE_URL", "MAKEFLAGS", "MAKELEVEL"}
    }
    done = subprocess.run(
        ["make", "--dry-run", "run", *arguments],
        cwd=BASE_DIR,
        env=environment | (env or {}),
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    return done.stdout


def site_urls(printed: str, command: str) -> set[str]:
    """The NEWSROOM_SITE_URL each printed `manage.py <command>` is given."""
    pattern = rf"NEWSROOM_SITE_URL='([^']*)' \S+ manage\.py {command}\b"
    return set(re.findall(pattern, printed))


@pytest.mark.parametrize(
    ("host", "site_url"),
    [
        (None, "http://127.0.0.1:8000"),
        ("8080", "http://127.0.0.1:8080"),
        ("127.0.0.1:8132", "http://127.0.0.1:8132"),
        ("0.0.0.0:8132", "http://127.0.0.1:8132"),
        ("localhost:9000", "http://localhost:9000"),
        ("[::]:8000", "http://[::1]:8000"),
    ],
)
def test_make_run_links_the_mails_to_where_it_serves(host, site_url):
    printed = make_dry_run(*([f"HOST={host}"] if host else []))
    assert site_urls(printed, "load_demo") == {site_url}
    assert site_urls(printed, "runserver") == {site_url}


def test_make_run_keeps_a_site_url_that_is_set():
    printed = make_dry_run(
        "HOST=8080", env={"NEWSROOM_SITE_URL": "https://redaksi.example"}
    )
    assert site_urls(printed, "runserver") == {"https://redaksi.example"}
    assert site_urls(printed, "load_demo") == {"https://redaksi.example"}
