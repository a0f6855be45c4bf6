"""Article bodies: Markdown in, sanitised HTML out.

Library images go in the body as `![alt](image:42)` (42: the image's id in
the media library): each becomes a figure with the image's renditions,
caption and credit (newsroom.media), put in after the sanitiser has run, so
that the author's own markup never reaches the page unsanitised.
"""

import functools
import hashlib
import logging
import re
import secrets
import xml.etree.ElementTree as etree
from collections.abc import Callable, Collection, Iterable
from html import escape, unescape

import markdown
import nh3
from django.core.cache import caches
from markdown.extensions import Extension
from markdown.extensions.fenced_code import FencedBlockPreprocessor
from markdown.extensions.tables import TableProcessor
from markdown.inlinepatterns import (
    IMAGE_LINK_RE,
    LINK_RE,
    ImageInlineProcessor,
    InlineProcessor,
    LinkInlineProcessor,
)
from markdown.treeprocessors import Treeprocessor, UnescapeTreeprocessor
from markdown.util import AMP_SUBSTITUTE

from newsroom import cachetags
from newsroom.media.models import Image, Usage
from newsroom.media.rendering import figure_html, picture_html

logger = logging.getLogger(__name__)

ALLOWED_TAGS = {
    "p",
    "br",
    "hr",
    "em",
    "strong",
    "a",
    "ul",
    "ol",
    "li",
    "blockquote",
    "h2",
    "h3",
    "h4",
    "code",
    "pre",
    "sup",
    "sub",
    "table",
    "thead",
    "tbody",
    "tr",
    "th",
    "td",
}
# "*": no attribute on every tag (nh3 would otherwise allow any lang and title).
ALLOWED_ATTRIBUTES = {"*": set(), "a": {"href", "title"}, "th": {"scope"}}
# Attributes allowed with these values only.
ALLOWED_ATTRIBUTE_VALUES = {"em": {"lang": {"en", "id"}}}
URL_SCHEMES = {"http", "https", "mailto"}
# What may stand at the body's top level inside a paragraph only (text too).
PHRASING_TAGS = frozenset({"a", "em", "strong", "code", "sup", "sub", "br"})
EMPTY_TAGS = frozenset({"br", "hr"})
# The page's title is its h1: the body's headings are h2 to h4 (`#` and a
# Setext heading are its first level, `#####` and deeper its last).
HEADING_LEVELS = {"h1": "h2", "h5": "h4", "h6": "h4"}

# The language of the phrases an author underlines (`_Joint Working Group_`)
# in a body written in the key's language.
UNDERSCORED_PHRASES_LANGUAGE = {"id": "en"}

# `_phrase_` with the delimiters outside words, as Markdown's own underscore
# emphasis: `file_name_here` stays as it is, `__strong__` is left to Markdown.
# A phrase is at most PHRASE_MAX characters: unbounded, every underscore that
# opens none (`_a _a _a …`) was tried against the rest of the paragraph, and
# 200 KB of them took more than 20 s.
PHRASE_MAX = 300
UNDERSCORE_EMPHASIS_RE = (
    rf"(?<![\w_])_(?![\s_])(.{{1,{PHRASE_MAX}}}?)(?<![\s_])_(?![\w_])"
)


class UnderscoredPhraseProcessor(InlineProcessor):
    """Single-underscore emphasis as `<em lang="…">`, for foreign phrases."""

    def __init__(self, pattern: str, lang: str):
        super().__init__(pattern)
        self.lang = lang

    def handleMatch(self, m, data):  # noqa: N802 - Markdown's API
        element = etree.Element("em", {"lang": self.lang})
        element.text = m.group(1)  # still parsed for links, strong, code…
        return element, m.start(0), m.end(0)


