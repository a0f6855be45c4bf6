"""The newsroom's journeys, each as its people take it in a real browser."""

import re
from urllib.parse import parse_qs, urlsplit

import pytest
from django.core.cache import cache
from playwright.sync_api import expect

from agencies.models import Meeting
from articles.models import Article, Comment, CommentFlag
from articles.search.index import update_search_vectors
from tests.agencies.factories import AgencyFactory, MeetingSeriesFactory, PersonFactory
from tests.articles.comment_factories import CommentFactory
from tests.articles.factories import ArticleFactory, SectionFactory
from tests.e2e.conftest import admin_login
from tests.images import library_image

pytestmark = pytest.mark.e2e


def _answers(typed: str):
    """Whether a response is the autocomplete's answer to the whole of ``typed``."""

    def is_it(response) -> bool:
        query = parse_qs(urlsplit(response.url).query)
        return query.get("term") == [typed]

    return is_it


def pick(page, field_id: str, typed: str, choice: str | None = None) -> None:
    """Choose in an admin autocomplete (select2): open it, type, click the match.

    Each keystroke asks the server; an answer to a shorter term can land and
    be drawn while the next is on its way, and a click on a list drawn again
    between press and release chooses nothing. So the click waits for the
    answer to the whole term.
    """
    page.click(f"#{field_id} + .select2 .select2-selection")
    search = page.locator(".select2-container--open .select2-search__field")
    with page.expect_response(_answers(typed)) as answer:
        search.press_sequentially(typed)
    answer.value.finished()
    option = page.locator(
        ".select2-container--open .select2-results__option[role=option]",
        has_text=choice or typed,
    )
    option.first.click()
    expect(page.locator(f"#{field_id} + .select2")).to_contain_text(choice or typed)


def test_a_reporter_files_a_story_and_an_editor_publishes_it(
    open_page, make_staff, tmp_path
):
    make_staff("Reporter", "wartawan")
    make_staff("Editor", "redaktur")
    library_image(
        "delegasi.jpg",
        size=(640, 400),
        title="Delegasi di ruang rapat",
        alt_text="Delegasi Filipina dan BNPT di ruang rapat",
    )
    SectionFactory(name="Kerja sama internasional", slug="internasional")
    AgencyFactory(acronym="BNPT", name="Badan Nasional Penanggulangan Terorisme")
    AgencyFactory(acronym="NICA", name="National Intelligence Coordinating Agency")

    reporter = open_page()
    admin_login(reporter, "wartawan")
    reporter.goto("/admin/articles/article/add/")
    reporter.locator("#id_title").press_sequentially(
        "Delegasi Filipina tiba di Jakarta"
    )
    expect(reporter.locator("#id_slug")).to_have_value(
        "delegasi-filipina-tiba-di-jakarta"
    )
    reporter.fill("#id_dek", "BNPT menyambut NICA untuk pertemuan kelompok kerja.")
    reporter.fill(
        "#id_body",
        "Kepala BNPT membuka pertemuan dengan delegasi Filipina di Jakarta.",
    )
    reporter.select_option("#id_language", "id")
    pick(reporter, "id_section", "Kerja", "Kerja sama internasional")
    reporter.fill("#id_tags", "terorisme, Filipina")
    pick(reporter, "id_agencies", "BNPT")
    pick(reporter, "id_agencies", "NICA")
    pick(reporter, "id_featured_image", "ruang rapat", "Delegasi di ruang rapat")
    reporter.click("input[name=_continue]")
    expect(reporter.locator(".messagelist")).to_be_visible()
    reporter.click("button[name=_transition][value=submit]")
    expect(reporter.locator(".messagelist")).to_be_visible()

    article = Article.objects.get(slug="delegasi-filipina-tiba-di-jakarta")
    assert article.status == Article.Status.IN_REVIEW
    assert article.language == "id"
    assert sorted(t.name for t in article.tags.all()) == ["Filipina", "terorisme"]
    assert sorted(a.acronym for a in article.agencies.all()) == ["BNPT", "NICA"]
    assert article.featured_image.title == "Delegasi di ruang rapat"

    editor = open_page()
    admin_login(editor, "redaktur")
    editor.goto("/admin/articles/articleinreview/")
    editor.get_by_role("link", name="Delegasi Filipina tiba di Jakarta").click()
    expect(editor.locator("#id_title")).to_have_value(
        "Delegasi Filipina tiba di Jakarta"
    )
    editor.click("button[name=_transition][value=publish]")
    expect(editor.locator(".messagelist")).to_be_visible()

    article.refresh_from_db()
    assert article.is_public
    editor.goto(article.get_absolute_url())
    expect(editor.locator("h1")).to_have_text("Delegasi Filipina tiba di Jakarta")
    picture = editor.locator("img[alt='Delegasi Filipina dan BNPT di ruang rapat']")
    expect(picture).to_be_visible()
    assert picture.evaluate("img => img.naturalWidth") > 0
    expect(editor.locator("a.tag", has_text="terorisme")).to_be_visible()
    expect(editor.locator("a[href^='/agencies/nica']").first).to_be_visible()


