"""The readable diff between revisions (newsroom/history.py)."""

import pytest
import reversion
from django.utils import translation
from reversion.models import Version

from agencies.models import Agency, Meeting, MeetingParticipant
from articles.models import Article
from newsroom.history import (
    changes_since,
    current_field_dict,
    field_changes,
    find_version,
    text_diff_html,
    version_field_dict,
)
from tests.agencies.factories import AgencyFactory, MeetingSessionFactory
from tests.articles.factories import SectionFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def english():
    """Labels, choices and country names as an English-speaking desk sees them."""
    with translation.override("en"):
        yield


def save_revision(obj, comment=""):
    """Save `obj` as a new revision and return that revision's version."""
    with reversion.create_revision():
        obj.save()
        reversion.set_comment(comment)
    return Version.objects.get_for_object(obj).first()


def by_label(changes):
    return {str(change.label): change for change in changes}


# Text diffs


def test_a_text_diff_marks_the_removed_and_the_added_words():
    html = text_diff_html(
        "BNPT met NICA on Thursday in Jakarta.",
        "BNPT met NICA on Friday in Jakarta.",
    )
    assert "BNPT met NICA on <del>Thursday</del><ins>Friday</ins> in Jakarta." in html


def test_a_text_diff_shows_user_html_as_text_never_as_markup():
    html = text_diff_html(
        "Safe <b>bold</b> words\n", 'Now <script>alert("x")</script> & more\n'
    )
    assert "<script>" not in html
    assert "<b>" not in html
    assert "<del>Safe &lt;b&gt;bold&lt;/b&gt; words\n</del>" in html
    assert (
        "<ins>Now &lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; more\n</ins>"
        in html
    )


def test_a_text_diff_shortens_long_unchanged_stretches():
    old = "".join(f"Paragraph {n}.\n" for n in range(1, 21))
    new = old.replace("Paragraph 10.", "Paragraph ten.")
    html = text_diff_html(old, new)
    assert "<del>10</del><ins>ten</ins>" in html
    assert "Paragraph 8." in html and "Paragraph 12." in html
    assert "Paragraph 2." not in html and "Paragraph 19." not in html
    assert "7 unchanged lines" in html and "8 unchanged lines" in html


def test_a_text_diff_of_added_paragraphs_marks_them_inserted():
    html = text_diff_html("First.\n", "First.\nSecond.\n")
    assert html == "First.\n<ins>Second.\n</ins>"


# Field changes of an article


@pytest.fixture
def article_versions(jwg4_article, agencies):
    """Two revisions of the sample article: as filed, then edited."""
    first = save_revision(jwg4_article)
    article = Article.objects.get(pk=jwg4_article.pk)
    article.title = "Indonesia and the Philippines meet on terrorism again"
    article.body = article.body.replace("on Thursday", "on Friday")
    article.language = Article.Language.INDONESIAN
    article.section = SectionFactory(name="Security", slug="security")
    article.version += 1
    with reversion.create_revision():
        article.save()
        article.agencies.remove(agencies["AMLC"])
        article.tags.set(["counter-terrorism", "ASEAN"])
    second = Version.objects.get_for_object(article).first()
    return first, second


def test_changes_are_listed_field_by_field_with_their_labels(article_versions):
    first, second = article_versions
    changes = by_label(
        field_changes(Article, version_field_dict(first), version_field_dict(second))
    )
    assert list(changes) == [
        "Title",
        "Body",
        "Section",
        "Tags",
        "Agencies mentioned",
        "Language",
    ]
    title = changes["Title"]
    assert title.old == "Indonesia and the Philippines meet again on terrorism"
    assert title.new == "Indonesia and the Philippines meet on terrorism again"
    assert title.diff_html is None


def test_choices_and_related_objects_are_shown_by_name(article_versions):
    changes = by_label(
        field_changes(Article, *(version_field_dict(v) for v in article_versions))
    )
    assert (changes["Language"].old, changes["Language"].new) == (
        "English",
        "Indonesian",
    )
    assert (changes["Section"].old, changes["Section"].new) == (
        "International cooperation",
        "Security",
    )
    assert "AMLC (PH)" in changes["Agencies mentioned"].old
    assert "AMLC (PH)" not in changes["Agencies mentioned"].new
    assert "<del>AMLC (PH)" in changes["Agencies mentioned"].diff_html
    assert changes["Tags"].old.splitlines() == ["counter-terrorism", "Philippines"]
    assert changes["Tags"].new.splitlines() == ["ASEAN", "counter-terrorism"]


def test_the_body_comes_as_a_text_diff(article_versions):
    changes = by_label(
        field_changes(Article, *(version_field_dict(v) for v in article_versions))
    )
    body = changes["Body"]
    assert "met on <del>Thursday</del><ins>Friday</ins> for the" in body.diff_html
    assert body.old.startswith("Indonesia's counter-terrorism agency BNPT")


def test_unchanged_fields_and_the_version_counter_are_not_listed(article_versions):
    labels = {
        str(change.label)
        for change in field_changes(
            Article, *(version_field_dict(v) for v in article_versions)
        )
    }
    assert "Version" not in labels
    assert "Summary" not in labels and "Updated" not in labels


