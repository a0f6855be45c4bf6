"""{% load media %}: images in templates, through their renditions only."""

from django import template

from newsroom.media import rendering

register = template.Library()


@register.simple_tag
def picture(image, sizes="100vw", lead=False, css_class="", alt=None):
    """{% picture image sizes="(min-width: 60em) 40em, 100vw" lead=True %}"""
    return rendering.picture_html(
        image, sizes=sizes, lead=lead, css_class=css_class, alt=alt
    )


@register.simple_tag
def figure(image, sizes="100vw", alt=None):
    """{% figure image %}: a body image with its caption and credit."""
    return rendering.figure_html(image, sizes=sizes, alt=alt)


@register.filter
def widest_width(image) -> int:
    """{{ image|widest_width }}: the pixel width of its widest stored width
    rendition, the most it can be shown at unblurred; 0 when it has none."""
    if image is None:
        return 0
    renditions = rendering.width_renditions(image, "jpeg") + (
        rendering.width_renditions(image, "webp")
    )
    return max((r.width for r in renditions), default=0)


@register.simple_tag
def image_url(image, spec="card", fmt="jpeg"):
    """{% image_url image "card" %}: the address of a rendition, for og:image."""
    return rendering.image_url(image, spec, fmt)
