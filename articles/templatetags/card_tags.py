"""Story cards (templates/includes/article_card.html) and the home page's
meetings (home_meeting.html) rendered once for what they show:
`{% article_card article %}` renders the card as the include would, and
remembers the HTML under everything the card reads (card_key()); likewise
`{% home_meeting meeting %}` (meeting_key()).

Content-addressed, so never stale and never invalidated: a change of a shown
field is a new key, and the card is rendered anew on the next request. Kept
in the process (a bounded dict) rather than the shared cache: a new release
(the card's template, the tags it loads, the translations) starts new
processes with none of the old cards, and a page's cards cost no round trip.
"""

from django import template
from django.utils.safestring import mark_safe

from ..fragments import Fragments, written_in

register = template.Library()

CARD_TEMPLATE = "includes/article_card.html"
REMEMBERED_CARDS = 4096  # cards (and meetings) a process keeps, about 1 KB each
_cards = Fragments(REMEMBERED_CARDS)


def card_key(article, *, heading_level, hide_section, language_code) -> tuple:
    """Everything article_card.html shows, and what its HTML depends on: the
    story's headline, dek, date, comment count and address (what its URL is
    made of), its section's name and address, its picture's renditions, the
    card's options, the language and time zone it is written in. A field the
    card starts to show must be added here."""
    section = article.section
    image = article.featured_image
    pictures = None
    if image is not None:
        pictures = (
            image.pk,
            image.alt,
            image.alt_language,  # lang="id" on an English card's Indonesian alt
            tuple(
                (r.pk, r.spec, r.format, r.width, r.height, r.url)
                for r in image.renditions.all()
            ),
        )
    return (
        article.title,
        article.dek,
        article.language,
        article.slug,
        article.published_at,
        article.created_at,
        article.approved_comment_count,
        (section.slug, section.name, section.name_en) if section else None,
        pictures,
        heading_level,
        bool(hide_section),
        *written_in(language_code),
    )


@register.simple_tag(takes_context=True)
def article_card(context, article):
    """The card of `article` (for_listing()), with the context's
    `heading_level` and `hide_section`: the HTML of
    `{% include "includes/article_card.html" %}`, rendered once for what it
    shows."""
    key = card_key(
        article,
        heading_level=context.get("heading_level"),
        hide_section=context.get("hide_section"),
        language_code=context.get("LANGUAGE_CODE"),
    )
    return _remembered(context, CARD_TEMPLATE, key, article=article)


MEETING_TEMPLATE = "includes/home_meeting.html"


def meeting_key(meeting, *, language_code) -> tuple:
    """Everything home_meeting.html shows, and what its HTML depends on: the
    meeting's title, start and the zone it is told in, city and country,
    its address (its slug, in the page's language), the language and time
    zone the page is written in. A field the template starts to show must
    be added here."""
    return (
        meeting.slug,
        meeting.title,
        meeting.title_en,
        meeting.start,
        meeting.timezone,
        meeting.city,
        str(meeting.country),
        *written_in(language_code),
    )


@register.simple_tag(takes_context=True)
def home_meeting(context, meeting):
    """A meeting in the home page's agenda: the HTML of
    `{% include "includes/home_meeting.html" %}`, rendered once for what it
    shows."""
    key = meeting_key(meeting, language_code=context.get("LANGUAGE_CODE"))
    return _remembered(context, MEETING_TEMPLATE, key, meeting=meeting)


def _remembered(context, template_name: str, key: tuple, **values):
    """`template_name` rendered with `values` pushed on `context`, as an
    include would, remembered under `key` (everything it shows)."""
    key = (template_name, *key)
    html = _cards.get(key)
    if html is None:
        fragment = context.template.engine.get_template(template_name)
        with context.push(**values):
            html = fragment.render(context)
        _cards.keep(key, html)
    return mark_safe(html)  # noqa: S308 - the template's own escaped output
