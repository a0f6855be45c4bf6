from django.conf import settings


def site(request):
    """Values every public template may use."""
    return {"NEWSROOM_NAME": settings.NEWSROOM_NAME}
