"""A reporter pastes wire copy into a new article's body in Chromium: it is
cleaned up in the page (paragraphs, dateline, source, editor, a proposed
title), Undo brings the pasted text back, and the cleaned draft saves."""

import re

import pytest
from playwright.sync_api import expect

from articles.models import Article
from tests.articles.factories import SectionFactory
from tests.articles.test_paste_cleanup import PARAGRAPHS, TITLE, WIRE_COPY
from tests.e2e.conftest import admin_login
from tests.e2e.test_journeys import pick

pytestmark = pytest.mark.e2e

PASTE = """(text) => {
    const body = document.querySelector('#id_body');
    body.focus();
    const data = new DataTransfer();
    data.setData('text/plain', text);
    body.dispatchEvent(new ClipboardEvent('paste', {
        clipboardData: data, bubbles: true, cancelable: true,
    }));
}"""
# Content Security Policy violations, as the page reports them.
WATCH_CSP = """
window.cspViolations = [];
document.addEventListener('securitypolicyviolation', (event) => {
    window.cspViolations.push(`${event.violatedDirective} ${event.blockedURI}`);
});
"""
NOTICE = re.compile(
    r"Pasted copy cleaned up: 5 paragraphs, source bnpt\.go\.id, "
    r"editor Redaksi, 1 line dropped\."
)
# "DM", the wire site's initials, is no dateline: left out, and offered.
LEFT_OUT = (
    "Dateline “DM” is not a place we know (the site's or writer's initials?): "
    "it was left out; type it in Dateline if it names where the story was "
    "reported."
)


@pytest.fixture
def reporter_page(open_page, make_staff):
    """A reporter on Add article, with the page's errors collected."""
    SectionFactory(name="Keamanan", slug="keamanan")
    make_staff("Reporter", "pewarta")
    page = open_page(viewport={"width": 1280, "height": 1000})
    page.errors = []

    def console(message):
        if message.type == "error":
            page.errors.append(f"{message.text} ({message.location['url']})")

    page.on("console", console)
    page.on("pageerror", lambda error: page.errors.append(str(error)))
    page.add_init_script(WATCH_CSP)
    admin_login(page, "pewarta")
    page.goto("/admin/articles/article/add/")
    return page


def test_pasted_wire_copy_is_cleaned_up_undone_and_saved_as_a_draft(reporter_page):
    page = reporter_page
    body, title = page.locator("#id_body"), page.locator("#id_title")
    page.fill("#id_byline", "Pewarta sendiri")  # typed first: kept throughout

    page.evaluate(PASTE, WIRE_COPY)

    notice = page.locator(".paste-cleanup-notice")
    expect(notice).to_contain_text(NOTICE)
    expect(body).to_have_value("\n\n".join(PARAGRAPHS))
    expect(title).to_have_value(TITLE)
    expect(page.locator("#id_slug")).to_have_value(re.compile(r"^bnpt-bersama-"))
    expect(page.locator("#id_needs_headline")).to_be_checked()
    expect(page.locator("#id_dateline")).to_have_value("")
    expect(notice).to_contain_text(LEFT_OUT)
    expect(page.locator("#id_source_name")).to_have_value("bnpt.go.id")
    expect(page.locator("#id_source_url")).to_have_value("https://bnpt.go.id/")
    expect(page.locator("#id_editor_name")).to_have_value("Redaksi")
    expect(page.locator("#id_byline")).to_have_value("Pewarta sendiri")

    notice.get_by_role("button", name="Undo").click()

    expect(body).to_have_value(WIRE_COPY)
    expect(title).to_have_value("")
    expect(page.locator("#id_slug")).to_have_value("")
    expect(page.locator("#id_needs_headline")).not_to_be_checked()
    expect(page.locator("#id_dateline")).to_have_value("")
    expect(page.locator("#id_editor_name")).to_have_value("")
    expect(page.locator("#id_byline")).to_have_value("Pewarta sendiri")

    page.get_by_role("button", name="Clean up pasted copy").click()
    expect(notice).to_contain_text(NOTICE)
    expect(body).to_have_value("\n\n".join(PARAGRAPHS))
    pick(page, "id_section", "Keam", "Keamanan")
    page.click("input[name=_save]")

    # After a new article's save: its page, or its link suggestions.
    expect(page).to_have_url(
        re.compile(r"/admin/articles/article/(\d+/change/|\d+/links/|$)")
    )
    article = Article.objects.get()
    assert article.status == Article.Status.DRAFT
    assert article.body == "\n\n".join(PARAGRAPHS)
    assert (article.title, article.needs_headline) == (TITLE, True)
    assert (article.dateline, article.source_name, article.editor_name) == (
        "",
        "bnpt.go.id",
        "Redaksi",
    )
    assert article.byline == "Pewarta sendiri"
    assert article.slug.startswith("bnpt-bersama-")
    assert page.errors == []
    assert page.evaluate("window.cspViolations") == []


