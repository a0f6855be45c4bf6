"""A story's slug follows its headline until it is published
(services.workflow._follow_headline): a wire story's address is not left
built from the sentence proposed as its title. Once published, or when the
desk typed the slug, it stays."""

import datetime as dt

import pytest
from django.contrib.messages import get_messages
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify

from articles import services
from articles.models import Article, ArticleSlugHistory
from tests.articles.factories import ArticleFactory
from tests.articles.test_admin_workflow import admin_url, form_data, fresh
from tests.articles.test_paste_cleanup import TITLE, WIRE_COPY, add_form, shown

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]

Status = Article.Status
ADD = reverse("admin:articles_article_add")
HEADLINE = "BNPT dan Malaysia Perkuat Kerja Sama Lawan Terorisme Siber"
HEADLINE_SLUG = "bnpt-dan-malaysia-perkuat-kerja-sama-lawan-terorisme-siber"


def post_change(client, user, article, **overrides):
    client.force_login(user)
    return client.post(
        admin_url(Article, "change", article.pk),
        form_data(fresh(article), **overrides),
        follow=True,
    )


def said(response) -> list[str]:
    return [str(message) for message in get_messages(response.wsgi_request)]


def test_a_returned_wire_story_goes_live_at_its_new_headlines_address(
    client, reporter, desk_editor, section, time_machine
):
    # The reporter pastes wire copy: the title is proposed from its first
    # sentence, the slug made from it, and the story submitted as it is.
    client.force_login(reporter)
    cleaned = client.post(ADD, add_form(section, body=WIRE_COPY, _cleanup="1"))
    client.post(ADD, {**shown(cleaned), "tags": "terorisme", "_save": "Save"})
    story = Article.objects.get()
    assert (story.title, story.needs_headline) == (TITLE, True)
    assert story.slug == slugify(TITLE)
    post_change(client, reporter, story, needs_headline="on", _transition="submit")
    assert fresh(story).status == Status.IN_REVIEW

    # The editor returns it; the reporter writes the headline and resubmits.
    post_change(
        client,
        desk_editor,
        story,
        needs_headline="on",
        workflow_note="Tulis judulnya.",
        _transition="return",
    )
    assert fresh(story).status == Status.DRAFT
    post_change(client, reporter, story, title=HEADLINE, _transition="submit")
    assert fresh(story).status == Status.IN_REVIEW

    # The editor schedules it for tomorrow 08:00.
    tomorrow = timezone.localdate() + dt.timedelta(days=1)
    response = post_change(
        client,
        desk_editor,
        story,
        published_at_0=tomorrow.isoformat(),
        published_at_1="08:00:00",
        _transition="publish",
    )

    story = fresh(story)
    assert said(response)[0].startswith("Scheduled: goes live by itself on")
    assert story.is_scheduled
    assert story.slug == HEADLINE_SLUG
    address = story.get_absolute_url()
    assert address.endswith(f"/articles/{tomorrow:%Y}/{tomorrow:%m}/{HEADLINE_SLUG}/")
    # Never public: the proposed title's address is nobody's old address.
    assert not ArticleSlugHistory.objects.exists()
    time_machine.move_to(story.published_at + dt.timedelta(minutes=1))
    assert client.get(address).status_code == 200


def test_a_slug_the_headline_made_with_a_number_follows_the_new_headline(
    client, desk_editor, section
):
    ArticleFactory(title="Banjir di Jakarta", slug="banjir-di-jakarta")
    ArticleFactory(title="Gempa di Bogor", slug="gempa-di-bogor")
    story = ArticleFactory(
        draft=True,
        section=section,
        title="Banjir di Jakarta",
        slug="banjir-di-jakarta-2",
    )

    post_change(client, desk_editor, story, title="Gempa di Bogor")

    # Taken by another story: the next free one, as for a new story.
    assert fresh(story).slug == "gempa-di-bogor-2"


def test_the_rule_is_the_services_whoever_saves(reporter, section):
    story = ArticleFactory(
        draft=True,
        section=section,
        created_by=reporter,
        title="Usulan dari kalimat pertama",
        slug="usulan-dari-kalimat-pertama",
    )
    story.title = HEADLINE

    services.article_save(article=story, user=reporter, expected_version=1)

    assert fresh(story).slug == HEADLINE_SLUG


