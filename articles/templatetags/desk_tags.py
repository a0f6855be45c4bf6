"""The admin's start page: the panels of each role the person holds."""

from django import template

from articles import desk

register = template.Library()


@register.inclusion_tag("admin/desk/start_page.html", takes_context=True)
def desk_start_page(context):
    """The start page's panels for the person signed in (articles.desk)."""
    user = context["request"].user
    return {"roles": desk.start_page(user), "request": context["request"]}
