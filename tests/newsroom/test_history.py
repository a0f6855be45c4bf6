"""The readable diff between revisions (newsroom/history.py)."""

import pytest
import reversion
from django.utils import translation
from django.utils.translation import gettext_lazy as _
from reversion.models import Version

from agencies.models import Agency, Meeting, MeetingParticipant
from articles import text as articles_text
from articles.models import Article
from newsroom.history import (
    change_message,
    changes_since,
    combine_messages,
    current_field_dict,
    field_changes,
    find_version,
    merge_text,
    revision_comment,
    step_message,
    text_diff_html,
    version_field_dict,
)
from newsroom.text import normalise_newlines
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


def _lists_compared(article, first: dict, second: dict):
    """The changes from the article with lists `second` to it with `first`
    (now against an older revision, as the restore page compares)."""
    states = []
    for lists in (first, second):
        with reversion.create_revision():
            article.save()
            article.tags.set(lists.get("tags", []))
            article.agencies.set(lists.get("agencies", []))
        states.append(version_field_dict(Version.objects.get_for_object(article)[0]))
    return by_label(field_changes(Article, states[1], states[0]))


def test_tags_are_compared_as_whole_tags_never_words_inside_them(jwg4_article):
    changes = _lists_compared(
        jwg4_article,
        {"tags": ["terorisme", "uji gabungan"]},
        {"tags": ["gabungan", "uji"]},
    )

    diff = changes["Tags"].diff_html
    for removed in ["gabungan", "uji"]:
        assert f"<del>{removed}</del>" in diff
    for added in ["terorisme", "uji gabungan"]:
        assert f"<ins>{added}</ins>" in diff
    assert "<ins>uji</ins>" not in diff


def test_agencies_are_compared_as_whole_names(jwg4_article):
    uls_id = AgencyFactory(acronym="ULS", country="ID", slug="uls-id")
    uls_my = AgencyFactory(acronym="ULS", country="MY", slug="uls-my")
    changes = _lists_compared(
        jwg4_article, {"agencies": [uls_my]}, {"agencies": [uls_id]}
    )

    diff = changes["Agencies mentioned"].diff_html
    assert "<del>ULS (ID)</del>" in diff
    assert "<ins>ULS (MY)</ins>" in diff


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


# Values, not their rendering (issue #9, points 2 and 3)


def test_changes_since_ignore_the_fraction_of_a_second_revisions_drop(jwg4_article):
    """Revisions keep milliseconds, the database microseconds: the same time."""
    jwg4_article.published_at = jwg4_article.published_at.replace(microsecond=582087)
    save_revision(jwg4_article)
    article = Article.objects.get(pk=jwg4_article.pk)
    assert article.published_at.microsecond == 582087
    assert changes_since(article, 1) == []


def test_a_text_that_differs_only_in_line_endings_or_trimmed_ends_is_unchanged(
    jwg4_article,
):
    old = current_field_dict(jwg4_article)
    new = {**old, "body": "  " + old["body"].replace("\n", "\r\n").strip() + "\r\n"}
    assert field_changes(Article, old, new) == []


def test_times_in_the_same_minute_show_their_seconds(jwg4_article):
    old = current_field_dict(jwg4_article)
    at = old["published_at"].replace(second=10)
    changes = by_label(
        field_changes(
            Article,
            {**old, "published_at": at},
            {**old, "published_at": at.replace(second=50)},
        )
    )
    published = changes["Published at"]
    assert published.old != published.new
    assert published.old.endswith(":10 WIB") and published.new.endswith(":50 WIB")


def test_field_names_of_a_change_message_are_translated_when_read(jwg4_article):
    old = current_field_dict(jwg4_article)
    new = {**old, "title": "Another title", "published_at": None}
    stored = combine_messages(change_message(Article, field_changes(Article, old, new)))
    with translation.override("id"):
        assert revision_comment(stored) == "Judul dan waktu terbit berubah."
    assert revision_comment(stored) == "Changed title and published at."


def test_a_workflow_step_reads_in_each_language_without_its_status_field():
    stored = combine_messages(
        step_message(
            _("Submit for review"), Article.Status.IN_REVIEW.label, [_("status")]
        ),
        [{"changed": {"fields": ["status"]}}],
    )
    assert revision_comment(stored) == "Submit for review: In review."
    with translation.override("id"):
        assert revision_comment(stored) == "Ajukan untuk ditinjau: Dalam peninjauan."


def test_an_old_plain_text_comment_is_shown_as_it_is():
    assert revision_comment("Restored the revision of Monday") == (
        "Restored the revision of Monday"
    )


# Combining two editors' changes to one text


BASE = "One.\n\nTwo.\n\nThree.\n"


def test_changes_to_different_paragraphs_combine():
    theirs = BASE.replace("One.", "One, changed by them.")
    mine = BASE.replace("Three.", "Three, changed by me.")
    assert merge_text(BASE, theirs, mine) == (
        "One, changed by them.\n\nTwo.\n\nThree, changed by me."
    )


def test_a_paragraph_deleted_by_one_and_one_added_by_the_other_combine():
    theirs = BASE.replace("Two.\n\n", "")
    mine = BASE + "\nFour.\n"
    assert merge_text(BASE, theirs, mine) == "One.\n\nThree.\n\nFour."


def test_changes_to_the_same_lines_do_not_combine_but_neighbours_do():
    assert (
        merge_text(BASE, BASE.replace("Two.", "2."), BASE.replace("Two.", "II."))
        is None
    )
    # Lines of their own, one after the other (wire copy's paragraph a line).
    assert merge_text("a\nb\n", "A\nb\n", "a\nB\n") == "A\nB"
    # Both add a line at the same place: whose first is the editor's call.
    assert merge_text("a\nb\n", "a\nx\nb\n", "a\ny\nb\n") is None


def test_the_same_change_on_both_sides_counts_once():
    theirs = mine = BASE.replace("Two.", "2.")
    assert merge_text(BASE, theirs, mine) == theirs.strip()


@pytest.mark.parametrize("line_end", ["\r\n", "\r"], ids=["crlf", "cr"])
def test_the_history_reads_line_ends_by_the_rule_the_forms_store_them_by(
    jwg4_article, line_end
):
    """One line-end rule (newsroom.text) for what is stored, compared, shown
    as a diff and combined: a text that differs only in its line ends is the
    same text everywhere."""
    assert normalise_newlines(BASE.replace("\n", line_end)) == BASE
    assert articles_text.normalise_newlines is normalise_newlines
    html = str(text_diff_html(BASE, BASE.replace("\n", line_end)))
    assert "<ins>" not in html and "<del>" not in html
    old = current_field_dict(jwg4_article)
    new = {**old, "body": old["body"].replace("\n", line_end)}
    assert field_changes(Article, old, new) == []
    theirs = BASE.replace("One.", "One, changed by them.")
    mine = BASE.replace("Three.", "Three, changed by me.").replace("\n", line_end)
    assert merge_text(BASE, theirs, mine) == (
        "One, changed by them.\n\nTwo.\n\nThree, changed by me."
    )
