"""Word documents (.docx) read as wire copy: the text an agency's press
release holds, in the shape parser.parse_copy reads (no database).

Paragraphs become blocks separated by blank lines, and a manual line break
starts a new one (the trailer's "Sumber :" and "Editor :" lines often share a
paragraph). Italic runs, the English phrases of an Indonesian release, are
written `_so_`, as wire copy marks them. The first paragraph in a Title or
Heading style is the `# Heading` the parser takes for the title; later
headings are `##` subheadings, numbered list paragraphs `1.` items and
other list paragraphs `- ` items (by Word's numbering). Bold, fonts and
colours are dropped; tables and pictures are left out and counted, so that
the report can say so (but a release whose text is all in tables, laid out
in one, is read from them cell by cell, row by row). Tracked changes are
read accepted (insertions kept, deletions left out); Word's comments,
footnotes and endnotes are left out, each counted for the report; text in
content controls, smart tags, fields and text boxes (after the paragraph
holding the box) is read with the rest. A hyperlink to a web or mail
address is a Markdown link (`[text](address)`), unless its text is the
address already.

python-docx reads the document (its XML parser resolves no entities), imported
when a document comes (16 MB of a worker's memory otherwise); before
it does, the archive's size unpacked is checked, so that a small file that
unpacks to gigabytes is refused unread, and a text declaring a document type
(which Word never writes: a hostile file's entities) is refused. Its
paragraphs, runs and elements are counted first, by a streaming parse that
drops each element once counted: a 70 KB file of eight million empty
paragraphs kept a worker busy for minutes, where a press release has a few
hundred. Styles are looked up once a document (python-docx
looks each one up again for every paragraph and run, which was most of the
time a document took).
"""

import functools
import io
import itertools
import zipfile
from dataclasses import dataclass

# A press release unpacks to a few hundred KB; pictures may add megabytes.
MAX_UNPACKED_BYTES = 50 * 1024 * 1024
MAX_MEMBERS = 2000
# A press release has a few hundred paragraphs; a long report a few thousand,
# in tens of thousands of runs. Reading the most allowed takes about 2.8 s.
MAX_PARAGRAPHS = 10_000
MAX_RUNS = 100_000
# All elements, properties and bookmarks included: a long report has some
# 150,000. python-docx holds them all: 1.9 million empty bookmarks (116 KB
# packed) took 1.4 GB of memory.
MAX_ELEMENTS = 500_000
WORD = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


class DocumentUnreadable(Exception):
    """Why the file cannot be read as a Word document (`kind`: not_docx,
    too_large, too_long, damaged)."""

    def __init__(self, kind: str):
        super().__init__(kind)
        self.kind = kind


@dataclass
class DocumentText:
    text: str = ""
    tables: int = 0
    pictures: int = 0
    tracked_changes: int = 0  # accepted: insertions kept, deletions left out
    comments: int = 0  # Word's comments (a reviewer's notes), left out
    footnotes: int = 0  # footnotes and endnotes, left out
    read_from_tables: int = 0  # tables read cell by cell: no text outside them


def read_document(data: bytes) -> DocumentText:
    """The document's text as wire copy, or DocumentUnreadable."""
    from docx import Document

    try:
        _check_archive(data)
        document = Document(io.BytesIO(data))
        return _text_of(document)
    except DocumentUnreadable:
        raise
    except Exception as error:  # python-docx, lxml and zipfile raise many kinds
        raise DocumentUnreadable("damaged") from error


def _check_archive(data: bytes) -> None:
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except zipfile.BadZipFile:
        raise DocumentUnreadable("not_docx") from None
    with archive:
        members = archive.infolist()
        if "word/document.xml" not in {member.filename for member in members}:
            raise DocumentUnreadable("not_docx")
        if (
            len(members) > MAX_MEMBERS
            or sum(member.file_size for member in members) > MAX_UNPACKED_BYTES
        ):
            raise DocumentUnreadable("too_large")
        text = archive.read("word/document.xml")
    # Word writes no document type: one is a hostile file's entities.
    if b"<!DOCTYPE" in text:
        raise DocumentUnreadable("damaged")
    _check_length(text)


