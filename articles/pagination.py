"""The public lists' pages (home, sections, tags, search, an agency's, a
person's or a meeting's articles), and the admin's long lists.

Two costs would grow with the archive, and are bounded here:
- the count: a list is counted at most to a bound (`CappedPaginator`), far
  enough for the page asked and the next; past it the list says "more";
- the page: its rows are found by their ids first (a LIMIT/OFFSET over the
  ids alone, which an index answers without reading the rows), then only
  the page's rows are read, so a deep page costs little more than page 1.
"""

from django.conf import settings
from django.core.paginator import Page, Paginator
from django.db.models import QuerySet
from django.utils.functional import cached_property

from .search.query import among_newest, is_ranked

# How far the public lists count their articles at the least (as far as the
# page asked and the next when that is further: count_cap()); past it, a
# list's pages say no total (`paginator.capped`).
PUBLIC_COUNT_CAP = 1000
# How far the admin's lists of articles and comments count (100 a page):
# 20 pages; further, a filter or a search.
ADMIN_COUNT_CAP = 2000
# The deepest page a list counts up to (a ?page= beyond is the last one).
MAX_PAGE = 100_000


def count_cap(number: int, per_page: int, cap: int | None = None) -> int:
    """How far a list is counted for page `number`: `cap` (PUBLIC_COUNT_CAP
    when None), or as far as that page and the next when that is further."""
    return max(PUBLIC_COUNT_CAP if cap is None else cap, (number + 1) * per_page)


class CappedPaginator(Paginator):
    """A paginator that counts at most `cap` rows (one COUNT over a LIMITed
    subquery of ids), or as far as the page `reach` and the next when that
    is further; `capped` says whether the list goes on past the count.
    Pages of a queryset are read by their ids (see the module's docstring)."""

    cap = PUBLIC_COUNT_CAP

    def __init__(self, object_list, per_page, *args, reach=None, **kwargs):
        self.all_rows = object_list
        if isinstance(object_list, QuerySet) and is_ranked(object_list):
            # A search's pages: its best among its newest candidates only.
            object_list = among_newest(object_list)
            # Counted among its newest cap + 1: as far, a bounded read.
            self.all_rows = among_newest(self.all_rows, self.cap + 1)
            reach = None
        super().__init__(object_list, per_page, *args, **kwargs)
        if reach is not None:
            self.cap = count_cap(page_number(reach), self.per_page, self.cap)

    @cached_property
    def _capped_count(self) -> int:
        rows = self.all_rows
        if isinstance(rows, QuerySet):
            return rows.order_by().values("pk")[: self.cap + 1].count()
        return len(rows[: self.cap + 1])

    @cached_property
    def count(self) -> int:
        return min(self._capped_count, self.cap)

    @property
    def capped(self) -> bool:
        """Whether the list goes on past what was counted."""
        return self._capped_count > self.cap

    def page(self, number) -> Page:
        number = self.validate_number(number)
        rows = self.object_list
        if not isinstance(rows, QuerySet):
            return super().page(number)
        bottom = (number - 1) * self.per_page
        top = min(bottom + self.per_page, self.count)
        ids = rows.values("pk")[bottom:top]
        return self._get_page(rows.filter(pk__in=ids), number, self)

    def get_elided_page_range(self, number=1, *, on_each_side=3, on_ends=2):
        """Django's page links; a capped list's end with an ellipsis, not
        with the last page counted, which is not its last."""
        if not self.capped:
            yield from super().get_elided_page_range(
                number, on_each_side=on_each_side, on_ends=on_ends
            )
            return
        number = self.validate_number(number)
        last = min(number + on_each_side, self.num_pages)
        if number > 1 + on_each_side + on_ends + 1:
            yield from range(1, on_ends + 1)
            yield self.ELLIPSIS
            yield from range(number - on_each_side, last + 1)
        else:
            yield from range(1, last + 1)
        yield self.ELLIPSIS


class AdminCappedPaginator(CappedPaginator):
    """For a ModelAdmin's `paginator`: counts at most ADMIN_COUNT_CAP rows (or
    as far as the page asked and the next). A capped list says "more than"
    its count (templates/admin/pagination.html, actions.html, search_form.html)
    and confirms an action on all its rows with their exact number
    (newsroom.admin_lists.ConfirmedSelectAcross)."""

    cap = ADMIN_COUNT_CAP


def page_number(value) -> int:
    """A ?page= value as a page number from 1 to MAX_PAGE (1 if it is none)."""
    try:
        number = int(value)
    except (TypeError, ValueError):
        return 1
    return min(max(number, 1), MAX_PAGE)


def paginate(request, queryset, per_page: int | None = None) -> Page:
    """One page of a list: the nearest to the ?page= asked for (the first
    below 1 or when it is no number, the last past the end). Counted as far
    as that page needs (see CappedPaginator)."""
    requested = request.GET.get("page")
    paginator = CappedPaginator(
        queryset, per_page or settings.ARTICLES_PER_PAGE, reach=requested
    )
    return paginator.get_page(page_number(requested))
