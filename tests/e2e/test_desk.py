"""The start page of each role, and a notification flow end to end, in
Chromium: what each person sees on /admin/, at a desk's width and a phone's,
with axe's verdict; a story submitted and returned through the browser, the
mails each step sends, and the note on the reporter's start page."""

import datetime as dt
import re

import pytest
from django.core import mail
from django.utils import timezone
from playwright.sync_api import expect

from articles import services
from articles.models import Article
from tests.articles.comment_factories import CommentFactory
from tests.articles.factories import ArticleFactory, SectionFactory
from tests.e2e.conftest import ARTIFACTS, admin_login, serious_violations

pytestmark = pytest.mark.e2e

WIDTHS = (1280, 390)  # a desk's screen, a phone


def with_email(user, address):
    user.email = address
    user.save(update_fields=["email"])
    return user


def look_at(page, name):
    """The start page at each width: it fits (no sideways scrolling), axe
    finds nothing serious, and a screenshot is kept in test-artifacts/."""
    ARTIFACTS.mkdir(exist_ok=True)
    for width in WIDTHS:
        page.set_viewport_size({"width": width, "height": 900})
        page.goto("/admin/")
        expect(page.locator("#desk-start")).to_be_visible()
        overflow = page.evaluate(
            "() => document.documentElement.scrollWidth - window.innerWidth"
        )
        assert overflow <= 0, f"{name} at {width}px scrolls sideways by {overflow}px"
        page.screenshot(
            path=str(ARTIFACTS / f"desk-start-{name}-{width}.png"), full_page=True
        )
        assert not serious_violations(page), (name, width)


@pytest.fixture
def desk_day(transactional_db, make_staff):
    """A morning at the desk: stories in every state, comments to moderate."""
    reporter = make_staff("Reporter", "wartawan")
    editor = make_staff("Editor", "redaktur")
    section = SectionFactory(name="Keamanan", slug="keamanan")
    draft = ArticleFactory(
        draft=True,
        title="Draf: patroli bersama di Laut Sulawesi",
        section=section,
        created_by=reporter,
    )
    returned = ArticleFactory(
        draft=True,
        title="Delegasi Filipina tiba di Jakarta",
        section=section,
        created_by=reporter,
    )
    services.article_submit(article=returned, user=reporter)
    services.article_return(
        article=returned,
        user=editor,
        note="Tambahkan tanggapan BNPT dan nama ketua delegasi.",
    )
    waiting = ArticleFactory(
        draft=True,
        title="Kelompok kerja sepakati pertukaran data intelijen keuangan",
        section=section,
        created_by=reporter,
    )
    services.article_submit(article=waiting, user=reporter)
    ArticleFactory(
        title="Pertemuan keempat ditutup besok",
        section=section,
        created_by=reporter,
        published_at=timezone.now() + dt.timedelta(hours=20),
    )
    live = ArticleFactory(
        title="BNPT dan NICA perkuat kerja sama", section=section, created_by=reporter
    )
    services.correction_add(
        article=live,
        user=editor,
        kind="correction",
        text="Nama lembaga Filipina tertulis salah pada versi sebelumnya.",
    )
    CommentFactory(article=live, pending=True, text="Kapan pertemuan berikutnya?")
    CommentFactory(article=live, text="Iklan obat murah di sini!", flag_count=2)
    return {"draft": draft, "returned": returned, "waiting": waiting}


def test_a_reporter_sees_their_stories_and_the_editors_note(open_page, desk_day):
    page = open_page(bypass_csp=True)  # axe is injected
    admin_login(page, "wartawan")
    returned = page.locator("#desk-returned")
    expect(returned).to_contain_text("Delegasi Filipina tiba di Jakarta")
    expect(returned).to_contain_text("Tambahkan tanggapan BNPT")
    expect(returned.locator(".desk-count")).to_have_text("1")
    expect(page.locator("#desk-drafts")).to_contain_text("Draf: patroli bersama")
    expect(page.locator("#desk-my_scheduled")).to_contain_text("ditutup besok")
    # Submitted, it stays in sight until the desk returns or publishes it.
    expect(page.locator("#desk-my_review")).to_contain_text(
        "pertukaran data intelijen keuangan"
    )
    expect(page.locator("#desk-review")).to_have_count(0)
    look_at(page, "reporter")
    page.set_viewport_size({"width": 1280, "height": 900})
    returned.get_by_role("link", name="Delegasi Filipina tiba di Jakarta").click()
    expect(page.locator("#id_title")).to_have_value("Delegasi Filipina tiba di Jakarta")


