"""Which published articles match a reader's query and filters, best first.

`find_articles()` is the search's one read. On PostgreSQL it matches the
stored vectors (index.py) with the query read in both configurations, ranks
with `SearchRank` and cuts headlines (snippets.py); elsewhere it matches the
terms word by word with regular expressions and ranks title matches first.
"""

import operator
from dataclasses import dataclass
from datetime import date
from functools import reduce

from django.contrib.postgres.search import SearchQuery, SearchRank
from django.db import connections
from django.db.models import Case, F, IntegerField, Q, Value, When

from agencies.models import Agency
from newsroom.search_terms import Terms

from ..models import Article, Section
from .index import CONFIGS
from .snippets import headline

MAX_QUERY_LENGTH = 200
# The dates a reader may filter by. Beyond them no article was or will be
# published, and date arithmetic near year 1 or 9999 overflows.
SEARCHABLE_DATES = (date(1900, 1, 1), date(2100, 12, 31))


@dataclass(frozen=True)
class SearchFilters:
    section: Section | None = None
    agency: Agency | None = None
    since: date | None = None
    until: date | None = None
    dates_swapped: bool = False

    @property
    def active(self) -> bool:
        return any((self.section, self.agency, self.since, self.until))


def find_articles(query: str, filters: SearchFilters | None = None):
    """Published articles matching `query` and the filters, best match first
    (as `search_rank`), loaded for a result list (with `search_headline` on
    PostgreSQL)."""
    filters = filters or SearchFilters()
    articles = Article.objects.published()
    on_postgres = connections[articles.db].vendor == "postgresql"
    if on_postgres:
        full_text = _full_text_query(query)
        articles = articles.filter(search_vector=full_text).annotate(
            search_rank=SearchRank(F("search_vector"), full_text),
            search_headline=headline(full_text),
        )
    else:
        terms = Terms.parse(query)
        articles = articles.filter(_condition(terms)).annotate(search_rank=_rank(terms))
    articles = (
        articles.order_by("-search_rank", "-published_at", "-id")
        # The body for the snippets; not the vector, read only by the database.
        .for_listing(with_body=True)
    )
    if filters.section:
        articles = articles.in_section(filters.section)
    if filters.agency:
        articles = articles.mentioning(filters.agency)
    if filters.since or filters.until:
        articles = articles.published_between(filters.since, filters.until)
    return articles


def _full_text_query(query: str):
    # Not the reader's text itself: PostgreSQL's web-search parser fails on
    # some operator runs ("tsquery stack too small" after 32 minuses).
    text = Terms.parse(query).websearch()
    readings = [
        SearchQuery(text, config=config, search_type="websearch") for config in CONFIGS
    ]
    return reduce(operator.or_, readings)


# The simpler search (SQLite and other databases without the vectors).


def _condition(terms: Terms) -> Q:
    """Every term of one group at least, and none of the excluded terms."""
    if not terms.groups:
        return Q(pk__in=[])
    condition = reduce(
        operator.or_,
        [
            reduce(operator.and_, [_term_condition(term) for term in group])
            for group in terms.groups
        ],
    )
    for term in terms.excluded:
        condition &= ~_term_condition(term)
    return condition


def _term_condition(term: str) -> Q:
    pattern = Terms.pattern(term)
    in_tags = Article.objects.filter(tags__name__iregex=pattern)
    in_agencies = Article.objects.filter(
        Q(agencies__acronym__iregex=pattern)
        | Q(agencies__name__iregex=pattern)
        | Q(agencies__name_en__iregex=pattern)
        | Q(agencies__aliases__name__iregex=pattern)
    )
    return (
        Q(title__iregex=pattern)
        | Q(dek__iregex=pattern)
        | Q(body__iregex=pattern)
        | Q(pk__in=in_tags.values("pk"))
        | Q(pk__in=in_agencies.values("pk"))
    )


def _rank(terms: Terms):
    """Terms found in the title count most, then terms found in the summary."""
    wanted = terms.terms
    if not wanted:
        return Value(0)
    in_title = _hits("title", wanted)
    in_dek = _hits("dek", wanted)
    return in_title * Value(len(wanted) + 1) + in_dek


def _hits(field_name: str, terms: list[str]):
    return reduce(
        operator.add,
        [
            Case(
                When(**{f"{field_name}__iregex": Terms.pattern(term)}, then=1),
                default=0,
                output_field=IntegerField(),
            )
            for term in terms
        ],
    )