def test_a_bare_field_dict_compares_without_the_followed_tags(article_versions):
    first, second = article_versions
    changes = by_label(field_changes(Article, first.field_dict, second.field_dict))
    assert "Title" in changes and "Tags" not in changes


def test_an_object_deleted_since_is_named_as_deleted(article_versions):
    first, second = article_versions
    gone = SectionFactory(name="Gone", slug="gone")
    old = {**version_field_dict(first), "section_id": gone.pk}
    gone.delete()
    changes = by_label(field_changes(Article, old, version_field_dict(second)))
    assert "(deleted)" in changes["Section"].old


# The state now, and what changed since a version number


def test_the_current_state_compares_like_a_revision(jwg4_article):
    version = save_revision(jwg4_article)
    article = Article.objects.get(pk=jwg4_article.pk)
    assert (
        field_changes(Article, version_field_dict(version), current_field_dict(article))
        == []
    )


def test_changes_since_a_version_number_lists_what_others_saved(jwg4_article):
    save_revision(jwg4_article)  # version 1
    article = Article.objects.get(pk=jwg4_article.pk)
    article.dek = "BNPT hosts the 4th Joint Working Group."
    article.version = 2
    save_revision(article)
    article.title = "A third title"
    article.version = 3
    save_revision(article)

    changes = by_label(changes_since(article, 1))
    assert set(changes) == {"Title", "Summary"}
    assert changes["Summary"].new == "BNPT hosts the 4th Joint Working Group."
    assert set(by_label(changes_since(article, 2))) == {"Title"}
    assert changes_since(article, 3) == []


def test_changes_since_compare_with_the_saved_article_not_unsaved_edits(jwg4_article):
    save_revision(jwg4_article)
    article = Article.objects.get(pk=jwg4_article.pk)
    article.title = "Typed but not saved"
    assert changes_since(article, 1) == []


def test_changes_since_an_unknown_version_number_is_none(jwg4_article):
    save_revision(jwg4_article)
    assert changes_since(jwg4_article, 7) is None


def test_find_version_takes_the_latest_revision_with_that_number(jwg4_article):
    save_revision(jwg4_article)
    jwg4_article.title = "Same version number, saved again"
    latest = save_revision(jwg4_article)
    jwg4_article.version = 11
    save_revision(jwg4_article)
    assert find_version(jwg4_article, 1) == latest
    assert find_version(jwg4_article, 11).field_dict["version"] == 11


# Followed relations: a meeting's sessions, an agency's aliases


def test_a_meetings_sessions_are_compared_in_agenda_order(jwg4):
    before = save_revision(jwg4)
    session = jwg4.sessions.get(order=3)
    session.title = "Border control"
    session.summary = "Patrols in the Sulu Sea."
    session.save()
    jwg4.sessions.get(order=7).delete()
    MeetingSessionFactory(meeting=jwg4, order=8, title="Closing <remarks>")
    after = save_revision(jwg4)

    changes = by_label(
        field_changes(Meeting, version_field_dict(before), version_field_dict(after))
    )
    assert list(changes) == ["Sessions"]
    sessions = changes["Sessions"]
    new = sessions.new.splitlines()
    assert new[2] == "Border control — Patrols in the Sulu Sea."
    assert new[-1] == "Closing <remarks>"
    assert "Building capacity and capability" not in sessions.new
    assert "Closing &lt;remarks&gt;" in sessions.diff_html
    assert "<del>Building capacity and capability" in sessions.diff_html


def test_delegations_show_the_agency_and_the_role(jwg4, agencies):
    before = save_revision(jwg4)
    jwg4.participants.filter(agency=agencies["AMLC"]).update(
        role=MeetingParticipant.Role.OBSERVER
    )
    after = save_revision(jwg4)
    change = by_label(
        field_changes(Meeting, version_field_dict(before), version_field_dict(after))
    )["Participating agencies"]
    assert "AMLC (PH) – Member — Philippines" in change.old
    assert "AMLC (PH) – Observer — Philippines" in change.new


def test_an_agencys_aliases_and_country_are_compared_by_name():
    agency = AgencyFactory(acronym="PPATK", country="ID")
    agency.aliases.create(name="INTRAC")
    before = save_revision(agency)
    agency.country = "PH"
    agency.aliases.create(name="Indonesian FIU")
    after = save_revision(agency)
    changes = by_label(
        field_changes(Agency, version_field_dict(before), version_field_dict(after))
    )
    assert (changes["Country"].old, changes["Country"].new) == (
        "Indonesia",
        "Philippines",
    )
    assert changes["Aliases"].new.splitlines() == ["Indonesian FIU", "INTRAC"]


def test_line_endings_alone_make_no_difference_in_a_text_diff():
    from newsroom.history import text_diff_html

    html = str(text_diff_html("Satu.\nDua.\n", "Satu.\r\nDua.\r\n"))
    assert "<ins>" not in html and "<del>" not in html
