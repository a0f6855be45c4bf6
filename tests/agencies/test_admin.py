import datetime as dt
import re
from unittest.mock import ANY

import pytest
from django.urls import reverse
from django.utils import timezone

from agencies import services
from agencies.models import (
    Agency,
    AgencyAlias,
    Meeting,
    MeetingAttendance,
    MeetingParticipant,
    Person,
)
from tests.agencies.factories import (
    JWG4_SESSION_TITLES,
    AgencyAliasFactory,
    PersonFactory,
)
from tests.conftest import JAKARTA
from tests.newsroom.admin_forms import save_in_admin

pytestmark = pytest.mark.django_db


def admin_url(model, view, *args):
    opts = model._meta
    return reverse(f"admin:{opts.app_label}_{opts.model_name}_{view}", args=args)


def changelist(client, model, query):
    response = client.get(admin_url(model, "changelist"), query)
    assert response.status_code == 200, response.get("Location")
    return [str(obj) for obj in response.context["cl"].result_list]


def test_searching_agencies_by_acronym(admin_client, agencies):
    assert changelist(admin_client, Agency, {"q": "BNPT"}) == ["BNPT (ID)"]


def test_searching_agencies_by_alias(admin_client, agencies):
    assert changelist(admin_client, Agency, {"q": "INTRAC"}) == ["PPATK (ID)"]


def test_searching_agencies_by_english_name(admin_client, agencies):
    assert changelist(admin_client, Agency, {"q": "Anti-Money"}) == ["AMLC (PH)"]


def test_an_agency_with_several_matching_aliases_is_listed_once(admin_client, bnpt):
    AgencyAliasFactory(agency=bnpt, name="BNPT RI")
    AgencyAliasFactory(agency=bnpt, name="Badan Nasional Penanggulangan Teror (BNPT)")
    assert changelist(admin_client, Agency, {"q": "BNPT"}) == ["BNPT (ID)"]


def test_agencies_filter_by_country_and_kind(admin_client, agencies):
    assert changelist(admin_client, Agency, {"country__exact": "PH"}) == [
        "AMLC (PH)",
        "NICA (PH)",
    ]
    assert changelist(admin_client, Agency, {"kind__exact": "fiu"}) == [
        "AMLC (PH)",
        "PPATK (ID)",
    ]


def test_people_filter_by_their_agency_country(admin_client, officials):
    found = changelist(admin_client, Person, {"agency__country__exact": "ID"})
    assert found == ["Andhika Chrisnayudhanto", "Boy Rafli Amar"]


def test_people_search_finds_them_by_agency(admin_client, officials):
    found = changelist(admin_client, Person, {"q": "BNPT"})
    assert found == ["Andhika Chrisnayudhanto", "Boy Rafli Amar"]


def test_meetings_filter_by_format_series_and_year(admin_client, jwg4, jwg_series):
    assert changelist(admin_client, Meeting, {"format__exact": "hybrid"}) == [str(jwg4)]
    assert (
        len(changelist(admin_client, Meeting, {"series__id__exact": jwg_series.pk}))
        == 2
    )
    assert changelist(admin_client, Meeting, {"start__year": 2019}) == [
        "3rd Philippines-Indonesia JWG on Combating International Terrorism"
    ]


def test_meetings_search_by_series_short_name(admin_client, jwg4):
    assert len(changelist(admin_client, Meeting, {"q": "JWG PH-ID"})) == 2


# An editor enters the whole 4th JWG in one go.


def management_form(prefix, total):
    return {
        f"{prefix}-TOTAL_FORMS": str(total),
        f"{prefix}-INITIAL_FORMS": "0",
        f"{prefix}-MIN_NUM_FORMS": "0",
        f"{prefix}-MAX_NUM_FORMS": "1000",
    }