@pytest.mark.parametrize(
    "delta", [-dt.timedelta(hours=1), dt.timedelta(days=1)], ids=["live", "scheduled"]
)
def test_a_published_storys_headline_edit_keeps_its_slug(
    client, desk_editor, section, delta
):
    story = ArticleFactory(
        section=section,
        title="Banjir di Jakarta",
        slug="banjir-di-jakarta",
        published_at=timezone.now() + delta,
    )

    post_change(client, desk_editor, story, title="Banjir Surut di Jakarta")

    story = fresh(story)
    assert (story.title, story.slug) == ("Banjir Surut di Jakarta", "banjir-di-jakarta")


def test_an_unpublished_storys_headline_edit_keeps_its_slug(desk_editor, section):
    story = ArticleFactory(
        section=section,
        status=Status.UNPUBLISHED,
        title="Banjir di Jakarta",
        slug="banjir-di-jakarta",
    )
    story.title = "Banjir Surut di Jakarta"

    services.article_save(article=story, user=desk_editor, expected_version=1)

    assert fresh(story).slug == "banjir-di-jakarta"


def test_a_slug_typed_by_hand_is_kept_when_the_headline_changes(
    client, reporter, section
):
    story = ArticleFactory(
        draft=True,
        section=section,
        created_by=reporter,
        title="Usulan dari kalimat pertama",
        slug="bnpt-malaysia",
    )

    post_change(client, reporter, story, title=HEADLINE)

    assert fresh(story).slug == "bnpt-malaysia"


def test_a_slug_changed_with_the_headline_is_the_one_saved(client, reporter, section):
    story = ArticleFactory(
        draft=True,
        section=section,
        created_by=reporter,
        title="Usulan dari kalimat pertama",
        slug="usulan-dari-kalimat-pertama",
    )

    post_change(client, reporter, story, title=HEADLINE, slug="bnpt-malaysia")

    assert fresh(story).slug == "bnpt-malaysia"


@pytest.mark.parametrize(
    ("slug", "title", "made"),
    [
        ("banjir-di-jakarta", "Banjir di Jakarta", True),
        ("banjir-di-jakarta-3", "Banjir di Jakarta", True),
        ("indonesia-filipina", "Indonesia–Filipina", True),
        ("pemilu-2024", "Pemilu 2024", True),
        ("banjir", "Banjir di Jakarta", False),
        ("banjir-jakarta", "Banjir di Jakarta", False),
        ("banjir-di-jakarta-1", "Banjir di Jakarta", False),
        ("wire-copy", "", True),
    ],
)
def test_a_slug_is_made_from_a_title_as_the_admin_and_the_services_make_it(
    slug, title, made
):
    assert services.slugs.slug_made_from(slug, title) is made


def test_a_long_titles_slug_as_the_admin_fills_it_in_is_made_from_it():
    title = "Kata " * 100
    typed = ("kata-" * 24)[:120].strip("-")  # URLify's cut: the field's length
    assert services.slugs.slug_made_from(typed, title)
    assert services.slugs.slug_made_from(services.title_slug(title), title)


# "Needs a headline" marks the title proposed from the copy: a title typed
# over it is the headline, even with the box left ticked.


@pytest.fixture
def imported_draft(reporter, section):
    """A wire story as imported: its title proposed from the first sentence,
    its slug made from it."""
    return ArticleFactory(
        draft=True,
        section=section,
        created_by=reporter,
        title=TITLE,
        slug=slugify(TITLE),
        needs_headline=True,
    )


def test_a_headline_typed_over_the_proposed_one_is_no_longer_flagged(
    client, reporter, desk_editor, imported_draft
):
    response = post_change(
        client,
        reporter,
        imported_draft,
        title=HEADLINE,
        needs_headline="on",  # left ticked
        _transition="submit",
    )

    story = fresh(imported_draft)
    assert (story.title, story.needs_headline) == (HEADLINE, False)
    # No warning that the headline is still the proposed one…
    assert said(response) == ["Submitted for review."]
    # …and the editor publishes it without a click on the box.
    response = post_change(client, desk_editor, story, _transition="publish")
    assert said(response) == ["Published."]
    assert fresh(story).is_public


def test_the_proposed_headline_kept_stays_flagged(client, reporter, imported_draft):
    post_change(client, reporter, imported_draft, needs_headline="on", dek="Ringkas.")

    story = fresh(imported_draft)
    assert (story.title, story.dek, story.needs_headline) == (TITLE, "Ringkas.", True)


# A slug made from the headline that another story has: the next free one,
# on the add form and on the change form alike, and said the same way.

# The story at that slug is named, by title and state, and linked (the
# message is HTML: its apostrophe escaped).
TAKEN = (
    "“{}” (Published) has the slug “{}”, or had it: this one&#x27;s is “{}”. "
    '<a href="/admin/articles/article/{}/change/">Open it</a>'
)


