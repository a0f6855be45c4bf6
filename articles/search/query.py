"""Which published articles match a reader's query and filters, best first.

`find_articles()` is the search's one read. On PostgreSQL it matches the
stored search vectors (index.py) with the query read in both configurations,
ranks with `SearchRank` of the rank vectors and cuts headlines (snippets.py);
elsewhere it matches the terms word by word with regular expressions and
ranks title matches first.

Relevance is where the words appear in the headline (A) and the lead (B),
then the newest: a story that has them only in its body, tags or agencies'
names is found, and ranked by date after those that have them up front. The
rank vector holds the headline and lead alone (a few hundred bytes, stored
in the row), so ranking a thousand candidates reads no search vector (some
kilobytes each, out of line in TOAST) and costs the same however large the
archive.

A search ranks only its newest SEARCH_CANDIDATES matches: on PostgreSQL
`ranked_candidates()` finds and ranks them in one query, and a page reads its
rows by id (`ranked_page()`); `among_newest()` narrows a result list to them
for a paginator.
"""

import operator
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from functools import lru_cache, reduce

from django.contrib.postgres.search import SearchQuery, SearchRank, SearchVectorField
from django.db import connections
from django.db.models import (
    BooleanField,
    Case,
    DateTimeField,
    Exists,
    ExpressionWrapper,
    F,
    Func,
    IntegerField,
    OuterRef,
    Q,
    TextField,
    Value,
    When,
)
from django.db.models.expressions import RawSQL
from django.db.models.lookups import IRegex

from agencies.models import Agency
from newsroom import cachetags
from newsroom.dates import NEWSROOM_DATES
from newsroom.search_terms import Terms

from ..models import Article, Section
from ..text import body_text
from .index import CONFIGS
from .snippets import headline

MAX_QUERY_LENGTH = 200
# How many of the newest matches a search ranks (its pages go as far); a
# word found in most stories would otherwise rank the whole archive.
SEARCH_CANDIDATES = 1000
# How many of the archive's newest stories are searched for those candidates
# first (then next, with more than one), before the whole archive (see
# _newest_matches()). One of 20,000 holds them for a word in one story in 20
# (at 100,000 stories, a first one of 4,000 saved a word in most stories
# nothing and cost one in ten 2 ms).
CANDIDATE_WINDOWS = (20_000,)
# A search's order: the best match first, then the newest.
RANKED_ORDER = ("-search_rank", "-published_at", "-id")
# The dates a reader may filter by: the newsroom's days, beyond which no
# article was or will be published.
SEARCHABLE_DATES = NEWSROOM_DATES


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
    articles = articles.filter(matching(query, articles))
    if ranks_in_database(articles):
        full_text = _full_text_query(query)
        articles = articles.annotate(
            search_rank=_relevance(full_text),
            search_headline=headline(full_text),
        )
    else:
        articles = articles.annotate(search_rank=_rank(Terms.parse(query)))
    articles = (
        articles.order_by(*RANKED_ORDER)
        # The body for the snippets; not the vectors, read only by the database.
        .for_listing(with_body=True)
    )
    if filters.section:
        articles = articles.in_section(filters.section)
    if filters.agency:
        articles = articles.mentioning(filters.agency)
    if filters.since or filters.until:
        articles = articles.published_between(filters.since, filters.until)
    return articles


def agencies_named(query: str):
    """The agencies a reader's query names (Agency.objects.matching), for
    the search page's cards, each with `has_stories`: whether a published
    story names it (the card's "Only stories naming …" would find none)."""
    named = Article.objects.published().filter(agencies=OuterRef("pk"))
    return (
        Agency.objects.matching(query).for_listing().annotate(has_stories=Exists(named))
    )


def matching(query: str, articles) -> Q:
    """The articles, in any state, whose texts, tags or agencies hold
    `query` as find_articles() reads it (with or without accents, a dash or
    slash read as a space): on PostgreSQL their stored search vectors (GIN-
    indexed; kept current in every state by the article services), elsewhere
    the accent-blind patterns. A condition for the database of `articles`;
    the desk's search (articles.admin) finds drafts with it too."""
    if ranks_in_database(articles):
        return Q(_matching(query))
    return _condition(Terms.parse(query))


def ranks_in_database(articles) -> bool:
    """Whether the database of `articles` matches and ranks with the stored
    vectors (PostgreSQL), so that ranked_candidates() serves its pages."""
    return connections[articles.db].vendor == "postgresql"


def finds_word_forms() -> bool:
    """Whether a search finds a word's other forms too ("mencegah" finds
    "pencegahan"): on PostgreSQL, whose text configurations read words by
    their stems (index.py); the simpler search matches them as written."""
    return ranks_in_database(Article.objects.all())


