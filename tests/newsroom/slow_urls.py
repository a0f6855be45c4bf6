"""The site's addresses and one more, /slow/, that answers after a minute:
for the test of a request gunicorn kills at its timeout (test_gunicorn.py,
through tests/newsroom/gunicorn_slow_settings.py)."""

import time

from django.http import HttpResponse
from django.urls import path

from newsroom.urls import handler404, handler500
from newsroom.urls import urlpatterns as site_patterns

__all__ = ["handler404", "handler500", "urlpatterns"]


def slow(request):
    time.sleep(60)
    return HttpResponse("too late")


urlpatterns = [path("slow/", slow), *site_patterns]