def _check_length(text: bytes) -> None:
    """Refuse (too_long) a document of more paragraphs, runs or elements
    than MAX_PARAGRAPHS, MAX_RUNS and MAX_ELEMENTS, counted as it is parsed,
    each element dropped once counted."""
    from lxml import etree

    limits = {f"{WORD}p": MAX_PARAGRAPHS, f"{WORD}r": MAX_RUNS}
    counts = dict.fromkeys(limits, 0)
    elements = etree.iterparse(
        io.BytesIO(text), events=("end",), resolve_entities=False, no_network=True
    )
    try:
        for seen, (_event, element) in enumerate(elements, start=1):
            if element.tag in limits:
                counts[element.tag] += 1
                if counts[element.tag] > limits[element.tag]:
                    raise DocumentUnreadable("too_long")
            if seen > MAX_ELEMENTS:
                raise DocumentUnreadable("too_long")
            element.clear(keep_tail=True)
            while element.getprevious() is not None:
                del element.getparent()[0]
    except etree.XMLSyntaxError:
        raise DocumentUnreadable("damaged") from None


# Where a paragraph's runs are: inside the paragraph's tracked insertions
# and moves (w:ins, w:moveTo), hyperlinks, smart tags, content controls
# (w:sdt), fields and custom XML too, but not in tracked deletions (w:del,
# w:moveFrom), and not a text box's (whose own paragraph, inside a drawing,
# is read after this one). python-docx's paragraphs give only the runs and
# hyperlinks directly in them: the rest of the text was silently left out.
MARKUP_COMPATIBILITY = "http://schemas.openxmlformats.org/markup-compatibility/2006"
NAMESPACES = {"w": WORD.strip("{}"), "mc": MARKUP_COMPATIBILITY}
# Of this paragraph ($paragraph), not of one in a text box inside it.
OWN = "count(ancestor::w:p[1] | $paragraph) = 1"
# Word writes a text box twice: as a drawing, and as an old-style shape in
# the fallback for older readers (mc:Fallback), read neither as text nor as
# a picture.
PATHS = {
    "runs": "./descendant::w:r[not(ancestor::w:del) and not(ancestor::w:moveFrom)]"
    f"[{OWN}]",
    "text_boxes": f".//w:txbxContent[not(ancestor::mc:Fallback)][{OWN}]",
    "pictures": "(.//w:drawing | .//w:pict)[not(ancestor::mc:Fallback)]"
    f"[not(.//w:txbxContent)][{OWN}]",
}


@functools.cache
def _paths() -> dict:
    """PATHS compiled once, when the first document comes (lxml loads then)."""
    from lxml import etree

    return {
        name: etree.XPath(path, namespaces=NAMESPACES) for name, path in PATHS.items()
    }


# Tracked changes of text (an inserted or deleted paragraph's mark, in its
# properties, goes with its text and is not counted again).
TRACKED_CHANGES = " | ".join(
    f".//w:{change}[not(ancestor::w:rPr)]"
    for change in ("ins", "del", "moveFrom", "moveTo")
)
# A hyperlink to one of these is kept as a Markdown link: the addresses the
# site's rendering keeps (articles/rendering.py).
LINK_SCHEMES = ("http://", "https://", "mailto:")


def _text_of(document) -> DocumentText:
    body = document.element.body
    result = DocumentText(
        tracked_changes=len(body.xpath(TRACKED_CHANGES)),
        comments=len(body.xpath(".//w:commentReference")),
        footnotes=len(body.xpath(".//w:footnoteReference | .//w:endnoteReference")),
    )
    paragraphs = []
    titled = False
    styles = _Styles()
    lists = _Lists(document)
    tables = []

    def read(blocks) -> None:
        nonlocal titled
        for block in blocks:
            result.pictures += _pictures(block)
            style = styles.name(block)
            marker = lists.marker(block, style)
            for line in _lines(block, styles):
                if not line.strip():
                    continue
                if style.startswith(("Title", "Heading")):
                    line = f"{'##' if titled else '#'} {line.strip()}"
                    titled = True
                elif marker:
                    line = f"{marker} {line.strip()}"
                paragraphs.append(line.strip())

    read(_blocks(body, document._body, tables))
    if not paragraphs and tables:
        # A release laid out in a table has its text there: read cell by
        # cell, row by row, rather than refuse it as holding no text.
        result.read_from_tables = len(tables)
        for table in tables:
            for cell in table.iterfind(f"{WORD}tr/{WORD}tc"):
                read(_blocks(cell, document._body, []))
    else:
        result.tables = len(tables)
    result.text = "\n\n".join(paragraphs)
    return result


