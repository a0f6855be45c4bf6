"""My notifications is one form with one Save: the address, the language and
the kinds are saved together, or, when one is refused, none of them, the
page showing again with everything typed."""

import pytest
from django.contrib.admin.models import LogEntry
from lxml import html as lxml_html

from articles.models import NotificationSetting
from articles.notifications import (
    notification_language_for,
    notification_settings_for,
)
from tests.articles.notification_page import URL, save

pytestmark = pytest.mark.django_db

Kind = NotificationSetting.Kind


@pytest.fixture
def redaktur(staff_in):
    editor = staff_in("Editor", "redaktur")
    editor.email = "redaktur@newsroom.example"
    editor.save(update_fields=["email"])
    return editor


def form_of(response):
    """The page's one form, as the browser sees it."""
    tree = lxml_html.fromstring(response.content.decode())
    [form] = tree.xpath('//div[@id="content-main"]//form')
    return form


def test_the_page_is_one_form_with_one_save_button(redaktur, client):
    client.force_login(redaktur)
    form = form_of(client.get(URL))
    assert {"email", "language", *notification_settings_for(redaktur)} <= set(
        form.fields.keys()
    )
    assert len(form.xpath('.//input[@type="submit"] | .//button')) == 1


def test_address_language_and_kinds_changed_together_are_all_saved(
    redaktur, client, english
):
    client.force_login(redaktur)
    assert notification_language_for(redaktur) == "en"  # the site's, here
    response = save(
        client,
        email="meja@newsroom.example",
        language="id",
        untick=[Kind.SUBMITTED],
    )
    assert response.redirect_chain == [(URL, 302)]
    redaktur.refresh_from_db()
    assert redaktur.email == "meja@newsroom.example"
    assert notification_language_for(redaktur) == "id"
    assert notification_settings_for(redaktur) == {
        Kind.SUBMITTED: False,
        Kind.RETURNED: True,
        Kind.PUBLISHED: True,
    }
    page = response.content.decode()
    assert "Your e-mail address is saved: e-mails go to meja@newsroom.example." in page
    assert "Your e-mails will be written in Indonesian." in page
    assert "Your notifications are saved." in page
    # The page shown next says so too, and saving it again changes nothing.
    form = form_of(response)
    assert form.fields["email"] == "meja@newsroom.example"
    assert form.fields["language"] == "id"
    assert not form.inputs[Kind.SUBMITTED].checked
    assert form.inputs[Kind.PUBLISHED].checked
    save(client)
    assert notification_language_for(redaktur) == "id"
    assert notification_settings_for(redaktur)[Kind.SUBMITTED] is False
    assert LogEntry.objects.count() == 1  # the address, once


def test_the_language_is_saved_with_the_kinds_and_the_reverse(redaktur, client):
    """The tester's case: English chosen, a kind unticked, the bottom Save."""
    client.force_login(redaktur)
    save(client, language="en", untick=[Kind.PUBLISHED])
    assert notification_language_for(redaktur) == "en"
    assert notification_settings_for(redaktur)[Kind.PUBLISHED] is False

    save(client, language="id", **{Kind.PUBLISHED: "on"})
    assert notification_language_for(redaktur) == "id"
    assert notification_settings_for(redaktur)[Kind.PUBLISHED] is True


def test_an_invalid_address_saves_nothing_and_keeps_the_other_changes_in_the_form(
    redaktur, client, english
):
    client.force_login(redaktur)
    response = save(
        client, email="bukan alamat", language="id", untick=[Kind.SUBMITTED]
    )
    assert response.redirect_chain == []
    page = response.content.decode()
    assert "Enter a valid email address." in page
    assert "saved" not in page
    form = form_of(response)
    assert form.fields["email"] == "bukan alamat"
    assert form.fields["language"] == "id"
    assert not form.inputs[Kind.SUBMITTED].checked
    assert form.inputs[Kind.RETURNED].checked
    redaktur.refresh_from_db()
    assert redaktur.email == "redaktur@newsroom.example"
    assert notification_language_for(redaktur) == "en"  # the site's, here
    assert all(notification_settings_for(redaktur).values())

    # The address corrected, the same form saved: everything at once.
    save(client, email="meja@newsroom.example", language="id", untick=[Kind.SUBMITTED])
    redaktur.refresh_from_db()
    assert redaktur.email == "meja@newsroom.example"
    assert notification_language_for(redaktur) == "id"
    assert notification_settings_for(redaktur)[Kind.SUBMITTED] is False


def test_without_an_address_the_language_and_kinds_are_still_saved(staff_in, client):
    reporter = staff_in("Reporter", "wartawan")  # no address yet
    client.force_login(reporter)
    response = save(client, language="en", untick=[Kind.PUBLISHED])
    assert response.redirect_chain == [(URL, 302)]
    reporter.refresh_from_db()
    assert reporter.email == ""
    assert notification_language_for(reporter) == "en"
    assert notification_settings_for(reporter)[Kind.PUBLISHED] is False
    assert not LogEntry.objects.exists()
