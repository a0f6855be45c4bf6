"""Suggest links (issue #11): the service that links what recognition found
(articles/services/links.py) and the admin page that offers it
(articles/admin/links.py): grouped, with where each was found, accepted all
or some in one step; unknown acronyms created by editors, proposed by
reporters; a new article's plain Save leads there."""

from pathlib import Path

import pytest
from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import translation
from reversion.models import Version

from agencies.models import Agency, AgencyProposal, MeetingAttendance
from articles import services
from articles.intake.parser import parse_copy
from articles.models import Article
from articles.search.query import find_articles
from newsroom.history import revision_comment
from tests.agencies.factories import AgencyFactory
from tests.articles.factories import ArticleFactory
from tests.newsroom.history.pages import history_page

pytestmark = pytest.mark.django_db

SAMPLES = Path(__file__).parent / "intake_samples"


def sample_body(name: str) -> str:
    import datetime as dt

    parsed = parse_copy((SAMPLES / name).read_text(), today=dt.date(2022, 12, 31))
    return parsed.body


def reporter_draft(section, reporter, *, title: str, body: str):
    """A reporter's draft of `title` and `body`, linked to nothing yet."""
    return ArticleFactory(
        title=title,
        body=body,
        section=section,
        created_by=reporter,
        status=Article.Status.DRAFT,
        published_at=None,
    )


@pytest.fixture
def wire_draft(section, agencies, officials, jwg4, reporter):
    """A reporter's draft holding the JWG copy, linked to nothing yet."""
    return reporter_draft(
        section,
        reporter,
        title="BNPT dan Filipina bertemu lagi",
        body=sample_body("jwg-hybrid-meeting.txt"),
    )


def links_url(article) -> str:
    return reverse("admin:articles_article_links", args=[article.pk])


def acronyms(article) -> list[str]:
    return sorted(a.acronym for a in Article.objects.get(pk=article.pk).agencies.all())


# The service ----------------------------------------------------------------


def test_article_link_adds_to_the_links_and_keeps_what_was_there(
    wire_draft, agencies, officials, jwg4, desk_editor
):
    wire_draft.agencies.set([agencies["BNPT"]])
    found = services.article_recognition(wire_draft)

    result = services.article_link(
        article=wire_draft,
        user=desk_editor,
        agencies=found.linked_agencies,
        people=found.linked_people,
        meeting=found.meeting.meeting,
        expected_version=wire_draft.version,
    )

    article = Article.objects.get(pk=wire_draft.pk)
    assert acronyms(article) == sorted(
        ["BNPT", "BIN", "PPATK", "BSSN", "KBRI Manila", "NICA", "AMLC"]
    )
    assert "BNPT" not in [a.acronym for a in result.agencies]  # linked before
    assert sorted(p.name for p in article.people.all()) == sorted(
        p.name for p in officials.values()
    )
    assert article.meeting == jwg4
    assert article.version == wire_draft.version + 1
    assert article.status == Article.Status.DRAFT


def test_a_linked_agency_finds_the_article_in_search(section, agencies, desk_editor):
    # "Anti-Money Laundering Council" is not in the text: only the link's
    # name in the search data finds the story by it.
    story = ArticleFactory(section=section, body="Delegasi bertemu di Manila.")
    services.article_save(article=story, user=desk_editor)
    before = list(find_articles("Laundering"))
    services.article_link(article=story, user=desk_editor, agencies=[agencies["AMLC"]])
    after = list(find_articles("Laundering"))

    assert story not in before
    assert story in after


def test_article_link_leaves_one_revision_saying_what_was_linked(
    wire_draft, agencies, desk_editor
):
    services.article_link(
        article=wire_draft, user=desk_editor, agencies=[agencies["NICA"]]
    )

    [version] = Version.objects.get_for_object(wire_draft)
    assert "NICA" in revision_comment(version.revision.comment)
    assert version.revision.user == desk_editor


def test_nothing_new_to_link_saves_nothing(wire_draft, agencies, desk_editor):
    wire_draft.agencies.set([agencies["NICA"]])

    result = services.article_link(
        article=wire_draft, user=desk_editor, agencies=[agencies["NICA"]]
    )

    assert not result.changed
    assert Article.objects.get(pk=wire_draft.pk).version == wire_draft.version
    assert not Version.objects.get_for_object(wire_draft).exists()


