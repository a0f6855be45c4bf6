"""django-taggit as the desk names it: "Tags" (Indonesian "Tag"), not
"Taggit", over its list in the admin's menu and start page. In a module of
its own: an apps.py holding two configs would leave Django to choose."""

from django.utils.translation import gettext_lazy as _
from taggit.apps import TaggitAppConfig


class TagsConfig(TaggitAppConfig):
    verbose_name = _("Tags")