def meeting_form(jwg_series, agencies, officials, **overrides):
    data = {
        "series": jwg_series.pk,
        "number": "4",
        "title": "4th JWG on Combating International Terrorism",
        "slug": "4th-jwg",
        "format": "hybrid",
        "start_0": "2022-03-24",
        "start_1": "09:00",
        "end_0": "2022-03-24",
        "end_1": "13:00",
        "timezone": "Asia/Jakarta",
        "venue": "",
        "city": "",
        "country": "",
        "host": agencies["BNPT"].pk,
        "summary": "The yearly bilateral meeting, back after the pandemic.",
        "_save": "Save",
    }
    data |= management_form("sessions", len(JWG4_SESSION_TITLES))
    for i, title in enumerate(JWG4_SESSION_TITLES):
        data |= {f"sessions-{i}-order": str(i + 1), f"sessions-{i}-title": title}
        data[f"sessions-{i}-summary"] = ""
    delegations = [
        ("BNPT", MeetingParticipant.Role.HOST),
        ("BIN", MeetingParticipant.Role.MEMBER),
        ("PPATK", MeetingParticipant.Role.MEMBER),
        ("BSSN", MeetingParticipant.Role.MEMBER),
        ("KBRI Manila", MeetingParticipant.Role.MEMBER),
        ("NICA", MeetingParticipant.Role.HEAD_OF_DELEGATION),
        ("AMLC", MeetingParticipant.Role.MEMBER),
    ]
    data |= management_form("participants", len(delegations))
    for i, (acronym, role) in enumerate(delegations):
        data |= {
            f"participants-{i}-agency": agencies[acronym].pk,
            f"participants-{i}-country": "",  # the agency's own country
            f"participants-{i}-role": str(role),
        }
    people = [
        ("Amar", MeetingAttendance.Role.OPENED, "Head of BNPT", "BNPT"),
        (
            "Chrisnayudhanto",
            MeetingAttendance.Role.OPENING_REMARKS,
            "Deputy for International Cooperation",
            "BNPT",
        ),
        (
            "Carlos",
            MeetingAttendance.Role.LED_DELEGATION,
            "Deputy Director General for Counter-Terrorism",
            None,
        ),
    ]
    data |= management_form("attendances", len(people))
    for i, (surname, role, position, acronym) in enumerate(people):
        data |= {
            f"attendances-{i}-person": officials[surname].pk,
            f"attendances-{i}-role": str(role),
            f"attendances-{i}-position_held": position,
            f"attendances-{i}-agency": agencies[acronym].pk if acronym else "",
            f"attendances-{i}-order": str(i),
        }
    data.update(overrides)
    return data


@pytest.fixture
def filled_in(jwg_series, agencies, officials):
    return meeting_form(jwg_series, agencies, officials)


def test_an_editor_enters_a_meeting_with_its_agenda_delegations_and_people(
    editor_client, filled_in, jwg3
):
    response = editor_client.post(admin_url(Meeting, "add"), filled_in)
    assert response.status_code == 302, [
        response.context["adminform"].form.errors,
        [formset.errors for formset in response.context["inline_admin_formsets"]],
    ]
    meeting = Meeting.objects.get(slug="4th-jwg")
    assert meeting.start == dt.datetime(2022, 3, 24, 9, 0, tzinfo=JAKARTA)
    assert meeting.duration == dt.timedelta(hours=4)
    assert [s.title for s in meeting.sessions.all()] == JWG4_SESSION_TITLES
    delegations = {
        country.code: {
            p.agency.acronym for p in meeting.participants.all() if p.country == country
        }
        for country in {p.country for p in meeting.participants.all()}
    }
    assert delegations == {
        "ID": {"BNPT", "BIN", "PPATK", "BSSN", "KBRI Manila"},
        "PH": {"NICA", "AMLC"},
    }
    assert [a.person.name for a in meeting.attendances.all()] == [
        "Boy Rafli Amar",
        "Andhika Chrisnayudhanto",
        "Damian L. Carlos",
    ]
    assert meeting.previous_in_series() == jwg3


def test_a_meeting_that_ends_before_it_starts_is_sent_back(editor_client, filled_in):
    filled_in |= {"end_0": "2022-03-24", "end_1": "08:00"}
    response = editor_client.post(admin_url(Meeting, "add"), filled_in)
    assert response.status_code == 200
    assert "end" in response.context["adminform"].form.errors
    assert not Meeting.objects.exists()


