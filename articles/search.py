"""Finding articles: the reader's search, on PostgreSQL and elsewhere.

On PostgreSQL every article stores a search vector (`Article.search_vector`,
GIN-indexed) made of its title (weight A); its summary, tags and the acronyms,
names and aliases of the agencies it mentions (B); and its body (C). Each text
is read twice: with the `indonesian` configuration, which stems ("pencegahan"
and "mencegah" both become "cegah"), and with `simple`, which keeps every word
as written (names, acronyms, English phrases). A query is read the same two
ways and an article matches either reading; the query is first read into
terms as on SQLite (`Terms`: "quoted phrase", -excluded, or; at most
`MAX_TERMS`, operator-only tokens dropped) and handed to PostgreSQL in
web-search syntax with every term quoted, so that no reader's text can build a
query PostgreSQL cannot evaluate.

The vectors are derived data: `update_search_vectors()` recomputes them, and
every write that changes those texts calls it explicitly (see the callers), as
does `manage.py update_search_index`.

Elsewhere (SQLite, the embedded default) the search is simpler: each word must
begin a word of the title, summary, body, tags or agency names (words of three
letters or fewer, such as most acronyms, must match whole); "quoted phrases",
-excluded words and "or" work as on PostgreSQL. Title matches rank first, then
summary matches, then the newest.
"""

import operator
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from functools import reduce
from html import escape

from django import forms
from django.contrib.postgres.expressions import ArraySubquery
from django.contrib.postgres.search import (
    SearchHeadline,
    SearchQuery,
    SearchRank,
    SearchVector,
)
from django.core.exceptions import ValidationError
from django.db import connections, router
from django.db.models import (
    Case,
    F,
    Func,
    IntegerField,
    OuterRef,
    Q,
    TextField,
    Value,
    When,
)
from django.db.models.functions import Concat
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext_lazy as _
from taggit.models import TaggedItem

from agencies.models import Agency, AgencyAlias, Meeting

from .models import Article, Section

MAX_QUERY_LENGTH = 200
# Words and phrases past this many are left out: a reader's query never needs
# more, and PostgreSQL's query parser and SQLite's statement both stay small.
MAX_TERMS = 32
# The dates a reader may filter by. Beyond them no article was or will be
# published, and date arithmetic near year 1 or 9999 overflows.
SEARCHABLE_DATES = (date(1900, 1, 1), date(2100, 12, 31))
CONFIGS = ("indonesian", "simple")
# Matched words in a headline come between these (Unicode private-use
# characters, never in copy), so that the text can be escaped before they
# become <mark> tags.
MARK_START, MARK_STOP = "\ue000", "\ue001"


def normalise_query(text: str) -> str:
    """The query as searched: control characters dropped, whitespace collapsed."""
    printable = "".join(
        " " if unicodedata.category(char).startswith("C") else char for char in text
    )
    return " ".join(printable.split())


def vendor_of(queryset) -> str:
    return connections[queryset.db].vendor


# Keeping the stored vectors current (PostgreSQL).


def update_search_vectors(article_ids: Iterable[int]) -> int:
    """Recompute the search vectors of these articles from their current texts,
    tags and agencies; returns how many rows were updated.

    Only PostgreSQL stores vectors: elsewhere this does nothing and returns 0.
    `article_ids` may be a list or a queryset of primary keys.
    """
    database = router.db_for_write(Article)
    if connections[database].vendor != "postgresql":
        return 0
    return (
        Article.objects.using(database)
        .filter(pk__in=article_ids)
        .update(search_vector=_article_vector())
    )


def _article_vector():
    agencies = Agency.objects.filter(articles=OuterRef("pk")).annotate(
        names=Concat(
            "acronym",
            Value(" "),
            "name",
            Value(" "),
            "name_en",
            output_field=TextField(),
        )
    )
    aliases = AgencyAlias.objects.filter(agency__articles=OuterRef("pk"))
    tags = TaggedItem.objects.filter(article=OuterRef("pk"))
    texts_by_weight = {
        "A": [F("title")],
        "B": [
            F("dek"),
            _joined(tags.values("tag__name")),
            _joined(agencies.values("names")),
            _joined(aliases.values("name")),
        ],
        "C": [F("body")],
    }
    return reduce(
        operator.add,
        [
            SearchVector(*texts, config=config, weight=weight)
            for weight, texts in texts_by_weight.items()
            for config in CONFIGS
        ],
    )


def _joined(values_queryset):
    """The values of a one-column subquery as one space-separated text."""
    return Func(
        ArraySubquery(values_queryset),
        Value(" "),
        function="array_to_string",
        output_field=TextField(),
    )


# Matching and ranking articles: ArticleQuerySet.search() and friends.


