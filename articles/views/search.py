"""The reader's search page: /search/?q=…, with filters and pages."""

import hashlib
from urllib.parse import parse_qsl

from django.conf import settings
from django.core.handlers.wsgi import WSGIRequest
from django.core.paginator import Page, Paginator
from django.http import HttpResponseBadRequest
from django.shortcuts import render
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext, ngettext

from agencies.models import Agency, Meeting
from newsroom import cachetags
from newsroom.bilingual import default_language
from newsroom.query_plans import planned_each_time
from newsroom.search_terms import Terms, normalise_query, shortened_query

from ..forms import SearchForm, search_params
from ..models import Article, Section
from ..pagination import CappedPaginator
from ..ratelimits import search_retry_after
from ..search.query import (
    MAX_QUERY_LENGTH,
    agencies_named,
    find_articles,
    finds_word_forms,
    newest_candidates,
    ranked_candidates,
    ranked_page,
    ranks_in_database,
)
from ..search.snippets import add_snippets
from ..timed_changes import seconds_until_next_change
from .editions import (
    FEW,
    edition_page,
    load_pictures,
    other_edition_block,
    other_language,
    page_number,
)


@planned_each_time  # a search's plan depends on its words
def search(request):
    """Articles matching the query, with the agencies and meetings it names
    above them, the most relevant first or (?sort=date) the newest; a query
    with no word to search for (empty, "-", "--") gets a page of advice
    instead, which says that filters need a word when some are set, and that
    a query of symbols alone has none (no_words_notice()). A query longer
    than the search box takes is cut to it first, and the page says so
    (keep_query_within_limit()). An address whose query cannot be read gets
    a 400 (undecodable_query())."""
    if undecodable_query(request):
        return HttpResponseBadRequest(
            render_to_string("articles/search_unreadable.html")
        )
    cut = keep_query_within_limit(request)
    params = search_params(request.GET)
    agencies = chosen_agency(params)
    if agencies and params.get("agency") != agencies[0].slug:
        params = params.copy()  # named by acronym: the form's choice is its slug
        params["agency"] = agencies[0].slug
    form = SearchForm(params, sections=sections(), agencies=agencies)
    query, filters = form.query, form.filters()
    notices = form.notices()
    if cut:
        notices.insert(
            0,
            ngettext(
                "Your search was cut to its first %(limit)s character.",
                "Your search was cut to its first %(limit)s characters.",
                MAX_QUERY_LENGTH,
            )
            % {"limit": MAX_QUERY_LENGTH},
        )
    context = {
        "form": form,
        "query": query,
        "filters": filters,
        "newest_first": form.newest_first,
        "notices": notices,
        "agency_select": agency_select(form),
    }
    if not (terms := Terms.parse(query)).groups and not terms.excluded:
        # No word in it ("", "-", "--", "&"): nothing to search for. The
        # tips say only what this search does.
        if notice := no_words_notice(query):
            notices.insert(1 if cut else 0, notice)
        context.update(state="empty", query="", finds_word_forms=finds_word_forms())
    elif retry_after := search_retry_after(request):
        # One address asking faster than a person reads: the page says when
        # to try again, and no search runs.
        context.update(state="limited", retry_after=retry_after)
        response = render(request, "articles/search.html", context, status=429)
        response["Retry-After"] = str(retry_after)
        return response
    else:
        articles = find_articles(query, filters)
        found = results_page(request, query, articles, newest_first=form.newest_first)
        add_snippets(found["page_obj"].object_list, query)
        if found["other_edition"]:
            add_snippets(found["other_edition"]["articles"], query)
        context.update(
            found,
            state="results",
            agencies_found=list(agencies_named(query)[:4]),
            meetings_found=list(Meeting.objects.matching(query).for_listing()[:3]),
        )
    return render(request, "articles/search.html", context)


# How much of the reader's text a notice shows back, as the form's do
# (SearchForm.notices()).
NOTICE_TEXT_LENGTH = 40