def test_a_paste_never_overwrites_a_title_the_reporter_wrote(reporter_page):
    page = reporter_page
    page.locator("#id_title").press_sequentially("BNPT dan Malaysia bertemu")

    page.evaluate(PASTE, WIRE_COPY)

    expect(page.locator(".paste-cleanup-notice")).to_contain_text(NOTICE)
    expect(page.locator("#id_title")).to_have_value("BNPT dan Malaysia bertemu")
    expect(page.locator("#id_slug")).to_have_value("bnpt-dan-malaysia-bertemu")
    expect(page.locator("#id_needs_headline")).not_to_be_checked()
    expect(page.locator("#id_editor_name")).to_have_value("Redaksi")
    assert page.errors == []
    assert page.evaluate("window.cspViolations") == []


def test_a_one_line_paste_is_only_inserted_at_the_cursor(reporter_page):
    page = reporter_page
    page.fill("#id_body", "Awal. Akhir.")
    page.locator("#id_body").evaluate("body => body.setSelectionRange(5, 5)")

    page.evaluate(PASTE, " Tengah.")

    expect(page.locator("#id_body")).to_have_value("Awal. Tengah. Akhir.")
    expect(page.locator(".paste-cleanup-notice")).to_be_hidden()
    expect(page.locator("#id_title")).to_have_value("")
    assert page.errors == []


def test_a_second_reporter_pasting_the_same_copy_is_sent_to_the_first_story(
    reporter_page, open_page, make_staff
):
    """The first reporter pastes and saves; the second pastes the same wire
    story, is told it is already in the first one's draft, and opens it."""
    page = reporter_page
    page.evaluate(PASTE, WIRE_COPY)
    expect(page.locator(".paste-cleanup-notice")).to_contain_text(NOTICE)
    expect(page.locator(".paste-cleanup-earlier")).to_have_count(0)
    pick(page, "id_section", "Keam", "Keamanan")
    page.click("input[name=_save]")
    expect(page).to_have_url(
        re.compile(r"/admin/articles/article/(\d+/change/|\d+/links/|$)")
    )
    first = Article.objects.get()

    make_staff("Reporter", "kedua")
    second = open_page(viewport={"width": 1280, "height": 1000})
    admin_login(second, "kedua")
    second.goto("/admin/articles/article/add/")
    second.evaluate(PASTE, WIRE_COPY.replace("\n", "\r\n"))

    warning = second.locator(".paste-cleanup-earlier")
    expect(warning).to_contain_text(f"This copy is already in “{TITLE}” (Draft")
    expect(warning).to_have_attribute("role", "alert")
    with second.context.expect_page() as opened:
        warning.get_by_role("link", name="Open it").click()

    # The first story in a tab of its own; the paste is still in this form.
    expect(opened.value).to_have_url(
        re.compile(rf"/admin/articles/article/{first.pk}/")
    )
    expect(second.locator("#id_body")).to_have_value("\n\n".join(PARAGRAPHS))
    assert Article.objects.count() == 1
    assert page.errors == []


