"""manage.py bench_recognition at a small size: it prints its figures and
leaves nothing behind (the timings themselves are not asserted)."""

import re
from io import StringIO

import pytest
from django.core.management import call_command

from agencies.models import Agency, AgencyAlias, Meeting, MeetingSeries, Person
from agencies.recognition import built_registry

pytestmark = pytest.mark.django_db


def test_the_benchmark_prints_its_figures_and_rolls_everything_back(agencies):
    out = StringIO()
    call_command(
        "bench_recognition",
        agencies=60,
        aliases=40,
        people=10,
        words=400,
        runs=3,
        stdout=out,
    )
    printed = out.getvalue()
    # the conftest's 7 agencies and 1 alias count in the registry's size
    assert re.search(r"registry: 60 agencies, 40 aliases, 10 people", printed)
    assert re.search(r"article: \d{3} words", printed)
    assert re.search(r"registry build: [\d.]+ ms", printed)
    assert re.search(
        r"recognise\(\): median [\d.]+ ms, p95 [\d.]+ ms over 3 runs; 3 queries",
        printed,
    )
    found = r"found: \d+ agencies, \d+ people, meeting 4, \d+ unknown acronyms"
    assert re.search(found, printed)
    assert "target (median under 50 ms):" in printed
    assert Agency.objects.count() == len(agencies)  # the conftest's, no more
    assert AgencyAlias.objects.count() == 1  # INTRAC
    assert not Person.objects.exists()
    assert not MeetingSeries.objects.exists() and not Meeting.objects.exists()
    assert built_registry() is None
