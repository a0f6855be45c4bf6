"""The staff authors' pages."""

from django.http import Http404


def author_detail(request, slug: str):
    raise Http404  # built by the reader-pages work (issue 15)
