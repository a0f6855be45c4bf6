"""The public lists' pages (home, sections, tags, search, an agency's, a
person's or a meeting's articles)."""

from django.conf import settings
from django.core.paginator import Page, Paginator


def paginate(request, queryset, per_page: int | None = None) -> Page:
    """One page of a list; a missing, bad or out-of-range ?page= gives a valid page."""
    paginator = Paginator(queryset, per_page or settings.ARTICLES_PER_PAGE)
    return paginator.get_page(request.GET.get("page"))
