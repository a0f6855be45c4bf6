"""tests.newsroom.gunicorn_settings with /slow/ among the addresses
(tests/newsroom/slow_urls.py), for the real-gunicorn test of a request killed
by the worker timeout (test_gunicorn.py)."""

from tests.newsroom.gunicorn_settings import *  # noqa: F403

ROOT_URLCONF = "tests.newsroom.slow_urls"
