"""The admin's start page: the panels of each role the person holds."""

from django import template
from django.utils import timezone
from django.utils.timesince import timesince
from django.utils.translation import gettext

from articles import desk
from articles.intake.services import can_import

register = template.Library()


@register.inclusion_tag("admin/desk/start_page.html", takes_context=True)
def desk_start_page(context):
    """The start page's panels for the person signed in (articles.desk)."""
    user = context["request"].user
    return {
        "roles": desk.start_page(user),
        "request": context["request"],
        # The desk's first steps, at the top (a reporter's "Add" was more
        # than a phone's screen down, in the app list).
        "may_write": user.has_perm("articles.add_article"),
        "may_import": can_import(user),
    }


@register.filter
def waited(since) -> str:
    """How long something has waited since `since`: "less than a minute"
    where Django's timesince says "0 minutes"."""
    if since is None:
        return ""
    now = timezone.now()
    if (now - since).total_seconds() < 60:
        return gettext("less than a minute")
    return timesince(since, now)