@pytest.mark.parametrize(
    ("day", "time"),
    [("0001-01-01", "00:00"), ("0024-03-24", "09:00"), ("9999-12-31", "23:00")],
)
def test_a_meeting_dated_outside_the_newsrooms_days_is_sent_back_with_what_was_typed(
    editor_client, filled_in, day, time
):
    # 00:00 WIB on 1 January of year 1 is year 0 in UTC: saving it answered
    # 500 and lost the meeting, its sessions and delegations as typed.
    filled_in |= {"start_0": day, "start_1": time, "end_0": day, "end_1": "23:30"}
    response = editor_client.post(admin_url(Meeting, "add"), filled_in)
    assert response.status_code == 200
    errors = response.context["adminform"].form.errors.as_data()
    assert [error.code for error in errors["start"]] == ["date_range"]
    assert [error.code for error in errors["end"]] == ["date_range"]
    assert "1900" in str(errors["start"][0].messages)
    assert not Meeting.objects.exists()
    page = response.content.decode()
    assert JWG4_SESSION_TITLES[0] in page  # the agenda as typed, to correct the date
    # The editor corrects the year and saves: all of it is kept.
    filled_in |= {"start_0": "2022-03-24", "end_0": "2022-03-24"}
    response = editor_client.post(admin_url(Meeting, "add"), filled_in)
    assert response.status_code == 302
    meeting = Meeting.objects.get()
    assert [s.title for s in meeting.sessions.all()] == JWG4_SESSION_TITLES


def test_a_meetings_times_are_typed_and_shown_in_the_venues_time_zone(
    editor_client, filled_in
):
    # The agenda says 09:00–13:00 in Manila. The form read the times as WIB
    # beside a field naming Manila: the page said "10.00–14.00 Manila time".
    filled_in |= {"timezone": "Asia/Manila", "end_0": "2022-03-24", "end_1": "13:00"}
    response = editor_client.post(admin_url(Meeting, "add"), filled_in)
    assert response.status_code == 302
    meeting = Meeting.objects.get(slug="4th-jwg")
    manila = dt.timezone(dt.timedelta(hours=8))
    assert meeting.start == dt.datetime(2022, 3, 24, 9, 0, tzinfo=manila)
    assert meeting.end == dt.datetime(2022, 3, 24, 13, 0, tzinfo=manila)

    # The editor opens it again: the times as typed, in the venue's zone...
    page = editor_client.get(admin_url(Meeting, "change", meeting.pk))
    form = page.context["adminform"].form
    assert form["start"].value() == dt.datetime(2022, 3, 24, 9, 0)
    assert form["end"].value() == dt.datetime(2022, 3, 24, 13, 0)
    html = page.content.decode()
    assert 'name="start_1" value="09.00"' in html  # Indonesian, no seconds
    assert 'name="end_1" value="13.00"' in html
    # ...saves it as shown: nothing moves.
    save_in_admin(editor_client, meeting)
    meeting.refresh_from_db()
    assert meeting.start == dt.datetime(2022, 3, 24, 9, 0, tzinfo=manila)

    # The public page: 08.00–12.00 WIB, 09.00–13.00 local time.
    public = editor_client.get(meeting.get_absolute_url()).content.decode()
    assert "2022 08.00</time>–<time" in public and "12.00</time>&nbsp;WIB" in public
    assert "(09.00–13.00 waktu setempat)" in public


def test_a_time_the_clocks_skipped_at_the_venue_is_sent_back_then_taken_corrected(
    editor_client, filled_in
):
    # Sydney put its clocks forward from 02:00 to 03:00 on 6 October 2024:
    # a meeting typed from 02:30 was saved from 03:30, without a word, and
    # its page said it lasted 30 minutes instead of 90.
    filled_in |= {
        "timezone": "Australia/Sydney",
        "start_0": "2024-10-06",
        "start_1": "02:30",
        "end_0": "2024-10-06",
        "end_1": "04:00",
    }
    response = editor_client.post(admin_url(Meeting, "add"), filled_in)
    assert response.status_code == 200
    errors = response.context["adminform"].form.errors
    assert list(errors) == ["start"]
    assert "02:30" in errors["start"][0] and "Australia/Sydney" in errors["start"][0]
    assert not Meeting.objects.exists()
    assert JWG4_SESSION_TITLES[0] in response.content.decode()  # kept as typed
    # The editor types the start as the clocks showed it: saved as typed.
    filled_in["start_1"] = "01:30"
    response = editor_client.post(admin_url(Meeting, "add"), filled_in)
    assert response.status_code == 302
    meeting = Meeting.objects.get(slug="4th-jwg")
    assert meeting.end - meeting.start == dt.timedelta(hours=1, minutes=30)
    assert [s.title for s in meeting.sessions.all()] == JWG4_SESSION_TITLES