class UnderscoredPhrasesExtension(Extension):
    """Underscore emphasis marks phrases in another language; asterisks do not.

    Registered above Markdown's emphasis (priority 60 for `*` and `_`), so
    single underscores reach this processor first; what is inside is parsed
    as usual.
    """

    def __init__(self, *, lang: str):
        super().__init__()
        self.lang = lang

    def extendMarkdown(self, md):  # noqa: N802 - Markdown's API
        md.inlinePatterns.register(
            UnderscoredPhraseProcessor(UNDERSCORE_EMPHASIS_RE, self.lang),
            "underscored_phrase",
            65,
        )


# `![alt](image:42)`: a library image by its id (Markdown's own image
# syntax, so that any Markdown editor shows it as an image).
LIBRARY_IMAGE_RE = r"!\[([^\]\n]{0,300})\]\(\s*image:(\d{1,12})\s*\)"
# The widths the pictures take in the story's column (static/css/site.css):
# the column is the page less its side gaps (--gap: 1rem, up to 3vw from
# 33.34rem wide) up to 42rem (--measure, reached at 44.6875rem); a figure is
# the column less the browser's 40px margin on either side. Measured in
# Chromium: 278px at 390px, 592px at 1280px
# (tests/e2e/test_body_image_sizes.py).
BODY_FIGURE_SIZES = (
    "(min-width: 44.6875rem) calc(42rem - 80px), "
    "(min-width: 33.34rem) calc(94vw - 80px), "
    "calc(100vw - 2rem - 80px)"
)
# A picture inside a sentence: at most the column.
BODY_INLINE_SIZES = (
    "(min-width: 44.6875rem) 42rem, (min-width: 33.34rem) 94vw, calc(100vw - 2rem)"
)

ImageResolver = Callable[[Iterable[int]], dict[int, Image]]


def library_images(ids: Iterable[int]) -> dict[int, Image]:
    """The library images with these ids, with their renditions (two
    queries, whatever their number; none when there is no id)."""
    ids = set(ids)
    if not ids:
        return {}
    return {
        image.pk: image for image in Image.objects.filter(pk__in=ids).with_renditions()
    }


def missing_library_images(text: str, *, language: str = "") -> list[int]:
    """The ids of the library images `text` shows (`![alt](image:42)`, where
    the page reads one: not in code) that the library does not have, in the
    order written. The page leaves them out; the writing screen can say so.
    One query; none when the text names no image."""
    _, _, refs = sanitised_markdown(text or "", language)
    ids = list(dict.fromkeys(pk for pk, _ in refs))
    if not ids:
        return []
    kept = set(Image.objects.filter(pk__in=ids).values_list("pk", flat=True))
    return [pk for pk in ids if pk not in kept]


def articles_showing(ids: Collection[int], limit: int) -> list[tuple[int, Usage]]:
    """(image id, Usage) for each article, in either edition, whose body
    shows one of these library images: at most `limit` articles an image, in
    one query. The media library counts them as uses (where an image is
    used; no deleting it while a story shows it)."""
    from articles.models import Article

    ids = set(ids)
    if not ids:
        return []
    # Narrowed by the database (`image:031` is image 31 too), then read by
    # the pattern the page renders by.
    numbers = "|".join(str(pk) for pk in sorted(ids))
    candidates = (
        Article._default_manager.filter(body__regex=rf"image:0*({numbers})([^0-9]|$)")
        .only("pk", "title", "body")
        .order_by("pk")
    )
    model_name = str(Article._meta.verbose_name)
    field_name = str(Article._meta.get_field("body").verbose_name)
    found, counts = [], dict.fromkeys(ids, 0)
    for article in candidates[: limit * len(ids)]:
        shown = {int(m.group(2)) for m in re.finditer(LIBRARY_IMAGE_RE, article.body)}
        for pk in sorted(shown & ids):
            if counts[pk] < limit:
                counts[pk] += 1
                found.append((pk, Usage(model_name, field_name, article)))
    return found


