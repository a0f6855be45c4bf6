"""A story written on the add page is linked to what its text names as an
import of the same copy is (services.article_add, one rule:
services.recognised_links), whatever button saved it: the tester's
"Save and submit for review" filed the wire sample with 0 agencies, 0
people and no meeting, where the import linked them all. The message after
the save (or its step) says what was linked and links to Suggest links for
the rest."""

import datetime as dt
from html import unescape
from pathlib import Path

import lxml.html
import pytest
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from articles import services
from articles.intake.paste import clean_pasted_copy
from articles.intake.services import article_import
from articles.models import Article
from tests.agencies.factories import AgencyFactory
from tests.newsroom.admin_forms import admin_url, filled_add_form

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]

SAMPLES = Path(__file__).parent / "intake_samples"
WIRE = "bnpt-jwg-wire-copy.txt"  # the sample's shape, in our words
WRITTEN_ON = dt.date(2022, 3, 25)
ADD = admin_url(Article, "add")
SAMPLE_AGENCIES = ["AMLC", "BIN", "BNPT", "BSSN", "KBRI Manila", "NICA", "PPATK"]
SAMPLE_PEOPLE = ["Andhika Chrisnayudhanto", "Boy Rafli Amar", "Damian L. Carlos"]


@pytest.fixture
def registry(agencies, officials, jwg4, section):
    """The conftest's registry, with both agencies written "BI": the copy's
    "NICA, AMLC, BI dan ATCPMC" is then a suggestion, not a link."""
    AgencyFactory(acronym="BI", name="Bank Indonesia", country="ID", slug="bi-id")
    AgencyFactory(
        acronym="BI", name="Bureau of Immigration", country="PH", slug="bi-ph"
    )
    return agencies


def pasted_form(client, section, step: str | None, **values) -> dict:
    """The add page's form as the browser sends it once the copy is pasted
    into Body (the page's clean-up fills the body, credits and a proposed
    title), a headline typed over that, a section chosen and the button of
    `step` (None: Save) pressed."""
    pasted = clean_pasted_copy((SAMPLES / WIRE).read_text(), today=WRITTEN_ON)
    filled = {name: value for name, value in pasted.values.items() if value}
    filled.update(
        title="BNPT dan Filipina sepakat berbagi daftar pantauan",
        slug="bnpt-dan-filipina-sepakat",
        tags="",
        needs_headline=None,
    )
    buttons = {} if step is None else {"_save": None, "_transition": step}
    return filled_add_form(client, section, **{**filled, **buttons, **values})


def linked(article) -> tuple[list[str], list[str], object]:
    article = Article.objects.get(pk=article.pk)
    return (
        sorted(agency.acronym for agency in article.agencies.all()),
        sorted(person.name for person in article.people.all()),
        article.meeting,
    )


def said(response) -> list[str]:
    """The messages as the page shows them (its HTML, entities read)."""
    return [unescape(str(message)) for message in response.context["messages"]]


def test_a_reporters_submit_on_the_add_page_links_what_the_copy_names(
    client, registry, officials, jwg4, reporter, section
):
    client.force_login(reporter)

    response = client.post(ADD, pasted_form(client, section, "submit"))

    story = Article.objects.get()
    assert story.status == Article.Status.IN_REVIEW
    assert linked(story) == (SAMPLE_AGENCIES, SAMPLE_PEOPLE, jwg4)
    assert response["Location"] == admin_url(Article, "change", story.pk)
    page = client.get(response["Location"])
    links = reverse("admin:articles_article_links", args=[story.pk])
    assert said(page) == [
        "The article “BNPT dan Filipina sepakat berbagi daftar pantauan” was "
        "added successfully.",
        "Submitted for review.",
        "Linked from the story's text, as a wire import links it: 7 agencies, "
        "3 people and the meeting “4th Philippines-Indonesia JWG on Combating "
        "International Terrorism”. 1 more match for the editors to check on "
        f'<a href="{links}">Suggest links</a>.',
    ]