def test_a_numbered_meeting_outside_a_series_is_sent_back(editor_client, filled_in):
    filled_in["series"] = ""
    response = editor_client.post(admin_url(Meeting, "add"), filled_in)
    assert response.status_code == 200
    assert "number" in response.context["adminform"].form.errors


def test_a_meeting_number_already_used_in_the_series_is_sent_back(
    editor_client, filled_in, jwg3
):
    filled_in["number"] = "3"
    response = editor_client.post(admin_url(Meeting, "add"), filled_in)
    assert response.status_code == 200
    assert response.context["adminform"].form.errors
    assert Meeting.objects.count() == 1


def test_a_meeting_slug_already_taken_is_sent_back(editor_client, filled_in, jwg3):
    filled_in["slug"] = jwg3.slug
    response = editor_client.post(admin_url(Meeting, "add"), filled_in)
    assert response.status_code == 200
    assert "slug" in response.context["adminform"].form.errors


def test_an_agency_listed_twice_at_one_meeting_is_sent_back(
    editor_client, filled_in, agencies
):
    filled_in["participants-1-agency"] = agencies["BNPT"].pk
    response = editor_client.post(admin_url(Meeting, "add"), filled_in)
    assert response.status_code == 200
    assert not Meeting.objects.exists()


def test_a_made_up_time_zone_is_sent_back(editor_client, filled_in):
    filled_in["timezone"] = "Asia/Atlantis"
    response = editor_client.post(admin_url(Meeting, "add"), filled_in)
    assert response.status_code == 200
    assert "timezone" in response.context["adminform"].form.errors


def test_an_agency_cannot_be_made_its_own_grandparent(editor_client, agencies):
    bnpt, bin_ = agencies["BNPT"], agencies["BIN"]
    bin_.parent = bnpt
    bin_.save()
    data = {
        "acronym": "BNPT",
        "name": bnpt.name,
        "name_en": bnpt.name_en,
        "slug": bnpt.slug,
        "country": "ID",
        "kind": bnpt.kind,
        "parent": bin_.pk,
        "website": "",
        "description": "",
        **management_form("aliases", 0),
        "_save": "Save",
    }
    response = editor_client.post(admin_url(Agency, "change", bnpt.pk), data)
    assert response.status_code == 200
    assert "parent" in response.context["adminform"].form.errors
    bnpt.refresh_from_db()
    assert bnpt.parent is None


def test_a_second_bin_in_another_country_gets_a_slug_of_its_own(
    editor_client, agencies
):
    # The slug filled in from the acronym ("bin") was taken by Indonesia's
    # BIN: Malaysia's was refused until someone made a slug up by hand.
    assert agencies["BIN"].slug == "bin"

    def add(slug):
        return editor_client.post(
            admin_url(Agency, "add"),
            {
                "acronym": "BIN",
                "name": "Biro Intelijen Negara",
                "name_en": "",
                "slug": slug,
                "country": "MY",
                "kind": "intelligence",
                "parent": "",
                "website": "",
                "description": "",
                **management_form("aliases", 0),
                "_save": "Save",
            },
        )

    assert add("bin").status_code == 302
    assert Agency.objects.get(country="MY").slug == "bin-my"
    # A slug typed by hand that is taken is still refused, at its field.
    response = add("bin-my")
    assert response.status_code == 200
    assert "slug" in response.context["adminform"].form.errors
    assert Agency.objects.filter(acronym="BIN").count() == 2