def test_a_stale_page_links_nothing(wire_draft, agencies, desk_editor):
    stale = wire_draft.version
    services.article_save(article=wire_draft, user=desk_editor)  # someone saves

    with pytest.raises(services.EditConflict):
        services.article_link(
            article=wire_draft,
            user=desk_editor,
            agencies=[agencies["NICA"]],
            expected_version=stale,
        )
    assert acronyms(wire_draft) == []


def test_a_reporter_links_only_their_own_draft(
    wire_draft, agencies, staff_in, reporter
):
    other = staff_in("Reporter", "other-reporter")
    with pytest.raises(PermissionDenied):
        services.article_link(
            article=wire_draft, user=other, agencies=[agencies["BIN"]]
        )
    services.article_link(article=wire_draft, user=reporter, agencies=[agencies["BIN"]])
    assert acronyms(wire_draft) == ["BIN"]


def test_positions_are_recorded_at_the_meeting_by_editors_only(
    wire_draft, officials, jwg4, desk_editor, reporter
):
    MeetingAttendance.objects.filter(meeting=jwg4).delete()
    amar = officials["Amar"]
    with pytest.raises(PermissionDenied):
        services.article_link(
            article=wire_draft,
            user=reporter,
            meeting=jwg4,
            positions={amar: "Kepala BNPT"},
        )
    assert wire_draft.meeting_id is None or wire_draft.meeting != jwg4

    services.article_link(
        article=wire_draft,
        user=desk_editor,
        people=[amar],
        meeting=jwg4,
        positions={amar: "Kepala BNPT"},
    )
    services.article_link(  # again: recorded once
        article=wire_draft, user=desk_editor, positions={amar: "Kepala BNPT"}
    )

    [attendance] = MeetingAttendance.objects.filter(meeting=jwg4, person=amar)
    assert attendance.position_held == "Kepala BNPT"


# The page -------------------------------------------------------------------


def test_the_page_groups_what_the_text_names_with_where_it_was_found(
    client, wire_draft, reporter, django_assert_max_num_queries
):
    client.force_login(reporter)
    with django_assert_max_num_queries(25):
        response = client.get(links_url(wire_draft))

    assert response.status_code == 200
    page = response.content.decode()
    agencies = page[
        page.index('id="suggested-agencies"') : page.index('id="suggested-people"')
    ]
    people = page[
        page.index('id="suggested-people"') : page.index('id="suggested-meeting"')
    ]
    meeting = page[
        page.index('id="suggested-meeting"') : page.index('id="unknown-acronyms"')
    ]
    for acronym in ["BNPT", "BIN", "PPATK", "BSSN", "NICA", "AMLC"]:
        assert f"<strong>{acronym}:" in agencies
    assert agencies.count('name="agencies"') == 7
    assert agencies.count(" checked") == 7  # every one offered, ticked
    assert "<mark>NICA</mark>" in agencies  # where it was found, marked
    assert "¶ 7</span> Dari pihak Indonesia hadir perwakilan" in agencies
    assert "Boy Rafli Amar" in people and "Damian L. Carlos" in people
    assert "Kepala BNPT" in people  # the position written next to the name
    assert "4th Philippines-Indonesia JWG" in meeting
    assert "3rd Philippines-Indonesia JWG" in meeting  # the earlier one
    assert 'name="_link"' in page


def test_linking_the_ticked_suggestions_is_one_post(client, wire_draft, reporter, jwg4):
    client.force_login(reporter)
    page = client.get(links_url(wire_draft)).context
    offers = page["offers"]
    data = {
        "expected_version": wire_draft.version,
        "agencies": [row.value for row in offers.agencies if row.checked],
        "people": [row.value for row in offers.people if row.checked],
        "meeting": offers.meeting.value,
        "_link": "1",
    }

    response = client.post(links_url(wire_draft), data, follow=True)

    assert response.redirect_chain[-1][0] == reverse(
        "admin:articles_article_change", args=[wire_draft.pk]
    )
    article = Article.objects.get(pk=wire_draft.pk)
    assert len(acronyms(article)) == 7
    assert article.people.count() == 3
    assert article.meeting == jwg4
    assert "NICA" in str(list(response.context["messages"])[0])


