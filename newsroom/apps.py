from django.apps import AppConfig


class NewsroomConfig(AppConfig):
    name = "newsroom"

    def ready(self):
        from . import checks  # noqa: F401  (registers the system checks)

        # The page cache: what each write makes stale, and the CDN's purge.
        from .pagecache import invalidation, purge  # noqa: F401

        invalidation.connect()

        from django.contrib import admin

        from .admin_login import StaffLoginForm

        admin.site.login_form = StaffLoginForm
