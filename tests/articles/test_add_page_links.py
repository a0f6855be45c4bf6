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