def images_on_english_pages() -> set[int]:
    """The ids of the library images English pages show with the image's
    own alt text: the featured image, or a body's `![](image:42)` with
    nothing in its brackets (text there is that story's own alt text), of
    every story in English not unpublished. A translation has its own
    featured image and body: its original's pictures are not on its page (a
    tester found a picture of an Indonesian story's body listed). Two
    queries (the media library's "English missing, on an English story")."""
    from articles.models import Article

    shown = (
        Article._default_manager.exclude(status=Article.Status.UNPUBLISHED)
        .filter(language=Article.Language.ENGLISH)
        .order_by()
    )
    found = set(
        shown.filter(featured_image__isnull=False).values_list(
            "featured_image", flat=True
        )
    )
    bodies = shown.filter(body__contains="image:").values_list("body", flat=True)
    for body in bodies.iterator():
        found.update(
            int(match.group(2))
            for match in re.finditer(LIBRARY_IMAGE_RE, body)
            if not match.group(1).strip()
        )
    return found


def no_images(ids: Iterable[int]) -> dict[int, Image]:
    """For plain-text uses (feed excerpts): images are left out, unread."""
    return {}


class LibraryImageProcessor(InlineProcessor):
    """`![alt](image:42)` → a placeholder holding a random key, replaced by
    the figure once the HTML is sanitised (see render_markdown)."""

    def __init__(self, pattern: str, refs: list, key: str):
        super().__init__(pattern)
        self.refs, self.key = refs, key

    def handleMatch(self, m, data):  # noqa: N802 - Markdown's API
        self.refs.append((int(m.group(2)), m.group(1).strip()))
        return f"{self.key}{len(self.refs) - 1}\ue001", m.start(0), m.end(0)


class LibraryImagesExtension(Extension):
    def __init__(self, *, refs: list, key: str):
        super().__init__()
        self.refs, self.key = refs, key

    def extendMarkdown(self, md):  # noqa: N802 - Markdown's API
        # Above Markdown's own image and link patterns (150 and 160).
        md.inlinePatterns.register(
            LibraryImageProcessor(LIBRARY_IMAGE_RE, self.refs, self.key),
            "library_image",
            175,
        )


_MARKDOWN_ESCAPES = UnescapeTreeprocessor()
# An address's scheme as browsers and the sanitiser read it (the URL
# standard): after any leading spaces and controls, tabs and newlines left
# out. An address without one is on this site.
ADDRESS_SCHEME_RE = re.compile(r"[\x00-\x20]*([a-z][a-z0-9+.-]*):", re.IGNORECASE)
TABS_AND_NEWLINES = str.maketrans("", "", "\t\n\r")


def shown_address(href: str) -> bool:
    """Whether `href`, a link's address as Markdown holds it (escapes,
    entities), is one the page links to: one without a scheme, or with one
    in URL_SCHEMES. The sanitiser takes off any other (and stays the
    guard); the page then shows the link's text alone."""
    href = _MARKDOWN_ESCAPES.unescape(href).replace(AMP_SUBSTITUTE, "&")
    scheme = ADDRESS_SCHEME_RE.match(unescape(href).translate(TABS_AND_NEWLINES))
    return scheme is None or scheme[1].lower() in URL_SCHEMES


def _whole_brackets(processor: LinkInlineProcessor, m, data: str, end: int) -> int:
    """The end of the link or image `m` (Markdown's: `end`), taken on to the
    ")" that pairs with its "(" when it follows without a space. Markdown
    reads `'a'` in `(javascript:alert('a'))` as a title and ends the address
    at its quote: where the address is not shown, its last ")" was left in
    the text."""
    _, opening, _ = processor.getText(data, m.end(0))
    taken = data[opening:end]
    depth, at = taken.count("(") - taken.count(")"), end
    while depth > 0 and at < len(data) and not data[at].isspace():
        depth += {"(": 1, ")": -1}.get(data[at], 0)
        at += 1
    return at if depth == 0 else end