def ranked_candidates(query: str, articles, counted: int) -> tuple[list[int], int]:
    """The ids of the newest SEARCH_CANDIDATES of a search's results
    (`articles`, find_articles(query, ...) with any further filters, such as
    an edition's language; PostgreSQL), best first (the search's order); and
    how many of the newest `counted` match. One query, in which each
    candidate's rank vector is read for its rank as it is found: pages then
    read only their rows, by id (ranked_page())."""
    candidates = SEARCH_CANDIDATES
    sql, params = _newest_matches(articles, max(candidates, counted))
    # find_articles()'s rank, of the rank vectors the windows carry.
    rank = _relevance(
        _full_text_query(query),
        vector=RawSQL("vector", (), output_field=SearchVectorField()),
    ).resolve_expression(articles.query)
    rank_sql, rank_params = articles.query.get_compiler(using=articles.db).compile(rank)
    with connections[articles.db].cursor() as cursor:
        # One array, not a row per id (each row a Python tuple to collect);
        # the rank (as find_articles()'s) only of the newest `candidates`.
        cursor.execute(
            "SELECT COALESCE(ARRAY_AGG(pk ORDER BY search_rank DESC, "
            "published_at DESC, pk DESC) FILTER (WHERE position <= %s), '{}'), "
            "COUNT(*) FROM (SELECT pk, published_at, position, CASE WHEN "
            f"position <= %s THEN {rank_sql} END "
            "AS search_rank FROM (SELECT *, ROW_NUMBER() OVER (ORDER BY "
            "published_at DESC, pk DESC) AS position "
            f"FROM ({sql}) AS newest (pk, published_at, vector)) AS numbered) "
            "AS ranked",
            (candidates, candidates, *rank_params, *params),
        )
        ranked, found = cursor.fetchone()
    return ranked, min(found, counted)


def newest_candidates(articles, counted: int) -> tuple[list[int], int]:
    """ranked_candidates() newest first, for a reader who asks for the
    newest (any database): the ids of the newest `counted` of a search's
    results (`articles`), at most SEARCH_CANDIDATES, newest first; and how
    many of them match. The same bounded read, with no rank computed."""
    if not ranks_in_database(articles):
        ids = articles.latest_first().values_list("pk", flat=True)[:counted]
        found = list(ids)
        return found[:SEARCH_CANDIDATES], len(found)
    sql, params = _newest_matches(articles, counted)
    with connections[articles.db].cursor() as cursor:
        cursor.execute(
            "SELECT COALESCE((ARRAY_AGG(pk ORDER BY published_at DESC, pk DESC))"
            f"[1:%s], '{{}}'), COUNT(*) FROM ({sql}) AS newest (pk, published_at, "
            "vector)",
            (SEARCH_CANDIDATES, *params),
        )
        newest, found = cursor.fetchone()
    return newest, min(found, counted)


def ranked_page(articles, ids: list[int]) -> list:
    """The rows of a search's results (`articles`) with these `ids` (a page
    of ranked_candidates()), in the search's order."""
    return list(articles.filter(pk__in=ids)) if ids else []


def is_ranked(articles) -> bool:
    """Whether `articles` is a search's result list, ranked by relevance."""
    return "search_rank" in articles.query.annotations


def among_newest(articles, candidates: int | None = None):
    """A search's results (find_articles(), with any further filters, such
    as an edition's language) ranked among their newest `candidates`
    (SEARCH_CANDIDATES) only: the relevance of the rest is never computed."""
    candidates = candidates or SEARCH_CANDIDATES
    if ranks_in_database(articles):
        sql, params = _newest_matches(articles, candidates)
        return articles.filter(
            pk__in=RawSQL(
                f"SELECT pk FROM ({sql}) AS newest (pk, published_at, vector)",
                params,
            )
        )
    newest = articles.order_by("-published_at", "-id").values("pk")[:candidates]
    return articles.filter(pk__in=newest)


