"""Draw the site's default social image: the picture a shared page without
one of its own shows (og:image in templates/base.html), 1200×630 as the
stories' cards. Its logo, the newsroom's name and the tagline in each
language, in the site's colours; all of it in the middle square, which is
what a "summary" card crops it to. Run it again after changing
NEWSROOM_NAME, then collectstatic."""

from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand
from django.utils import translation
from PIL import Image, ImageDraw, ImageFont

from newsroom.seo import SOCIAL_IMAGE_PATH, SOCIAL_IMAGE_SIZE

# static/css/site.css: --paper-tint, --ink, --ink-soft, --accent.
PAPER = "#f5f3ef"
INK = "#1a1a1a"
INK_SOFT = "#4a4a4a"
ACCENT = "#a4161a"
# The site's serif and sans where the system has them (Debian's
# fonts-liberation), else Pillow's own sans.
SERIF_BOLD = "/usr/share/fonts/truetype/liberation/LiberationSerif-Bold.ttf"
SANS = "/usr/share/fonts/truetype/liberation/LiberationSans-Regular.ttf"
# static/img/logo.svg, a 32-unit square: its white bars (x, y, width, height).
LOGO_BARS = [
    (7, 8, 18, 3),
    (7, 14, 8, 10),
    (17, 14, 8, 2),
    (17, 18, 8, 2),
    (17, 22, 6, 2),
]
TAGLINE = "Meetings between government agencies"  # base.html's, translated


def font(path: str, size: int) -> ImageFont.FreeTypeFont | ImageFont.ImageFont:
    if Path(path).exists():
        return ImageFont.truetype(path, size)
    return ImageFont.load_default(size)


def fitted(draw, text: str, path: str, size: int, width: int):
    """The font of `path` at `size`, smaller if need be for `text` to fit
    in `width` pixels."""
    while size > 12 and draw.textlength(text, font=font(path, size)) > width:
        size -= 2
    return font(path, size)


def draw_logo(draw, left: int, top: int, side: int) -> None:
    unit = side / 32
    draw.rounded_rectangle(
        (left, top, left + side, top + side), radius=round(6 * unit), fill=ACCENT
    )
    for x, y, w, h in LOGO_BARS:
        box = (
            left + x * unit,
            top + y * unit,
            left + (x + w) * unit,
            top + (y + h) * unit,
        )
        draw.rounded_rectangle(box, radius=round(unit), fill="#fff")


def social_image(name: str, taglines: list[str]) -> Image.Image:
    width, height = SOCIAL_IMAGE_SIZE
    image = Image.new("RGB", (width, height), PAPER)
    draw = ImageDraw.Draw(image)
    middle, text_width = width // 2, height - 80  # inside the middle square
    draw.rectangle((0, height - 16, width, height), fill=ACCENT)
    draw_logo(draw, middle - 70, 105, 140)
    title = fitted(draw, name, SERIF_BOLD, 104, text_width)
    draw.text((middle, 275), name, font=title, fill=INK, anchor="ma")
    draw.line((middle - 60, 417, middle + 60, 417), fill=INK, width=3)
    for number, line in enumerate(taglines):
        text = fitted(draw, line, SANS, 32, text_width)
        draw.text(
            (middle, 445 + number * 44), line, font=text, fill=INK_SOFT, anchor="ma"
        )
    return image


class Command(BaseCommand):
    help = (
        f"Draw static/{SOCIAL_IMAGE_PATH}, the image shared pages without a "
        "picture of their own show, from NEWSROOM_NAME."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--output",
            type=Path,
            default=Path(settings.BASE_DIR, "static", SOCIAL_IMAGE_PATH),
            help="Where to write the PNG (default: %(default)s).",
        )

    def handle(self, *args, output: Path, **options):
        taglines = []
        for code, _name in settings.LANGUAGES:
            with translation.override(code):
                taglines.append(translation.gettext(TAGLINE))
        image = social_image(settings.NEWSROOM_NAME, list(dict.fromkeys(taglines)))
        output.parent.mkdir(parents=True, exist_ok=True)
        image.save(output, "PNG", optimize=True)
        self.stdout.write(f"Wrote {output} ({image.width}×{image.height}).")
