"""What the clean-up of pasted copy tells the reporter beyond what it filled
in: wire copy that names no reporter (whom readers will see instead, as the
story page credits an empty byline), and a source link that is only the
site's home page. On both desks, English and Indonesian; the values filled
in stay what they were."""

import datetime as dt
from pathlib import Path

import pytest
from django.test import Client
from django.utils import translation
from django.utils.translation import gettext_lazy

from articles.intake.paste import NO_REPORTER, SOURCE_HOME_PAGE, clean_pasted_copy
from articles.models import AuthorProfile
from articles.services.authors import author_profile_save
from tests.articles.test_paste_cleanup import ADD, CLEAN_COPY, add_form, said

pytestmark = pytest.mark.django_db

# A BNPT release as a site prints it: "Sumber :" and "Editor :", no "Reporter :".
WIRE = (
    Path(__file__).parent.parent / "intake_samples" / "bnpt-jwg-wire-copy.txt"
).read_text()
PASTED_ON = dt.date(2022, 3, 25)
DESKS = ["en", "id"]

# The messages as the desk reads them (gettext_lazy: put into words in the
# language active when read, as the notice is).
NAMED = gettext_lazy(
    "No reporter named: readers will see the story credited to %(credit)s, "
    "your public author profile's name."
)
NO_NAME = gettext_lazy(
    "No reporter named: readers will see no author's name (the Byline is "
    "empty and you have no public author profile)."
)
BY_SOURCE = gettext_lazy(
    "Type a byline to credit its author, such as the source (%(source)s)."
)
BY_ANYONE = gettext_lazy("Type a byline to credit its author.")
HOME_PAGE = gettext_lazy(
    "The Source URL, %(url)s, is the home page of %(site)s, from the copy's "
    "'Sumber :' line, not the story's own address: replace it with the "
    "story's address if you have it."
)
DATELINE_HOME_PAGE = gettext_lazy(
    "The Source URL, %(url)s, is the home page of %(site)s, the site the "
    "dateline names, not the story's own address: replace it with the "
    "story's address if you have it."
)


def in_desk(desk: str, *parts: tuple) -> str:
    """(message, params) pairs as the `desk`'s language says them, one line."""
    with translation.override(desk):
        return " ".join(str(message) % params for message, params in parts)


@pytest.fixture
def andi(reporter, desk_editor):
    """The reporter who pastes, with a public author profile."""
    author_profile_save(
        profile=AuthorProfile(user=reporter, name="Andi Pratama", slug="andi-pratama"),
        user=desk_editor,
    )
    return reporter


def clean_copy(client: Client, user, desk: str, settings, **fields) -> dict:
    """The page script's answer to a paste, on the `desk`'s interface."""
    settings.LANGUAGE_CODE = desk
    client.force_login(user)
    response = client.post(CLEAN_COPY, {"text": WIRE, **fields})
    assert response.status_code == 200
    return response.json()


def noted(answer, code: str) -> str | None:
    """The warning of `code` in a clean-up (PastedCopy) or the script's answer."""
    if not isinstance(answer, dict):
        answer = answer.as_json()
    codes, warnings = answer["warning_codes"], answer["warnings"]
    return dict(zip(codes, warnings, strict=True)).get(code)


# No reporter named


@pytest.mark.parametrize("desk", DESKS)
def test_copy_naming_no_reporter_says_readers_will_see_the_pasting_reporter(
    client, andi, settings, desk
):
    answer = clean_copy(client, andi, desk, settings)

    assert noted(answer, NO_REPORTER) == in_desk(
        desk,
        (NAMED, {"credit": "Andi Pratama"}),
        (BY_SOURCE, {"source": "bnpt.go.id"}),
    )
    # Said, not done: who is credited is still the reporter's to decide.
    assert "byline" not in answer["changes"]


def test_the_english_desk_reads_it_in_plain_words(client, andi, settings):
    answer = clean_copy(client, andi, "en", settings)

    assert noted(answer, NO_REPORTER) == (
        "No reporter named: readers will see the story credited to Andi "
        "Pratama, your public author profile's name. Type a byline to credit "
        "its author, such as the source (bnpt.go.id)."
    )