@pytest.fixture
def generous_comment_limits(settings):
    """One reader sends a comment, a reply and a report within seconds, all from
    127.0.0.1: the real limits (one comment per 30 s per network) would stop the
    reply. The live server runs in this process, so it sees these settings."""
    settings.READER_RATES = {"comment": ["100/m"], "flag": ["100/m"]}
    cache.clear()


@pytest.fixture
def story_with_discussion(transactional_db):
    """A published story with two approved comments, and an older story."""
    section = SectionFactory(name="Keamanan", slug="keamanan")
    ArticleFactory(title="Rapat koordinasi di Manila", section=section)
    story = ArticleFactory(
        title="Patroli perbatasan laut diperkuat",
        slug="patroli-perbatasan-laut",
        dek="Indonesia dan Filipina menjaga Laut Sulawesi bersama.",
        body="Patroli perbatasan laut di Laut Sulawesi diperkuat.",
        language=Article.Language.INDONESIAN,
        section=section,
    )
    update_search_vectors([story.pk])
    first = CommentFactory(article=story, author_name="Dewi", text="Kabar baik.")
    second = CommentFactory(article=story, author_name="Budi", text="Iklan murah!")
    return story, first, second


def send_comment(page, form: str, name: str, email: str, text: str) -> None:
    page.fill(f"#{form}-author_name", name)
    page.fill(f"#{form}-author_email", email)
    page.fill(f"#{form}-text", text)
    page.locator(f"#{form} button[type=submit]").click()


def test_a_reader_finds_a_story_comments_replies_and_reports(
    page, story_with_discussion, generous_comment_limits
):
    story, first, second = story_with_discussion

    page.goto("/")
    page.get_by_role("link", name="Patroli perbatasan laut diperkuat").first.click()
    expect(page).to_have_url(re.compile(re.escape(story.get_absolute_url()) + "$"))

    page.goto("/")
    search = page.locator("input[name=q]").first
    search.fill("perbatasan")
    search.press("Enter")
    expect(page).to_have_url(re.compile(r"/search/\?q=perbatasan"))
    page.get_by_role("link", name="Patroli perbatasan laut diperkuat").first.click()
    expect(page).to_have_url(re.compile(re.escape(story.get_absolute_url()) + "$"))

    send_comment(
        page, "new-comment", "Sari", "sari@example.com", "Semoga patroli berhasil."
    )
    # An Indonesian story: the Indonesian edition speaks Indonesian, whatever
    # the browser's language (en-GB here).
    expect(page.locator(".message--success")).to_contain_text("menunggu moderasi")
    mine = page.locator(".comment--pending", has_text="Semoga patroli berhasil.")
    expect(mine).to_contain_text("Menunggu moderasi.")

    page.locator(f"#comment-{first.pk} .comment__action--reply").click()
    send_comment(page, f"reply-{first.pk}", "Sari", "sari@example.com", "Setuju, Dewi.")
    expect(page.locator(".message--success").first).to_be_visible()
    reply = Comment.objects.get(text="Setuju, Dewi.")
    assert reply.parent == first
    assert reply.status == Comment.Status.PENDING

    page.locator(f"#comment-{second.pk} .comment__action--report").click()
    page.select_option(f"#flag-{second.pk}-reason", index=1)
    page.locator(f"#comment-{second.pk} .flag-form button[type=submit]").click()
    expect(page.locator(f"#comment-{second.pk}")).to_contain_text(
        "Terima kasih atas laporan Anda"
    )
    assert CommentFlag.objects.filter(comment=second).count() == 1


def test_a_moderator_approves_a_comment_and_the_reader_sees_it(
    open_page, make_staff, story_with_discussion, generous_comment_limits
):
    story, _first, _second = story_with_discussion
    make_staff("Moderator", "moderator")

    reader = open_page()
    reader.goto(story.get_absolute_url())
    send_comment(
        reader, "new-comment", "Sari", "sari@example.com", "Terima kasih, redaksi."
    )
    expect(reader.locator(".comment--pending")).to_contain_text(
        "Terima kasih, redaksi."
    )
    comment = Comment.objects.get(text="Terima kasih, redaksi.")

    moderator = open_page()
    admin_login(moderator, "moderator")
    moderator.goto("/admin/articles/comment/")
    moderator.check(f"input.action-select[value='{comment.pk}']")
    moderator.select_option("select[name=action]", "approve")
    moderator.click("button[name=index]")
    expect(moderator.locator(".messagelist")).to_contain_text("1 comment approved")

    reader.reload()
    approved = reader.locator(f"#comment-{comment.pk}")
    expect(approved).to_contain_text("Terima kasih, redaksi.")
    expect(approved).not_to_have_class(re.compile("comment--pending"))
    expect(approved).not_to_contain_text("Menunggu moderasi")
    # Also for a reader who never wrote it.
    stranger = open_page()
    stranger.goto(story.get_absolute_url())
    expect(stranger.locator(f"#comment-{comment.pk}")).to_contain_text(
        "Terima kasih, redaksi."
    )