def test_unticked_and_forged_values_are_not_linked(
    client, wire_draft, reporter, agencies
):
    client.force_login(reporter)
    elsewhere = AgencyFactory(acronym="FBI", country="US", slug="fbi")

    client.post(
        links_url(wire_draft),
        {
            "expected_version": wire_draft.version,
            "agencies": [agencies["NICA"].pk, elsewhere.pk, "x", "9" * 30],
            "_link": "1",
        },
    )

    assert acronyms(wire_draft) == ["NICA"]


def ambiguous_draft(section, reporter):
    """Two agencies called BI and a reporter's draft that names "BI"."""
    bank = AgencyFactory(acronym="BI", name="Bank Indonesia", country="ID", slug="bi")
    immigration = AgencyFactory(
        acronym="BI", name="Bureau of Immigration", country="PH", slug="bi-ph"
    )
    article = reporter_draft(
        section,
        reporter,
        title="Rapat koordinasi",
        body="Pejabat BI hadir dalam rapat koordinasi di Jakarta.",
    )
    return bank, immigration, article


def test_an_ambiguous_acronym_is_a_choice_with_none_chosen(
    client, section, agencies, reporter
):
    bank, immigration, article = ambiguous_draft(section, reporter)
    client.force_login(reporter)

    page = client.get(links_url(article)).content.decode()
    assert "ambiguous" in page
    assert "Bank Indonesia" in page and "Bureau of Immigration" in page
    client.post(links_url(article), {"expected_version": article.version, "_link": "1"})
    assert acronyms(article) == []  # nothing linked silently

    choice = client.get(links_url(article)).context["offers"].agencies[0].name
    client.post(
        links_url(article),
        {"expected_version": article.version, choice: immigration.pk, "_link": "1"},
    )
    assert list(Article.objects.get(pk=article.pk).agencies.all()) == [immigration]
    assert bank not in Article.objects.get(pk=article.pk).agencies.all()


def test_a_stale_page_is_refused_and_shown_again(
    client, wire_draft, reporter, agencies, english
):
    client.force_login(reporter)
    stale = wire_draft.version
    services.article_save(article=wire_draft, user=reporter)

    response = client.post(
        links_url(wire_draft),
        {"expected_version": stale, "agencies": [agencies["NICA"].pk], "_link": "1"},
        follow=True,
    )

    assert response.redirect_chain[-1][0] == links_url(wire_draft)
    assert "nothing was linked" in str(list(response.context["messages"])[0])
    assert acronyms(wire_draft) == []


def test_a_story_in_review_is_shown_to_its_reporter_without_the_button(
    client, wire_draft, reporter, agencies
):
    services.article_submit(article=wire_draft, user=reporter)
    client.force_login(reporter)

    page = client.get(links_url(wire_draft)).content.decode()
    client.post(
        links_url(wire_draft),
        {"agencies": [agencies["NICA"].pk], "_link": "1"},
    )

    assert "<strong>NICA:" in page and 'name="_link"' not in page
    assert acronyms(wire_draft) == []


def test_someone_who_cannot_see_the_article_gets_404(
    client, wire_draft, staff_in, django_user_model
):
    client.force_login(staff_in("Moderator", "mod"))
    assert client.get(links_url(wire_draft)).status_code in (403, 404)
    client.logout()
    response = client.get(links_url(wire_draft))
    assert response.status_code == 302 and "/login/" in response["Location"]


def test_an_editor_creates_an_unknown_acronym_in_one_click_and_it_is_offered(
    client, section, agencies, desk_editor
):
    article = ArticleFactory(
        title="Keamanan siber",
        body=sample_body("unknown-acronyms.txt"),
        section=section,
        status=Article.Status.DRAFT,
        published_at=None,
    )
    client.force_login(desk_editor)
    page = client.get(links_url(article)).content.decode()
    assert 'value="Otoritas Jasa Keuangan"' in page  # the expansion, prefilled
    assert '<option value="ID" selected>' in page  # the text's agencies' country

    response = client.post(
        links_url(article),
        {
            "acronym": "OJK",
            "name": "Otoritas Jasa Keuangan",
            "country": "ID",
            "kind": "other",
            "_create": "1",
        },
        follow=True,
    )

    ojk = Agency.objects.get(acronym="OJK")
    assert (ojk.name, ojk.country.code) == ("Otoritas Jasa Keuangan", "ID")
    offered = response.context["offers"]
    assert [r.value for r in offered.agencies if r.checked].count(ojk.pk) == 1
    assert "OJK" not in [u["acronym"] for u in offered.unknown]


