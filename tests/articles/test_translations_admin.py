"""An article's translations in the admin (issue 14): the panel on its change
page, "Create translation" and its prefilled form, the links the model
refuses, and who may write them."""

import pytest
from django.urls import reverse

from articles.admin.translations import translation_initial
from articles.models import Article, AuthorProfile
from tests.articles.factories import ArticleFactory
from tests.images import library_image

pytestmark = pytest.mark.django_db

ENGLISH = {"accept-language": "en"}  # the staff member's own language


def admin_url(view, *args):
    return reverse(f"admin:articles_article_{view}", args=args)


def get(client, url, **query):
    response = client.get(url, query, headers=ENGLISH)
    assert response.status_code == 200, response.get("Location")
    return response


def post(client, url, data):
    return client.post(url, data, headers=ENGLISH)


@pytest.fixture
def original(jwg4_article, media_root):
    """The English story, filed and illustrated as an editor would."""
    jwg4_article.featured_image = library_image()
    jwg4_article.dateline = "Jakarta"
    jwg4_article.comments_enabled = False
    jwg4_article.comment_policy = "post"
    jwg4_article.save()
    return jwg4_article


@pytest.fixture
def indonesian(original, section):
    return ArticleFactory(
        title="Indonesia dan Filipina kembali bertemu membahas terorisme",
        slug="indonesia-filipina-jwg-terorisme",
        language="id",
        section=section,
        translation_of=original,
        draft=True,
    )


def form_data(section, **overrides):
    """A new article's form as the browser sends it."""
    data = {
        "title": "Indonesia dan Filipina bertemu lagi",
        "slug": "indonesia-filipina-bertemu-lagi",
        "dek": "",
        "body": "BNPT menjadi tuan rumah JWG ke-4.",
        "language": "id",
        "translation_of": "",
        "dateline": "",
        "byline": "",
        "editor_name": "",
        "source_name": "",
        "source_url": "",
        "section": section.pk,
        "tags": "",
        "featured_image": "",
        "published_at_0": "",
        "published_at_1": "",
        "comments_enabled": "on",
        "workflow_note": "",
        "corrections-TOTAL_FORMS": "0",
        "corrections-INITIAL_FORMS": "0",
        "transitions-TOTAL_FORMS": "0",
        "transitions-INITIAL_FORMS": "0",
        "_save": "Save",
    }
    data.update(overrides)
    return {key: value for key, value in data.items() if value is not None}


def prefilled(response) -> dict:
    """The add form's values as the page shows them."""
    form = response.context["adminform"].form
    return {name: form[name].value() for name in form.fields}


def tags_help(response) -> list[str]:
    """What the page says under the tags field, line by line."""
    html = response.content.decode()
    help_text = html[html.index('id="id_tags_helptext"') :]
    help_text = help_text[: help_text.index("</div>")].split("<div>", 1)[1]
    return help_text.split("<br>")


def indonesian_story(section, tags):
    """A published Indonesian story: its tags are the Indonesian edition's."""
    return ArticleFactory(language="id", section=section, tags=tags)


# The panel


def test_the_change_page_lists_the_storys_other_language_with_its_state(
    editor_client, original, indonesian
):
    html = get(editor_client, admin_url("change", original.pk)).content.decode()
    panel = html[html.index('class="module aligned translations-panel"') :]
    panel = panel[: panel.index("</fieldset>")]
    assert ">Translations</h2>" in panel
    link = f'<a href="{admin_url("change", indonesian.pk)}" lang="id">'
    assert f"{link}{indonesian.title}</a>" in panel
    assert "Indonesian" in panel and "Draft" in panel
    # Both languages are told: nothing left to create.
    assert "Create translation" not in panel


def test_a_translation_lists_its_original(editor_client, original, indonesian):
    html = get(editor_client, admin_url("change", indonesian.pk)).content.decode()
    panel = html[html.index("translations-panel") :]
    assert f'<a href="{admin_url("change", original.pk)}" lang="en">' in panel
    assert "English (original)" in panel
    assert "Published" in panel


def test_a_story_in_one_language_offers_to_create_its_translation(
    editor_client, original
):
    html = get(editor_client, admin_url("change", original.pk)).content.decode()
    create = f"{admin_url('add')}?translation_of={original.pk}"
    assert (
        f'<a class="button" href="{create}">Create translation in Indonesian</a>'
        in (html)
    )
    assert "No article tells this story in Indonesian yet." in html


