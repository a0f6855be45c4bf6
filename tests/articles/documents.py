"""Real Word documents for the intake tests, written with python-docx the way
an agency's press office writes a release: a paragraph a line of copy,
`_phrases_` in italic runs, the trailer's lines in one paragraph split by
manual line breaks."""

import io
import re
import zipfile

from docx import Document
from docx.shared import Inches

from articles.intake.parser import parse_copy

TRAILER = ("Sumber", "Editor", "Source", "Discussion")


def word_document(
    text: str,
    *,
    heading: str = "",
    subheading: str = "",
    table: bool = False,
    picture: bytes | None = None,
) -> bytes:
    document = Document()
    if heading:
        document.add_heading(heading, level=1)
    lines = [line for line in text.splitlines() if line.strip()]
    body = [line for line in lines if not line.startswith(TRAILER)]
    trailer = [line for line in lines if line.startswith(TRAILER)]
    for number, line in enumerate(body):
        if subheading and number == 2:
            document.add_heading(subheading, level=2)
        paragraph = document.add_paragraph()
        # "_The 4th Joint Working Group_" in two italic runs, as Word often
        # splits a phrase: they read as one.
        for index, part in enumerate(re.split(r"_([^_]+)_", line)):
            if not part:
                continue
            if index % 2:
                first, _space, rest = part.partition(" ")
                paragraph.add_run(first + (" " if rest else "")).italic = True
                if rest:
                    paragraph.add_run(rest).italic = True
            else:
                paragraph.add_run(part)
    if table:
        grid = document.add_table(rows=2, cols=2)
        grid.cell(0, 0).text = "Sesi"
        grid.cell(0, 1).text = "Agenda rahasia tabel"
    if picture:
        document.add_picture(io.BytesIO(picture), width=Inches(1))
    if trailer:
        paragraph = document.add_paragraph()
        for number, line in enumerate(trailer):
            run = paragraph.add_run(line)
            if number < len(trailer) - 1:
                run.add_break()
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def with_member(document: bytes, name: str, data: bytes) -> bytes:
    """The document's archive with `name` replaced or added."""
    out = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(document)) as source,
        zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target,
    ):
        for member in source.infolist():
            if member.filename != name:
                target.writestr(member, source.read(member))
        target.writestr(name, data)
    return out.getvalue()


def with_damaged_member(document: bytes, name: str) -> bytes:
    """The document's archive with bytes of `name`'s packed data flipped, as
    a broken download or disk leaves it: its archive entry still reads."""
    data = bytearray(document)
    member = zipfile.ZipFile(io.BytesIO(document)).getinfo(name)
    start = member.header_offset + 30 + len(member.filename) + len(member.extra)
    for at in range(start + 50, start + 80):
        data[at] ^= 0x55
    return bytes(data)


def word_xml(paragraphs: list[list[str]], prefix: str = "w") -> bytes:
    """A document's text (word/document.xml): paragraphs of runs."""
    body = "".join(
        f"<{prefix}:p>"
        + "".join(
            f"<{prefix}:r><{prefix}:t>{run}</{prefix}:t></{prefix}:r>" for run in runs
        )
        + f"</{prefix}:p>"
        for runs in paragraphs
    )
    return (
        f'<?xml version="1.0"?><{prefix}:document xmlns:{prefix}="http://schemas.'
        f'openxmlformats.org/wordprocessingml/2006/main"><{prefix}:body>{body}'
        f"</{prefix}:body></{prefix}:document>"
    ).encode()


def assert_draft_of(result, text: str, today) -> None:
    """The import `result` made the draft its copy as UTF-8 text makes:
    headline, body and dateline."""
    twin = parse_copy(text, today=today)
    assert result.status == "created", result.error
    draft = result.article
    assert (draft.title, draft.body, draft.dateline) == (
        twin.title,
        twin.body,
        twin.dateline,
    )