@pytest.mark.parametrize("kind", ["agency", "person"])
def test_a_delete_refused_for_a_meetings_sake_names_the_meeting(
    editor_client, jwg4, agencies, officials, kind
):
    # "Participating agency: BIN (ID) – Member": which meeting, it did not say.
    if kind == "agency":
        obj, model = agencies["BIN"], Agency
    else:
        obj, model = jwg4.attendances.first().person, Person
    page = editor_client.get(admin_url(model, "delete", obj.pk))
    assert page.status_code == 200
    assert page.context["protected"]
    meeting_link = admin_url(Meeting, "change", jwg4.pk)
    for row in page.context["protected"]:
        assert f'<a href="{meeting_link}">{jwg4.title}</a>: ' in row
    # The delete is still refused.
    editor_client.post(admin_url(model, "delete", obj.pk), {"post": "yes"})
    assert model.objects.filter(pk=obj.pk).exists()


def test_an_editor_adds_an_agency_with_an_alias(editor_client, db):
    data = {
        "acronym": "Bakamla",
        "name": "Badan Keamanan Laut",
        "name_en": "Indonesian Maritime Security Agency",
        "slug": "bakamla",
        "country": "ID",
        "kind": "other",
        "parent": "",
        "website": "https://bakamla.go.id/",
        "description": "",
        **management_form("aliases", 1),
        "aliases-0-name": "IMSA",
        "_save": "Save",
    }
    response = editor_client.post(admin_url(Agency, "add"), data)
    assert response.status_code == 302
    assert Agency.objects.get(aliases__name="IMSA").acronym == "Bakamla"


def existing_meeting_form(meeting):
    """The change form of a saved meeting, as the browser would send it back."""
    start, end = (timezone.localtime(t) for t in (meeting.start, meeting.end))
    data = {
        "series": meeting.series_id,
        "number": meeting.number,
        "title": meeting.title,
        "slug": meeting.slug,
        "format": meeting.format,
        "start_0": f"{start:%Y-%m-%d}",
        "start_1": f"{start:%H:%M}",
        "end_0": f"{end:%Y-%m-%d}",
        "end_1": f"{end:%H:%M}",
        "timezone": meeting.timezone,
        "venue": meeting.venue,
        "city": meeting.city,
        "country": meeting.country.code or "",
        "host": meeting.host_id,
        "summary": meeting.summary,
        "_save": "Save",
    }
    inlines = {
        "sessions": ["order", "title", "summary"],
        "participants": ["agency", "country", "role"],
        "attendances": ["person", "role", "position_held", "agency", "order"],
    }
    for prefix, fields in inlines.items():
        rows = list(getattr(meeting, prefix).all())
        data |= management_form(prefix, len(rows))
        data[f"{prefix}-INITIAL_FORMS"] = str(len(rows))
        for i, row in enumerate(rows):
            data[f"{prefix}-{i}-id"] = row.pk
            data[f"{prefix}-{i}-meeting"] = meeting.pk
            for field in fields:
                value = getattr(row, f"{field}_id", None) or getattr(row, field)
                data[f"{prefix}-{i}-{field}"] = "" if value is None else str(value)
    return data


def test_the_change_page_of_the_4th_jwg_shows_its_agenda_delegations_and_people(
    editor_client, jwg4
):
    response = editor_client.get(admin_url(Meeting, "change", jwg4.pk))
    assert response.status_code == 200
    formsets = {
        inline.formset.prefix: inline.formset.initial_form_count()
        for inline in response.context["inline_admin_formsets"]
    }
    assert formsets == {"sessions": 7, "participants": 7, "attendances": 3}
    assert JWG4_SESSION_TITLES[3] in response.content.decode()


def test_an_editor_renames_a_session_and_drops_a_participant(editor_client, jwg4):
    data = existing_meeting_form(jwg4)
    data["sessions-6-title"] = "Capacity building"
    data["participants-6-DELETE"] = "on"  # AMLC, the last in the list
    response = editor_client.post(admin_url(Meeting, "change", jwg4.pk), data)
    assert response.status_code == 302, [
        response.context["adminform"].form.errors,
        [inline.formset.errors for inline in response.context["inline_admin_formsets"]],
    ]
    assert jwg4.sessions.last().title == "Capacity building"
    assert jwg4.sessions.count() == 7
    assert not jwg4.participants.filter(agency__acronym="AMLC").exists()
    assert jwg4.participants.count() == 6
    assert jwg4.attendances.count() == 3