def test_the_article_list_shows_each_articles_language(editor_client, original):
    ArticleFactory(slug="berita", language="id", section=original.section)
    response = get(editor_client, admin_url("changelist"))
    html = response.content.decode()
    # Under each story's section (one column, so that the list fits a laptop).
    assert '<th scope="col" class="sortable column-filed_in' in html
    assert '<small class="edition">English</small>' in html
    assert '<small class="edition">Indonesian</small>' in html


# Create translation


def test_create_translation_prefills_the_links_and_the_filing_not_the_text(
    editor_client, original
):
    indonesian_story(original.section, ["Philippines"])  # a name both editions use
    response = get(editor_client, admin_url("add"), translation_of=original.pk)
    values = prefilled(response)
    assert values["language"] == "id"
    assert values["translation_of"] == original.pk
    assert values["section"] == original.section_id
    # In Indonesian: no Indonesian story carries "counter-terrorism".
    assert values["tags"] == "Philippines"
    assert tags_help(response)[-1] == (
        "Not carried over, no Indonesian tag for it yet: counter-terrorism. "
        "Add the Indonesian tag."
    )
    assert sorted(values["agencies"]) == sorted(
        original.agencies.values_list("pk", flat=True)
    )
    assert sorted(values["people"]) == sorted(
        original.people.values_list("pk", flat=True)
    )
    assert values["meeting"] == original.meeting_id
    assert values["featured_image"] == original.featured_image_id
    assert values["dateline"] == "Jakarta"
    assert values["comments_enabled"] is False
    assert not values["title"] and not values["body"] and not values["dek"]
    html = response.content.decode()
    assert "This article will be the translation of" in html
    assert f'lang="en">{original.title}</a>' in html
    # The form as it is shown: the tags typed in, the image chosen.
    assert 'value="Philippines"' in html
    assert f'<option value="{original.meeting_id}" selected>' in html


def test_create_translation_credits_the_source_and_leaves_the_editor_to_sign(
    editor_client, section
):
    # The tester's import, published: the English translation's form left
    # the source and its address empty, so the English page no longer
    # credited bnpt.go.id. The editor is not carried over: the wire copy's
    # "Redaksi" read "Editor: Redaksi" on the English page; the translation's
    # editor signs it.
    original = ArticleFactory(
        language="id",
        section=section,
        byline="Andi",
        source_name="bnpt.go.id",
        source_url="https://bnpt.go.id/",
        editor_name="Redaksi",
    )

    response = get(editor_client, admin_url("add"), translation_of=original.pk)

    values = prefilled(response)
    assert values["language"] == "en"
    assert (values["source_name"], values["source_url"], values["byline"]) == (
        "bnpt.go.id",
        "https://bnpt.go.id/",
        "Andi",
    )
    assert not values["editor_name"]
    html = response.content.decode()
    assert 'name="source_name" value="bnpt.go.id"' in html
    assert "Redaksi" not in html


def test_a_source_that_is_an_agency_is_credited_by_its_name_in_the_language(
    editor_client, section, agencies
):
    original = ArticleFactory(
        language="id",
        section=section,
        source_name="Badan Nasional Penanggulangan Terorisme",
    )
    english = get(editor_client, admin_url("add"), translation_of=original.pk)
    assert prefilled(english)["source_name"] == "National Counter Terrorism Agency"

    back = ArticleFactory(
        language="en", section=section, source_name="State Intelligence Agency"
    )
    indonesian = get(editor_client, admin_url("add"), translation_of=back.pk)
    assert prefilled(indonesian)["source_name"] == "Badan Intelijen Negara"


def test_create_translation_from_a_translation_links_to_the_original(
    editor_client, original, indonesian
):
    response = get(editor_client, admin_url("add"), translation_of=indonesian.pk)
    assert prefilled(response)["translation_of"] == original.pk


def test_create_translation_of_an_unknown_article_prefills_nothing(editor_client):
    response = get(editor_client, admin_url("add"), translation_of="999999")
    values = prefilled(response)
    assert values["translation_of"] is None and values["language"] == "id"
    assert "translations-panel" not in response.content.decode()


