"""The reader's search page: /search/?q=…, with filters and pages."""

from django.shortcuts import render

from agencies.models import Agency, Meeting

from ..forms import SearchForm
from ..models import Section
from ..search.query import MAX_QUERY_LENGTH, find_articles
from ..search.snippets import add_snippets
from .editions import edition_page


def search(request):
    """Articles matching the query, with the agencies and meetings it names
    above them; an empty or too long query gets a page of advice instead."""
    form = SearchForm(
        request.GET,
        sections=list(Section.objects.order_by("order", "name")),
        agencies=list(Agency.objects.order_by("acronym", "name")),
    )
    query, filters = form.query, form.filters()
    context = {
        "form": form,
        "query": query,
        "filters": filters,
        "notices": form.notices(),
        "max_length": MAX_QUERY_LENGTH,
    }
    if not query:
        context["state"] = "empty"
    elif len(query) > MAX_QUERY_LENGTH:
        context["state"] = "too_long"
    else:
        found = edition_page(request, find_articles(query, filters))
        add_snippets(found["page_obj"].object_list, query)
        if found["other_edition"]:
            add_snippets(found["other_edition"]["articles"], query)
        context.update(
            found,
            state="results",
            agencies_found=list(Agency.objects.matching(query).for_listing()[:4]),
            meetings_found=list(Meeting.objects.matching(query).for_listing()[:3]),
        )
    return render(request, "articles/search.html", context)
