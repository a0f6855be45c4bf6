from django.conf import settings

from articles.models import Section


def site(request):
    """Values every public template may use.

    `nav_sections` is a lazy queryset: it costs one query, and only on pages
    that show the navigation.
    """
    return {
        "NEWSROOM_NAME": settings.NEWSROOM_NAME,
        "nav_sections": Section.objects.in_navigation(),
    }