def test_saving_the_translation_links_both_articles(editor_client, original):
    indonesian_story(original.section, ["Philippines"])
    values = prefilled(get(editor_client, admin_url("add"), translation_of=original.pk))
    data = form_data(
        original.section,
        language=values["language"],
        translation_of=values["translation_of"],
        tags=values["tags"],
        agencies=values["agencies"],
        people=values["people"],
        meeting=values["meeting"],
        featured_image=values["featured_image"],
        dateline=values["dateline"],
        comments_enabled=None,  # unticked, as prefilled
    )
    response = post(editor_client, admin_url("add"), data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    translation = Article.objects.get(slug="indonesia-filipina-bertemu-lagi")
    assert translation.translation_of == original
    assert translation.language == "id"
    assert list(Article.objects.in_story(original)) == [translation]
    assert list(Article.objects.in_story(translation)) == [original]
    assert set(translation.agencies.all()) == set(original.agencies.all())
    assert set(translation.people.all()) == set(original.people.all())
    assert {t.name for t in translation.tags.all()} == {"Philippines"}
    assert translation.featured_image == original.featured_image
    assert translation.meeting == original.meeting
    assert not translation.comments_enabled
    assert translation.comment_policy == "post"
    assert translation.status == Article.Status.DRAFT
    html = get(editor_client, admin_url("change", original.pk)).content.decode()
    assert f'lang="id">{translation.title}</a>' in html


def test_an_existing_article_is_linked_to_its_translation_on_its_form(
    editor_client, original, section
):
    article = ArticleFactory(
        slug="sudah-ada", language="id", section=section, draft=True
    )
    data = form_data(
        section,
        title=article.title,
        slug=article.slug,
        body=article.body,
        translation_of=original.pk,
        expected_version=article.version,
    )
    response = post(editor_client, admin_url("change", article.pk), data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    article.refresh_from_db()
    assert article.translation_of == original


# Create translation: the tags in the translation's language


@pytest.fixture
def editions(section):
    """An Indonesian story tagged "terorisme" whose English translation
    carries "terrorism"; an English story tagged "JWG"; an Indonesian story
    tagged "kerja sama" that no English story tells."""
    told = indonesian_story(section, ["terorisme"])
    ArticleFactory(
        language="en", section=section, tags=["terrorism"], translation_of=told
    )
    ArticleFactory(language="en", section=section, tags=["JWG"])
    indonesian_story(section, ["kerja sama"])


def english_translation_of(client, section, tags):
    """The add form of the English translation of a new Indonesian story
    tagged `tags`."""
    original = indonesian_story(section, tags)
    response = get(client, admin_url("add"), translation_of=original.pk)
    assert prefilled(response)["language"] == "en"
    return response


def test_a_tag_becomes_the_one_the_english_translations_of_its_stories_carry(
    editor_client, section, editions
):
    response = english_translation_of(editor_client, section, ["terorisme"])
    assert prefilled(response)["tags"] == "terrorism"
    assert tags_help(response) == [
        "A comma-separated list of tags.",
        "Changed to the English tag used in translations of the same stories: "
        "terorisme → terrorism.",
    ]


def test_a_tag_the_english_edition_carries_stays_as_it_is(
    editor_client, section, editions
):
    response = english_translation_of(editor_client, section, ["JWG", "terorisme"])
    assert prefilled(response)["tags"] == "JWG, terrorism"
    assert "JWG" not in " ".join(tags_help(response))


def test_a_tag_without_an_english_counterpart_is_left_out_and_named(
    editor_client, section, editions
):
    tags = ["terorisme", "kerja sama", "patroli <laut>"]
    response = english_translation_of(editor_client, section, tags)
    assert prefilled(response)["tags"] == "terrorism"
    assert tags_help(response)[-1] == (
        "Not carried over, no English tags for them yet: kerja sama, "
        "patroli &lt;laut&gt;. Add the English tags."
    )


def test_the_counterparts_of_all_the_tags_take_one_query(
    django_assert_num_queries, section, editions
):
    original = indonesian_story(section, ["terorisme", "JWG", "kerja sama", "siber"])
    # The story's languages, the original's tags, their counterparts, its
    # agencies, its people, and the writer its empty byline credits.
    with django_assert_num_queries(6):
        initial, tags = translation_initial(original)
    assert initial["tags"] == "JWG, terrorism"
    assert tags.left_out == ["kerja sama", "siber"]


def test_the_tags_of_a_story_translated_once_are_paired_by_their_names(
    editor_client, section
):
    """One translated story: each of its tags is carried once with each of
    the translation's, a tie the names break ("terorisme" → "terrorism",
    "filipina" → "Philippines"); a tag named like none of them is left out."""
    told = indonesian_story(section, ["terorisme", "filipina", "kerja sama"])
    ArticleFactory(
        language="en",
        section=section,
        tags=["terrorism", "Philippines", "cooperation"],
        translation_of=told,
    )
    response = english_translation_of(
        editor_client, section, ["terorisme", "filipina", "keamanan"]
    )
    assert prefilled(response)["tags"] == "Philippines, terrorism"
    assert tags_help(response)[1:] == [
        "Changed to the English tags used in translations of the same stories: "
        "filipina → Philippines, terorisme → terrorism.",
        "Not carried over, no English tag for it yet: keamanan. Add the English tag.",
    ]


# Links the model refuses: said on the field, nothing typed is lost


def refused(client, data, field_error: str):
    before = Article.objects.count()
    response = post(client, admin_url("add"), data)
    assert response.status_code == 200
    form = response.context["adminform"].form
    assert [field_error in error for error in form.errors["translation_of"]] == [True]
    assert list(form.errors) == ["translation_of"]  # said once, on the field
    assert form["title"].value() == data["title"]
    assert form["body"].value() == data["body"]
    assert form["tags"].value() == data["tags"]
    assert str(form["translation_of"].value()) == str(data["translation_of"])
    html = response.content.decode()
    assert field_error in html.replace("&#x27;", "'")
    assert Article.objects.count() == before


def test_a_translation_in_the_same_language_is_refused(editor_client, original):
    data = form_data(
        original.section,
        language="en",
        translation_of=original.pk,
        tags="JWG, BNPT",
        title="Another English version",
    )
    refused(editor_client, data, "A translation must be in the other language")


def test_a_translation_of_a_translation_is_refused(editor_client, original, indonesian):
    data = form_data(
        original.section, language="en", translation_of=indonesian.pk, tags="JWG"
    )
    refused(editor_client, data, "is itself a translation: choose its original")


def test_a_second_translation_in_the_same_language_is_refused(
    editor_client, original, indonesian
):
    data = form_data(
        original.section, language="id", translation_of=original.pk, tags="JWG"
    )
    refused(editor_client, data, "already has a translation in Indonesian")


def test_the_translation_of_field_offers_only_originals(
    editor_client, original, indonesian
):
    response = editor_client.get(
        reverse("admin:autocomplete"),
        {
            "app_label": "articles",
            "model_name": "article",
            "field_name": "translation_of",
            "term": "",
        },
    )
    assert response.status_code == 200
    offered = {int(row["id"]) for row in response.json()["results"]}
    assert original.pk in offered
    assert indonesian.pk not in offered


# Who may


def test_a_reporter_translates_any_story_into_a_draft_of_their_own(
    client, reporter, original
):
    client.force_login(reporter)
    values = prefilled(get(client, admin_url("add"), translation_of=original.pk))
    assert values["translation_of"] == original.pk
    data = form_data(
        original.section,
        language=values["language"],
        translation_of=values["translation_of"],
    )
    response = post(client, admin_url("add"), data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    translation = Article.objects.get(translation_of=original)
    assert translation.created_by == reporter
    assert translation.status == Article.Status.DRAFT


def test_a_reporter_cannot_edit_someone_elses_translation(
    client, reporter, staff_in, original, section
):
    other = staff_in("Reporter", "other-reporter")
    theirs = ArticleFactory(
        slug="terjemahan-orang-lain",
        language="id",
        section=section,
        translation_of=original,
        created_by=other,
        draft=True,
    )
    client.force_login(reporter)
    data = form_data(
        section,
        title="Changed by someone else",
        slug=theirs.slug,
        translation_of=original.pk,
        expected_version=theirs.version,
    )
    response = post(client, admin_url("change", theirs.pk), data)
    assert response.status_code == 403
    theirs.refresh_from_db()
    assert theirs.title != "Changed by someone else"
    # Their page shows the story, read-only: no form to save.
    page = get(client, admin_url("change", theirs.pk))
    assert 'name="_save"' not in page.content.decode()


def test_a_translation_credits_the_writer_an_empty_byline_credits(
    editor_client, section, reporter, desk_editor
):
    """Its own empty byline would credit the editor translating it: a
    tester's English page read "By" the editor, the Indonesian one the
    reporter."""
    AuthorProfile.objects.create(user=reporter, name="Andi Pratama", slug="andi")
    AuthorProfile.objects.create(user=desk_editor, name="Sari Wulandari", slug="sari")
    original = ArticleFactory(language="id", section=section, byline="")
    Article.objects.filter(pk=original.pk).update(created_by=reporter)
    assert Article.objects.get(pk=original.pk).credited_name == "Andi Pratama"

    response = get(editor_client, admin_url("add"), translation_of=original.pk)

    assert prefilled(response)["byline"] == "Andi Pratama"
    bylined = ArticleFactory(language="id", section=section, byline="Tim Redaksi")
    response = get(editor_client, admin_url("add"), translation_of=bylined.pk)
    assert prefilled(response)["byline"] == "Tim Redaksi"