class _Lists:
    """A list paragraph's Markdown marker: "1." for a numbered one (an
    agenda's items), "-" for a bulleted one, by the numbering Word gives the
    paragraph or its style (numbering.xml); "-" for a style named a list
    without numbering; None for other paragraphs. Each style's numbering
    and each numbering's format looked up once."""

    UNORDERED = frozenset({"bullet", ""})

    def __init__(self, document):
        try:
            self.numbering = document.part.numbering_part.element
        except (KeyError, NotImplementedError):  # a document without lists
            self.numbering = None
        self.of_style: dict[str | None, tuple[str, str] | None] = {}
        self.markers: dict[tuple[str, str], str | None] = {}

    def marker(self, paragraph, style_name: str) -> str | None:
        own = paragraph._p.xpath("./w:pPr/w:numPr")
        if own:
            number = _numbering(own[0])
        else:
            key = paragraph._p.style
            if key not in self.of_style:
                self.of_style[key] = self._style_numbering(paragraph.style)
            number = self.of_style[key]
        if number is None:
            return "-" if "List" in style_name else None
        if number not in self.markers:
            self.markers[number] = self._marker(*number)
        return self.markers[number]

    @staticmethod
    def _style_numbering(style) -> tuple[str, str] | None:
        for based in _style_chain(style):
            found = based.element.xpath("./w:pPr/w:numPr")
            if found:
                return _numbering(found[0])
        return None

    def _marker(self, number: str, level: str) -> str | None:
        if number == "0" or self.numbering is None:  # numbering taken off
            return None
        abstract = self.numbering.xpath(
            f'./w:num[@w:numId="{number}"]/w:abstractNumId/@w:val'
        )
        if not abstract or not (abstract[0].isdecimal() and abstract[0].isascii()):
            return "-"  # a numbering the document does not define (or no number)
        formats = self.numbering.xpath(
            f'./w:abstractNum[@w:abstractNumId="{abstract[0]}"]'
            f'/w:lvl[@w:ilvl="{level}"]/w:numFmt/@w:val'
        )
        format_ = formats[0] if formats else ""
        if format_ == "none":
            return None
        return "-" if format_ in self.UNORDERED else "1."


def _numbering(numbering_properties) -> tuple[str, str]:
    """(numId, ilvl) of a paragraph's or style's w:numPr: numbers, or "0"
    (they go into the paths _Lists looks them up by)."""
    number = numbering_properties.xpath("./w:numId/@w:val")
    level = numbering_properties.xpath("./w:ilvl/@w:val")
    return tuple(
        found[0] if found and found[0].isdecimal() and found[0].isascii() else "0"
        for found in (number, level)
    )


def _blocks(element, parent, tables: list):
    """The paragraphs of the body (or of a block it holds), in order: those
    in content controls (w:sdt) and custom XML blocks too, which
    python-docx's body leaves out, and after each paragraph those of the text
    boxes it holds; tables added to `tables`, unread."""
    from docx.text.paragraph import Paragraph

    for child in element.iterchildren():
        if child.tag == f"{WORD}p":
            yield Paragraph(child, parent)
            for box in _paths()["text_boxes"](child, paragraph=child):
                yield from _blocks(box, parent, tables)
        elif child.tag == f"{WORD}tbl":
            tables.append(child)
        elif child.tag == f"{WORD}sdt":
            for content in child.iterchildren(f"{WORD}sdtContent"):
                yield from _blocks(content, parent, tables)
        elif child.tag == f"{WORD}customXml":
            yield from _blocks(child, parent, tables)


def _pictures(paragraph) -> int:
    return len(_paths()["pictures"](paragraph._p, paragraph=paragraph._p))


