"""A story's change page as the desk reads it: the name readers see for its
byline, a submitted story's body as the preview shows it on the reporter's
read-only page, and the dates the clean-up of pasted copy asked to check,
still there for the editor who publishes it."""

import datetime as dt
import html

import pytest
from django.urls import reverse
from django.utils import timezone

from articles import services
from articles.models import Article, AuthorProfile
from articles.services.authors import author_profile_save
from tests.articles.factories import ArticleFactory
from tests.articles.test_paste_cleanup import ADD, WIRE_COPY, add_form, shown

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]

Status = Article.Status

# The caution the clean-up gave for "Kamis (24/3)" pasted on 6 December 2026.
CAUTION = (
    "Kamis (24/3): taken as Thursday 24 March 2022, the latest year it was a "
    "Thursday — check it."
)
PASTED_ON = dt.datetime(2026, 12, 6, 9, tzinfo=dt.UTC)


def change_page(client, user, article) -> str:
    client.force_login(user)
    response = client.get(reverse("admin:articles_article_change", args=[article.pk]))
    assert response.status_code == 200
    return html.unescape(response.content.decode())


def readers_see(page: str) -> str:
    """The text of the "Readers see" line beside the byline."""
    start = page.index('<span class="readers-see">') + len('<span class="readers-see">')
    return page[start : page.index("</span>", start)].strip()


@pytest.fixture
def andi(reporter, desk_editor):
    """The reporter's public author profile."""
    author_profile_save(
        profile=AuthorProfile(user=reporter, name="Andi Pratama", slug="andi-pratama"),
        user=desk_editor,
    )
    return reporter


# The byline


def test_an_empty_byline_tells_the_desk_the_writer_readers_see(
    client, andi, desk_editor, section
):
    story = ArticleFactory(
        draft=True, section=section, byline="", language="id", created_by=andi
    )

    line = readers_see(change_page(client, desk_editor, story))

    # The story page's words, in the story's language, whatever the desk's.
    assert line.startswith("Oleh Andi Pratama")
    assert "author profile" in line and "Byline is empty" in line
    assert Article.objects.get(pk=story.pk).credited_name == "Andi Pratama"


def test_a_byline_given_is_what_readers_see(client, andi, desk_editor, section):
    story = ArticleFactory(
        draft=True, section=section, byline="Tim Redaksi", language="en"
    )
    story.created_by = andi
    story.save(update_fields=["created_by"])

    assert readers_see(change_page(client, desk_editor, story)) == "By Tim Redaksi"


def test_an_empty_byline_without_a_public_profile_credits_no_name(
    client, reporter, desk_editor, section
):
    story = ArticleFactory(draft=True, section=section, byline="", created_by=reporter)

    line = readers_see(change_page(client, desk_editor, story))

    assert line.startswith("No name: the Byline is empty")


def test_the_reporters_read_only_page_says_it_too(client, andi, section):
    story = ArticleFactory(
        section=section, byline="", language="id", created_by=andi, draft=True
    )
    services.article_submit(article=story, user=andi)

    assert readers_see(change_page(client, andi, story)).startswith("Oleh Andi")


# A submitted story's body on the reporter's read-only page

BODY = (
    "BNPT menggelar _The 4th Joint Working Group on Counter Terrorism_ di "
    "Jakarta.\n\n"
    "Kedua delegasi **sepakat**. <script>alert(1)</script>"
)


def test_a_submitted_story_reads_rendered_on_its_reporters_page(
    client, reporter, section
):
    story = ArticleFactory(
        section=section, body=BODY, language="id", created_by=reporter, draft=True
    )
    services.article_submit(article=story, user=reporter)
    client.force_login(reporter)

    raw = client.get(
        reverse("admin:articles_article_change", args=[story.pk])
    ).content.decode()

    assert '<em lang="en">The 4th Joint Working Group on Counter Terrorism</em>' in raw
    assert "<strong>sepakat</strong>" in raw
    assert "_The 4th Joint" not in raw  # no Markdown left
    assert "<script>alert" not in raw  # sanitised as the preview is
    assert 'name="body"' not in raw and 'name="_save"' not in raw  # still read-only


def test_the_editor_still_edits_the_markdown(client, desk_editor, section):
    story = ArticleFactory(section=section, body=BODY, language="id", draft=True)

    page = change_page(client, desk_editor, story)

    assert 'name="body"' in page and "_The 4th Joint Working Group" in page


# The date caution of pasted copy


def pasted_and_saved(client, reporter, section) -> Article:
    """Copy pasted, cleaned up, saved and submitted by the reporter, as on
    the add page without its script; started on PASTED_ON."""
    client.force_login(reporter)
    copy = WIRE_COPY.replace("Kamis (24/3/2022)", "Kamis (24/3)")
    cleaned = client.post(ADD, add_form(section, body=copy, _cleanup="1"))
    values = shown(cleaned)
    values["section"] = section.pk
    response = client.post(ADD, {**values, "_transition": "submit"})
    assert response.status_code == 302
    story = Article.objects.get()
    Article.objects.filter(pk=story.pk).update(created_at=PASTED_ON)
    story.refresh_from_db()
    assert story.status == Status.IN_REVIEW
    return story


def test_the_editor_reads_the_pasted_copys_date_caution(
    client, reporter, desk_editor, section
):
    story = pasted_and_saved(client, reporter, section)

    page = change_page(client, desk_editor, story)

    assert 'id="date-cautions"' in page
    assert CAUTION in page
    assert page.count(CAUTION) == 1


def test_the_date_caution_goes_once_the_date_is_written_in_full(
    client, reporter, desk_editor, section
):
    story = pasted_and_saved(client, reporter, section)
    Article.objects.filter(pk=story.pk).update(
        body=story.body.replace("Kamis (24/3)", "Kamis (24/3/2022)")
    )

    assert CAUTION not in change_page(client, desk_editor, story)


def test_the_date_caution_goes_once_published(client, reporter, desk_editor, section):
    story = pasted_and_saved(client, reporter, section)
    story.needs_headline = False  # the headline written
    story.save(update_fields=["needs_headline"])
    services.article_publish(
        article=story, user=desk_editor, at=timezone.now() - dt.timedelta(minutes=1)
    )

    page = change_page(client, desk_editor, story)

    assert 'id="date-cautions"' not in page and CAUTION not in page