def _newest_matches(articles, candidates: int) -> tuple[str, tuple]:
    """The SQL (and its parameters) of the ids, dates and rank vectors
    (pk, published_at, vector) of the newest `candidates` of `articles`, in
    no order, at a cost bounded by the archive's newest stories, not by how
    many match (a search vector is read only when a match must be checked
    against it, never for the rank).

    Read newest first along an index, each story's search vector is read
    (from TOAST) to test it: ~10,000 of them for a word found in one story
    in ten, the whole edition for a rarer one. So the matches are looked for
    among the newest stories of each of CANDIDATE_WINDOWS in turn (each
    window found by the (published_at, id) index, its matches by the GIN
    index: a bitmap of both, no vector read); the first window holding
    `candidates` or more holds the newest `candidates`. Otherwise every
    match is found by the GIN index alone, then sorted: the order by an
    expression keeps the planner off the index walk.

    The planner does not count reading a search vector from TOAST (8 µs
    each), so its estimates must be right for it to choose between walking
    the newest stories and testing each (a word in most of them: ~1,000
    read) and the GIN index (a rarer word, or a search narrowed to an
    agency):
    - each window starts at a date given as a value (window_start(),
      cached), so that the planner knows the window's size;
    - the query's readings are matched each once (_Matches): read thrice,
      a word in 10 % of the stories was estimated in 27 %, and with some
      samples of ANALYZE the planner walked 10,000 stories' vectors for it
      (0.1 s), 100,000 for it narrowed to an agency (0.5 s).
    """
    windows, params = [], []
    for number, window in enumerate(CANDIDATE_WINDOWS):
        start = window_start(window)
        if start is None:  # fewer stories: no window holds enough
            start = datetime.max.replace(tzinfo=UTC)
        window_sql, window_params = (
            articles.filter(published_at__gte=start)
            .order_by("-published_at", "-id")
            .values("pk", "published_at", "rank_vector")[:candidates]
            .query.sql_with_params()
        )
        windows.append(
            f"window{number} (pk, published_at, vector) AS MATERIALIZED ({window_sql})"
        )
        params.extend(window_params)
    everywhere_sql, everywhere_params = (
        articles.alias(
            newest=ExpressionWrapper(
                F("published_at") + Value(timedelta(0)), output_field=DateTimeField()
            )
        )
        .order_by("-newest", "-id")
        .values("pk", "published_at", "rank_vector")[:candidates]
        .query.sql_with_params()
    )
    selects, select_params = [], []
    short = []  # that each window before is short of `candidates`
    for number in range(len(CANDIDATE_WINDOWS)):
        full = f"(SELECT COUNT(*) FROM window{number}) >= %s"
        condition = " AND ".join([*short, full])
        selects.append(f"SELECT * FROM window{number} WHERE {condition}")
        select_params.extend([candidates] * (len(short) + 1))
        short.append(f"(SELECT COUNT(*) FROM window{number}) < %s")
    selects.append(
        f"SELECT * FROM ({everywhere_sql}) AS everywhere (pk, published_at, vector) "
        f"WHERE {' AND '.join(short)}"
    )
    select_params.extend([*everywhere_params, *[candidates] * len(short)])
    sql = f"WITH {', '.join(windows)} {' UNION ALL '.join(selects)}"
    return sql, (*params, *select_params)


def window_start(window: int):
    """When the newest `window` stories (of any edition) begin, or None when
    there are fewer (cached while no story changes: a stale start only makes
    a window larger or smaller, never a search's results different)."""

    def start():
        newest = Article.objects.filter(published_at__isnull=False).order_by(
            "-published_at", "-id"
        )
        return newest.values_list("published_at", flat=True)[
            window - 1 : window
        ].first()

    return cachetags.remember(f"search-window-{window}", (cachetags.ARTICLES,), start)


class _Matches(Func):
    """The search vector matches the query's readings (_readings()), each
    once: the same words read in two configurations would be estimated as
    two words (a word in 10 % of the stories read thrice: 27 %). The
    readings and the choice fold into one constant as the statement is
    planned, which the planner estimates by its words."""

    output_field = BooleanField()

    def as_sql(self, compiler, connection, **extra_context):
        vector, *readings = self.get_source_expressions()
        vector_sql, vector_params = compiler.compile(vector)
        compiled = [compiler.compile(reading) for reading in readings]
        sql, params = compiled[-1]
        # From the last: a reading is added unless a later one is the same.
        for number in range(len(compiled) - 2, -1, -1):
            reading_sql, reading_params = compiled[number]
            later = compiled[number + 1 :]
            later_sql = ", ".join(later_sql for later_sql, _params in later)
            later_params = [param for _sql, params in later for param in params]
            sql = (
                f"CASE WHEN {reading_sql} IN ({later_sql}) THEN {sql} "
                f"ELSE {reading_sql} || {sql} END"
            )
            params = [*reading_params, *later_params, *params, *reading_params, *params]
        return f"{vector_sql} @@ ({sql})", (*vector_params, *params)


def _matching(query: str):
    return _Matches(F("search_vector"), *_readings(query))


def _relevance(full_text, vector=None):
    """Where the query's words appear in the headline and lead (the rank
    vector, or `vector`): the search's order before the date."""
    return SearchRank(F("rank_vector") if vector is None else vector, full_text)


def _full_text_query(query: str):
    return reduce(operator.or_, _readings(query))


def _readings(query: str) -> list:
    """The query read in each text configuration (CONFIGS)."""
    # Not the reader's text itself: PostgreSQL's web-search parser fails on
    # some operator runs ("tsquery stack too small" after 32 minuses).
    text = Terms.parse(query).websearch()
    return [
        SearchQuery(text, config=config, search_type="websearch") for config in CONFIGS
    ]


# The simpler search (SQLite and other databases without the vectors).

# It reads a body's text as the index does (body_text(), no markup, no
# link's address): SQLite calls the Python function by this name.
BODY_TEXT_FUNCTION = "article_body_text"


@lru_cache(maxsize=256)  # a body is read once for each of a query's terms
def _sqlite_body_text(body: str | None) -> str | None:
    return None if body is None else body_text(body)


def add_body_text_function(sender, connection, **kwargs) -> None:
    """`connection_created`: give a SQLite connection BODY_TEXT_FUNCTION
    (connected in ArticlesConfig.ready())."""
    if connection.vendor == "sqlite":
        connection.connection.create_function(
            BODY_TEXT_FUNCTION, 1, _sqlite_body_text, deterministic=True
        )


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
        | Q(
            IRegex(
                Func(F("body"), function=BODY_TEXT_FUNCTION, output_field=TextField()),
                pattern,
            )
        )
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
