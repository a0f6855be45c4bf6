"""The meeting form and the agencies desk's other forms keep a long text
whole and offer no ✖ that deletes a chosen object.

A tester pasted a 600-character session title and a 350-character English
title: the browser's maxlength (500 and 255) cut both, and the save said
"changed successfully" without a word. The boxes now take the text whole;
the save refuses it at its field, saying how long it is and the limit, the
text kept (the article headline's rule, newsroom.forms.keep_text_whole).
The Series field had the admin's red ✖ beside it, which deleted the series
itself (newsroom.forms.DeskForm)."""

import re

import pytest

from agencies.models import Agency, Meeting, MeetingSeries, Person
from tests.newsroom.admin_forms import admin_form_data, admin_url

pytestmark = pytest.mark.django_db


def pasted(words: str, length: int) -> str:
    """`length` characters of `words` repeated, a full stop last."""
    return (words * length)[: length - 1] + "."


LONG_SESSION_TITLE = pasted("Pembahasan kerja sama penanggulangan terorisme ", 600)
LONG_TITLE_EN = pasted("Joint Working Group on Combating Terrorism ", 350)
LONG_POSITION = pasted("Deputi Bidang Kerja Sama Internasional ", 300)


def box(page: str, name: str) -> str:
    """The input or textarea named `name` on `page`, its opening tag."""
    return re.search(rf'<(?:input|textarea)[^>]*name="{name}"[^>]*>', page)[0]


@pytest.fixture
def opened(client, editor, jwg4, english):
    client.force_login(editor)
    url = admin_url(Meeting, "change", jwg4.pk)
    return url, client.get(url)


@pytest.mark.parametrize(
    ("name", "limit"),
    [
        ("title", 255),
        ("title_en", 255),
        ("venue", 255),
        ("sessions-0-title", 500),
        ("sessions-0-title_en", 500),
        ("attendances-0-position_held", 255),
        ("attendances-0-position_held_en", 255),
    ],
)
def test_the_meeting_forms_boxes_take_a_paste_whole(opened, name, limit):
    tag = box(opened[1].content.decode(), name)

    assert "maxlength" not in tag
    assert f'data-max-length="{limit}"' in tag
    assert "Too long to save: {count} characters, at most {max}." in tag


def test_the_slug_made_from_the_title_keeps_its_limit(opened):
    assert 'maxlength="120"' in box(opened[1].content.decode(), "slug")


def test_a_meeting_saved_with_texts_too_long_is_refused_with_every_text_kept(
    client, opened, jwg4
):
    url, page = opened
    data = admin_form_data(page)
    data.update(
        {
            "title_en": LONG_TITLE_EN,
            "sessions-0-title": LONG_SESSION_TITLE,
            "attendances-0-position_held": LONG_POSITION,
            "_save": "Save",
        }
    )

    response = client.post(url, data)

    assert response.status_code == 200  # not "changed successfully"
    form = response.context["adminform"].form
    assert form.errors["title_en"] == [
        "Ensure this value has at most 255 characters (it has 350)."
    ]
    assert form["title_en"].value() == LONG_TITLE_EN
    sessions, _delegations, people = (
        inline.formset for inline in response.context["inline_admin_formsets"]
    )
    assert sessions.forms[0].errors["title"] == [
        "Ensure this value has at most 500 characters (it has 600)."
    ]
    assert sessions.forms[0]["title"].value() == LONG_SESSION_TITLE
    assert people.forms[0].errors["position_held"] == [
        "Ensure this value has at most 255 characters (it has 300)."
    ]
    assert people.forms[0]["position_held"].value() == LONG_POSITION
    page = response.content.decode()
    assert LONG_TITLE_EN in page and LONG_SESSION_TITLE in page
    assert page.count("js/admin_lengths.js") == 1  # says so as it is typed
    jwg4.refresh_from_db()
    assert jwg4.title_en == ""
    assert len(jwg4.sessions.get(order=1).title) < 500


def test_the_other_agencies_forms_take_a_paste_whole(client, editor, jwg4, agencies):
    client.force_login(editor)
    person = Person.objects.first()
    for model, obj, names in [
        (Agency, agencies["BNPT"], ["name", "name_en", "aliases-0-name"]),
        (Person, person, ["name", "position", "position_en"]),
        (MeetingSeries, jwg4.series, ["name", "name_en", "short_name"]),
    ]:
        page = client.get(admin_url(model, "change", obj.pk)).content.decode()
        for name in names:
            tag = box(page, name)
            assert "maxlength" not in tag, (model, name)
            assert "data-max-length" in tag, (model, name)


def test_the_meeting_form_offers_no_way_to_delete_its_series_or_an_agency(opened):
    page = opened[1].content.decode()

    assert "delete-related" not in page
    assert "/admin/agencies/meetingseries/__fk__/delete/" not in page
    assert "/admin/agencies/agency/__fk__/delete/" not in page
    assert "/admin/agencies/person/__fk__/delete/" not in page
    assert "change-related" in page  # editing the series stays a click away


def test_no_agencies_form_offers_to_delete_a_chosen_object(
    client, editor, jwg4, agencies
):
    client.force_login(editor)
    person = Person.objects.filter(agency__isnull=False).first()
    for model, obj in [(Agency, agencies["BNPT"]), (Person, person)]:
        page = client.get(admin_url(model, "change", obj.pk)).content.decode()
        assert "delete-related" not in page, model
