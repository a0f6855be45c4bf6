"""The reader's search page: /search/?q=…, with filters and pages."""

from django.shortcuts import render

from agencies.models import Agency
from newsroom.pagination import paginate

from .. import search as finder
from ..models import Section


def search(request):
    """Articles matching the query, with the agencies and meetings it names
    above them; an empty or too long query gets a page of advice instead."""
    form = finder.SearchForm(
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
        "max_length": finder.MAX_QUERY_LENGTH,
    }
    if not query:
        context["state"] = "empty"
    elif len(query) > finder.MAX_QUERY_LENGTH:
        context["state"] = "too_long"
    else:
        page = paginate(request, finder.find_articles(query, filters))
        finder.add_snippets(page.object_list, query)
        context.update(
            state="results",
            page_obj=page,
            agencies_found=finder.matching_agencies(query),
            meetings_found=finder.matching_meetings(query),
        )
    return render(request, "articles/search.html", context)