def test_the_add_page_links_what_an_import_of_the_same_copy_links(
    client, registry, desk_editor, section
):
    with transaction.atomic():
        imported = article_import(
            name=WIRE,
            data=(SAMPLES / WIRE).read_bytes(),
            user=desk_editor,
            today=WRITTEN_ON,
        ).article
        by_import = linked(imported)
        transaction.set_rollback(True)  # the same copy, filed once
    client.force_login(desk_editor)

    client.post(ADD, pasted_form(client, section, "publish"))

    story = Article.objects.get()
    assert story.is_public
    assert linked(story) == by_import
    assert by_import[0] == SAMPLE_AGENCIES


def test_plain_save_links_too_and_leads_to_what_is_left_to_check(
    client, registry, jwg4, reporter, section
):
    client.force_login(reporter)

    response = client.post(ADD, pasted_form(client, section, None))

    story = Article.objects.get()
    assert story.status == Article.Status.DRAFT
    assert linked(story) == (SAMPLE_AGENCIES, SAMPLE_PEOPLE, jwg4)
    links = reverse("admin:articles_article_links", args=[story.pk])
    assert response["Location"] == links
    page = client.get(links)
    assert said(page)[-1].endswith(
        f'1 more match to check on <a href="{links}">Suggest links</a>.'
    )
    # What is left: "BI" among Philippine agencies, suggested, ticked.
    [left] = [row for row in page.context["offers"].agencies if not row.linked]
    assert left.state == "suggested" and left.checked
    assert page.context["offers"].pending == 1


def test_save_with_nothing_left_to_check_ends_on_the_list_saying_what_was_linked(
    client, agencies, reporter, section
):
    client.force_login(reporter)
    data = filled_add_form(
        client, section, body="BNPT dan NICA membahas kerja sama.", tags=""
    )

    response = client.post(ADD, data, follow=True)

    story = Article.objects.get()
    assert linked(story)[0] == ["BNPT", "NICA"]
    assert response.redirect_chain[-1][0] == admin_url(Article, "changelist")
    links = reverse("admin:articles_article_links", args=[story.pk])
    assert said(response)[-1] == (
        "Linked from the story's text, as a wire import links it: 2 agencies. "
        f'Review what was linked on <a href="{links}">Suggest links</a>.'
    )


def test_a_text_naming_only_what_needs_a_choice_links_nothing_and_says_so(
    client, registry, reporter, section
):
    client.force_login(reporter)
    data = filled_add_form(
        client,
        section,
        title="Rapat koordinasi",
        slug="rapat-koordinasi",
        body="Pejabat BI hadir dalam rapat koordinasi.",
        tags="",
    )

    response = client.post(ADD, data, follow=True)

    story = Article.objects.get()
    links = reverse("admin:articles_article_links", args=[story.pk])
    assert response.redirect_chain[-1][0] == links
    assert linked(story) == ([], [], None)
    assert said(response)[-1] == (
        "Nothing in the story's text could be linked by itself. 1 more match "
        f'to check on <a href="{links}">Suggest links</a>.'
    )


def test_a_meeting_and_agencies_chosen_on_the_page_are_kept(
    client, registry, jwg3, reporter, section
):
    client.force_login(reporter)
    data = pasted_form(
        client,
        section,
        "submit",
        meeting=str(jwg3.pk),
        agencies=[str(registry["BNPT"].pk)],
    )

    client.post(ADD, data)

    acronyms, people, meeting = linked(Article.objects.get())
    assert meeting == jwg3  # chosen: never replaced by the text's
    assert acronyms == SAMPLE_AGENCIES and len(people) == 3


def test_a_story_naming_nothing_the_registry_knows_says_nothing_of_links(
    client, registry, reporter, section
):
    client.force_login(reporter)
    data = filled_add_form(
        client,
        section,
        title="Hujan deras di Bogor",
        slug="hujan-deras-di-bogor",
        body="Hujan deras di Bogor sore ini.",
        tags="",
        _save=None,
        _transition="submit",
    )

    response = client.post(ADD, data)

    page = client.get(response["Location"])
    assert not any("Linked" in message for message in said(page)), said(page)
    assert linked(Article.objects.get()) == ([], [], None)


