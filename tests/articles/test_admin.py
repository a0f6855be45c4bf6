import datetime as dt

import pytest
from django.contrib import admin
from django.contrib.auth.models import Group, Permission
from django.urls import reverse
from django.utils import timezone
from taggit.models import Tag

from agencies.models import AgencyProposal
from articles import services
from articles.models import (
    Article,
    ArticleInReview,
    AuthorProfile,
    Comment,
    HomePin,
    IntakeRecord,
    ModerationLog,
    NotificationSetting,
)
from tests.agencies.factories import AgencyProposalFactory
from tests.articles.comment_factories import (
    BanFactory,
    CommentFactory,
    ModerationWordFactory,
)
from tests.articles.factories import ArticleFactory, SectionFactory
from tests.conftest import JAKARTA
from tests.images import library_image

pytestmark = pytest.mark.django_db

REGISTERED = sorted(admin.site._registry, key=lambda model: model._meta.label)
# The review queue is a list of links to articles: no add or change page.
EDITABLE = [model for model in REGISTERED if model is not ArticleInReview]
# Comments come from readers, log entries from the services and proposed
# agencies from texts (agency_propose): no add page.
ADDABLE = [m for m in EDITABLE if m not in (Comment, ModerationLog, AgencyProposal)]


def admin_url(model, view, *args):
    opts = model._meta
    return reverse(f"admin:{opts.app_label}_{opts.model_name}_{view}", args=args)


@pytest.fixture
def every_kind_of_object(jwg4_article, admin_user, media_root):
    """At least one row of every model the admin shows."""
    Group.objects.create(name="Redaksi")
    # A library image, chosen by the article (its chooser shows a thumbnail).
    jwg4_article.featured_image = library_image()
    jwg4_article.save(update_fields=["featured_image"])
    comment = CommentFactory(article=jwg4_article, pending=True)
    services.comment_moderate(
        comments=[comment], action="approve", moderator=admin_user
    )  # and a log entry
    BanFactory()
    ModerationWordFactory()
    IntakeRecord.objects.create(  # what articles.intake keeps of an import
        file_name="jwg.txt", sha256="0" * 64, article=jwg4_article
    )
    AgencyProposalFactory(proposed_by=admin_user)
    NotificationSetting.objects.create(user=admin_user, kind="published", enabled=False)
    AuthorProfile.objects.create(user=admin_user, name="Admin", slug="admin")
    HomePin.objects.create(article=jwg4_article, slot=HomePin.Slot.LEAD)
    return jwg4_article


@pytest.mark.parametrize("model", REGISTERED, ids=lambda m: m._meta.label)
def test_every_list_and_add_page_opens_for_a_superuser(
    admin_client, every_kind_of_object, model
):
    assert admin_client.get(admin_url(model, "changelist")).status_code == 200
    if model in ADDABLE:
        assert admin_client.get(admin_url(model, "add")).status_code == 200


@pytest.mark.parametrize("model", EDITABLE, ids=lambda m: m._meta.label)
def test_every_change_page_opens_for_a_superuser(
    admin_client, every_kind_of_object, model
):
    obj = model._default_manager.order_by("pk").first()
    assert obj is not None, f"no {model._meta.label} to change"
    response = admin_client.get(admin_url(model, "change", obj.pk))
    assert response.status_code == 200


def test_the_admin_index_lists_the_newsroom_content(admin_client):
    response = admin_client.get(reverse("admin:index"))
    assert response.status_code == 200
    content = response.content.decode()
    assert reverse("admin:articles_article_changelist") in content
    assert reverse("admin:agencies_meeting_changelist") in content


def changelist(client, query):
    response = client.get(admin_url(Article, "changelist"), query)
    assert response.status_code == 200, response.get("Location")
    return {article.slug for article in response.context["cl"].result_list}


@pytest.fixture
def mixed_articles(jwg4_article, agencies, section):
    return {
        "draft": ArticleFactory(
            slug="draft-on-cyber",
            section=section,
            draft=True,
            agencies=[agencies["BSSN"]],
            tags=["cyber"],
        ),
        "other": ArticleFactory(
            slug="in-indonesian",
            section=SectionFactory(name="Nasional", slug="nasional"),
            language=Article.Language.INDONESIAN,
        ),
    }