JWG4_SESSIONS = [
    "Threat assessments at global, regional and domestic level",
    "Intelligence and information sharing between the security agencies",
    "Carrying out and monitoring border control",
    "Preventing and countering terrorism in cyberspace",
    "Lessons learned in countering violent extremism (CVE)",
    "Police-to-police cooperation between Indonesia and the Philippines",
    "Building capacity and capability",
]


def test_an_editor_enters_the_4th_jwg_on_one_admin_page(open_page, make_staff):
    make_staff("Editor", "redaktur")
    MeetingSeriesFactory(
        name="Philippines-Indonesia Joint Working Group on Combating "
        "International Terrorism",
        short_name="JWG PH-ID",
        slug="jwg-philippines-indonesia",
    )
    bnpt = AgencyFactory(
        acronym="BNPT", name="Badan Nasional Penanggulangan Terorisme", country="ID"
    )
    AgencyFactory(acronym="BIN", name="Badan Intelijen Negara", country="ID")
    AgencyFactory(
        acronym="NICA", name="National Intelligence Coordinating Agency", country="PH"
    )
    speakers = [
        ("Boy Rafli Amar", "Head of BNPT", "2"),
        ("Andhika Chrisnayudhanto", "BNPT Deputy for International Cooperation", "3"),
        ("Damian L. Carlos", "Deputy Director General for Counter-Terrorism", "4"),
    ]
    for name, position, _role in speakers:
        PersonFactory(name=name, position=position, agency=bnpt)

    page = open_page()
    admin_login(page, "redaktur")
    page.goto("/admin/agencies/meeting/add/")
    pick(page, "id_series", "JWG", "Joint Working Group")
    page.fill("#id_number", "4")
    page.locator("#id_title").press_sequentially(
        "4th Philippines-Indonesia JWG on Combating International Terrorism"
    )
    page.select_option("#id_format", Meeting.Format.HYBRID)
    page.fill("#id_start_0", "2022-03-24")
    page.fill("#id_start_1", "09:00:00")
    page.fill("#id_end_0", "2022-03-24")
    page.fill("#id_end_1", "13:00:00")
    page.fill("#id_city", "Jakarta")
    pick(page, "id_host", "BNPT")
    page.fill("#id_summary", "A yearly bilateral meeting on terrorism.")

    add_session = page.locator("#sessions-group .add-row a")
    for _ in range(len(JWG4_SESSIONS) - 1):  # one empty row to start with
        add_session.click()
    # New rows are numbered when saved, in the order they were filled.
    for number, title in enumerate(JWG4_SESSIONS):
        page.fill(f"#id_sessions-{number}-title", title)

    for number, (acronym, role) in enumerate(
        [("BNPT", "1"), ("BIN", "3"), ("NICA", "2")]
    ):
        pick(page, f"id_participants-{number}-agency", acronym)
        page.select_option(f"#id_participants-{number}-role", role)

    for number, (name, position, role) in enumerate(speakers):
        pick(page, f"id_attendances-{number}-person", name.split()[-1], name)
        page.select_option(f"#id_attendances-{number}-role", role)
        page.fill(f"#id_attendances-{number}-position_held", position)

    page.click("input[name=_save]")
    expect(page.locator(".messagelist .success")).to_be_visible()

    meeting = Meeting.objects.get(number=4)
    assert meeting.sessions.count() == 7
    assert meeting.participants.count() == 3
    assert meeting.attendances.count() == 3

    page.goto(f"/en{meeting.get_absolute_url()}")  # the English edition
    expect(page.locator("h1")).to_have_text(
        "4th Philippines-Indonesia JWG on Combating International Terrorism"
    )
    expect(page.locator(".session__title")).to_have_text(JWG4_SESSIONS)
    delegations = page.locator(".delegation")
    expect(delegations).to_have_count(2)
    indonesia = delegations.filter(has_text="Indonesia")
    expect(indonesia).to_contain_text("BNPT")
    expect(indonesia).to_contain_text("BIN")
    expect(delegations.filter(has_text="Philippines")).to_contain_text("NICA")
    people = page.locator(".people-list li")
    expect(people).to_have_count(3)
    for number, (name, position, _role) in enumerate(speakers):
        expect(people.nth(number)).to_contain_text(name)
        expect(people.nth(number)).to_contain_text(position)
    expect(page.locator(".facts")).to_contain_text("Hybrid")
