from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MediaConfig(AppConfig):
    name = "newsroom.media"
    label = "media"
    verbose_name = _("Media library")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        import reversion

        from .models import Image

        # Every save of an image keeps a revision (services.py): its History
        # compares and restores them, and its change page's edit lock
        # refuses a save from a page opened before a colleague's.
        reversion.register(Image)