def test_articles_filter_by_status(admin_client, mixed_articles):
    assert changelist(admin_client, {"status__exact": "draft"}) == {"draft-on-cyber"}


def test_articles_filter_by_section(admin_client, mixed_articles):
    section = mixed_articles["other"].section
    assert changelist(admin_client, {"section__id__exact": section.pk}) == {
        "in-indonesian"
    }


def test_articles_filter_by_language(admin_client, mixed_articles):
    assert changelist(admin_client, {"language__exact": "en"}) == {
        "indonesia-philippines-jwg-terrorism"
    }


def test_articles_filter_by_agency(admin_client, mixed_articles, agencies):
    assert changelist(admin_client, {"agencies__id__exact": agencies["BSSN"].pk}) == {
        "indonesia-philippines-jwg-terrorism",
        "draft-on-cyber",
    }
    assert changelist(admin_client, {"agencies__id__exact": agencies["NICA"].pk}) == {
        "indonesia-philippines-jwg-terrorism"
    }


def test_articles_filter_by_tag(admin_client, mixed_articles):
    tag = Tag.objects.get(name="cyber")
    assert changelist(admin_client, {"tags__id__exact": tag.pk}) == {"draft-on-cyber"}


def test_articles_filters_combine_with_search(admin_client, mixed_articles):
    found = changelist(admin_client, {"q": "Philippines", "status__exact": "published"})
    assert found == {"indonesia-philippines-jwg-terrorism"}


def test_articles_search_reads_the_body(admin_client, mixed_articles):
    assert changelist(admin_client, {"q": "police-to-police"}) == {
        "indonesia-philippines-jwg-terrorism"
    }


def test_articles_browse_by_publication_date(admin_client, mixed_articles):
    assert changelist(admin_client, {"published_at__year": 2022}) == {
        "indonesia-philippines-jwg-terrorism"
    }


# An editor at work


def article_form(section, **overrides):
    data = {
        "title": "BNPT and NICA compare notes on online propaganda",
        "slug": "bnpt-nica-online-propaganda",
        "dek": "Terrorist groups moved recruiting online during the pandemic.",
        "body": "Boy Rafli Amar warned against letting the guard down.",
        "language": "en",
        "dateline": "",
        "byline": "",
        "editor_name": "Redaksi",
        "source_name": "bnpt.go.id",
        "source_url": "https://bnpt.go.id/",
        "section": section.pk,
        "tags": "counter-terrorism, Philippines",
        "featured_image": "",
        "corrections-TOTAL_FORMS": "0",
        "corrections-INITIAL_FORMS": "0",
        "transitions-TOTAL_FORMS": "0",
        "transitions-INITIAL_FORMS": "0",
        "published_at_0": "",
        "published_at_1": "",
        "comments_enabled": "on",
        "_save": "Save",
    }
    data.update(overrides)
    return {key: value for key, value in data.items() if value is not None}


