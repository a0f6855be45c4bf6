from django import template
from django.utils.safestring import mark_safe

from articles.rendering import render_markdown

register = template.Library()


@register.filter
def markdown(text: str, language: str = "") -> str:
    """Markdown rendered and sanitised (see articles.rendering).

    `{{ article.body|markdown:article.language }}` tells the renderer the
    body's language, so that foreign phrases are marked as such.
    """
    html = render_markdown(text, language=language)
    return mark_safe(html)  # noqa: S308 - sanitised by nh3


@register.simple_tag(takes_context=True)
def page_url(context, page_number) -> str:
    """The link to a page of the current list: its other query parameters
    kept, `page` set to `page_number`, or left out for the first page,
    whose address has none (its canonical: "?page=1" was the same page at
    a second address). The path itself when nothing else is left."""
    request = context["request"]
    query = request.GET.copy()
    if str(page_number) == "1":
        query.pop("page", None)
    else:
        query["page"] = page_number
    return f"?{query.urlencode()}" if query else request.path