def test_the_country_filters_offer_only_the_countries_in_use(admin_client, agencies):
    """Not the world's 249 countries: those the agencies are in."""
    page = admin_client.get(admin_url(Agency, "changelist")).content.decode()
    offered = set(re.findall(r"\?country(?:__exact)?=([A-Z]{2})\b", page))
    assert offered == {"ID", "PH"}
    assert changelist(admin_client, Agency, {"country": "PH"}) == [
        "AMLC (PH)",
        "NICA (PH)",
    ]
    meetings = admin_client.get(admin_url(Meeting, "changelist")).content.decode()
    assert len(re.findall(r"\?country(?:__exact)?=[A-Z]{2}\b", meetings)) < 5


def test_an_alias_given_since_the_form_was_opened_is_refused_on_its_row(
    editor_client, editor, bnpt
):
    # Editor A opens BNPT's form with no aliases; a colleague then gives it
    # "BNPT RI". A's save adding the same alias was a 500 (the service's
    # check, after Django's, which compares the rows only with one another).
    data = {
        "acronym": bnpt.acronym,
        "name": bnpt.name,
        "name_en": bnpt.name_en,
        "slug": bnpt.slug,
        "country": "ID",
        "kind": bnpt.kind,
        "parent": "",
        "website": "",
        "description": "Lembaga yang menangani terorisme.",
        **management_form("aliases", 1),
        "aliases-0-name": "BNPT RI",
        "_save": "Save",
    }
    services.agency_save(
        agency=bnpt, user=editor, aliases=[AgencyAlias(name="BNPT RI")]
    )
    url = admin_url(Agency, "change", bnpt.pk)
    refused = editor_client.post(url, data)
    assert refused.status_code == 200
    row = refused.context["inline_admin_formsets"][0].formset.forms[0]
    assert row.non_field_errors() == ["Alias dengan Lembaga dan Alias ini sudah ada."]
    # Nothing of A's is lost: the form comes back as sent.
    assert refused.context["adminform"].form["description"].value() == (
        "Lembaga yang menangani terorisme."
    )
    # What A does next: drops the row, saves the rest.
    saved = editor_client.post(url, {**data, "aliases-0-name": ""})
    assert saved.status_code == 302
    bnpt.refresh_from_db()
    assert bnpt.description == "Lembaga yang menangani terorisme."
    assert list(bnpt.aliases.values_list("name", flat=True)) == ["BNPT RI"]


def test_a_delegation_added_since_the_form_was_opened_is_refused_on_its_row(
    editor_client, jwg4, agencies
):
    # The form is opened; a colleague then adds Bakamla's delegation; this
    # editor adds it too (the database refused the second: a 500).
    data = existing_meeting_form(jwg4)
    total = int(data["participants-TOTAL_FORMS"])
    bakamla = Agency.objects.create(
        acronym="Bakamla", name="Badan Keamanan Laut", country="ID", slug="bakamla"
    )
    MeetingParticipant.objects.create(meeting=jwg4, agency=bakamla, country="ID")
    data |= {
        "participants-TOTAL_FORMS": str(total + 1),
        f"participants-{total}-meeting": jwg4.pk,
        f"participants-{total}-agency": bakamla.pk,
        f"participants-{total}-country": "ID",
        f"participants-{total}-role": MeetingParticipant.Role.MEMBER,
        "sessions-6-title": "Capacity building",
    }
    url = admin_url(Meeting, "change", jwg4.pk)
    refused = editor_client.post(url, data)
    assert refused.status_code == 200
    formsets = {
        i.formset.prefix: i.formset for i in refused.context["inline_admin_formsets"]
    }
    assert formsets["participants"].forms[total].non_field_errors() == [
        "Lembaga peserta dengan Pertemuan dan Lembaga ini sudah ada."
    ]
    assert jwg4.sessions.last().title != "Capacity building"  # nothing saved
    # What the editor does next: removes the new row (its ×); the rest is saved.
    data = {k: v for k, v in data.items() if not k.startswith(f"participants-{total}-")}
    data["participants-TOTAL_FORMS"] = str(total)
    saved = editor_client.post(url, data)
    assert saved.status_code == 302
    assert jwg4.sessions.last().title == "Capacity building"
    assert jwg4.participants.filter(agency=bakamla).count() == 1


