from django.conf import settings
from django.utils.functional import SimpleLazyObject

from articles.models import Section
from newsroom import cachetags


def site(request):
    """Values every public template may use.

    `nav_sections` is lazy: read on pages that show the navigation, from the
    cache while no section changes (newsroom/cachetags.py), else one query.
    """
    return {
        "NEWSROOM_NAME": settings.NEWSROOM_NAME,
        "nav_sections": SimpleLazyObject(navigation_sections),
    }


def navigation_sections() -> list:
    return cachetags.remember(
        "nav-sections",
        (cachetags.SITE,),
        lambda: list(Section.objects.in_navigation()),
    )