def article_condition(query: str, vendor: str) -> Q:
    """The filter that keeps the articles matching `query`."""
    if vendor == "postgresql":
        return Q(search_vector=_full_text_query(query))
    return Terms.parse(query).condition()


def article_rank(query: str, vendor: str):
    """An expression that scores matching articles, higher is better."""
    if vendor == "postgresql":
        return SearchRank(F("search_vector"), _full_text_query(query))
    return Terms.parse(query).rank()


def article_headline(query: str):
    """The body's best passages with the matched words between the marks
    (PostgreSQL); render it with `headline_html()`."""
    return SearchHeadline(
        "body",
        _full_text_query(query),
        config=CONFIGS[0],
        start_sel=MARK_START,
        stop_sel=MARK_STOP,
        max_fragments=2,
        max_words=22,
        min_words=12,
        short_word=2,
        fragment_delimiter=" … ",
    )


def _full_text_query(query: str):
    # Not the reader's text itself: PostgreSQL's web-search parser fails on
    # some operator runs ("tsquery stack too small" after 32 minuses).
    text = Terms.parse(query).websearch()
    readings = [
        SearchQuery(text, config=config, search_type="websearch") for config in CONFIGS
    ]
    return reduce(operator.or_, readings)


def add_snippets(articles: Iterable[Article], query: str) -> None:
    """Give each article a `search_snippet`: escaped HTML, matched words in <mark>.

    Uses the `search_headline` annotation where the query made one
    (PostgreSQL), otherwise an excerpt around the first match in the body.
    """
    terms = None
    for article in articles:
        headline = getattr(article, "search_headline", None)
        if headline is not None:
            article.search_snippet = headline_html(headline, article.body)
        else:
            terms = terms or Terms.parse(query)
            article.search_snippet = terms.excerpt(article.body)


def headline_html(headline: str, source: str = "") -> SafeString:
    """A raw headline (Markdown with the marks) as escaped HTML with <mark>;
    with an ellipsis where it starts or ends inside `source`, its text."""
    plain = _plain(headline)
    if source:
        bare = plain.replace(MARK_START, "").replace(MARK_STOP, "")
        whole = _plain(source)
        if not whole.startswith(bare.split(" … ")[0][:40]):
            plain = "… " + plain
        if not whole.endswith(bare.split(" … ")[-1][-40:]):
            plain += " …"
    text = escape(plain, quote=False)
    text = re.sub(
        f"{MARK_START}([^{MARK_START}{MARK_STOP}]*){MARK_STOP}",
        r"<mark>\1</mark>",
        text,
    )
    return mark_safe(  # noqa: S308 - escaped above; only <mark> added
        text.replace(MARK_START, "").replace(MARK_STOP, "").strip()
    )


_MARKDOWN_NOISE = [
    (re.compile(r"!?\[([^\]]*)\]\([^)]*\)"), r"\1"),  # links and images: their text
    (re.compile(r"(?m)^\s{0,3}(#{1,6}|>|[-*+]|\d+\.)\s+"), ""),  # block markers
    (re.compile(r"(?<!\w)[*_`~]+|[*_`~]+(?!\w)"), ""),  # emphasis and code marks
]


def _plain(markdown_text: str) -> str:
    for pattern, replacement in _MARKDOWN_NOISE:
        markdown_text = pattern.sub(replacement, markdown_text)
    return " ".join(markdown_text.split())


# The simpler search (SQLite and other databases without the vectors).

_TOKENS = re.compile(r'(-?)"([^"]*)"?|(\S+)')
_EDGE_PUNCTUATION = "\"'“”‘’.,;:!?()[]{}<>«»"
_EXCERPT_CHARS = 240