def test_the_reporter_is_told_why_a_story_in_review_cannot_be_linked_by_them(
    client, registry, reporter, section
):
    client.force_login(reporter)
    client.post(ADD, pasted_form(client, section, "submit"))
    story = Article.objects.get()

    page = client.get(reverse("admin:articles_article_links", args=[story.pk]))

    assert 'name="_link"' not in page.content.decode()
    assert (
        "This story is in review: the editors link what is left. To link it "
        "yourself, withdraw it to draft on the article's page."
    ) in page.content.decode()


# The service -----------------------------------------------------------------


def test_article_add_links_in_the_save_that_files_the_story(
    registry, jwg4, reporter, section
):
    body = clean_pasted_copy((SAMPLES / WIRE).read_text(), today=WRITTEN_ON)
    article = Article(
        title="BNPT dan Filipina",
        slug="bnpt",
        body=body.values["body"],
        section=section,
    )

    result = services.article_add(article=article, user=reporter)

    assert (article.version, article.status) == (1, Article.Status.DRAFT)
    assert sorted(a.acronym for a in result.agencies) == SAMPLE_AGENCIES
    assert (len(result.people), result.meeting) == (3, jwg4)
    assert linked(article) == (SAMPLE_AGENCIES, SAMPLE_PEOPLE, jwg4)


def test_article_add_costs_the_same_queries_however_much_the_text_names(
    registry, jwg4, reporter, section, django_assert_num_queries
):
    """The recognition's own queries and one write of each kind of link:
    no query per agency or person linked."""
    wire = clean_pasted_copy((SAMPLES / WIRE).read_text(), today=WRITTEN_ON)
    services.article_add(  # the registry built once for the process
        article=Article(title="Pemanasan", slug="a", body="BNPT.", section=section),
        user=reporter,
    )

    def add(slug, body):
        article = Article(title=slug, slug=slug, body=body, section=section)
        services.article_add(article=article, user=reporter)
        return article

    with CaptureQueriesContext(connection) as few:
        small = add("satu", "Kepala BNPT, Boy Rafli Amar, membuka JWG ke-4.")
    with django_assert_num_queries(len(few.captured_queries)):
        large = add("semua", wire.values["body"])

    assert linked(small) == (["BNPT"], ["Boy Rafli Amar"], jwg4)
    assert linked(large) == (SAMPLE_AGENCIES, SAMPLE_PEOPLE, jwg4)


# "Linked when you save" (links_preview_view): what the save will link, said
# before it, by the save's own rule (services.links_from_text). A reporter
# had been told only after saving that the story was linked to 7 agencies.
PREVIEW = reverse("admin:articles_article_links_preview")


def previewed(response) -> dict[str, list[str]]:
    """The preview's lines as read: {"Agencies:": ["AMLC", …], …}, each
    name as shown (agencies by acronym; people without their position)."""
    html = lxml.html.fromstring(f"<div>{response.content.decode()}</div>")
    lines = {}
    for line in html.xpath("//ul[@class='links-preview-list']/li"):
        names = [item.text_content() for item in line.find_class("links-preview-item")]
        lines[line.find("strong").text_content()] = sorted(
            name.split(",")[0] for name in names
        )
    return lines


def preview_data(client, section, **values) -> dict:
    """The preview's question as the page's script asks it: the form's
    title, summary, body, meeting, agencies and people."""
    form = pasted_form(client, section, None, **values)
    names = ("title", "dek", "body", "meeting", "agencies", "people")
    return {name: form[name] for name in names if name in form}


def test_the_add_page_says_before_the_save_what_the_save_links(
    client, registry, jwg4, reporter, section
):
    client.force_login(reporter)

    preview = client.post(PREVIEW, preview_data(client, section))

    assert preview.status_code == 200
    shown = previewed(preview)
    assert shown == {
        "Agencies:": SAMPLE_AGENCIES,
        "People:": SAMPLE_PEOPLE,
        "Meeting:": [jwg4.title],
    }
    # Then saved as it was previewed: linked as it said.
    client.post(ADD, pasted_form(client, section, None))
    agencies, people, meeting = linked(Article.objects.get())
    assert (agencies, people, [meeting.title]) == (
        shown["Agencies:"],
        shown["People:"],
        shown["Meeting:"],
    )