def test_a_second_agency_with_the_same_acronym_and_country_is_refused_clearly(
    client, section, agencies, desk_editor, english
):
    article = ArticleFactory(
        body=sample_body("unknown-acronyms.txt"),
        section=section,
        status=Article.Status.DRAFT,
        published_at=None,
    )
    client.force_login(desk_editor)
    data = {"acronym": "CSIRT", "name": "CSIRT", "country": "ID", "kind": "other"}
    client.post(links_url(article), {**data, "_create": "1"})
    AgencyFactory(acronym="OJK", name="Something else", country="ID", slug="ojk-x")

    response = client.post(
        links_url(article),
        {**data, "acronym": "OJK", "_create": "1"},
        follow=True,
    )

    assert Agency.objects.filter(acronym="OJK").count() == 1
    assert "OJK was not created" in str(list(response.context["messages"])[-1])


def test_a_reporter_proposes_an_unknown_acronym_and_cannot_create_it(
    client, section, agencies, reporter, english
):
    article = ArticleFactory(
        body=sample_body("unknown-acronyms.txt"),
        section=section,
        created_by=reporter,
        status=Article.Status.DRAFT,
        published_at=None,
        source_url="https://bssn.go.id/",
    )
    client.force_login(reporter)
    page = client.get(links_url(article)).content.decode()
    assert 'name="_propose"' in page and 'name="_create"' not in page

    client.post(links_url(article), {"acronym": "OJK", "_create": "1", "country": "ID"})
    client.post(links_url(article), {"acronym": "OJK", "_propose": "1"})
    client.post(links_url(article), {"acronym": "OJK", "_propose": "1"})
    client.post(links_url(article), {"acronym": "NOT-THERE", "_propose": "1"})

    assert not Agency.objects.filter(acronym="OJK").exists()
    [proposal] = AgencyProposal.objects.all()
    assert (proposal.acronym, proposal.expansion) == ("OJK", "Otoritas Jasa Keuangan")
    assert proposal.proposed_by == reporter
    assert proposal.source_url == "https://bssn.go.id/"
    assert "OJK" in proposal.context
    assert "an editor will decide" in client.get(links_url(article)).content.decode()


def test_saving_a_new_article_leads_to_what_is_left_to_link(
    client, section, agencies, reporter
):
    """BNPT and NICA are linked by the save (test_add_page_links.py); the
    "BI" two agencies hold is left to choose on the suggestions."""
    AgencyFactory(acronym="BI", name="Bank Indonesia", country="ID", slug="bi")
    AgencyFactory(acronym="BI", name="Bureau of Immigration", country="PH")
    client.force_login(reporter)
    form = {
        "title": "BNPT dan NICA bertemu",
        "slug": "bnpt-dan-nica-bertemu",
        "body": "BNPT dan NICA membahas kerja sama. Pejabat BI hadir.",
        "section": section.pk,
        "language": "id",
        "comment_policy": "open",
        "corrections-TOTAL_FORMS": "0",
        "corrections-INITIAL_FORMS": "0",
        "transitions-TOTAL_FORMS": "0",
        "transitions-INITIAL_FORMS": "0",
    }
    response = client.post(reverse("admin:articles_article_add"), form)
    article = Article.objects.get(slug="bnpt-dan-nica-bertemu")
    assert response.status_code == 302, response.context["adminform"].form.errors
    assert response["Location"] == links_url(article)
    assert acronyms(article) == ["BNPT", "NICA"]
    [left] = client.get(links_url(article)).context["offers"].agencies[2:]
    assert (left.label, left.state, left.linked) == ("BI", "ambiguous", False)

    again = client.post(
        reverse("admin:articles_article_add"),
        {**form, "slug": "kedua", "_continue": "1"},
    )
    second = Article.objects.get(slug="kedua")
    assert again["Location"] == reverse(
        "admin:articles_article_change", args=[second.pk]
    )