PASTE_WITH_HTML = """([text, html]) => {
    const body = document.querySelector('#id_body');
    body.focus();
    const data = new DataTransfer();
    data.setData('text/plain', text);
    data.setData('text/html', html);
    body.dispatchEvent(new ClipboardEvent('paste', {
        clipboardData: data, bubbles: true, cancelable: true,
    }));
}"""
# The copy as Word puts it on the clipboard: plain text without marks, and
# HTML whose italics are <i> runs (one phrase split in two, as Word does) or,
# from Google Docs, a span's font-style.
PLAIN = WIRE_COPY.replace("_", "")
WORD_HTML = """<html><head><style>p.MsoNormal {margin: 0}</style></head>
<body lang=ID><!--StartFragment-->
<p class=MsoNormal>DM – BNPT bersama Delegasi Malaysia menggelar <i>The 2nd Joint
</i><i>Working Group on Counter Terrorism</i> di Jakarta, Kamis (24/3/2022).<o:p>
</o:p></p>
<p class=MsoNormal>Pertemuan itu menindaklanjuti JWG ke-1 yang digelar di Kuala
Lumpur pada November 2019.</p>
<p class=MsoNormal>Kepala BNPT, Boy Rafli Amar, menegaskan bahwa kelompok teroris
memakai ruang siber untuk merekrut anggota selama pandemi.</p>
<p class=MsoNormal>“Kerja sama kedua negara harus diperkuat, terutama dalam
<span style="font-style: italic">information sharing</span> dan pengawasan
perbatasan laut” ujar Boy.</p>
<p class=MsoNormal>Delegasi Malaysia dipimpin oleh Wakil Sekretaris Jenderal
Kementerian Dalam Negeri.</p>
<p class=MsoNormal>Sumber : bnpt.go.id<br>Editor : Redaksi</p>
<p class=MsoNormal>Discussion about this post</p>
<!--EndFragment--></body></html>"""


def test_copy_from_word_keeps_its_italic_phrases_as_underscores(reporter_page):
    """Copied from a Word document or a web page, the English phrases'
    italics were lost: the clipboard's plain text has no marks. They are
    read from the clipboard's HTML and marked as wire copy marks them."""
    page = reporter_page

    page.evaluate(PASTE_WITH_HTML, [PLAIN, WORD_HTML])

    expect(page.locator(".paste-cleanup-notice")).to_contain_text(NOTICE)
    expect(page.locator("#id_body")).to_have_value("\n\n".join(PARAGRAPHS))
    expect(page.locator("#id_editor_name")).to_have_value("Redaksi")
    # The clipboard's styles are read, never applied: no CSP report.
    assert page.errors == []
    assert page.evaluate("window.cspViolations") == []


def test_html_that_does_not_say_the_plain_texts_words_is_not_used(reporter_page):
    """The HTML is only trusted for its italics when its words are the plain
    text's: here it lacks a paragraph, and the plain text is pasted whole."""
    page = reporter_page
    shorter = WORD_HTML.replace("Pertemuan itu menindaklanjuti", "Pertemuan")

    page.evaluate(PASTE_WITH_HTML, [PLAIN, shorter])

    expect(page.locator(".paste-cleanup-notice")).to_contain_text(NOTICE)
    expect(page.locator("#id_body")).to_have_value(
        "\n\n".join(PARAGRAPHS).replace("_", "")
    )


# Word writes `mso-bidi-font-style` (the style of right-to-left text) on
# runs in italics and upright alike: it is no `font-style`.
WORD_BIDI_HTML = WORD_HTML.replace(
    "<i>The 2nd Joint\n</i><i>Working Group on Counter Terrorism</i>",
    "<i><span style='mso-bidi-font-style:normal'>The 2nd Joint\nWorking Group on "
    "Counter Terrorism</span></i>",
).replace(
    "Kepala BNPT, Boy Rafli Amar,",
    "<span style='mso-bidi-font-style:italic'>Kepala BNPT, Boy Rafli Amar,</span>",
)


def test_words_right_to_left_style_neither_undoes_nor_makes_italics(reporter_page):
    """`<i><span style='mso-bidi-font-style:normal'>` stays in italics, and
    upright text with `mso-bidi-font-style:italic` stays upright."""
    page = reporter_page
    assert WORD_BIDI_HTML.count("mso-bidi-font-style") == 2

    page.evaluate(PASTE_WITH_HTML, [PLAIN, WORD_BIDI_HTML])

    expect(page.locator(".paste-cleanup-notice")).to_contain_text(NOTICE)
    expect(page.locator("#id_body")).to_have_value("\n\n".join(PARAGRAPHS))
    assert page.errors == []
    assert page.evaluate("window.cspViolations") == []


