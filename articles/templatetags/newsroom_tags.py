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
    """The current URL with its `page` query parameter replaced."""
    query = context["request"].GET.copy()
    query["page"] = page_number
    return "?" + query.urlencode()
