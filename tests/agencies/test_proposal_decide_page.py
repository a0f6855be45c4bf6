"""The proposal's Decide page in the admin, as an editor deciding a proposed
agency that a reporter's story suggested reads it: the country its context
tells preselected, its English name to give, who proposed it by name."""

import re

import pytest
from django.urls import reverse

from agencies.models import AgencyProposal
from tests.agencies.factories import AgencyProposalFactory

pytestmark = pytest.mark.django_db


def decide_url(proposal):
    return reverse("admin:agencies_agencyproposal_decide", args=[proposal.pk])


def selected_country(page: str) -> str:
    """The country the page's select has chosen ("" for none)."""
    select = re.search(r'<select name="country".*?</select>', page, re.S)
    chosen = re.search(r'<option value="(\w*)" selected>', select.group())
    return chosen.group(1) if chosen else ""


@pytest.fixture
def decide_page(client, desk_editor, reporter):
    client.force_login(desk_editor)

    def page(**proposal):
        made = AgencyProposalFactory(proposed_by=reporter, **proposal)
        response = client.get(decide_url(made))
        assert response.status_code == 200
        return response.content.decode()

    return page


@pytest.mark.parametrize(
    ("acronym", "context", "country"),
    [
        # The known agencies listed with it.
        ("KTN", "…program bersama BNPT, BIN, dan KTN di Jakarta…", "ID"),
        # The known agencies in its sentence.
        ("DOG", "…NICA menyampaikan bahwa AMLC telah bekerja sama dengan DOG…", "PH"),
        # No known agency beside it, but its sentence names one country in
        # words (a tester's DICT had no country preselected).
        (
            "DICT",
            "Selain itu, Badan Keamanan Siber Filipina (DICT) juga hadir "
            "dalam pertemuan di Manila, Filipina.",
            "PH",
        ),
        ("DICT", "The Philippines sent DICT officials to the meeting.", "PH"),
    ],
    ids=["listed with", "in its sentence", "named in words", "named in English"],
)
def test_the_country_its_context_tells_is_preselected(
    decide_page, agencies, acronym, context, country
):
    page = decide_page(acronym=acronym, context=context)
    assert selected_country(page) == country


@pytest.mark.parametrize(
    "context",
    [
        "…BNPT dan NICA bertemu; KTN juga hadir dalam pertemuan itu…",
        "…mendukung program deradikalisasi melalui KTN…",
        "…delegasi Filipina dan Indonesia menyambut KTN…",
        "",
    ],
    ids=["two countries", "no agency", "two countries named", "no context"],
)
def test_no_country_is_preselected_when_the_context_does_not_tell_one(
    decide_page, agencies, context
):
    page = decide_page(acronym="KTN", context=context)
    assert selected_country(page) == ""


def test_the_editor_gives_the_english_name_of_the_agency_accepted(
    client, desk_editor, reporter
):
    proposal = AgencyProposalFactory(
        acronym="KTN", expansion="Kawasan Terpadu Nusantara", proposed_by=reporter
    )
    client.force_login(desk_editor)
    page = client.get(decide_url(proposal)).content.decode()
    assert '<label for="id_name_en">' in page
    assert 'name="name_en"' in page
    response = client.post(
        decide_url(proposal),
        {
            "name": "Kawasan Terpadu Nusantara",
            "name_en": "  Nusantara  Integrated Area ",
            "country": "ID",
            "kind": "other",
        },
    )
    assert response.status_code == 302
    proposal.refresh_from_db()
    assert proposal.status == AgencyProposal.Status.ACCEPTED
    assert proposal.agency.name == "Kawasan Terpadu Nusantara"
    assert proposal.agency.name_en == "Nusantara Integrated Area"


def test_the_english_name_may_be_left_empty(client, desk_editor, reporter):
    proposal = AgencyProposalFactory(acronym="KTN", proposed_by=reporter)
    client.force_login(desk_editor)
    response = client.post(
        decide_url(proposal), {"name": "Kawasan", "country": "ID", "kind": "other"}
    )
    assert response.status_code == 302
    proposal.refresh_from_db()
    assert proposal.agency.name_en == ""