def no_words_notice(query: str) -> str | None:
    """What the page says of a query Terms.parse() reads as no word: of
    symbols alone ("😀", "+++", "&&&"), that the search finds words and
    numbers; of operators alone ("or", "OR OR", "-bnpt or"), that they only
    join or leave out words (a tester's "or" got the tips without a word of
    why). None for an empty query."""
    if not query.strip():
        return None
    if any(char.isalnum() for char in query):
        said = gettext(
            "Nothing to search for in “%(query)s”: “or” and “-” only join or "
            "leave out words; give a word to find."
        )
    else:
        said = gettext(
            "No words to search for in “%(query)s”: search finds words and numbers."
        )
    return said % {"query": query[:NOTICE_TEXT_LENGTH]}


def undecodable_query(request) -> bool:
    """Whether the address's query holds bytes that are not UTF-8 ("?q=abc%ff"):
    no search box sends them (a page's forms are UTF-8). Django read each as
    a replacement character (U+FFFD), which the page searched for and showed
    back. Refused, as a form sent with such bytes is
    (newsroom.middleware.undecodable_form)."""
    query = request.META.get("QUERY_STRING", "")
    if isinstance(request, WSGIRequest):
        # PEP 3333: the bytes sent, each as the Latin-1 character.
        try:
            query = query.encode("iso-8859-1").decode()
        except UnicodeError:
            return True
    try:
        parse_qsl(query, keep_blank_values=True, errors="strict")
    except UnicodeDecodeError:
        return True
    return False


def keep_query_within_limit(request) -> bool:
    """Put the reader's ?q= within MAX_QUERY_LENGTH (the search box's
    maxlength, which a link or a script need not keep) in `request.GET`
    itself, before anything reads it: the query searched and every place the
    page shows it again (the box, the title, canonical and hreflang links,
    the switcher, the filters' and pages' links) read it there. Normalised
    (normalise_query()), then cut after its last whole word that fits
    (shortened_query()). Whether words were cut off."""
    sent = request.GET.get("q", "")
    if len(sent) <= MAX_QUERY_LENGTH:
        return False
    query = normalise_query(sent)
    kept = shortened_query(query, MAX_QUERY_LENGTH)
    params = request.GET.copy()
    params["q"] = kept
    params._mutable = False
    request.GET = params
    return kept != query


def results_page(request, query: str, articles, *, newest_first: bool = False) -> dict:
    """edition_page() for a search's results (`articles`, find_articles()),
    the most relevant first, or the newest with `newest_first`: among the
    newest candidates alike (ranked_candidates(), newest_candidates()), one
    query for them (and so the count), one for the other edition's when the
    edition has fewer than FEW (its first FEW shown below, in the same
    order, and its count, as that edition's page counts it), and one for the
    rows of both. The most relevant first where the
    database does not rank (SQLite): edition_page()."""
    if not newest_first and not ranks_in_database(articles):
        return edition_page(request, articles)
    language = translation.get_language() or default_language()
    unloaded = articles.prefetch_related(None)
    if newest_first:
        unloaded = unloaded.latest_first()

    def candidates(rows, counted: int) -> tuple[list[int], int]:
        if newest_first:
            return newest_candidates(rows, counted)
        return ranked_candidates(query, rows, counted)

    own = unloaded.in_language(language)
    cap = CappedPaginator.cap  # the public lists' count
    ids, counted = candidates(own, cap + 1)
    paginator = Paginator(ids, settings.ARTICLES_PER_PAGE)
    paginator.count = min(counted, cap)  # known: not counted again
    paginator.capped = counted > cap
    # Past the last page: the last, as get_page() gives (below the first, the
    # first: page_number()).
    number = min(page_number(request), paginator.num_pages)
    start = (number - 1) * paginator.per_page
    stop = min(start + paginator.per_page, paginator.count)
    shown = set(ids[start:stop])
    best, theirs_counted = [], 0
    if number == 1 and paginator.count < FEW:
        theirs = unloaded.in_language(other_language(language))
        best, theirs_counted = candidates(theirs, cap + 1)
    # One read for both, in the search's order: each keeps it.
    both = ranked_page(unloaded, [*shown, *best[:FEW]])
    rows = [article for article in both if article.pk in shown]
    others = [article for article in both if article.pk not in shown]
    page = Page(rows, number, paginator)
    other_edition = None
    if others:
        other_edition = other_edition_block(
            language, rows, others, counted=theirs_counted
        )
    load_pictures([*rows, *(other_edition or {}).get("articles", [])])
    return {"page_obj": page, "other_edition": other_edition}