def test_a_returned_story_opens_with_the_editors_note_on_the_first_screen(
    open_page, desk_day
):
    """The note had been only in the Workflow history, near the bottom of a
    page some 5000 px long (6700 px on a phone)."""
    ARTIFACTS.mkdir(exist_ok=True)
    page = open_page(bypass_csp=True)  # axe is injected
    admin_login(page, "wartawan")
    for width in WIDTHS:
        page.set_viewport_size({"width": width, "height": 900})
        page.goto("/admin/")
        page.locator("#desk-returned").get_by_role(
            "link", name="Delegasi Filipina tiba di Jakarta"
        ).click()
        note = page.locator("#return-note")
        expect(note.locator("h2")).to_contain_text("redaktur")  # who returned it
        expect(note).to_contain_text(
            "Tambahkan tanggapan BNPT dan nama ketua delegasi."
        )
        box = note.bounding_box()
        assert box["y"] + box["height"] <= 900, (width, box)
        overflow = page.evaluate(
            "() => document.documentElement.scrollWidth - window.innerWidth"
        )
        assert overflow <= 0, (width, overflow)
        page.screenshot(path=str(ARTIFACTS / f"desk-return-note-{width}.png"))
        assert not serious_violations(page, "'#return-note'"), width


def test_an_editor_sees_the_queue_the_schedule_and_corrections(open_page, desk_day):
    page = open_page(bypass_csp=True)
    admin_login(page, "redaktur")
    review = page.locator("#desk-review")
    expect(review.locator(".desk-count")).to_have_text("1")
    expect(review).to_contain_text("pertukaran data intelijen keuangan")
    expect(page.locator("#desk-scheduled")).to_contain_text("ditutup besok")
    expect(page.locator("#desk-corrections")).to_contain_text("tertulis salah")
    expect(page.locator("#desk-returned")).to_have_count(0)
    look_at(page, "editor")


def test_a_moderator_sees_pending_and_reported_comments(
    open_page, desk_day, make_staff
):
    make_staff("Moderator", "moderator")
    page = open_page(bypass_csp=True)
    admin_login(page, "moderator")
    expect(page.locator("#desk-pending .desk-count")).to_have_text("1")
    expect(page.locator("#desk-reported .desk-count")).to_have_text("1")
    expect(page.locator("#desk-reported")).to_contain_text("Iklan obat murah")
    look_at(page, "moderator")
    page.set_viewport_size({"width": 1280, "height": 900})
    page.locator("#desk-pending").get_by_role(
        "link", name="Kapan pertemuan berikutnya?"
    ).click()
    expect(page).to_have_url(re.compile(r"/admin/articles/comment/\d+/"))


def test_submitted_and_returned_the_mails_go_out_and_the_note_reaches_the_reporter(
    open_page, make_staff
):
    reporter = with_email(make_staff("Reporter", "wartawan"), "wartawan@redaksi.id")
    with_email(make_staff("Editor", "redaktur"), "redaktur@redaksi.id")
    story = ArticleFactory(
        draft=True,
        title="Delegasi Filipina tiba di Jakarta",
        section=SectionFactory(name="Keamanan", slug="keamanan"),
        created_by=reporter,
    )
    mail.outbox.clear()

    # The reporter submits from their start page.
    writer = open_page()
    admin_login(writer, "wartawan")
    writer.locator("#desk-drafts").get_by_role("link", name=story.title).click()
    writer.click("button[name=_transition][value=submit]")
    expect(writer.locator(".messagelist")).to_be_visible()
    assert Article.objects.get(pk=story.pk).status == Article.Status.IN_REVIEW
    assert [m.to for m in mail.outbox] == [["redaktur@redaksi.id"]]
    assert story.title in mail.outbox[0].subject

    # The editor finds it on theirs and returns it with a note.
    desk = open_page()
    admin_login(desk, "redaktur")
    desk.locator("#desk-review").get_by_role("link", name=story.title).click()
    desk.fill("#id_workflow_note", "Tambahkan tanggapan BNPT.")
    desk.click("button[name=_transition][value=return]")
    expect(desk.locator(".messagelist")).to_be_visible()
    assert Article.objects.get(pk=story.pk).status == Article.Status.DRAFT
    assert [m.to for m in mail.outbox][1:] == [["wartawan@redaksi.id"]]
    assert "Tambahkan tanggapan BNPT." in mail.outbox[1].body

    # The reporter's start page says so.
    writer.goto("/admin/")
    returned = writer.locator("#desk-returned")
    expect(returned).to_contain_text(story.title)
    expect(returned).to_contain_text("Tambahkan tanggapan BNPT.")