def test_proposed_by_names_the_person_not_the_username(
    decide_page, reporter, desk_editor
):
    reporter.first_name, reporter.last_name = "Rina", "Wulandari"
    reporter.save()
    page = decide_page(acronym="KTN")
    assert "Rina Wulandari," in page
    assert "reporter," not in page


def test_proposed_by_falls_back_to_the_username(decide_page):
    page = decide_page(acronym="KTN")
    assert "reporter," in page


# The story it came from ----------------------------------------------------


@pytest.fixture
def proposed_from_a_story(client, section, agencies, reporter):
    """OJK, proposed by the reporter on the Suggest links page of a story
    that names it beside Indonesian agencies (its first sentence names none)."""
    from tests.articles.factories import ArticleFactory
    from tests.articles.test_links import links_url, sample_body

    story = ArticleFactory(
        title="BSSN minta kementerian bentuk CSIRT",
        body=sample_body("unknown-acronyms.txt"),
        section=section,
        created_by=reporter,
        status="draft",
        published_at=None,
    )
    client.force_login(reporter)
    client.post(links_url(story), {"acronym": "OJK", "_propose": "1"})
    client.logout()
    return AgencyProposal.objects.get(acronym="OJK"), story


def test_the_story_it_came_from_is_a_link_to_its_admin_page(
    client, desk_editor, proposed_from_a_story
):
    proposal, story = proposed_from_a_story
    client.force_login(desk_editor)
    page = client.get(decide_url(proposal)).content.decode()
    change = reverse("admin:articles_article_change", args=[story.pk])
    assert f'<a href="{change}">BSSN minta kementerian bentuk CSIRT</a>' in page


def test_the_country_its_story_tells_is_preselected(
    client, desk_editor, proposed_from_a_story
):
    proposal, _story = proposed_from_a_story
    assert proposal.country == "ID"
    client.force_login(desk_editor)
    page = client.get(decide_url(proposal)).content.decode()
    assert selected_country(page) == "ID"


def test_the_story_is_not_shown_to_whom_may_not_see_it(
    client, django_user_model, proposed_from_a_story
):
    from django.contrib.auth.models import Permission

    proposal, story = proposed_from_a_story
    decider = django_user_model.objects.create_user("decider", is_staff=True)
    decider.user_permissions.add(
        Permission.objects.get(codename="change_agencyproposal")
    )
    client.force_login(decider)
    response = client.get(decide_url(proposal))
    assert response.status_code == 200
    assert story.title not in response.content.decode()


def test_a_proposal_without_a_story_shows_none(client, desk_editor, reporter):
    proposal = AgencyProposalFactory(acronym="KTN", proposed_by=reporter)
    client.force_login(desk_editor)
    page = client.get(decide_url(proposal)).content.decode()
    assert re.search(r'<a href="/admin/articles/article/\d+/change/">', page) is None


def test_the_proposals_list_and_suggest_links_name_the_proposer(
    client, desk_editor, reporter, proposed_from_a_story
):
    """The list of proposals and the story's Suggest links had said
    "reporter" where the Decide page says "Rina Wulandari"."""
    from tests.articles.test_links import links_url

    reporter.first_name, reporter.last_name = "Rina", "Wulandari"
    reporter.save()
    desk_editor.first_name, desk_editor.last_name = "Budi", "Santoso"
    desk_editor.save()
    proposal, story = proposed_from_a_story
    client.force_login(desk_editor)
    client.post(reverse("admin:agencies_agencyproposal_dismiss", args=[proposal.pk]))
    listing = client.get(reverse("admin:agencies_agencyproposal_changelist"))
    row = listing.content.decode()
    assert "Rina Wulandari" in row and "Budi Santoso" in row
    assert ">reporter<" not in row

    client.force_login(reporter)
    AgencyProposal.objects.filter(pk=proposal.pk).update(status="proposed")
    page = client.get(links_url(story)).content.decode()  # the desk in Indonesian
    assert "Rina Wulandari" in page