@dataclass
class Terms:
    """A query read as groups of words and phrases: an article matches when it
    holds every term of at least one group and none of the excluded ones."""

    groups: list[list[str]] = field(default_factory=list)
    excluded: list[str] = field(default_factory=list)

    @classmethod
    def parse(cls, query: str) -> "Terms":
        """Read the query; tokens without a letter or digit (a lone "-", "&",
        "...") are operators or noise and dropped, and terms after the first
        `MAX_TERMS` are left out."""
        groups: list[list[str]] = [[]]
        excluded: list[str] = []
        kept = 0
        for minus, phrase, word in _TOKENS.findall(query):
            if word and word.lower() == "or":
                groups.append([])
                continue
            if word.startswith("-"):
                minus, word = "-", word.lstrip("-")
            term = " ".join((phrase or word).strip(_EDGE_PUNCTUATION).split())
            if not any(char.isalnum() for char in term):
                continue
            (excluded if minus else groups[-1]).append(term)
            kept += 1
            if kept == MAX_TERMS:
                break
        return cls([group for group in groups if group], excluded)

    def websearch(self) -> str:
        """The terms in PostgreSQL's web-search syntax, meaning what
        `condition()` means: each term quoted, so that nothing in it reads as
        an operator, and the exclusions repeated in every group (web search
        binds "-" tighter than "or"). Empty when nothing can match."""

        def quoted(term: str) -> str:
            return '"' + term.replace('"', " ") + '"'

        exclusions = [f"-{quoted(term)}" for term in self.excluded]
        return " or ".join(
            " ".join([*map(quoted, group), *exclusions]) for group in self.groups
        )

    @property
    def terms(self) -> list[str]:
        return [term for group in self.groups for term in group]

    @staticmethod
    def pattern(term: str) -> str:
        """A regular expression (Python's, as Django's SQLite REGEXP runs it)
        for a term at the start of a word; short terms must match whole."""
        words = [re.escape(word) for word in term.split()]
        pattern = r"\b" + r"[\W_]+".join(words)
        if len(term) <= 3:
            pattern += r"\b"
        return pattern

    def condition(self) -> Q:
        if not self.groups:
            return Q(pk__in=[])
        condition = reduce(
            operator.or_,
            [
                reduce(operator.and_, [self._term_condition(t) for t in group])
                for group in self.groups
            ],
        )
        for term in self.excluded:
            condition &= ~self._term_condition(term)
        return condition

    def _term_condition(self, term: str) -> Q:
        pattern = self.pattern(term)
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

    def rank(self):
        """Terms found in the title count most, then terms found in the summary."""
        terms = self.terms
        if not terms:
            return Value(0)
        in_title = self._hits("title", terms)
        in_dek = self._hits("dek", terms)
        return in_title * Value(len(terms) + 1) + in_dek

    def _hits(self, field_name: str, terms: list[str]):
        return reduce(
            operator.add,
            [
                Case(
                    When(**{f"{field_name}__iregex": self.pattern(term)}, then=1),
                    default=0,
                    output_field=IntegerField(),
                )
                for term in terms
            ],
        )

    def excerpt(self, markdown_text: str) -> SafeString:
        """About 240 characters of the text around the first match, escaped,
        matched terms in <mark> (the start of the text when nothing matches)."""
        text = _plain(markdown_text)
        if not self.terms:
            return mark_safe(escape(text[:_EXCERPT_CHARS], quote=False))  # noqa: S308
        finder = re.compile(
            "|".join(f"(?:{self.pattern(term)})" for term in self.terms), re.IGNORECASE
        )
        first = finder.search(text)
        start = 0
        if first and first.start() > _EXCERPT_CHARS // 3:
            start = text.rfind(" ", 0, first.start() - _EXCERPT_CHARS // 3) + 1
        end = len(text)
        if end - start > _EXCERPT_CHARS:
            end = text.rfind(" ", start, start + _EXCERPT_CHARS)
            end = end if end > start else start + _EXCERPT_CHARS
        window = text[start:end]
        pieces, position = [], 0
        for match in finder.finditer(window):
            pieces.append(escape(window[position : match.start()], quote=False))
            pieces.append(f"<mark>{escape(match.group(), quote=False)}</mark>")
            position = match.end()
        pieces.append(escape(window[position:], quote=False))
        prefix = "… " if start > 0 else ""
        suffix = " …" if end < len(text) else ""
        return mark_safe(prefix + "".join(pieces) + suffix)  # noqa: S308 - escaped


# Agencies and meetings shown above the articles.


def _plain_words(query: str) -> list[str]:
    terms = Terms.parse(query)
    return [word for term in terms.terms for word in term.split()]


def matching_agencies(query: str, limit: int = 4) -> list[Agency]:
    """Agencies the query names: a word is their acronym or an alias, or the
    whole query is part of a name (queries of four characters or more)."""
    words = _plain_words(query)
    if not words:
        return []
    whole = " ".join(words)
    condition = Q(acronym__iexact=whole) | Q(aliases__name__iexact=whole)
    for word in words:
        condition |= Q(acronym__iexact=word) | Q(aliases__name__iexact=word)
    if len(whole) >= 4:
        condition |= (
            Q(name__icontains=whole)
            | Q(name_en__icontains=whole)
            | Q(aliases__name__icontains=whole)
        )
    return list(
        Agency.objects.filter(pk__in=Agency.objects.filter(condition).values("pk"))
        .for_listing()
        .order_by("acronym", "name")[:limit]
    )


def matching_meetings(query: str, limit: int = 3) -> list[Meeting]:
    """Meetings whose title or series name holds every word of the query,
    latest first."""
    words = _plain_words(query)
    if not words:
        return []
    condition = reduce(
        operator.and_,
        [
            Q(title__icontains=word)
            | Q(series__name__icontains=word)
            | Q(series__short_name__iexact=word)
            for word in words
        ],
    )
    return list(
        Meeting.objects.filter(condition).for_listing().order_by("-start")[:limit]
    )


# The search page's query and filters.


class SearchForm(forms.Form):
    """The reader's query and filters, read from the page's GET parameters.

    A filter that does not make sense (an unknown section, a date that is not
    YYYY-MM-DD or lies outside `SEARCHABLE_DATES`) is left out and explained
    in `notices()`, never an error page.
    """

    q = forms.CharField(
        label=_("Search for"),
        required=False,
        widget=forms.TextInput(
            attrs={
                "type": "search",
                "maxlength": MAX_QUERY_LENGTH,
                "class": "field__input",
            }
        ),
    )
    section = forms.ChoiceField(
        label=_("Section"),
        required=False,
        widget=forms.Select(attrs={"class": "field__input"}),
    )
    agency = forms.ChoiceField(
        label=_("Agency"),
        required=False,
        widget=forms.Select(attrs={"class": "field__input"}),
    )

    def __init__(self, data, *, sections: list, agencies: list[Agency]):
        super().__init__(data)
        self.sections = {section.slug: section for section in sections}
        self.agencies = {agency.slug: agency for agency in agencies}
        self.fields["section"].choices = [("", _("All sections"))] + [
            (section.slug, section.name) for section in sections
        ]
        self.fields["agency"].choices = [("", _("All agencies"))] + [
            (agency.slug, _agency_label(agency)) for agency in agencies
        ]
        for name, label in (("from", _("From")), ("to", _("To"))):
            self.fields[name] = forms.DateField(
                label=label,
                required=False,
                input_formats=["%Y-%m-%d"],
                validators=[_searchable_date],
                widget=forms.DateInput(
                    attrs={"type": "date", "class": "field__input"}, format="%Y-%m-%d"
                ),
            )

    @property
    def query(self) -> str:
        return normalise_query(self.data.get("q", ""))

    def filters(self) -> "SearchFilters":
        self.is_valid()  # invalid filters are left out of cleaned_data
        cleaned = self.cleaned_data
        since, until = cleaned.get("from"), cleaned.get("to")
        swapped = bool(since and until and since > until)
        if swapped:
            since, until = until, since
        return SearchFilters(
            section=self.sections.get(cleaned.get("section") or ""),
            agency=self.agencies.get(cleaned.get("agency") or ""),
            since=since,
            until=until,
            dates_swapped=swapped,
        )

    def notices(self) -> list[str]:
        """What was left out of the reader's filters, and why."""
        self.is_valid()
        texts = {
            "section": _("There is no section “%(value)s”; searching all sections."),
            "agency": _("There is no agency “%(value)s”; searching all agencies."),
            "from": _(
                "“%(value)s” is not a date like 2022-03-24; the start date is ignored."
            ),
            "to": _(
                "“%(value)s” is not a date like 2022-03-24; the end date is ignored."
            ),
        }
        out_of_range = {
            "from": _(
                "“%(value)s” is outside the dates we can search (%(first)s to "
                "%(last)s); the start date is ignored."
            ),
            "to": _(
                "“%(value)s” is outside the dates we can search (%(first)s to "
                "%(last)s); the end date is ignored."
            ),
        }
        first, last = (day.isoformat() for day in SEARCHABLE_DATES)
        notices = []
        for name, text in texts.items():
            if name not in self.errors:
                continue
            if self.has_error(name, code="out_of_range"):
                text = out_of_range[name]
            value = self.data.get(name, "")[:40]
            notices.append(text % {"value": value, "first": first, "last": last})
        if self.filters().dates_swapped:
            notices.append(
                str(_("The start date came after the end date; we swapped them."))
            )
        return notices


def _searchable_date(value: date) -> None:
    first, last = SEARCHABLE_DATES
    if not first <= value <= last:
        raise ValidationError(
            _("Dates from %(first)s to %(last)s can be searched."),
            code="out_of_range",
            params={"first": first.isoformat(), "last": last.isoformat()},
        )


def _agency_label(agency: Agency) -> str:
    if agency.acronym and agency.acronym != agency.name:
        return f"{agency.acronym} – {agency.name}"
    return agency.name


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


def find_articles(query: str, filters: SearchFilters):
    """Published articles matching `query` and the filters, best match first,
    loaded for a result list (with `search_headline` on PostgreSQL)."""
    articles = (
        Article.objects.published()
        .search(query)
        .with_search_rank(query)
        .with_search_headline(query)
        .for_listing()
        .defer("search_vector")  # kilobytes per row, read only by the database
    )
    if filters.section:
        articles = articles.in_section(filters.section)
    if filters.agency:
        articles = articles.mentioning(filters.agency)
    if filters.since or filters.until:
        articles = articles.published_between(filters.since, filters.until)
    return articles