def test_the_change_page_offers_suggest_links(client, wire_draft, reporter):
    client.force_login(reporter)
    page = client.get(
        reverse("admin:articles_article_change", args=[wire_draft.pk])
    ).content.decode()
    assert f'href="{links_url(wire_draft)}"' in page


def test_the_refusal_of_a_duplicate_agency_says_it_exists_in_indonesian(
    client, section, agencies, desk_editor
):
    # Django's own Indonesian said "does not exist" ("tidak ada") here.
    AgencyFactory(acronym="OJK", name="Something else", country="ID", slug="ojk-x")
    article = ArticleFactory(
        body=sample_body("unknown-acronyms.txt"),
        section=section,
        status=Article.Status.DRAFT,
        published_at=None,
    )
    client.force_login(desk_editor)
    data = {"acronym": "OJK", "name": "OJK", "country": "ID", "kind": "other"}

    response = client.post(links_url(article), {**data, "_create": "1"}, follow=True)

    message = str(list(response.context["messages"])[-1])
    # "is already the acronym of …" (agencies: one name, one agency).
    assert "sudah menjadi akronim Something else" in message
    assert "tidak ada" not in message


def test_a_story_whose_headline_is_still_proposed_is_not_published(
    client, wire_draft, desk_editor, english
):
    wire_draft.needs_headline = True
    services.article_save(article=wire_draft, user=desk_editor)

    with pytest.raises(ValidationError) as refused:
        services.article_publish(article=wire_draft, user=desk_editor)
    assert "write a headline" in str(refused.value)

    # The editor writes one and unticks the box on the change form.
    client.force_login(desk_editor)
    page = client.get(reverse("admin:articles_article_change", args=[wire_draft.pk]))
    assert 'name="needs_headline"' in page.content.decode()
    wire_draft.refresh_from_db()
    wire_draft.title, wire_draft.needs_headline = "BNPT dan NICA bertemu lagi", False
    services.article_save(
        article=wire_draft, user=desk_editor, expected_version=wire_draft.version
    )
    services.article_publish(article=wire_draft, user=desk_editor)
    assert Article.objects.get(pk=wire_draft.pk).status == Article.Status.PUBLISHED


def test_where_it_was_found_reads_as_the_story_reads_without_markdown(
    client, section, agencies, officials, jwg4, reporter
):
    """The tester's wire story: its English phrases in `_underscores_` were
    quoted with their marks ("…_The 4th Joint Working Group…", "…CVE_ dari…").
    They read as the story does: emphasised, without marks."""
    draft = ArticleFactory(
        title="BNPT dan Filipina bertemu",
        body=sample_body("bnpt-jwg-wire-copy.txt")
        + "\n\nFoto ![Delegasi](image:7) [situs](https://bnpt.go.id/) "
        "**laporan AMLC** <b>tahunan</b>.",
        section=section,
        created_by=reporter,
        status=Article.Status.DRAFT,
        published_at=None,
    )
    client.force_login(reporter)

    page = client.get(links_url(draft)).content.decode()

    found = page[page.index('class="links-mentions"') :]
    assert (
        "menyelenggarakan <em>The </em><mark><em>4th Joint Working Group (JWG) on "
        "Combating International Terrorism Philippines-Indonesia</em></mark> secara"
    ) in found
    assert "Lesson Learned in </em><mark><em>CVE</em></mark> dari" in found
    assert (
        "…situs <em>laporan </em><mark><em>AMLC</em></mark> "
        "&lt;b&gt;tahunan&lt;/b&gt;."  # the text's own tags escaped
    ) in found
    for markdown in ("_The", "Indonesia_", "CVE_", "image:7", "](", "**"):
        assert markdown not in found