class BodyLinkProcessor(LinkInlineProcessor):
    """Markdown's `[text](address)`; one whose address the sanitiser refuses
    takes its whole `(…)` (the text alone is shown: BodyTreeprocessor)."""

    def handleMatch(self, m, data):  # noqa: N802 - Markdown's API
        element, start, end = super().handleMatch(m, data)
        if element is not None and not shown_address(element.get("href", "")):
            end = _whole_brackets(self, m, data, end)
        return element, start, end


class BodyImageProcessor(ImageInlineProcessor):
    """Markdown's `![alt](address)`, not a library image: its address is
    never shown (only its alt text: BodyTreeprocessor), so it takes its
    whole `(…)`."""

    def handleMatch(self, m, data):  # noqa: N802 - Markdown's API
        element, start, end = super().handleMatch(m, data)
        if element is not None:
            end = _whole_brackets(self, m, data, end)
        return element, start, end


class BodyTreeprocessor(Treeprocessor):
    """Markdown's elements as the page shows them: headings at the body's
    levels (HEADING_LEVELS); an image other than a library one as its alt
    text (the page shows no other site's pictures: img is not allowed, and
    the CSP's img-src is this site's); a link the sanitiser would leave
    without its address as its text."""

    def run(self, root):
        for element in root.iter():
            if element.tag in HEADING_LEVELS:
                element.tag = HEADING_LEVELS[element.tag]
            elif element.tag == "img" or (
                element.tag == "a" and not shown_address(element.get("href", ""))
            ):
                if element.tag == "img":
                    element.text = element.get("alt", "")
                # A tag the sanitiser takes off, keeping what is inside.
                element.tag = "span"
                element.attrib.clear()


class FirstRowsTableProcessor(TableProcessor):
    """Markdown's tables, tested on the block's first two lines: Markdown's
    own test split the whole block at every step, and a block it takes line
    by line (50 KB of `a\\n=\\n`) cost the square of its lines."""

    def test(self, parent, block):
        head = block.split("\n", 2)
        if len(head) < 3 or (len(self._split_row(head[0].strip(" "))) > 1):
            return super().test(parent, "\n".join(head[:2]))
        return super().test(parent, block)  # one column: every row is read


class BodyExtension(Extension):
    def extendMarkdown(self, md):  # noqa: N802 - Markdown's API
        if "table" in md.parser.blockprocessors:
            config = md.parser.blockprocessors["table"].config
            md.parser.blockprocessors.register(
                FirstRowsTableProcessor(md.parser, config), "table", 75
            )
        # In the places of Markdown's own link and image patterns.
        md.inlinePatterns.register(BodyLinkProcessor(LINK_RE, md), "link", 160)
        md.inlinePatterns.register(
            BodyImageProcessor(IMAGE_LINK_RE, md), "image_link", 150
        )
        # After the inline patterns (20) have made the links and images.
        md.treeprocessors.register(BodyTreeprocessor(md), "body", 12)


def render_markdown(
    text: str, *, language: str = "", images: ImageResolver | None = None
) -> str:
    """Render Markdown to HTML that is safe to put in a page.

    Raw HTML in the source is escaped or stripped; only the tags in
    ALLOWED_TAGS survive, and links only with http, https or mailto: a
    link to any other address shows its text alone. In a body in
    `language` "id", `_underscored phrases_` are English and come out as
    `<em lang="en">`; elsewhere underscores are plain emphasis. Headings
    are h2 to h4 (HEADING_LEVELS). Every text is inside an element (the
    text of a tag taken off in a paragraph: in_blocks), and no paragraph is
    empty.

    `![alt](image:42)` is library image 42 (`images` finds them: by default
    in the database, in one go): alone in its paragraph a <figure> with
    caption and credit, inside a sentence the picture alone; the alt text
    written there is used when it is not empty. An image that does not exist
    (or has no rendition yet) is left out (missing_library_images names
    them). Any other image shows as its alt text.

    The Markdown's work is remembered by the text itself (sanitised_markdown):
    the same text in the same language is rendered once; the library images,
    which change without the text, are put in on every call.
    """
    html, key, refs = sanitised_markdown(text or "", language)
    if not refs:
        return html
    found = (images or library_images)(pk for pk, _ in refs)
    return _put_images(html, key, refs, found)