NO_TITLE = "No title: proposed one from the first sentence"


def test_no_title_notice_when_the_reporters_title_is_kept(reporter_page):
    """The reporter typed a title before pasting: it stays, and the notice
    does not say one was proposed; without one it does."""
    page = reporter_page
    page.locator("#id_title").press_sequentially("BNPT dan Malaysia bertemu")

    page.evaluate(PASTE, WIRE_COPY)

    notice = page.locator(".paste-cleanup-notice")
    expect(notice).to_contain_text(NOTICE)
    expect(page.locator("#id_title")).to_have_value("BNPT dan Malaysia bertemu")
    expect(notice).not_to_contain_text(NO_TITLE)

    page.fill("#id_title", "")
    page.fill("#id_body", "")
    page.evaluate(PASTE, WIRE_COPY)

    expect(page.locator("#id_title")).to_have_value(TITLE)
    expect(notice).to_contain_text(NO_TITLE)
    assert page.errors == []


# The reporter made the body tall by its handle (a phone's browser keeps it
# short, but the preview comes under it there), and pastes at its top.
TALL_BODY = """() => {
    const body = document.querySelector('#id_body');
    body.style.height = '1100px';
    body.scrollIntoView({block: 'start'});
    window.scrollBy(0, -40);
    body.focus({preventScroll: true});
}"""
# Within the window, to the pixel: the page scrolls by whole pixels, and an
# element whose place on the page is fractional (the desk's header on a
# phone is 24 px targets on text lines) is shown from a fraction above.
IN_WINDOW = """(el) => {
    const box = el.getBoundingClientRect();
    return box.height > 0 && box.top > -1 && box.bottom < window.innerHeight + 1;
}"""


def apart(one: dict, other: dict) -> bool:
    """Whether two bounding boxes share no point (one above, below or beside
    the other)."""
    return (
        one["y"] + one["height"] <= other["y"]
        or other["y"] + other["height"] <= one["y"]
        or one["x"] + one["width"] <= other["x"]
        or other["x"] + other["width"] <= one["x"]
    )


@pytest.mark.parametrize("width, height", [(1280, 900), (390, 844)])
def test_the_notice_of_a_paste_into_a_tall_body_is_in_the_window(
    open_page, make_staff, width, height
):
    """It was under the fold, below a long body; then pinned over the body's
    foot, where it hid the lines being edited. It is just above the body, in
    the page's flow: the page moves only to show it, said by a screen reader,
    the caret in the body (at its top: the clean-up rewrote it)."""
    make_staff("Reporter", "pewarta")
    page = open_page(viewport={"width": width, "height": height})
    page.add_init_script(WATCH_CSP)
    admin_login(page, "pewarta")
    page.goto("/admin/articles/article/add/")
    notice = page.locator(".paste-cleanup-notice")
    # A live region before it has anything to say, so that it is read out.
    assert notice.evaluate("el => !el.hidden && !el.closest('[hidden]')")
    expect(notice).to_have_attribute("aria-live", "polite")
    page.evaluate(TALL_BODY)

    page.evaluate(PASTE, WIRE_COPY)

    expect(notice).to_contain_text(NOTICE)
    page.wait_for_timeout(500)  # the preview renders and grows
    assert notice.evaluate(IN_WINDOW)
    body = page.locator("#id_body")
    assert apart(notice.bounding_box(), body.bounding_box())
    assert notice.bounding_box()["y"] < body.bounding_box()["y"]
    assert page.evaluate("document.activeElement.id") == "id_body"

    page.keyboard.press("Control+End")  # the caret is at the body's top
    page.keyboard.type(" Tambahan.")
    expect(body).to_have_value(re.compile(r"Tambahan\.$"))
    assert apart(notice.bounding_box(), body.bounding_box())
    assert page.evaluate("window.cspViolations") == []


