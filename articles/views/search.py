"""The reader's search page: /search/?q=…, with filters and pages."""

from django.shortcuts import render

from agencies.models import Agency, Meeting

from ..forms import SearchForm
from ..models import Section
from ..pagination import paginate
from ..search.query import MAX_QUERY_LENGTH, find_articles
from ..search.snippets import add_snippets


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
        page = paginate(request, find_articles(query, filters))
        add_snippets(page.object_list, query)
        context.update(
            state="results",
            page_obj=page,
            agencies_found=list(Agency.objects.matching(query).for_listing()[:4]),
            meetings_found=list(Meeting.objects.matching(query).for_listing()[:3]),
        )
    return render(request, "articles/search.html", context)