# Goes up when the rules above change what a text renders to: the shared
# cache then holds no render made under the old rules.
RENDERING_RULES = 4
_RULES_KEY = f"{RENDERING_RULES}:{markdown.__version__}:{nh3.__version__}"
REMEMBERED_LOCALLY = 256  # texts, each process (a long body is some 20 KB)


@functools.lru_cache(maxsize=REMEMBERED_LOCALLY)
def sanitised_markdown(text: str, language: str) -> tuple[str, str, tuple]:
    """Markdown rendered and sanitised, with the library images still as
    placeholders: (html, the placeholders' key, the images' (id, alt)).

    A pure function of the text and its language, so remembered by them and
    never stale, whichever way a body changed (admin, restore, import): in
    this process (LRU) and in the shared cache, by a digest of the text. A
    cache that does not answer only costs the render.
    """
    digest = hashlib.blake2b(text.encode(), digest_size=20).hexdigest()
    cache_key = f"markdown:{_RULES_KEY}:{language}:{digest}"
    try:
        remembered = caches["default"].get(cache_key)
    except Exception as error:  # noqa: BLE001 - Redis down: render it here
        cachetags.unavailable("markdown read", error)
        remembered = None
    if remembered is not None:
        return remembered
    rendered = _render_sanitised(text, language)
    try:
        caches["default"].set(cache_key, rendered, timeout=MARKDOWN_CACHE_SECONDS)
    except Exception as error:  # noqa: BLE001
        cachetags.unavailable("markdown write", error)
    return rendered


MARKDOWN_CACHE_SECONDS = 30 * 24 * 3600


# Markdown's links look for the bracket that closes each "[" and "(" through
# the rest of the paragraph: thousands that never close (or nest deeper than
# a link's text ever does) took more than 20 s. In a block with more than
# UNCLOSED_LIMIT of them, they stand in as characters Markdown does not read
# (and an escape would be one of Markdown's matches each, which cost as much)
# and are put back in its HTML; other text is rendered as it is.
UNCLOSED_LIMIT = 32
LINK_NESTING_MAX = 4
BRACKETS = {"[": "]", "(": ")"}
STAND_INS = {"[": "\ue002", "(": "\ue003"}
# A "<" that could open a tag but has no ">" before the next "<": Python's
# HTML parser, which Markdown reads raw HTML with, looked for each one's end
# through the rest of the body (100 KB of `<a` took 28 s). With more than
# UNCLOSED_LIMIT of them, each stands in and comes back as "&lt;", the text
# it always was.
UNCLOSED_TAG = re.compile(r"<(?=[A-Za-z/!?])(?=[^>]*?(?:<|\Z))")
LESS_THAN_STAND_IN = "\ue004"
PUT_BACK = str.maketrans(
    {stand_in: char for char, stand_in in STAND_INS.items()}
    | {LESS_THAN_STAND_IN: "&lt;"}
)
BLOCK_BREAK = re.compile(r"(\n[ \t]*\n)")
# Lists or quotes nested deeper than a story's ever are: a line opening with
# more than NESTING_MAX levels, each a list's or a quote's marker ("- - - -
# …", "> > >") or an indentation of four spaces or a tab (a list nested by
# indenting). Markdown before 3.11 ran out of stack on hundreds (a 500);
# 3.11 nests them some 450 deep; 25 levels already made a phone's page
# scroll sideways, a word a letter a line. Such a block is shown as the
# plain text it was typed as. The quantifiers after a marker are possessive:
# the spaces are never split between it and an indentation, so a line that
# falls short is refused in one pass.
NESTING_MAX = 8
TOO_DEEP = re.compile(
    r"^(?:[ ]{4}|\t|[ ]{0,3}(?:[-*+]|\d{1,9}[.)])[ \t]++|[ ]{0,3}>[ \t]*+)"
    rf"{{{NESTING_MAX + 1}}}",
    re.MULTILINE,
)