def test_the_preview_names_people_with_their_position_in_the_desks_language(
    client, registry, officials, reporter
):
    amar = officials["Amar"]
    amar.position, amar.position_en = "Kepala BNPT", "Head of BNPT"
    amar.save()
    client.force_login(reporter)

    response = client.post(PREVIEW, {"body": "Kepala BNPT, Boy Rafli Amar, hadir."})

    [shown] = lxml.html.fromstring(response.content).find_class("links-preview-item")[
        1:
    ]
    assert shown.text_content() == "Boy Rafli Amar, Head of BNPT"  # not "Kepala BNPT"


def test_the_preview_leaves_out_what_is_chosen_already(
    client, registry, jwg3, reporter, section
):
    client.force_login(reporter)
    data = preview_data(
        client,
        section,
        meeting=str(jwg3.pk),
        agencies=[str(registry["BNPT"].pk), str(registry["NICA"].pk)],
    )

    shown = previewed(client.post(PREVIEW, data))

    assert shown["Agencies:"] == ["AMLC", "BIN", "BSSN", "KBRI Manila", "PPATK"]
    assert "Meeting:" not in shown  # the meeting chosen is kept


def test_the_preview_says_when_the_text_names_nothing_it_links(
    client, agencies, reporter
):
    client.force_login(reporter)

    response = client.post(
        PREVIEW, {"title": "Rapat koordinasi", "body": "Rapat berlangsung tertutup."}
    )

    assert previewed(response) == {}
    assert "Nothing the text names so far is linked by itself" in unescape(
        response.content.decode()
    )


@pytest.mark.parametrize(
    "values",
    [
        {"body": "x" * 100_001},
        {"body": "BNPT", "agencies": ["abc", "9" * 30, "٣", "-1"], "meeting": "1e3"},
        {"body": "BNPT\x00", "people": [""]},
    ],
    ids=["too-long", "odd-ids", "nul"],
)
def test_odd_questions_get_an_answer_not_an_error(client, agencies, reporter, values):
    client.force_login(reporter)

    response = client.post(PREVIEW, values)

    assert response.status_code == 200


def test_a_body_too_long_for_a_story_is_not_read(client, agencies, reporter):
    client.force_login(reporter)

    response = client.post(PREVIEW, {"body": "BNPT " * 20_001})

    assert previewed(response) == {}
    assert "The body is too long for a story" in response.content.decode()


def test_only_those_who_add_stories_may_ask(client, agencies, moderator):
    data = {"body": "BNPT dan NICA bertemu."}
    assert client.post(PREVIEW, data)["Location"].startswith("/admin/login/")
    client.force_login(moderator)
    assert client.post(PREVIEW, data).status_code == 403


def test_the_preview_is_asked_by_post_with_the_forms_token(agencies, reporter):
    from django.test import Client

    client = Client(enforce_csrf_checks=True)
    client.force_login(reporter)
    data = {"body": "BNPT dan NICA bertemu."}

    assert client.get(PREVIEW, data).status_code == 405
    assert client.post(PREVIEW, data).status_code == 403
    page = client.get(ADD)
    token = page.context["csrf_token"]
    answered = client.post(PREVIEW, data, headers={"X-CSRFToken": str(token)})
    assert previewed(answered) == {"Agencies:": ["BNPT", "NICA"]}


def test_the_preview_costs_the_same_queries_for_two_agencies_or_seven(
    client, registry, jwg4, reporter, section
):
    client.force_login(reporter)
    few = {
        "body": "BNPT dan NICA menggelar _The 4th Joint Working Group (JWG) on "
        "Combating International Terrorism Philippines-Indonesia_."
    }
    many = preview_data(client, section)
    client.post(PREVIEW, few)  # the registry read once, as a server has it

    counts = []
    for data in (few, many):
        with CaptureQueriesContext(connection) as queries:
            assert client.post(PREVIEW, data).status_code == 200
        counts.append(len(queries))

    assert counts[0] == counts[1]
