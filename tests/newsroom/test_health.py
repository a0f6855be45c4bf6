"""`/healthz`: what a load balancer or uptime monitor asks an app server."""

import pytest
from django.test import override_settings
from django.urls import reverse

# A Redis at a port where nothing listens: connecting is refused at once.
REDIS_DOWN = {
    "default": {
        "BACKEND": "django.core.cache.backends.redis.RedisCache",
        "LOCATION": "redis://127.0.0.1:1/0",
    }
}


@pytest.fixture
def redis_down():
    # override_settings rather than the settings fixture: the autouse
    # empty_cache fixture clears the cache after this is undone.
    with override_settings(CACHES=REDIS_DOWN):
        yield


@pytest.mark.django_db
def test_a_healthy_server_answers_ok_without_login(client):
    response = client.get(reverse("healthz"))
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": "ok", "cache": "ok"}


@pytest.mark.django_db
def test_the_answer_is_never_cached(client):
    response = client.get("/healthz")
    assert "no-store" in response["Cache-Control"]


@pytest.mark.django_db
def test_an_unreachable_cache_answers_503_and_says_so(client, redis_down):
    response = client.get("/healthz")
    assert response.status_code == 503
    body = response.json()
    assert body["status"] == "down"
    assert body["database"] == "ok"
    assert body["cache"].startswith("down: ")
    assert "127.0.0.1" not in body["cache"]  # details go to the log only


@pytest.mark.django_db
def test_only_reads_are_allowed(client):
    assert client.post("/healthz").status_code == 405


@pytest.fixture
def production_hosts(settings):
    """Debug off as in production: one public host name, HTTPS enforced."""
    settings.DEBUG = False
    settings.ALLOWED_HOSTS = ["news.example.org"]
    settings.SECURE_SSL_REDIRECT = True


@pytest.mark.django_db
@pytest.mark.usefixtures("production_hosts")
@pytest.mark.parametrize("host", ["10.0.0.5:8000", "10.0.0.5", "app-3.internal"])
def test_a_probe_by_address_over_plain_http_is_answered(client, host):
    response = client.get("/healthz", HTTP_HOST=host)
    assert response.status_code == 200
    assert response.json()["status"] == "ok"
    head = client.head("/healthz", HTTP_HOST=host)
    assert head.status_code == 200


@pytest.mark.django_db
@pytest.mark.usefixtures("production_hosts")
def test_only_reads_are_allowed_whatever_the_host(client):
    assert client.post("/healthz", HTTP_HOST="10.0.0.5:8000").status_code == 405


@pytest.mark.django_db
@pytest.mark.usefixtures("production_hosts")
@pytest.mark.parametrize("path", ["/", "/healthz/", "/healthz/x", "/en/healthz"])
def test_nothing_else_gets_past_allowed_hosts(client, path):
    response = client.get(path, HTTP_HOST="10.0.0.5:8000", secure=True)
    assert response.status_code == 400


@pytest.mark.django_db
def test_a_probe_every_few_seconds_logs_the_cache_down_once_a_minute(
    client, redis_down, caplog, monkeypatch
):
    """A load balancer's probe every 5 s wrote a warning each while Redis was
    down; now it shares the cache's once-a-minute warning
    (cachetags.unavailable)."""
    import logging

    from newsroom import cachetags

    now = [1000.0]
    monkeypatch.setattr(cachetags.unavailable_warnings, "clock", lambda: now[0])
    cachetags.unavailable_warnings.reset()
    with caplog.at_level(logging.WARNING):
        for _ in range(12):  # a minute of probes
            assert client.get("/healthz").status_code == 503
            now[0] += 4.9
    cachetags.unavailable_warnings.reset()
    down = [r for r in caplog.records if "health check" in r.getMessage()]
    assert len(down) == 1