class _Styles:
    """A document's styles as its paragraphs and runs use them, each looked
    up once (by the style ids the paragraph and the run name)."""

    def __init__(self):
        self.names: dict[str | None, str] = {}
        self.italics: dict[tuple[str | None, str | None], bool] = {}

    def name(self, paragraph) -> str:
        key = paragraph._p.style
        if key not in self.names:
            style = paragraph.style
            self.names[key] = (style.name if style is not None else "") or ""
        return self.names[key]

    def italic(self, run, paragraph) -> bool:
        """Whether the run's style, or else its paragraph's, is italic."""
        key = (run._r.style, paragraph._p.style)
        if key not in self.italics:
            self.italics[key] = _style_italic(run, paragraph)
        return self.italics[key]


def _lines(paragraph, styles: _Styles) -> list[str]:
    """The paragraph's text with italic stretches marked, split at its
    manual line breaks."""
    from docx.text.run import Run

    pieces: list[tuple[str, bool]] = []
    runs = _paths()["runs"](paragraph._p, paragraph=paragraph._p)
    # Looked for run by run only where the paragraph has a hyperlink.
    in_link = (
        _hyperlink_of if paragraph._p.find(f".//{WORD}hyperlink") is not None else _none
    )
    for link, group in itertools.groupby(runs, key=in_link):
        if link is not None:
            text = "".join(Run(element, paragraph).text for element in group)
            pieces.append((_linked(text, link, paragraph), False))
            continue
        for element in group:
            run = Run(element, paragraph)
            direct = run.italic
            italic = bool(direct) or (direct is None and styles.italic(run, paragraph))
            pieces.append((run.text, italic))
    text = ""
    stretch = ""
    for piece, italic in [*pieces, ("", False)]:
        if italic:
            stretch += piece
            continue
        text += _marked(stretch) + piece
        stretch = ""
    return text.replace("\r", "\n").split("\n")


def _none(run) -> None:
    return None


def _hyperlink_of(run):
    """The hyperlink a run is in, or None."""
    links = run.xpath("ancestor::w:hyperlink[1]")
    return links[0] if links else None


def _linked(text: str, element, paragraph) -> str:
    """A hyperlink's text as a Markdown link to its web or mail address; as
    it is when the address is none of those (a jump within the document, a
    file) or the text already shows it (Word links an address typed out:
    "Sumber : https://bnpt.go.id" stays as written)."""
    from docx.text.hyperlink import Hyperlink

    try:
        url = Hyperlink(element, paragraph).url.strip()
    except KeyError:  # a link to a relationship the document lacks
        return text
    shown = text.strip()
    if not shown or "\n" in shown or not url.lower().startswith(LINK_SCHEMES):
        return text
    if _bare(url) in (_bare(shown), ""):
        return text
    lead = text[: len(text) - len(text.lstrip())]
    trail = text[len(text.rstrip()) :]
    label = shown.replace("\\", "\\\\").replace("[", "\\[").replace("]", "\\]")
    address = url.replace(" ", "%20").replace("(", "%28").replace(")", "%29")
    return f"{lead}[{label}]({address}){trail}"


def _bare(address: str) -> str:
    """An address without its scheme, "www." and final slash, for comparing
    with a link's text."""
    bare = address.lower().split("://", 1)[-1].removeprefix("mailto:")
    return bare.removeprefix("www.").rstrip("/")


def _style_italic(run, paragraph) -> bool:
    for first in (run.style, paragraph.style):
        for style in _style_chain(first):
            if style.font.italic is not None:
                return bool(style.font.italic)
    return False


# Styles a style is based on, at most (Word nests a handful).
STYLE_CHAIN_MAX = 32


def _style_chain(style):
    """The style and those it is based on, in turn; each once, at most
    STYLE_CHAIN_MAX: a style based on itself (or on one based on it) sent
    the walk round for ever, a worker held until it was killed."""
    seen = set()
    while (
        style is not None and style.style_id not in seen and len(seen) < STYLE_CHAIN_MAX
    ):
        seen.add(style.style_id)
        yield style
        style = style.base_style


def _marked(stretch: str) -> str:
    """An italic stretch as `_text_`, its outer spaces outside the marks and
    each of its lines marked apart."""
    return "\n".join(_marked_line(line) for line in stretch.split("\n"))


def _marked_line(line: str) -> str:
    core = line.strip()
    if not core:
        return line
    lead = line[: len(line) - len(line.lstrip())]
    trail = line[len(line.rstrip()) :]
    return f"{lead}_{core}_{trail}"
