"""A page's counterpart in another edition, for a switch made without the
page at hand (the old language form, newsroom.editions.set_language): what
the page's own language switcher says, from the same rules."""

from django.urls import ResolverMatch
from django.utils import translation

from newsroom.bilingual import alternates, default_language

from ..models import Article
from .articles import published_story, published_translations, tag_switch_to


def switch_to(request, match: ResolverMatch, language: str) -> dict[str, str | None]:
    """The `switch_to` ({language: path or None}, as a view gives it to
    newsroom/templatetags/edition_tags.py) of the page `match` (resolved in
    its own edition, the active language) for `language`: an article's
    published translation in it, or None (the switch says it is not
    available and leads to that edition's home), as the article page's
    switcher (its `alternates`); a tag's page there as the tag page's
    (tag_switch_to()). Empty for any other page, or one not found: the
    same address in the other edition."""
    slug = match.kwargs.get("slug", "").lower()
    if match.view_name == "articles:article_detail":
        article = published_story(slug) or (
            Article.objects.published().formerly_at(slug).first()
        )
        if article is None:
            return {}
        found = alternates(request, article, published_translations(article))
        return {language: found.get(language)}
    if match.view_name == "articles:tag_detail":
        tags = Article.objects.published().carried_tags_across(language)
        tag = tags.filter(slug=slug).first()
        if tag is None:
            return {}
        here = translation.get_language() or default_language()
        told_here = Article.objects.published().tagged(tag).in_language(here)
        return tag_switch_to(tag, language, told_here=told_here.exists())
    return {}