@pytest.mark.parametrize("desk", DESKS)
def test_without_a_public_author_profile_readers_will_see_no_name(
    client, reporter, settings, desk
):
    answer = clean_copy(client, reporter, desk, settings)

    assert noted(answer, NO_REPORTER) == in_desk(
        desk, (NO_NAME, {}), (BY_SOURCE, {"source": "bnpt.go.id"})
    )


def test_copy_without_a_source_asks_for_a_byline_without_one(andi):
    copy = "JAKARTA – BNPT menggelar pertemuan.\nEditor : Redaksi"

    with translation.override("en"):  # the English desk
        pasted = clean_pasted_copy(copy, today=PASTED_ON, author=andi)

    assert noted(pasted, NO_REPORTER) == in_desk(
        "en", (NAMED, {"credit": "Andi Pratama"}), (BY_ANYONE, {})
    )


def test_a_reporter_line_or_a_byline_typed_says_nothing_of_who_is_credited(
    client, andi, settings
):
    with_reporter = WIRE.replace("Editor :", "Reporter : Rina\nEditor :")

    named = clean_pasted_copy(with_reporter, today=PASTED_ON, author=andi)
    typed = clean_copy(client, andi, "en", settings, byline="Humas BNPT")

    assert named.values["byline"] == "Rina"
    assert NO_REPORTER not in named.warning_codes
    assert NO_REPORTER not in typed["warning_codes"]


def test_the_form_without_javascript_says_it_too(client, andi, section, settings):
    settings.LANGUAGE_CODE = "en"
    client.force_login(andi)

    response = client.post(ADD, add_form(section, body=WIRE, _cleanup="1"))

    assert response.status_code == 200
    assert in_desk(
        "en",
        (NAMED, {"credit": "Andi Pratama"}),
        (BY_SOURCE, {"source": "bnpt.go.id"}),
    ) in said(response)
    assert in_desk(
        "en", (HOME_PAGE, {"url": "https://bnpt.go.id/", "site": "bnpt.go.id"})
    ) in said(response)


# The source link


@pytest.mark.parametrize("desk", DESKS)
def test_a_source_link_made_from_the_sumber_line_is_said_to_be_the_home_page(
    client, reporter, settings, desk
):
    answer = clean_copy(client, reporter, desk, settings)

    assert noted(answer, SOURCE_HOME_PAGE) == in_desk(
        desk, (HOME_PAGE, {"url": "https://bnpt.go.id/", "site": "bnpt.go.id"})
    )
    # The link itself is still filled in, as an import fills it.
    assert answer["changes"]["source_url"] == "https://bnpt.go.id/"
    assert answer["values"]["source_name"] == "bnpt.go.id"


def test_a_link_to_the_story_itself_or_one_typed_says_nothing(
    client, reporter, settings
):
    story = "https://bnpt.go.id/berita/jwg-filipina-2022"
    linked = clean_pasted_copy(
        WIRE.replace("Sumber : bnpt.go.id", f"Sumber : {story}"), today=PASTED_ON
    )
    typed = clean_copy(client, reporter, "en", settings, source_url=story)

    assert linked.values["source_url"] == story
    assert SOURCE_HOME_PAGE not in linked.warning_codes
    assert SOURCE_HOME_PAGE not in typed["warning_codes"]


def test_a_home_page_from_the_datelines_news_site_says_where_it_came_from():
    copy = "JAKARTA, KOMPAS.com – BNPT menggelar pertemuan.\nEditor : Redaksi"

    with translation.override("en"):  # the English desk
        pasted = clean_pasted_copy(copy, today=PASTED_ON)

    assert pasted.values["source_url"] == "https://kompas.com/"
    assert noted(pasted, SOURCE_HOME_PAGE) == in_desk(
        "en",
        (DATELINE_HOME_PAGE, {"url": "https://kompas.com/", "site": "kompas.com"}),
    )
