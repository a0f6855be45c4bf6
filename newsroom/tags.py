"""django-taggit as the desk names it: "Tags" (Indonesian "Tag"), not
"Taggit", over its list in the admin's menu and start page. In a module of
its own: an apps.py holding two configs would leave Django to choose.

And a tag's slug as the site's other slugs are (tag_slug()): taggit kept a
name's accents in it ("são-tomé"), which the tag page's address
(`tags/<slug:slug>/`) cannot route, and every story carrying the tag
answered 500."""

from django.utils.translation import gettext_lazy as _
from taggit.apps import TaggitAppConfig

from .text import slug_of

# What a tag's slug is made of at most: room left in taggit's column (100)
# for "-2", "-3"… ("⑽" alone is "10" in ASCII: a name can make a longer slug).
TAG_SLUG_BASE_MAX = 90
# The slug of a tag whose name has no Latin letter or digit (Arabic, Chinese,
# emoji): there is nothing to spell it with in an address.
NO_LATIN_SLUG = "tag"


def tag_slug(name: str, number: int | None = None) -> str:
    """The slug of a tag named `name`: ASCII, accents left off, as
    newsroom.text.slug_of() makes every slug of the site ("São Tomé" is
    "sao-tome"), or "tag" when nothing of the name is left; with `number`
    (taggit's 1, 2… while the slug is taken) "-2", "-3"…, as a story's."""
    base = slug_of(name)[:TAG_SLUG_BASE_MAX].strip("-_") or NO_LATIN_SLUG
    return base if number is None else f"{base}-{number + 1}"


def _taggit_slugify(tag, name: str, i: int | None = None) -> str:
    return tag_slug(name, i)


class TagsConfig(TaggitAppConfig):
    verbose_name = _("Tags")

    def ready(self):
        # taggit's Tag makes its slug in Tag.slugify(name, i), which its save()
        # calls for a new tag (the article form's, the wire import's, the tag
        # admin's, a merge's) and again with 1, 2… while the slug is taken.
        # The site uses taggit's own Tag (its table and admin): a tag model of
        # our own would move every tag and tagged story; its setting
        # TAGGIT_STRIP_UNICODE_WHEN_SLUGIFYING needs `unidecode` and still
        # leaves an Arabic name an empty slug.
        from taggit.models import Tag

        Tag.slugify = _taggit_slugify
