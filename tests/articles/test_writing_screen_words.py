"""The writing screen's words: its times as the desk's language writes them
(23.16 in Indonesian, 23:16 in English), the refusal's sentence about the
step's note only when a note was written, and Published at typed in the
browser's date picker without Django's note about the editor's clock."""

import datetime as dt

import pytest
import reversion
from django.test import Client
from django.utils import timezone
from lxml import html as lxml_html

from articles.models import Article
from tests.articles.factories import ArticleFactory
from tests.newsroom.admin_forms import admin_form_data, admin_url

pytestmark = pytest.mark.django_db

DESKS = [("id", "23.16"), ("en", "23:16")]


def logged_in(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def change_url(article) -> str:
    return admin_url(Article, "change", article.pk)


@pytest.fixture
def late_evening(time_machine):
    """The newsroom's clock at 23:16 today."""
    moment = dt.datetime.combine(
        timezone.localdate(), dt.time(23, 16), tzinfo=timezone.get_current_timezone()
    )
    time_machine.move_to(moment, tick=False)


@pytest.fixture
def story(section, desk_editor):
    """A story last saved a day before the clock the test sets."""
    article = ArticleFactory(section=section, created_by=desk_editor, body="Teks.")
    with reversion.create_revision():
        reversion.add_to_revision(article)
    Article.objects.filter(pk=article.pk).update(
        updated_at=dt.datetime(2020, 1, 1, tzinfo=dt.UTC)
    )
    return article


@pytest.mark.parametrize(("language", "time"), DESKS)
def test_autosave_and_presence_times_are_written_as_the_desks_language_does(
    settings, language, time, late_evening, story, desk_editor, staff_in
):
    settings.LANGUAGE_CODE = language
    mine = logged_in(desk_editor)
    saved = mine.post(
        admin_url(Article, "autosave", story.pk),
        {"expected_version": story.version, "body": "Teks baru."},
    )
    assert saved.json()["time"] == time  # "Autosaved at …", "Tersimpan … pukul …"

    page = mine.get(change_url(story)).content.decode()
    restore = {
        "id": f"Pulihkan perubahan Anda dari pukul {time}",
        "en": f"Restore your unsaved changes of {time}",
    }
    assert restore[language] in page

    colleague = staff_in("Editor", "budi")
    colleague.first_name = "Budi"
    colleague.save()
    logged_in(colleague).get(change_url(story))
    answer = mine.post(admin_url(Article, "presence", story.pk)).json()
    assert answer["others"] == [{"name": "Budi", "since": time}]
    since = {"id": f"Budi (sejak {time})", "en": f"Budi (since {time})"}
    assert since[language] in answer["text"]


@pytest.mark.parametrize(("language", "day"), [("id", "5 Des"), ("en", "5 Dec")])
def test_a_time_of_another_day_names_the_day_as_the_desk_does(
    settings, time_machine, language, day, story, desk_editor
):
    settings.LANGUAGE_CODE = language
    zone = timezone.get_current_timezone()
    time_machine.move_to(dt.datetime(2026, 12, 5, 23, 16, tzinfo=zone), tick=False)
    mine = logged_in(desk_editor)
    mine.post(
        admin_url(Article, "autosave", story.pk),
        {"expected_version": story.version, "body": "Teks baru."},
    )
    time_machine.move_to(dt.datetime(2026, 12, 6, 9, 0, tzinfo=zone), tick=False)

    page = mine.get(change_url(story)).content.decode()

    written = {"id": "5 Des 2026 23.16", "en": "5 Dec 2026, 23:16"}
    assert written[language] in page and day in page


# The refusal's sentence about the step's note


def refused_submit(reporter, section, note: str):
    """The reporter's draft, changed in their other tab, then submitted from
    the first with `note` in "Note for the workflow step": refused."""
    draft = ArticleFactory(section=section, draft=True, created_by=reporter)
    with reversion.create_revision():
        reversion.add_to_revision(draft)
        reversion.set_user(reporter)
    first, other = logged_in(reporter), logged_in(reporter)
    form = admin_form_data(first.get(change_url(draft)))
    changed = admin_form_data(other.get(change_url(draft)))
    assert other.post(change_url(draft), {**changed, "dateline": "Manila"}).status_code
    refused = first.post(
        change_url(draft),
        {**form, "title": "Judul baru", "workflow_note": note, "_transition": "submit"},
    )
    assert refused.status_code == 200
    [panel] = lxml_html.fromstring(refused.content.decode()).find_class(
        "conflict-panel"
    )
    return " ".join(panel.text_content().split())


@pytest.mark.usefixtures("english")
def test_the_refusal_mentions_no_note_when_none_was_written(reporter, section):
    panel = refused_submit(reporter, section, note="  ")
    assert "You asked for “Submit for review”" in panel
    assert "Your note" not in panel


@pytest.mark.usefixtures("english")
def test_the_refusal_says_a_written_note_goes_with_the_step(reporter, section):
    panel = refused_submit(reporter, section, note="Foto menyusul.")
    assert "Your note in “Note for the workflow step” goes with it." in panel


# Published at


def test_published_at_is_typed_in_the_browsers_date_picker_without_the_clock_note(
    client, desk_editor, story
):
    # Django's calendar script acts on its text boxes (vDateField,
    # vTimeField): under them it wrote "Note: You are 7 hours behind server
    # time." in a browser in another zone.
    client.force_login(desk_editor)
    page = lxml_html.fromstring(client.get(change_url(story)).content.decode())
    [day] = page.xpath("//input[@name='published_at_0']")
    [time] = page.xpath("//input[@name='published_at_1']")
    assert day.get("type") == "date"
    assert day.get("value") == timezone.localtime(story.published_at).strftime(
        "%Y-%m-%d"
    )
    for box in (day, time):
        assert "vDateField" not in (box.get("class") or "")
        assert "vTimeField" not in (box.get("class") or "")
