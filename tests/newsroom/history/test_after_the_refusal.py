"""After the edit lock's refusal (HistoryAdmin), for two editors of one
meeting or one image. Combining (or saving over) landed on the change list,
even after "Save and continue editing": the combined result out of sight.
The refusal was said three times: Django's "Please correct the error
below." with no field in error, the refusal in red, and its panel. And the
panel listed a meeting's every session twice (its form's, saved now's), the
one changed title to be found by eye."""

import pytest
import reversion
from django.contrib.auth.models import Permission
from django.contrib.messages import get_messages
from django.test import Client
from lxml import html as lxml_html

from agencies.models import Meeting
from newsroom.media.models import Image
from newsroom.media.services import image_upload
from tests.agencies.factories import JWG4_SESSION_TITLES
from tests.newsroom.admin_forms import admin_url, opened, saves
from tests.newsroom.history.pages import REFUSAL_WITH_AN_ERROR
from tests.newsroom.media import files

# These tests read the English wording of the interface.
pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]

RENAMED = "Threat assessments at regional and domestic level"


@pytest.fixture
def picture_editors(django_user_model, media_root):
    """Two editors of the media library, A's and B's browsers."""
    browsers = []
    for username in ("ayu", "budi"):
        user = django_user_model.objects.create_user(
            username=username, password="x", is_staff=True
        )
        user.user_permissions.set(
            Permission.objects.filter(content_type__app_label="media")
        )
        browser = Client()
        browser.force_login(user)
        browsers.append(browser)
    return browsers


@pytest.fixture
def image(picture_editors, django_user_model):
    return image_upload(
        file=files.png("minister.png"),
        user=django_user_model.objects.get(username="ayu"),
        alt_text="A man at a table.",
        caption="The minister at the signing.",
    )


def panel(response):
    assert response.status_code == 200
    page = lxml_html.fromstring(response.content.decode())
    return page.get_element_by_id("stale-save-title").getparent()


def choice(response, name: str) -> str:
    """The value of the refusal's button `name` (combine_revision,
    overwrite_revision)."""
    return panel(response).xpath(f'.//button[@name="{name}"]')[0].get("value")


def said(response) -> str:
    return " ".join(str(message) for message in get_messages(response.wsgi_request))


def refused_after_a(a, b, obj, mine: dict, theirs: dict, **pressed):
    """A and B open `obj`'s page; A saves `theirs`; B's save of `mine`
    (`pressed`: the button, "Save" by default) is refused. B's form as
    sent, and the refusal."""
    sent_by_a, sent_by_b = opened(a, obj), opened(b, obj)
    assert saves(a, obj, {**sent_by_a, **theirs}).status_code == 302
    sent = {**sent_by_b, **mine, **(pressed or {"_save": "Save"})}
    return sent, saves(b, obj, sent)


def sent_again(sent: dict, **choice) -> dict:
    """B's form as the refusal's button sends it: the buttons of the
    refused save are not sent again, only the one pressed."""
    kept = {k: v for k, v in sent.items() if k not in {"_save", "_continue"}}
    return {**kept, **choice}


# 1. Where Combine and "Save my version anyway" land


@pytest.mark.parametrize("pressed", ["_save", "_continue", "_addanother"])
def test_combining_a_meeting_lands_on_the_meeting_whichever_save_was_refused(
    tabs, meeting, pressed
):
    a, b = tabs
    sent, refused = refused_after_a(
        a, b, meeting, {"city": "Bogor"}, {"venue": "JCC"}, **{pressed: "1"}
    )
    combine = choice(refused, "combine_revision")
    kept = {k: v for k, v in sent.items() if k != pressed}

    combined = saves(b, meeting, {**kept, "combine_revision": combine})

    assert combined.status_code == 302
    assert combined["Location"] == admin_url(Meeting, "change", meeting.pk)
    assert "Saved: your changes and theirs are combined." in said(combined)
    meeting.refresh_from_db()
    assert (meeting.venue, meeting.city) == ("JCC", "Bogor")


def test_saving_my_version_of_a_meeting_anyway_lands_on_the_meeting(tabs, meeting):
    a, b = tabs
    sent, refused = refused_after_a(
        a, b, meeting, {"venue": "Sentul"}, {"venue": "JCC"}
    )
    overwrite = choice(refused, "overwrite_revision")

    saved = saves(b, meeting, sent_again(sent, overwrite_revision=overwrite))

    assert saved.status_code == 302
    assert saved["Location"] == admin_url(Meeting, "change", meeting.pk)
    assert "Saved your version over their changes." in said(saved)


def test_combining_an_image_lands_on_the_image(picture_editors, image):
    a, b = picture_editors
    sent, refused = refused_after_a(
        a,
        b,
        image,
        {"credit": "ANTARA/Rivan Awal Lingga"},
        {"caption": "The minister at the signing in Jakarta, on Monday."},
        _continue="1",
    )

    combined = saves(
        b,
        image,
        sent_again(sent, combine_revision=choice(refused, "combine_revision")),
    )

    assert combined.status_code == 302
    assert combined["Location"] == admin_url(Image, "change", image.pk)
    image.refresh_from_db()
    assert image.credit == "ANTARA/Rivan Awal Lingga"
    assert image.caption == "The minister at the signing in Jakarta, on Monday."


# 2. The refusal said once


def test_a_refusal_is_said_once_in_its_panel_without_a_note_to_correct_errors(
    tabs, meeting
):
    a, b = tabs
    _sent, refused = refused_after_a(a, b, meeting, {"city": "Bogor"}, {"venue": "JCC"})

    page = lxml_html.fromstring(refused.content.decode())
    assert not page.xpath('//*[contains(@class, "errornote")]')
    assert not page.xpath('//ul[contains(@class, "errorlist")]')
    text = " ".join(page.text_content().split())
    assert text.count("Someone else saved this meeting") == 1  # the panel's
    shown = panel(refused)
    # Focused when the page opens (stale_save.js), for a screen reader.
    assert shown.get("tabindex") == "-1"
    assert "Nothing in this form has been saved" in shown.text_content()
    # Still the form's error: the save was refused.
    assert refused.context["adminform"].form.non_field_errors()


