"""The demo loaded into a database without it: under the site's settings of
the moment, and a load that fails. (The other demo tests share one load:
tests/newsroom/conftest.py.)"""

import pytest
from django.contrib.auth import get_user_model

from articles.models import Article
from tests.newsroom.demo_loading import load_demo

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def media_in_tmp(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def test_every_demo_story_takes_the_sites_default_moderation(settings):
    settings.COMMENTS_DEFAULT_POLICY = "post"
    load_demo()
    policies = set(Article.objects.values_list("comment_policy", flat=True))
    assert policies == {"post"}


def test_a_demo_that_fails_to_load_leaves_no_account_behind(monkeypatch):
    from newsroom.demo.loader import DemoLoader

    def fail(self):
        raise RuntimeError("disk full")

    monkeypatch.setattr(DemoLoader, "_comments", fail)
    with pytest.raises(RuntimeError):
        load_demo()
    assert not get_user_model().objects.exists()
    assert not Article.objects.exists()
