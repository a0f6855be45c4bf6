"""HTML for images: <picture> with srcset and sizes from the stored
renditions, never the original. Used by the `media` template tags and by
anything that renders images outside a template (body images)."""

from django.utils.html import conditional_escape, format_html, format_html_join
from django.utils.safestring import SafeString, mark_safe

from newsroom.media.models import Image, Rendition
from newsroom.media.processing import CROPS

# The width the <img> fallback aims at: a phone's screen at 2x, or a column.
FALLBACK_WIDTH = 640


def width_renditions(image: Image, fmt: str) -> list[Rendition]:
    """The stored width renditions (w320…w1600) of one format, narrowest first.
    Uses prefetched renditions (`Image.objects.with_renditions()`) when there."""
    return sorted(
        (
            r
            for r in image.renditions.all()
            if r.format == fmt and r.spec.startswith("w")
        ),
        key=lambda r: r.width,
    )


def nearest(candidates: list[Rendition], width: int) -> Rendition | None:
    """The candidate closest to `width`, preferring one at least that wide."""
    if not candidates:
        return None
    wide_enough = [r for r in candidates if r.width >= width]
    if wide_enough:
        return min(wide_enough, key=lambda r: r.width)
    return max(candidates, key=lambda r: r.width)


def rendition_for(image: Image, spec: str, fmt: str = "jpeg") -> Rendition | None:
    """The rendition `spec` ("card", "square", "w640") in `fmt`, or while it is
    not made yet the nearest stored one: the width rendition closest to the
    spec's width, in `fmt` if any, else in any format. None only when the
    image has no rendition at all."""
    renditions = list(image.renditions.all())
    for r in renditions:
        if r.spec == spec and r.format == fmt:
            return r
    target = _spec_width(spec)
    for formats in ((fmt,), ("jpeg", "webp")):
        found = nearest(
            [r for r in renditions if r.format in formats and r.spec.startswith("w")],
            target,
        )
        if found:
            return found
    return nearest(renditions, target)


def _spec_width(spec: str) -> int:
    if spec in CROPS:
        return CROPS[spec][0]
    try:
        return int(spec.removeprefix("w"))
    except ValueError:
        return FALLBACK_WIDTH


def _srcset(renditions: list[Rendition]) -> str:
    return ", ".join(f"{r.url} {r.width}w" for r in renditions)


def picture_html(
    image: Image | None,
    *,
    sizes: str = "100vw",
    lead: bool = False,
    css_class: str = "",
    alt: str | None = None,
) -> SafeString:
    """<picture> with a WebP <source> and a JPEG <img>, each listing the
    widths stored so far; explicit width and height; lazy unless `lead`
    (then fetchpriority="high"). Empty when the image has no rendition yet."""
    if image is None:
        return mark_safe("")
    webp = width_renditions(image, "webp")
    jpeg = width_renditions(image, "jpeg")
    fallback_set = jpeg or webp
    img = nearest(fallback_set, FALLBACK_WIDTH)
    if img is None:
        return mark_safe("")
    source = (
        format_html(
            '<source type="image/webp" srcset="{}" sizes="{}">', _srcset(webp), sizes
        )
        if webp and jpeg
        else ""
    )
    attrs = [
        ("src", img.url),
        ("srcset", _srcset(fallback_set)),
        ("sizes", sizes),
        ("width", img.width),
        ("height", img.height),
        ("alt", image.alt if alt is None else alt),
    ]
    if alt is None and image.alt_language:
        attrs.append(("lang", image.alt_language))  # the alt text's language
    if lead:
        attrs.append(("fetchpriority", "high"))
    else:
        attrs.append(("loading", "lazy"))
    attrs.append(("decoding", "async"))
    if css_class:
        attrs.append(("class", css_class))
    return format_html(
        "<picture>{}<img {}></picture>",
        source,
        format_html_join(" ", '{}="{}"', attrs),
    )


def figure_html(
    image: Image | None, *, sizes: str = "100vw", alt: str | None = None
) -> SafeString:
    """A body image: <figure class="body-image"> with the picture and a
    caption with the credit, both in the active language's edition. Empty
    when the picture is."""
    picture = picture_html(image, sizes=sizes, alt=alt)
    if not picture:
        return picture
    caption = ""
    caption_text = in_its_language(image.local_caption, image.caption_language)
    credit_text = image.local_credit
    if caption_text or credit_text:
        credit = (
            format_html(
                ' <span class="credit"{}>{}</span>',
                _lang(image.credit_language),
                credit_text,
            )
            if credit_text
            else ""
        )
        caption = format_html("<figcaption>{}{}</figcaption>", caption_text, credit)
    return format_html('<figure class="body-image">{}{}</figure>', picture, caption)


def _lang(language: str) -> SafeString:
    return format_html(' lang="{}"', language) if language else mark_safe("")


def in_its_language(text: str, language: str) -> SafeString:
    """`text`, escaped; marked as in `language` when that is given (the
    other edition's text, shown for want of one in this page's)."""
    if not text or not language:
        return conditional_escape(text)
    return format_html('<span lang="{}">{}</span>', language, text)


def image_url(image: Image | None, spec: str = "card", fmt: str = "jpeg") -> str:
    """The address of a rendition (or the nearest stored one); empty if none."""
    if image is None:
        return ""
    rendition = rendition_for(image, spec, fmt)
    return rendition.url if rendition else ""