def test_a_refusal_with_a_field_in_error_keeps_the_note(tabs, meeting):
    a, b = tabs
    _sent, refused = refused_after_a(
        a, b, meeting, {"city": "Bogor", "title": ""}, {"venue": "JCC"}
    )
    page = lxml_html.fromstring(refused.content.decode())
    assert page.xpath('//p[contains(@class, "errornote")]')
    assert page.get_element_by_id("stale-save-title") is not None

    # The same refusal with nothing else in error: no note.
    _sent, refused = refused_after_a(a, b, meeting, {"city": "Bogor"}, {"venue": "X"})
    page = lxml_html.fromstring(refused.content.decode())
    assert not page.xpath('//p[contains(@class, "errornote")]')


def words(element) -> str:
    return " ".join(element.text_content().split())


def test_a_refusal_with_a_field_in_error_says_the_refusal_once_in_its_panel(
    tabs, meeting
):
    a, b = tabs
    _sent, refused = refused_after_a(
        a, b, meeting, {"city": "Bogor", "title": ""}, {"venue": "JCC"}
    )

    page = lxml_html.fromstring(refused.content.decode())
    # Django's note counts the title only; the refusal is not said again
    # in red between the note and the panel.
    [note] = page.xpath('//p[contains(@class, "errornote")]')
    assert words(note) == "Please correct the error below."
    assert not page.xpath('//ul[contains(@class, "nonfield")]')
    text = words(page)
    assert text.count("Nothing in this form has been saved") == 1
    assert text.count("Someone else saved this meeting") == 1
    assert "Nothing in this form has been saved" in panel(refused).text_content()
    assert page.xpath("//title")[0].text.startswith("Error:")
    # The title's own error, at the field.
    assert page.xpath('//div[contains(@class, "field-title")]//ul[@class="errorlist"]')


@pytest.mark.parametrize(("language", "note", "nothing_saved"), REFUSAL_WITH_AN_ERROR)
def test_an_agencys_refusal_with_a_field_in_error_is_said_once_in_either_language(
    tabs, editor, bnpt, settings, language, note, nothing_saved
):
    settings.LANGUAGE_CODE = language
    with reversion.create_revision():
        reversion.add_to_revision(bnpt)
        reversion.set_user(editor)
    a, b = tabs
    _sent, refused = refused_after_a(
        a, b, bnpt, {"name": ""}, {"website": "https://www.bnpt.go.id/"}
    )

    page = lxml_html.fromstring(refused.content.decode())
    [note_shown] = page.xpath('//p[contains(@class, "errornote")]')
    assert words(note_shown) == note
    assert not page.xpath('//ul[contains(@class, "nonfield")]')
    assert words(page).count(nothing_saved) == 1
    assert nothing_saved in panel(refused).text_content()


def test_a_refusals_panel_when_focused_says_what_happened_and_what_to_do(tabs, meeting):
    a, b = tabs
    _sent, refused = refused_after_a(a, b, meeting, {"city": "Bogor"}, {"venue": "JCC"})

    # stale_save.js focuses the panel: a screen reader reads its name, the
    # heading, and its description, the paragraph under it.
    shown = panel(refused)
    page = shown.getroottree().getroot()
    name = page.get_element_by_id(shown.get("aria-labelledby"))
    description = page.get_element_by_id(shown.get("aria-describedby"))
    assert words(name) == "Someone else saved this meeting while you were editing it"
    assert "Nothing in this form has been saved" in words(description)
    assert "until you choose what to keep" in words(description)


def test_a_combined_save_left_to_choose_says_why_once_in_the_panel(tabs, meeting):
    a, b = tabs
    sent, refused = refused_after_a(
        a, b, meeting, {"venue": "Sentul"}, {"venue": "JCC"}
    )

    combine = choice(refused, "combine_revision")
    again = saves(b, meeting, sent_again(sent, combine_revision=combine))

    page = lxml_html.fromstring(again.content.decode())
    assert not page.xpath('//*[contains(@class, "errornote")]')
    text = " ".join(page.text_content().split())
    why = "Nothing has been saved: you both changed Venue."
    assert text.count(why) == 1
    assert why in panel(again).text_content()


# 3. Only the sessions that differ, the change marked


def test_a_meetings_refusal_shows_only_the_session_that_differs(tabs, meeting):
    a, b = tabs
    _sent, refused = refused_after_a(
        a, b, meeting, {"city": "Bogor"}, {"sessions-0-title": RENAMED}
    )

    row = next(
        tr
        for tr in panel(refused).xpath('.//table[contains(@class, "stale-save")]//tr')
        if tr.xpath("./th")[0].text_content().strip() == "Sessions"
    )
    mine, now, keeps = row.xpath("./td")
    assert JWG4_SESSION_TITLES[0] in mine.text_content()
    assert RENAMED in now.text_content()
    for title in JWG4_SESSION_TITLES[1:]:  # unchanged: counted, not listed
        assert title not in mine.text_content() + now.text_content()
    assert "6 unchanged lines" in now.text_content()
    # The words that differ, marked on the side that has them; none struck.
    only_mine = [d.text_content().strip() for d in mine.xpath(".//mark")]
    assert only_mine == ["global,"]
    assert not now.xpath(".//mark") and not row.xpath(".//del | .//ins")
    assert "the saved one" in keeps.text_content()