def test_an_editor_files_an_article_with_tags_agencies_people_and_meeting(
    editor_client, section, jwg4, agencies, officials
):
    data = article_form(
        section,
        agencies=[agencies["BNPT"].pk, agencies["NICA"].pk],
        people=[officials["Amar"].pk],
        meeting=jwg4.pk,
        _transition="publish",
        published_at_0="2022-03-24",
        published_at_1="19:00",
    )
    response = editor_client.post(admin_url(Article, "add"), data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    article = Article.objects.get(slug="bnpt-nica-online-propaganda")
    # Publish on the add page opens the published story, as on its change page.
    assert response["Location"] == admin_url(Article, "change", article.pk)
    assert sorted(t.name for t in article.tags.all()) == [
        "Philippines",
        "counter-terrorism",
    ]
    assert {a.acronym for a in article.agencies.all()} == {"BNPT", "NICA"}
    assert list(article.people.all()) == [officials["Amar"]]
    assert article.meeting == jwg4
    assert article.published_at == dt.datetime(2022, 3, 24, 19, 0, tzinfo=JAKARTA)
    assert article.is_public
    # An English story: in the English edition.
    assert (
        article.get_absolute_url()
        == "/en/articles/2022/03/bnpt-nica-online-propaganda/"
    )


def test_publishing_without_a_time_publishes_now(editor_client, section):
    before = timezone.now()
    response = editor_client.post(
        admin_url(Article, "add"), article_form(section, _transition="publish")
    )
    assert response.status_code == 302
    article = Article.objects.get()
    assert before <= article.published_at <= timezone.now()
    assert article.is_public


def test_a_new_article_reuses_existing_tags_whatever_their_case(
    editor_client, jwg4_article, section
):
    response = editor_client.post(
        admin_url(Article, "add"), article_form(section, tags="PHILIPPINES")
    )
    assert response.status_code == 302
    assert Tag.objects.filter(name__iexact="philippines").count() == 1


def test_an_editor_chooses_a_library_image_as_the_featured_image(
    editor_client, section, media_root
):
    image = library_image(caption="Delegates at the table")
    response = editor_client.post(
        admin_url(Article, "add"), article_form(section, featured_image=image.pk)
    )
    assert response.status_code == 302
    assert Article.objects.get().featured_image == image


def form_errors(response):
    assert response.status_code == 200
    return response.context["adminform"].form.errors


def test_an_image_that_is_not_in_the_library_is_refused(
    editor_client, section, media_root
):
    data = article_form(section, featured_image=999999)
    response = editor_client.post(admin_url(Article, "add"), data)
    assert "featured_image" in form_errors(response)
    assert not Article.objects.exists()


def test_the_featured_image_is_chosen_with_the_media_library_chooser(
    editor, editor_client, section, media_root
):
    editor.user_permissions.add(
        *Permission.objects.filter(content_type__app_label="media")
    )
    image = library_image()
    article = ArticleFactory(section=section, featured_image=image)
    page = editor_client.get(admin_url(Article, "change", article.pk)).content.decode()
    # The chooser (search with thumbnails) and the "+" that uploads in place.
    assert "media-image-chooser" in page
    assert "js/media_chooser.js" in page
    assert reverse("admin:media_image_add") in page
    # Caption, credit and alt text are the image's now, not the article's.
    assert 'name="image_alt"' not in page and 'name="image_caption"' not in page


def shown_messages(response) -> list[str]:
    return [str(message) for message in response.context["messages"]]


def test_a_new_article_at_a_taken_slug_takes_the_next_free_one_and_says_so(
    editor_client, jwg4_article, section
):
    # Prepopulated from a headline like another story's: the reporter is not
    # sent back to invent an address, and is told which one the story has.
    taken = jwg4_article.slug
    first = editor_client.post(
        admin_url(Article, "add"), article_form(section, slug=taken), follow=True
    )
    assert f"slug berita ini “{taken}-2”" in " ".join(shown_messages(first))
    second = editor_client.post(
        admin_url(Article, "add"),
        article_form(section, slug=taken, title="A third story"),
        follow=True,
    )
    assert f"slug berita ini “{taken}-3”" in " ".join(shown_messages(second))
    assert Article.objects.get(slug=taken) == jwg4_article
    assert Article.objects.get(slug=f"{taken}-3").title == "A third story"


def test_a_new_article_does_not_take_another_storys_old_address(
    editor_client, jwg4_article, section, editor
):
    old = jwg4_article.slug
    jwg4_article.slug = "ph-id-jwg-meets-again"
    services.article_save(article=jwg4_article, user=editor)
    response = editor_client.post(
        admin_url(Article, "add"), article_form(section, slug=old)
    )
    assert response.status_code == 302
    assert Article.objects.filter(slug=f"{old}-2").exists()
    # The old address still leads readers to the story that was there.
    moved = editor_client.get(
        jwg4_article.get_absolute_url().replace("ph-id-jwg-meets-again", old)
    )
    assert moved.status_code == 301
    assert moved["Location"] == jwg4_article.get_absolute_url()


def test_changing_a_slug_to_another_storys_is_refused_with_a_free_one_named(
    editor_client, jwg4_article, section
):
    article = ArticleFactory(
        section=section,
        slug="bnpt-nica-online-propaganda",
        status=Article.Status.DRAFT,
        published_at=None,
    )
    url = admin_url(Article, "change", article.pk)
    data = article_form(
        section, slug=jwg4_article.slug, expected_version=article.version
    )
    refused = editor_client.post(url, data)
    free = f"{jwg4_article.slug}-2"
    # In the desk's language, Indonesian.
    assert form_errors(refused)["slug"] == [
        "Berita lain memakai slug ini, atau pernah memakainya (alamat lamanya "
        f"mengarah ke berita itu): pilih yang lain, misalnya “{free}”."
    ]
    article.refresh_from_db()
    assert article.slug == "bnpt-nica-online-propaganda"
    # What the editor does next: takes the one offered.
    taken = editor_client.post(url, {**data, "slug": free})
    assert taken.status_code == 302, form_errors(taken)
    article.refresh_from_db()
    assert article.slug == free


def test_an_article_may_take_back_its_own_old_slug(editor_client, jwg4_article, editor):
    old = jwg4_article.slug
    jwg4_article.slug = "ph-id-jwg-meets-again"
    services.article_save(article=jwg4_article, user=editor)
    assert not services.slug_taken(old, article=jwg4_article)
    assert services.slug_taken(old)
    assert services.free_slug(old, article=jwg4_article) == old


def test_a_free_slug_fits_the_field_however_long_the_one_asked(jwg4_article, section):
    long = "a" * 120
    ArticleFactory(section=section, slug=long)
    free = services.free_slug(long)
    assert free == "a" * 118 + "-2"
    assert len(free) <= Article._meta.get_field("slug").max_length


def test_an_article_without_section_sends_the_form_back(editor_client, section):
    data = article_form(section)
    data["section"] = ""
    response = editor_client.post(admin_url(Article, "add"), data)
    assert "section" in form_errors(response)


def test_an_editor_changes_an_article(editor_client, jwg4_article):
    url = admin_url(Article, "change", jwg4_article.pk)
    response = editor_client.get(url)
    assert response.status_code == 200
    form = response.context["adminform"].form
    data = article_form(
        jwg4_article.section,
        title="Indonesia and the Philippines renew their counter-terrorism talks",
        slug=jwg4_article.slug,
        expected_version=jwg4_article.version,
        published_at_0="2022-03-24",
        published_at_1="19:00",
        agencies=[a.pk for a in form.initial["agencies"]],
        meeting=jwg4_article.meeting_id,
    )
    response = editor_client.post(url, data)
    assert response.status_code == 302
    jwg4_article.refresh_from_db()
    assert jwg4_article.title.startswith("Indonesia and the Philippines renew")
    assert jwg4_article.agencies.count() == 7


def test_the_editor_may_not_manage_user_accounts(editor_client):
    from django.contrib.auth import get_user_model

    response = editor_client.get(admin_url(get_user_model(), "changelist"))
    assert response.status_code == 403


def test_the_agency_picker_finds_agencies_by_acronym(editor_client, agencies):
    response = editor_client.get(
        reverse("admin:autocomplete"),
        {
            "app_label": "articles",
            "model_name": "article",
            "field_name": "agencies",
            "term": "PPAT",
        },
    )
    assert response.status_code == 200
    assert [r["text"] for r in response.json()["results"]] == ["PPATK (ID)"]


def test_the_article_list_shows_filter_counts(admin_client, mixed_articles, agencies):
    response = admin_client.get(
        admin_url(Article, "changelist"),
        {"_facets": "True", "agencies__id__exact": agencies["BSSN"].pk},
    )
    assert response.status_code == 200
    assert response.context["cl"].result_count == 2


def test_the_article_list_shows_what_an_editor_scans_for(
    editor_client, section, django_assert_num_queries
):
    import datetime as dt

    from django.db import connection
    from django.test.utils import CaptureQueriesContext
    from django.utils import timezone

    def scheduled(title):
        tomorrow = timezone.now() + dt.timedelta(days=1)
        return ArticleFactory(title=title, section=section, published_at=tomorrow)

    ArticleFactory(title="Draft", section=section, status="draft", published_at=None)
    scheduled("Tomorrow's story")
    ArticleFactory(title="Yesterday's story", section=section)
    with CaptureQueriesContext(connection) as three:
        editor_client.get("/admin/articles/article/")
    ArticleFactory(title="Another draft", status="draft", published_at=None)
    scheduled("Another scheduled story")
    ArticleFactory(title="Another story")

    with django_assert_num_queries(len(three.captured_queries)):  # not per row
        page = editor_client.get("/admin/articles/article/").content.decode()

    assert page.count('<span class="status-label status-draft">') == 2
    assert page.count('<span class="status-label status-scheduled">') == 2
    assert page.count('<span class="status-label status-published">') == 2
    for column in ("filed_in", "author", "last_change", "publication"):
        assert f"field-{column}" in page
    # The edition under the section, in the same column.
    assert page.count('<small class="edition">Bahasa Indonesia</small>') == 6
    assert "css/admin.css" in page  # the labels' colours


def test_the_agency_filter_offers_the_most_mentioned_and_the_one_chosen(
    admin_client, monkeypatch
):
    """Not every agency (2,000 links at scale): the most mentioned, any other
    one click away from the agencies' list, and the chosen one always."""
    from articles.admin import articles as article_admin
    from tests.agencies.factories import AgencyFactory

    monkeypatch.setattr(article_admin, "AGENCY_FILTER_CHOICES", 2)
    often, sometimes, once = (
        AgencyFactory(acronym=acronym) for acronym in ("OFTEN", "SOMETIMES", "ONCE")
    )
    for agencies in ([often], [often, sometimes], [often, sometimes], [once]):
        ArticleFactory(title=f"About {agencies[-1].acronym}", agencies=agencies)
    changelist = admin_url(Article, "changelist")

    offered = admin_client.get(changelist).content.decode()
    assert "lembaga (paling sering disebut)" in offered  # the admin speaks Indonesian
    assert f"agencies__id__exact={often.pk}" in offered
    assert f"agencies__id__exact={sometimes.pk}" in offered
    assert f"agencies__id__exact={once.pk}" not in offered

    agencies_list = admin_client.get(reverse("admin:agencies_agency_changelist"))
    link = f"{changelist}?agencies__id__exact={once.pk}"
    assert f'href="{link}"' in agencies_list.content.decode()
    response = admin_client.get(link)
    assert [a.title for a in response.context["cl"].result_list] == ["About ONCE"]
    chosen = response.content.decode()
    assert (
        f'<li class="selected">\n    <a href="?agencies__id__exact={once.pk}"' in chosen
    )

    for odd in ("abc", "9" * 40, "-1"):
        assert (
            admin_client.get(changelist, {"agencies__id__exact": odd}).status_code < 500
        )


def test_a_sentence_in_the_tags_field_is_sent_back_and_the_next_save_keeps_it(
    editor_client, section
):
    # A tag longer than a tag's name can be failed the save on PostgreSQL
    # (with a comma in the field, the text between commas is a tag).
    sentence = (
        "Pertemuan JWG ke-4 antara BNPT dan NICA membahas terorisme di ruang "
        "siber dan patroli perbatasan Filipina"
    )
    refused = editor_client.post(
        reverse("admin:articles_article_add"),
        article_form(section, tags=f"JWG, {sentence}"),
    )
    assert refused.status_code == 200
    form = refused.context["adminform"].form
    assert form.errors["tags"] == [
        "Sebuah tag paling panjang 100 karakter; “Pertemuan JWG ke-4 antara BNPT dan "
        "NICA…” panjangnya 105. Pisahkan tag dengan koma."
    ]
    assert (
        form["body"].value() == "Boy Rafli Amar warned against letting the guard down."
    )
    # What the editor does next: separates the tags with commas.
    saved = editor_client.post(
        reverse("admin:articles_article_add"),
        article_form(section, tags="JWG, terorisme siber, patroli perbatasan"),
    )
    assert saved.status_code == 302
    article = Article.objects.get()
    assert sorted(article.tags.names()) == [
        "JWG",
        "patroli perbatasan",
        "terorisme siber",
    ]