def _tamed_brackets(text: str) -> str:
    return "".join(_tamed_block(block) for block in BLOCK_BREAK.split(text))


def _tamed_tags(text: str) -> str:
    text = TYPED_TAG.sub(LESS_THAN_STAND_IN, text)
    if len(UNCLOSED_TAG.findall(text)) <= UNCLOSED_LIMIT:
        return text
    return UNCLOSED_TAG.sub(LESS_THAN_STAND_IN, text)


# The tags whose content the sanitiser's HTML parser does not read as HTML
# (<script>, <style>, <iframe>, <textarea>, <title>, <noscript>, <xmp>,
# <noembed>, <noframes>, <plaintext>) or takes off with them (<template>),
# as a reporter types them writing about them: each "<" of them stands in
# and comes back as "&lt;", the text as typed, as pasted and imported copy
# keeps it (articles/text.py). A tester's "tentang tag <script> dan <iframe>
# di situs BNPT …" lost its words up to the next "</script>" without a word
# said, and after an <iframe> the rest of the body was shown as escaped
# markup ("&lt;/p&gt;"). Any other tag the body may not hold is taken off
# and its text kept (in_blocks).
TYPED_TAG = re.compile(
    r"<(?=/?(?:script|style|template|iframe|textarea|title|noscript|xmp|noembed"
    r"|noframes|plaintext)(?:[\s/>]|\Z))",
    re.IGNORECASE,
)


# Lines Markdown cuts a block at, taking the line and putting the rest of the
# block back to be read again (a setext underline, a rule, a `#` heading, an
# abbreviation's, footnote's or link's definition, a definition's `: `): each
# of its steps read the rest of the block, so a block of thousands (50 KB of
# `a\n=\n`, `- - -\n` or `*[HTML]: x\n`) took 14-31 s. In a block with more
# than UNCLOSED_LIMIT of them, a blank line follows each, which is where
# Markdown's own cut puts the rest; fenced code is left as it is.
CUT_LINE = re.compile(
    r"^(?:[ ]{0,3}(?:=+|-+|(?:[-*_][ ]*){3,})[ ]*"
    r"|#{1,6}.*"
    r"|[ ]{0,3}\*?\[[^\n]*\]:.*"
    r"|[ ]{0,3}:[ ]{1,3}.*)$",
    re.MULTILINE,
)


def _cut_blocks(text: str) -> str:
    fenced = [m.span() for m in FencedBlockPreprocessor.FENCED_BLOCK_RE.finditer(text)]
    pieces, done = [], 0
    for start, end in [*fenced, (len(text), len(text))]:
        pieces.append(_cut_block_lines(text[done:start]))
        pieces.append(text[start:end])
        done = end
    return "".join(pieces)


def _cut_block_lines(text: str) -> str:
    parts = BLOCK_BREAK.split(text)
    for at in range(0, len(parts), 2):
        block = parts[at]
        if len(CUT_LINE.findall(block)) > UNCLOSED_LIMIT:
            parts[at] = CUT_LINE.sub(lambda m: m[0] + "\n", block)
    return "".join(parts)


def _tamed_block(block: str) -> str:
    if sum(block.count(opening) for opening in BRACKETS) <= UNCLOSED_LIMIT:
        return block
    suspects = [at for opening in BRACKETS for at in _suspects(block, opening)]
    if len(suspects) <= UNCLOSED_LIMIT:
        return block
    chars = list(block)
    for at in suspects:
        chars[at] = STAND_INS[chars[at]]
    return "".join(chars)


