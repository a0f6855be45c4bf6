"""`manage.py bench` (make bench): generated content written through the
services, every public page timed with its queries, everything rolled back."""

from io import StringIO

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command

from agencies.models import Agency
from articles.models import Article, Comment

pytestmark = pytest.mark.django_db

PAGES = {
    "home",
    "home page 50",
    "article",
    "5k comments",
    "section",
    "agency",
    "meeting",
    "meetings",
}


def test_bench_times_every_page_and_leaves_nothing_behind():
    out, err = StringIO(), StringIO()
    call_command(
        "bench", articles=3, tags=2, requests=1, comments=4, stdout=out, stderr=err
    )
    assert err.getvalue() == ""  # every page answered 200
    # page (14 characters), median ms, p95 ms, queries, KB
    rows = out.getvalue().splitlines()[1:]
    figures = {row[:14].strip(): row[14:].split() for row in rows}
    assert set(figures) == PAGES
    assert all(int(queries) > 0 for _median, _p95, queries, _kb in figures.values())
    assert not Article.objects.exists()
    assert not Agency.objects.exists()
    assert not Comment.objects.exists()
    assert not get_user_model().objects.exists()