@pytest.mark.parametrize(
    ("context", "written", "html"),
    [
        # A phrase cut by either edge of the context.
        (
            "…Learned in CVE_ dari masing",
            "CVE",
            "…<em>Learned in </em><mark><em>CVE</em></mark> dari masing",
        ),
        (
            "seperti NICA, dalam _Best Practices, Good…",
            "NICA",
            "seperti <mark>NICA</mark>, dalam <em>Best Practices, Good</em>…",
        ),
        # A link cut by either edge: its words.
        (
            "…situs](https://bnpt.go.id/) dan NICA",
            "NICA",
            "…situs dan <mark>NICA</mark>",
        ),
        (
            "NICA dan [situs BNPT](https://bn…",
            "NICA",
            "<mark>NICA</mark> dan situs BNPT…",
        ),
        # A picture says nothing here.
        ("Foto ![Delegasi](image:7) NICA", "NICA", "Foto <mark>NICA</mark>"),
        # Underscores inside a word are no emphasis; the text is escaped.
        (
            "file_name_x & NICA <i>",
            "NICA",
            "file_name_x &amp; <mark>NICA</mark> &lt;i&gt;",
        ),
    ],
)
def test_a_context_cut_at_its_edges_reads_without_its_marks(context, written, html):
    from types import SimpleNamespace

    from articles.admin.links import reader_context

    mention = SimpleNamespace(context=context, written=written)

    assert reader_context(mention) == html


def test_a_glossary_of_unknown_acronyms_offers_the_first_and_counts_the_rest(
    client, section, agencies, desk_editor
):
    # A glossary of 3,000 acronyms had made this page 31 MB, in 100 s: each
    # unknown acronym is offered with its own form (a country select).
    from agencies.recognition import recognise
    from articles.admin.links import UNKNOWN_SHOWN
    from tests.agencies.test_recognition import long_philippine_list

    article = ArticleFactory(
        draft=True, section=section, body=long_philippine_list(UNKNOWN_SHOWN + 70)
    )
    client.force_login(desk_editor)
    response = client.get(links_url(article))

    assert response.status_code == 200
    page = response.content.decode()
    unknown = page[page.index('id="unknown-acronyms"') :]
    total = len(recognise(article.body).unknown_acronyms)  # BI too
    assert total > UNKNOWN_SHOWN + 70
    assert f"({total})</h2>" in unknown
    assert unknown.count('class="links-row"') == UNKNOWN_SHOWN
    assert f"Dan {total - UNKNOWN_SHOWN} lainnya, tidak ditawarkan di sini" in unknown


@pytest.mark.parametrize(
    ("saved_in", "read_in", "said"),
    [
        ("en", "id", "Ditautkan dari saran. lembaga: NICA (PH) dan tokoh: "),
        ("id", "en", "Linked from suggestions. agencies: NICA (PH) and people: "),
    ],
)
def test_what_was_linked_reads_in_the_readers_language(
    editor_client, wire_draft, agencies, officials, desk_editor, saved_in, read_in, said
):
    with translation.override(saved_in):
        services.article_link(
            article=wire_draft,
            user=desk_editor,
            agencies=[agencies["NICA"]],
            people=[officials["Amar"]],
        )

    page = history_page(editor_client, wire_draft, read_in)
    assert f"{said}{officials['Amar'].name}" in page


@pytest.mark.parametrize(
    ("language", "shown", "not_shown"),
    [
        ("en", ["Fourth meeting (en)", "Third meeting (en)"], ["Rapat keempat"]),
        ("id", ["Rapat keempat (id)", "Rapat ketiga (id)"], ["meeting (en)"]),
    ],
)
def test_the_page_names_meetings_in_the_desks_language(
    client, wire_draft, reporter, jwg3, jwg4, language, shown, not_shown
):
    """As the Meeting field and "Linked when you save" name them: an English
    desk read the registry's Indonesian titles here (a tester's find)."""
    for meeting, id_word, en_word in (
        (jwg3, "ketiga", "Third"),
        (jwg4, "keempat", "Fourth"),
    ):
        meeting.title = f"Rapat {id_word} (id)"
        meeting.title_en = f"{en_word} meeting (en)"
        meeting.save()
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    client.force_login(reporter)

    page = client.get(links_url(wire_draft)).content.decode()

    meeting = page[
        page.index('id="suggested-meeting"') : page.index('id="unknown-acronyms"')
    ]
    for title in shown:
        assert title in meeting
    for title in not_shown:
        assert title not in meeting
