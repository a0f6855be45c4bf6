"""A new story's form saved twice makes one story: Save pressed twice, a
slow answer, the browser's back and Save again (ArticleAddition). Changed
values sent again are not lost, and saving them once more is a second story,
as then asked."""

import pytest

from articles import services
from articles.models import Article, ArticleAddition
from tests.articles.factories import ArticleFactory
from tests.newsroom.admin_forms import admin_form_data, admin_url, filled_add_form

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]

ADD = admin_url(Article, "add")


def stories() -> list[str]:
    return list(Article.objects.order_by("pk").values_list("slug", flat=True))


def test_the_same_form_saved_twice_makes_one_story_and_opens_it(
    client, reporter, section
):
    client.force_login(reporter)
    data = filled_add_form(client, section)

    first = client.post(ADD, data)
    again = client.post(ADD, data, follow=True)

    assert stories() == ["delegasi-nica-tiba-di-sentul"]
    story = Article.objects.get()
    assert first.status_code == 302
    assert again.redirect_chain[-1][0] == admin_url(Article, "change", story.pk)
    shown = again.content.decode()
    assert "This form was saved already (Save pressed twice?)" in shown
    assert "Delegasi NICA tiba di Sentul" in shown


def test_a_second_press_of_another_button_is_the_same_form(client, reporter, section):
    """Save, then "Save and continue editing" on the same page: the buttons
    are not what the form holds."""
    client.force_login(reporter)
    data = filled_add_form(client, section)
    client.post(ADD, data)
    del data["_save"]
    client.post(ADD, {**data, "_continue": "Save and continue editing"})

    assert len(stories()) == 1


def test_changed_values_sent_again_are_kept_and_saved_as_a_second_story_if_asked(
    client, reporter, section
):
    """The browser's back, an edit, Save: nothing is lost, nothing is
    doubled without a word; Save once more makes the second story."""
    client.force_login(reporter)
    data = filled_add_form(client, section)
    client.post(ADD, data)
    changed = {**data, "body": "Teks yang diperbaiki: delegasi tiba Kamis."}

    refused = client.post(ADD, changed)

    assert refused.status_code == 200
    assert len(stories()) == 1
    page = refused.content.decode()
    assert "This form was saved already, as the story" in page
    first = Article.objects.get()
    assert admin_url(Article, "change", first.pk) in page
    assert "Teks yang diperbaiki: delegasi tiba Kamis." in page  # kept
    form_again = admin_form_data(refused)
    assert form_again["add_token"] != data["add_token"]

    client.post(ADD, {**form_again, "_save": "Save"})

    assert stories() == [
        "delegasi-nica-tiba-di-sentul",
        "delegasi-nica-tiba-di-sentul-2",
    ]
    assert Article.objects.get(slug__endswith="-2").body == changed["body"]


def test_two_forms_opened_apart_make_two_stories(client, reporter, section):
    client.force_login(reporter)
    one = filled_add_form(client, section)
    two = filled_add_form(client, section, body="Delegasi Malaysia juga tiba.")

    client.post(ADD, one)
    client.post(ADD, two)

    assert len(stories()) == 2


def test_another_persons_token_names_nothing_of_their_story(
    client, reporter, desk_editor, section
):
    """A token sent by someone else (forged or shared) is a new form: their
    story is neither opened nor named."""
    client.force_login(reporter)
    data = filled_add_form(client, section, title="Draf rahasia reporter")
    client.post(ADD, data)

    client.force_login(desk_editor)
    response = client.post(ADD, {**data, "slug": "versi-redaktur"}, follow=True)

    assert len(stories()) == 2
    assert Article.objects.filter(slug="versi-redaktur").exists()
    assert "saved already" not in response.content.decode()


def test_a_form_whose_story_was_deleted_saves_a_new_one(client, reporter, section):
    client.force_login(reporter)
    data = filled_add_form(client, section)
    client.post(ADD, data)
    Article.objects.all().delete()

    client.post(ADD, data)

    assert stories() == ["delegasi-nica-tiba-di-sentul"]


def test_the_service_saves_a_token_once_whoever_calls_it(reporter, section):
    """Two saves of one form that both passed the form's check (at the same
    moment): the second finds the first's story and saves nothing."""
    first = services.article_save(
        article=ArticleFactory.build(section=section, slug="satu"),
        user=reporter,
        add_token="t" * 32,
        form_digest="d",
    )
    with pytest.raises(services.AlreadyAdded) as added:
        services.article_save(
            article=ArticleFactory.build(section=section, slug="dua"),
            user=reporter,
            add_token="t" * 32,
            form_digest="d",
        )

    assert added.value.article == first
    assert stories() == ["satu"]
    assert ArticleAddition.objects.get().article == first


def test_a_story_from_paste_or_intake_needs_no_token(reporter, section):
    services.article_save(article=ArticleFactory.build(section=section), user=reporter)
    services.article_save(article=ArticleFactory.build(section=section), user=reporter)

    assert len(stories()) == 2
    assert not ArticleAddition.objects.exists()


def test_back_and_save_on_a_form_loaded_again_is_told_of_the_story_first(
    client, reporter, section
):
    """The browser's back loads the add page again (a new token) with the
    text fields restored: the save says the copy is in the story just
    filed, keeps the text, and Save once more files the second story."""
    client.force_login(reporter)
    client.post(ADD, filled_add_form(client, section))
    reloaded = filled_add_form(client, section)  # a new form, the same text

    refused = client.post(ADD, reloaded)

    assert refused.status_code == 200
    assert len(stories()) == 1
    page = refused.content.decode()
    assert "This copy is already in “Delegasi NICA tiba di Sentul”" in page
    assert admin_url(Article, "change", Article.objects.get().pk) in page
    assert "click Save again to file it as a second story" in page

    client.post(ADD, {**admin_form_data(refused), "_save": "Save"})

    assert len(stories()) == 2


def test_a_new_story_with_its_own_copy_is_filed_without_a_word(
    client, reporter, section
):
    client.force_login(reporter)
    client.post(ADD, filled_add_form(client, section))
    response = client.post(
        ADD,
        filled_add_form(client, section, body="Teks lain tentang rapat ke-5."),
    )

    assert response.status_code == 302
    assert len(stories()) == 2
