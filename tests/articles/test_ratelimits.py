"""Rate limits hold across processes when the cache is shared (real Redis)."""

import os
import subprocess
import sys
import uuid

import pytest

from articles import ratelimits

REDIS_URL = os.environ.get("NEWSROOM_TEST_REDIS_URL", "redis://127.0.0.1:6379/15")


def hit_in_another_process(network: str) -> int:
    """Count one comment in a fresh Python process, as another app server would."""
    # A one-per-day rate: a window edge between the two processes' starts
    # (a second or two apart) is then all but impossible.
    code = (
        "import django; django.setup();"
        "from django.conf import settings;"
        "settings.READER_RATES = {'comment': ['1/d']};"
        "from articles import ratelimits;"
        f"print(ratelimits.hit('comment', {{'network': {network!r}}}))"
    )
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "newsroom.settings",
        "REDIS_URL": REDIS_URL,
    }
    done = subprocess.run(
        [sys.executable, "-c", code],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    return int(done.stdout.strip().splitlines()[-1])


def test_two_app_servers_sharing_redis_share_the_limit():
    network = f"test-{uuid.uuid4()}"  # a fresh key: no clean-up needed
    assert hit_in_another_process(network) == 0  # first comment: allowed
    retry_after = hit_in_another_process(network)  # second, from another process
    assert 0 < retry_after <= 24 * 3600 + 1


@pytest.mark.parametrize(
    ("ip", "network"),
    [
        ("203.0.113.77", "203.0.113.0/24"),
        ("2001:db8:abcd:12::1", "2001:db8:abcd::/48"),
        ("not an ip", ""),
        (None, ""),
    ],
)
def test_senders_are_grouped_by_network(ip, network):
    assert ratelimits.ip_network(ip) == network