def _suspects(block: str, opening: str) -> list[int]:
    """Where `opening` ("[" or "(") never closes, or closes nested deeper
    than LINK_NESTING_MAX in brackets that close."""
    closing = BRACKETS[opening]
    opened: list[int] = []
    closed_at: dict[int, int] = {}
    for at, char in enumerate(block):
        if at and block[at - 1] == "\\":
            continue
        if char == opening:
            opened.append(at)
        elif char == closing and opened:
            closed_at[opened.pop()] = at
    suspects = opened  # never closed
    enclosing: list[int] = []  # where the pairs around this one close
    for at in sorted(closed_at):
        while enclosing and enclosing[-1] < at:
            enclosing.pop()
        if len(enclosing) >= LINK_NESTING_MAX:
            suspects.append(at)
        enclosing.append(closed_at[at])
    return suspects


def _block_html(block: str, md: markdown.Markdown) -> str:
    """One block of a body as HTML (by `md`, reset for each); as an escaped
    paragraph when it is nested too deep for Markdown's parser (every word
    still shown)."""
    if not block.strip():
        return ""
    if not TOO_DEEP.search(block):
        try:
            return md.reset().convert(block)
        except RecursionError:
            pass
    return f"<p>{escape(block.strip())}</p>"  # stand-ins put back after


def _render_sanitised(text: str, language: str) -> tuple[str, str, tuple]:
    refs: list[tuple[int, str]] = []
    # The placeholder's key is new on every render, and never shown (every
    # placeholder is replaced): text that imitates one never matches it.
    key = f"\ue000{secrets.token_hex(8)}:"
    extensions: list = [
        "extra",
        "sane_lists",
        LibraryImagesExtension(refs=refs, key=key),
        BodyExtension(),
    ]
    if phrases_language := UNDERSCORED_PHRASES_LANGUAGE.get(language):
        extensions.append(UnderscoredPhrasesExtension(lang=phrases_language))
    tamed = _tamed_brackets(_cut_blocks(_tamed_tags(text)))
    try:
        if TOO_DEEP.search(tamed):
            raise RecursionError
        rendered = markdown.markdown(tamed, extensions=extensions)
    except RecursionError:
        # Lists or quotes nested hundreds deep (TOO_DEEP, or deep enough for
        # Markdown's parser to run out of stack): the body is rendered block
        # by block, and only such a block is shown as plain text; the others
        # keep their pictures and formatting.
        logger.warning("markdown nested too deep; shown as plain text in part")
        refs.clear()
        md = markdown.Markdown(extensions=extensions)
        blocks = (_block_html(block, md) for block in BLOCK_BREAK.split(tamed))
        rendered = "\n".join(block for block in blocks if block)
    rendered = nh3.clean(
        rendered.translate(PUT_BACK),
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        tag_attribute_values=ALLOWED_ATTRIBUTE_VALUES,
        url_schemes=URL_SCHEMES,
        link_rel="noopener noreferrer",
    )
    return in_blocks(rendered), key, tuple(refs)


# A tag as the sanitiser writes it (html5ever's serialiser): a "<" in text
# is "&lt;", an attribute's value is in double quotes and holds none. Read
# by this rather than html.parser, which took 4 s over a 600 kB body.
SANITISED_TAG_RE = re.compile(r'<(/?)([a-z][a-z0-9]*)(?:[^>"]|"[^"]*")*>')


def _sanitised_parts(html: str):
    """(start, end, "start" | "end" | "text", the tag's name or the text) of
    each tag and text of the sanitiser's HTML, in order."""
    done = 0
    for tag in SANITISED_TAG_RE.finditer(html):
        if tag.start() > done:
            yield done, tag.start(), "text", html[done : tag.start()]
        yield tag.start(), tag.end(), "end" if tag[1] else "start", tag[2]
        done = tag.end()
    if done < len(html):
        yield done, len(html), "text", html[done:]


# A paragraph with nothing to read: spaces, line breaks and empty phrases.
EMPTY_PARAGRAPH_RE = re.compile(
    r"\n*<p>(?:\s|<br>|&nbsp;|&#160;|<(em|strong|b|i|code|span|a)\b[^>]*>"
    r"(?:\s|&nbsp;|&#160;)*</\1>)*</p>"
)