def sections() -> list:
    """The sections the search filters offer (cached while none changes)."""
    return cachetags.remember(
        "search-sections",
        (cachetags.SITE,),
        lambda: list(Section.objects.order_by("order", "name")),
    )


# The agency filter offers the agencies the edition's published stories name
# most: at 2,000 agencies a <select> of all of them is 150 KB that no reader
# scrolls. Any other is one click away: each agency card above the results
# narrows the search to it, and a chosen agency is always offered.
AGENCY_OPTIONS = 60


def filter_agencies(language: str) -> list:
    """The agencies the filter offers in `language`'s edition, by acronym and
    name."""
    stories = Article.objects.published().in_language(language)
    ids = list(stories.most_covered_agencies(AGENCY_OPTIONS))
    chosen = Agency.objects.filter(pk__in=ids).alphabetical()
    return list(chosen.only("slug", "acronym", "name", "name_en"))


# The longest ?agency= looked up: an agency's slug is at most 80 characters.
AGENCY_VALUE_LENGTH = 80
AGENCY_FIELDS = ("slug", "acronym", "name", "name_en")


def chosen_agency(params) -> list:
    """The agency the reader's ?agency= names, as a list: [] when it names
    none (an agency found cached while no agency changes). Named by its slug, or by its
    acronym or an alias in any case (Agency.objects.called(): ?agency=BNPT)
    when that is one agency's alone; a name several agencies go by (two
    countries' BIN) names none. The form is given only this one: it checks
    the choice, and not every request pays for 2,000 agencies."""
    value = params.get("agency") or ""
    if not value.strip() or len(value) > AGENCY_VALUE_LENGTH:
        return []  # no agency's: the form says so

    def find() -> list:
        found = list(
            (Agency.objects.filter(slug=value) | Agency.objects.called(value))
            .order_by("pk")
            .only(*AGENCY_FIELDS)
        )
        by_slug = [agency for agency in found if agency.slug == value]
        return by_slug or (found if len(found) == 1 else [])

    # Not "search-agency-…": the code before kept [] there for an acronym.
    # Only an agency found is kept: a tester's 50 made-up values had left 50
    # keys for a day.
    return cachetags.remember(
        f"search-agency-by-{hashlib.sha256(value.encode()).hexdigest()[:32]}",
        (cachetags.REGISTRY,),
        find,
        keep=bool,
    )


def agency_options() -> str:
    """The agency filter's <option>s in the page's language, as the form
    labels them (cached while no agency or story changes, and until the
    next scheduled story goes out)."""

    language = translation.get_language() or default_language()

    def write() -> str:
        every = SearchForm({}, sections=[], agencies=filter_agencies(language))
        return "".join(
            f'<option value="{escape(value)}">{escape(label)}</option>'
            for value, label in every.fields["agency"].choices
        )

    # A scheduled story going out may name an agency with no write. (Not
    # "search-agency-options-…": the code before kept a pair there.)
    return cachetags.remember(
        f"search-agency-filter-{language}",
        (cachetags.REGISTRY, cachetags.ARTICLES),
        write,
        timeout=lambda: seconds_until_next_change(24 * 60 * 60),
    )


def agency_select(form) -> SafeString:
    """The agency filter's <select>, written out directly from the cached
    options (the widget's templates cost ~0.1 s for 2,000 agencies), the
    reader's choice marked in them, or added first when it is not among
    them (none when it names no agency: the page says so)."""
    field = form["agency"]
    options = agency_options()
    chosen = "" if field.errors else escape(str(field.value() or ""))
    if chosen:
        marked = options.replace(
            f'<option value="{chosen}">', f'<option value="{chosen}" selected>', 1
        )
        if marked == options:  # not among the offered: offered first
            label = escape(dict(field.field.choices).get(field.value(), chosen))
            first = options.index("</option>") + len("</option>")
            marked = (
                f'{options[:first]}<option value="{chosen}" selected>{label}</option>'
                f"{options[first:]}"
            )
        options = marked
    css_class = escape(field.field.widget.attrs.get("class", ""))
    invalid = ' aria-invalid="true"' if field.errors else ""
    return mark_safe(  # noqa: S308 - every value and label escaped
        f'<select name="{escape(field.html_name)}" class="{css_class}"'
        f' id="{escape(field.auto_id)}"{invalid}>{options}</select>'
    )
