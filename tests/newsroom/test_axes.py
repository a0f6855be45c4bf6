"""Admin log-in throttling: five wrong passwords lock out that user name from
that address; other users and other addresses can still log in."""

import datetime as dt

import pytest
from axes.models import AccessAttempt, AccessAttemptExpiration
from django.db.models import F
from django.urls import reverse

pytestmark = pytest.mark.django_db

PASSWORD = "a long and correct password"


@pytest.fixture
def editor_account(django_user_model):
    return django_user_model.objects.create_user(
        username="editor", password=PASSWORD, is_staff=True
    )


def log_in(client, username, password, ip="203.0.113.7"):
    return client.post(
        reverse("admin:login"),
        {"username": username, "password": password, "next": "/admin/"},
        REMOTE_ADDR=ip,
    )


def fail_five_times(client, username="editor", ip="203.0.113.7"):
    for _ in range(5):
        response = log_in(client, username, "wrong", ip)
    return response


def test_the_right_password_logs_in(client, editor_account):
    response = log_in(client, "editor", PASSWORD)
    assert response.status_code == 302
    assert response["Location"] == "/admin/"


@pytest.mark.parametrize(
    "elsewhere", ["//evil.example", "https://evil.example/", "/\\evil.example"]
)
def test_a_link_to_log_in_and_go_elsewhere_leads_to_the_desk(
    client, editor_account, elsewhere
):
    # Django refuses the other site, and sent the editor to its default,
    # /accounts/profile/: a 404 right after logging in.
    response = client.post(
        f"{reverse('admin:login')}?next={elsewhere}",
        {"username": "editor", "password": PASSWORD, "next": elsewhere},
        REMOTE_ADDR="203.0.113.7",
    )
    assert response.status_code == 302
    assert response["Location"] == "/admin/"
    assert client.get(response["Location"]).status_code == 200


def test_five_wrong_passwords_lock_the_account_out(client, editor_account, english):
    fail_five_times(client)
    response = log_in(client, "editor", PASSWORD)
    assert response.status_code == 429
    assert b"Too many failed log-in attempts" in response.content
    assert b"15 minutes" in response.content
    assert "_auth_user_id" not in client.session


def test_four_wrong_passwords_do_not(client, editor_account):
    for _ in range(4):
        log_in(client, "editor", "wrong")
    assert log_in(client, "editor", PASSWORD).status_code == 302


def test_another_user_from_the_same_address_can_log_in(
    client, editor_account, django_user_model
):
    django_user_model.objects.create_user(
        username="reporter", password=PASSWORD, is_staff=True
    )
    fail_five_times(client)
    assert log_in(client, "reporter", PASSWORD).status_code == 302


def test_the_same_user_from_another_address_can_log_in(client, editor_account):
    fail_five_times(client, ip="203.0.113.7")
    assert log_in(client, "editor", PASSWORD, ip="198.51.100.20").status_code == 302


def test_the_lock_lifts_after_fifteen_minutes(client, editor_account):
    fail_five_times(client)
    sixteen_minutes = dt.timedelta(minutes=16)  # ago, for every recorded attempt
    AccessAttempt.objects.update(attempt_time=F("attempt_time") - sixteen_minutes)
    AccessAttemptExpiration.objects.update(expires_at=F("expires_at") - sixteen_minutes)
    assert log_in(client, "editor", PASSWORD).status_code == 302