def in_blocks(html: str) -> str:
    """The sanitiser's HTML with no text at its top level outside an
    element: top-level text and phrasing (PHRASING_TAGS) go in a paragraph,
    as the sanitiser leaves the text of a tag it takes off (`<div>`, `<form>`,
    a definition list). A paragraph, or a top-level element, with nothing to
    read (an image taken off, an empty quote) is left out; a rule stays."""
    edits: list[tuple[int, int, str]] = []  # (start, end, put in their place)
    opened: list[list] = []  # [tag, start, shows something, holds a block]
    run: list = []  # top-level text and phrasing: [start, end, shows, blank]

    def add_to_run(start: int, end: int, *, shows: bool, blank: bool):
        if run:
            run[1:] = [end, run[2] or shows, run[3] and blank]
        else:
            run.extend([start, end, shows, blank])

    def close_run():
        if run:
            start, end, shows, blank = run
            if shows:  # a paragraph inside the spaces around the run
                text = html[start:end]
                start += len(text) - len(text.lstrip())
                end -= len(text) - len(text.rstrip())
                edits.extend([(start, start, "<p>"), (end, end, "</p>")])
            elif not blank:
                edits.append((start, end, ""))
            run.clear()

    for start, end, kind, value in _sanitised_parts(html):
        if kind == "text":
            shows = not unescape(value).isspace()
            if opened:
                opened[-1][2] = opened[-1][2] or shows
            else:
                add_to_run(start, end, shows=shows, blank=not shows)
            continue
        if kind == "start":
            if opened and value not in PHRASING_TAGS:
                opened[0][3] = True
            elif not opened and value not in PHRASING_TAGS:
                close_run()
            if value not in EMPTY_TAGS:
                opened.append([value, start, False, value not in PHRASING_TAGS])
            elif not opened and value in PHRASING_TAGS:
                add_to_run(start, end, shows=False, blank=False)
            continue
        if not opened:
            continue
        tag, start, shows, holds_block = opened.pop()
        if opened:
            opened[-1][2] = opened[-1][2] or shows
        elif not holds_block:  # phrasing: part of the run
            add_to_run(start, end, shows=shows, blank=False)
            continue
        else:  # a block, or phrasing around one (the sanitiser's repair)
            close_run()
        if not shows and (tag == "p" or not opened):
            edits.append((start, end, ""))
    close_run()

    pieces, done = [], 0
    for start, end, replacement in sorted(edits):
        if start < done:
            continue  # inside an element already left out
        pieces += [html[done:start], replacement]
        done = end
    pieces.append(html[done:])
    return "".join(pieces).strip()


def _put_images(html: str, key: str, refs: list, found: dict) -> str:
    token = re.escape(key) + r"(\d+)\ue001"

    def image(number: str, *, alone: bool) -> str:
        pk, alt = refs[int(number)]
        picture = found.get(pk)
        if picture is None:
            return ""
        alt = alt or None  # escaped by the media library's HTML
        if alone:
            return figure_html(picture, sizes=BODY_FIGURE_SIZES, alt=alt)
        return picture_html(picture, sizes=BODY_INLINE_SIZES, alt=alt)

    def alone(match) -> str:
        figure = image(match.group(2), alone=True)
        return f"{match.group(1) or ''}{figure}" if figure else ""

    html = re.sub(rf"(\n+)?<p>\s*{token}\s*</p>", alone, html)
    html = re.sub(token, lambda m: image(m.group(1), alone=False), html)
    # A paragraph that held only pictures the library does not have (and
    # spaces, a no-break space among them: "![](image:9)&nbsp;"), or those
    # and an empty phrase ("![](image:9999)<em>" left "<p><em></em></p>").
    html = re.sub(EMPTY_PARAGRAPH_RE, "", html)
    return html.strip()