@pytest.mark.parametrize("width, height", [(1280, 1000), (390, 844)])
def test_the_dateline_is_filled_only_with_a_place_and_the_report_covers_no_text(
    open_page, make_staff, tmp_path, width, height
):
    """The tester's "DM – BNPT melalui …": "DM" (the wire site's initials)
    filled the Dateline and the published story read "DM · Oleh …"; and the
    report box covered part of the body until it was closed."""
    make_staff("Reporter", "pewarta")
    page = open_page(viewport={"width": width, "height": height})
    page.add_init_script(WATCH_CSP)
    admin_login(page, "pewarta")
    page.goto("/admin/articles/article/add/")
    notice, body = page.locator(".paste-cleanup-notice"), page.locator("#id_body")
    dateline = page.locator("#id_dateline")

    page.evaluate(PASTE, WIRE_COPY)

    expect(notice).to_contain_text(LEFT_OUT)
    expect(dateline).to_have_value("")
    expect(body).to_have_value("\n\n".join(PARAGRAPHS))
    page.wait_for_timeout(300)  # the preview renders and grows
    assert apart(notice.bounding_box(), body.bounding_box())
    page.screenshot(path=tmp_path / f"paste-report-{width}.png", full_page=True)

    # A place is filled as before.
    page.fill("#id_title", "")
    page.fill("#id_body", "")
    page.evaluate(PASTE, WIRE_COPY.replace("DM – ", "Jakarta – "))

    expect(dateline).to_have_value("Jakarta")
    expect(notice).not_to_contain_text("Dateline “")
    expect(body).to_have_value("\n\n".join(PARAGRAPHS))
    assert apart(notice.bounding_box(), body.bounding_box())
    assert page.evaluate("window.cspViolations") == []


def test_after_a_clean_up_the_body_reads_from_its_top(reporter_page):
    """After the clean-up the body was scrolled to its end, the caret after
    the last line: the reporter, who has just read the report above it,
    reads the cleaned story from its lede, caret and scroll at the top."""
    page = reporter_page
    body = page.locator("#id_body")
    more = "\n".join(
        f"Paragraf tambahan {n} tentang kerja sama penanggulangan terorisme."
        for n in range(40)
    )
    copy = WIRE_COPY.replace("\nSumber", f"\n{more}\nSumber")
    body.evaluate("el => el.scrollIntoView({block: 'start'})")  # where one types

    page.evaluate(PASTE, copy)

    expect(page.locator(".paste-cleanup-notice")).to_contain_text(
        "Pasted copy cleaned up"
    )
    expect(body).to_have_value(re.compile(r"^BNPT bersama Delegasi Malaysia"))
    page.wait_for_timeout(300)  # the preview renders and grows
    assert body.evaluate("el => el.scrollHeight > el.clientHeight + 100")
    assert body.evaluate(
        "el => [el.selectionStart, el.selectionEnd, el.scrollTop]"
    ) == [0, 0, 0]
    assert page.evaluate("document.activeElement.id") == "id_body"
    box = body.bounding_box()
    assert 0 <= box["y"] < page.viewport_size["height"]  # its top in the window

    page.keyboard.type("JAKARTA – ")
    expect(body).to_have_value(re.compile(r"^JAKARTA – BNPT bersama"))
    assert body.evaluate("el => el.scrollTop") == 0


def test_a_pasted_resend_held_by_its_draft_names_the_published_story_too(
    reporter_page, make_staff
):
    """The first copy imported and published, the re-send imported as a
    draft: pasting the re-send names the draft, then the published story to
    update, each with its link (services.copy_found)."""
    from tests.articles.intake.test_similar_copy import (
        RESENT,
        import_text,
        published_import,
    )

    editor = make_staff("Editor", "redaksi")
    story = published_import(editor)
    draft = import_text("bnpt-ralat.txt", RESENT, editor).article
    page = reporter_page

    page.evaluate(PASTE, RESENT)

    said = page.locator(".paste-cleanup-earlier")
    expect(said).to_have_count(2)
    expect(said.nth(0)).to_contain_text(f"This copy is already in “{draft.title}”")
    expect(said.nth(0)).to_contain_text("imported from wire copy on ")
    expect(said.nth(1)).to_contain_text(
        f"Nearly the same copy is in “{story.title}” (Published"
    )
    for paragraph, article in ((said.nth(0), draft), (said.nth(1), story)):
        expect(paragraph.get_by_role("link", name="Open it")).to_have_attribute(
            "href", f"/admin/articles/article/{article.pk}/change/"
        )
    assert page.errors == []
    assert page.evaluate("window.cspViolations") == []