@pytest.mark.parametrize("claimed", ["2000", "9" * 30])
def test_a_form_claiming_more_delegations_than_it_sends_saves_the_rows_it_sends(
    editor_client, jwg4, claimed
):
    # A tampered (or scripted) form says it sends 2,000 delegations and sends
    # its 7. Django built and checked 2,000 rows, refused the save ("at most
    # 1000") and rendered them all back: a 12.7 MB page, a minute's work.
    data = existing_meeting_form(jwg4)
    data |= {"participants-TOTAL_FORMS": claimed, "sessions-6-title": "Capacity"}
    url = admin_url(Meeting, "change", jwg4.pk)
    refused = editor_client.post(url, {**data, "end_0": "2022-03-23"})
    assert refused.status_code == 200
    page = refused.content.decode()
    assert len(set(re.findall(r'name="participants-(\d+)-agency"', page))) == 7
    assert refused.context["adminform"].form.errors == {"end": ANY}  # before it starts
    # What the editor does next: mends the date and saves; nothing was lost.
    saved = editor_client.post(url, data)
    assert saved.status_code == 302
    assert jwg4.sessions.last().title == "Capacity"
    assert jwg4.participants.count() == 7


def test_the_agency_list_names_each_country_in_the_desks_language(
    admin_client, agencies
):
    url = admin_url(Agency, "changelist")
    page = admin_client.get(url, {"o": "4"}, headers={"accept-language": "id"})
    html = page.content.decode()
    assert "Filipina" in html and "Philippines" not in html
    # Sorted by the country column: the Indonesian agencies first (ID < PH).
    rows = [str(agency) for agency in page.context["cl"].result_list]
    assert rows.index("BNPT (ID)") < rows.index("AMLC (PH)")


def test_a_session_and_a_person_added_in_empty_rows_come_after_the_others(
    editor_client, jwg4, officials, client
):
    siti = PersonFactory(name="Siti Rahmawati")
    # The empty rows offer no number: the next one is given when saved, 8
    # after the seven sessions, 3 after the three people (numbered from 0).
    page = editor_client.get(admin_url(Meeting, "change", jwg4.pk))
    formsets = {
        inline.formset.prefix: inline.formset
        for inline in page.context["inline_admin_formsets"]
    }
    assert formsets["sessions"].forms[7]["order"].value() is None
    assert formsets["attendances"].forms[3]["order"].value() is None
    # The editor types a closing session in the empty row, a page sending the
    # number it once offered, and one more with no number ("Add another" rows
    # come empty); and a person in an empty row.
    data = existing_meeting_form(jwg4)
    data |= {
        "sessions-TOTAL_FORMS": "9",
        "sessions-7-order": "8",
        "sessions-7-title": "Penutupan dan kesepakatan bersama",
        "sessions-8-order": "",
        "sessions-8-title": "Konferensi pers",
        "attendances-TOTAL_FORMS": "4",
        "attendances-3-person": siti.pk,
        "attendances-3-role": str(MeetingAttendance.Role.ATTENDED),
        "attendances-3-order": "3",
    }
    response = editor_client.post(admin_url(Meeting, "change", jwg4.pk), data)
    assert response.status_code == 302, [
        inline.formset.errors for inline in response.context["inline_admin_formsets"]
    ]
    titles = list(jwg4.sessions.values_list("title", flat=True))
    assert titles[0] == JWG4_SESSION_TITLES[0]
    assert titles[-2:] == ["Penutupan dan kesepakatan bersama", "Konferensi pers"]
    people = [a.person.name for a in jwg4.attendances.select_related("person")]
    assert people[0] == officials["Amar"].name
    assert people[-1] == "Siti Rahmawati"
    # And on the public page the agenda still opens with its first session.
    public = client.get(jwg4.get_absolute_url()).content.decode()
    assert public.index(JWG4_SESSION_TITLES[0]) < public.index("Konferensi pers")
