"""Article bodies: Markdown in, sanitised HTML out."""

import xml.etree.ElementTree as etree

import markdown
import nh3
from markdown.extensions import Extension
from markdown.inlinepatterns import InlineProcessor

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

# The language of the phrases an author underlines (`_Joint Working Group_`)
# in a body written in the key's language.
UNDERSCORED_PHRASES_LANGUAGE = {"id": "en"}

# `_phrase_` with the delimiters outside words, as Markdown's own underscore
# emphasis: `file_name_here` stays as it is, `__strong__` is left to Markdown.
UNDERSCORE_EMPHASIS_RE = r"(?<![\w_])_(?![\s_])(.+?)(?<![\s_])_(?![\w_])"


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


def render_markdown(text: str, *, language: str = "") -> str:
    """Render Markdown to HTML that is safe to put in a page.

    Raw HTML in the source is escaped or stripped; only the tags in
    ALLOWED_TAGS survive, and links only with http, https or mailto. In a
    body in `language` "id", `_underscored phrases_` are English and come
    out as `<em lang="en">`; elsewhere underscores are plain emphasis.
    """
    extensions: list = ["extra", "sane_lists"]
    if phrases_language := UNDERSCORED_PHRASES_LANGUAGE.get(language):
        extensions.append(UnderscoredPhrasesExtension(lang=phrases_language))
    html = markdown.markdown(text or "", extensions=extensions)
    return nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        tag_attribute_values=ALLOWED_ATTRIBUTE_VALUES,
        url_schemes=URL_SCHEMES,
        link_rel="noopener noreferrer",
    )