@pytest.fixture
def published_namesake(section):
    return ArticleFactory(section=section, title=HEADLINE, slug=HEADLINE_SLUG)


def _add(client, reporter, section):
    client.force_login(reporter)
    response = client.post(
        ADD,
        add_form(section, title=HEADLINE, slug=HEADLINE_SLUG, body="Isi berita."),
        follow=True,
    )
    return Article.objects.get(created_by=reporter), response


def _change(client, reporter, section):
    # The writing screen's script gives the slug the new headline's, as typed.
    story = ArticleFactory(
        draft=True,
        section=section,
        created_by=reporter,
        title=TITLE,
        slug=slugify(TITLE),
        needs_headline=True,
    )
    response = post_change(client, reporter, story, title=HEADLINE, slug=HEADLINE_SLUG)
    return story, response


@pytest.mark.parametrize("write", [_add, _change], ids=["add", "change"])
def test_a_slug_made_from_a_headline_another_story_has_takes_the_next_free_one(
    client, reporter, desk_editor, section, published_namesake, write
):
    story, response = write(client, reporter, section)

    story = fresh(story)
    assert story.slug == f"{HEADLINE_SLUG}-2"
    assert TAKEN.format(
        HEADLINE, HEADLINE_SLUG, f"{HEADLINE_SLUG}-2", published_namesake.pk
    ) in said(response)

    # The next steps: submitted, then published at the free address.
    response = post_change(client, reporter, story, _transition="submit")
    assert said(response) == ["Submitted for review."]
    response = post_change(client, desk_editor, fresh(story), _transition="publish")
    assert said(response) == ["Published."]
    story = fresh(story)
    assert story.slug == f"{HEADLINE_SLUG}-2"
    assert story.get_absolute_url().endswith(f"/{HEADLINE_SLUG}-2/")
    assert client.get(story.get_absolute_url()).status_code == 200


@pytest.mark.parametrize(
    ("stored", "title", "typed"),
    [
        (slugify(TITLE), TITLE, HEADLINE_SLUG),  # not the title's
        (slugify(TITLE), HEADLINE, "bnpt-dan-malaysia"),  # not the headline's
        ("bnpt-malaysia", HEADLINE, HEADLINE_SLUG),  # the slug was the desk's
    ],
    ids=["title-kept", "headline-written", "slug-typed-before"],
)
def test_a_slug_typed_by_hand_that_another_story_has_is_refused_at_its_field(
    client, reporter, section, published_namesake, stored, title, typed
):
    ArticleFactory(section=section, slug="bnpt-dan-malaysia")
    story = ArticleFactory(
        draft=True, section=section, created_by=reporter, title=TITLE, slug=stored
    )

    response = post_change(client, reporter, story, title=title, slug=typed)

    errors = response.context["adminform"].form.errors
    assert "Another story has this slug" in str(errors["slug"])
    assert fresh(story).slug == stored


def test_a_long_titles_slug_ends_at_a_whole_word_and_still_follows_it():
    """A title's slug was cut at 100 characters within a word; a draft
    saved with such a slug still follows its new headline."""
    title = "Pertemuan " * 12  # "pertemuan-" is 10 characters: 100 falls on a dash
    title_over = "Kerja sama pertemuan " * 6  # 100 falls within "pertemuan"

    assert services.title_slug(title) == ("pertemuan-" * 10).strip("-")
    made = services.title_slug(title_over)
    assert made == ("kerja-sama-pertemuan-" * 4 + "kerja-sama").strip("-")
    assert services.slugs.slug_made_from(made, title_over)
    cut_within_a_word = ("kerja-sama-pertemuan-" * 5)[:100]
    assert cut_within_a_word.endswith("-perte")
    assert services.slugs.slug_made_from(cut_within_a_word, title_over)


def test_the_story_that_had_a_taken_slug_is_named_and_linked(
    client, reporter, section, published_namesake
):
    # An old slug is its story's: the story it leads to is named.
    published_namesake.old_slugs.create(slug="bnpt-malaysia-siber")
    story = ArticleFactory(draft=True, section=section, created_by=reporter)
    response = post_change(
        client, reporter, story, title="BNPT Malaysia siber", slug="bnpt-malaysia-siber"
    )
    assert fresh(story).slug == "bnpt-malaysia-siber-2"
    assert TAKEN.format(
        HEADLINE, "bnpt-malaysia-siber", "bnpt-malaysia-siber-2", published_namesake.pk
    ) in said(response)
