import datetime as dt
import io
import subprocess

import pytest
from django.contrib.auth import get_user_model
from django.test import Client
from django.utils import timezone, translation

from agencies.models import Agency, Meeting, Person
from articles.forms import sign_rendered_at
from articles.models import Article, Comment, IntakeRecord
from newsroom.management.commands.load_demo import admin_url
from tests.newsroom.demo_loading import counts, load_demo
from tests.newsroom.test_production import BASE_DIR

# Every test of the module finds the demo loaded (tests/newsroom/conftest.py).
pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("demo_media")]


def test_demo_loads_the_4th_jwg_meeting_whole(demo):
    meeting = Meeting.objects.get(series__short_name="JWG", number=4)
    assert meeting.format == Meeting.Format.HYBRID
    assert meeting.duration.total_seconds() == 4 * 3600
    assert meeting.sessions.count() == 7
    delegations = set(meeting.participants.values_list("country", flat=True))
    assert delegations == {"ID", "PH"}
    assert meeting.attendances.values("person").distinct().count() == 3
    assert meeting.previous_in_series().number == 3
    article = Article.objects.published().get(meeting=meeting, is_featured=True)
    image = article.featured_image
    assert image.alt_text and image.caption and image.credit
    # Photo-sized, and uploaded through the library: renditions exist.
    assert (image.width, image.height) == (2400, 1600)
    assert image.renditions.filter(spec="w1600", format="webp").exists()
    assert image.renditions.filter(spec="card", format="jpeg").exists()


def test_demo_agencies_have_logos_and_people_portraits(demo):
    assert not Agency.objects.filter(logo=None).exists()
    assert not Person.objects.filter(portrait=None).exists()
    for image in [Agency.objects.first().logo, Person.objects.first().portrait]:
        assert image.alt_text and image.renditions.filter(spec="square").exists()
    published = Article.objects.published()
    assert published.exists() and not published.filter(featured_image=None).exists()


def test_demo_loader_runs_twice_without_duplicates_or_new_passwords(demo):
    first = demo
    before = counts()
    second = load_demo()
    assert counts() == before
    assert before["revisions"] > 0  # history starts with the demo content
    assert first.count("password:") == 3
    assert "password:" not in second


def test_demo_loader_keeps_what_an_editor_changed(demo):
    article = Article.objects.get(is_featured=True)
    article.title = "Judul yang diperbaiki editor"
    article.save(update_fields=["title"])
    load_demo()
    article.refresh_from_db()
    assert article.title == "Judul yang diperbaiki editor"


def test_demo_accounts_get_random_passwords_and_their_groups(demo):
    out = demo
    user_model = get_user_model()
    for username, group in [
        ("editor", "Editor"),
        ("reporter", "Reporter"),
        ("moderator", "Moderator"),
    ]:
        user = user_model.objects.get(username=username)
        assert user.is_staff and not user.is_superuser
        assert user.groups.filter(name=group).exists()
        line = next(line for line in out.splitlines() if f"{username} " in line)
        password = line.split("password:")[1].strip()
        assert len(password) >= 12
        assert user.check_password(password)
    editor = user_model.objects.get(username="editor")
    assert editor.has_perm("articles.change_article")
    assert editor.has_perm("agencies.add_meeting")
    reporter = user_model.objects.get(username="reporter")
    assert reporter.has_perm("articles.add_article")
    assert not reporter.has_perm("agencies.change_agency")


def open_discussions() -> list[Article]:
    return [a for a in Article.objects.published() if a.comments_open()]


def test_the_demo_has_one_open_pre_moderated_discussion_on_a_recent_story(
    settings, demo
):
    [article] = open_discussions()
    assert article.comment_policy == "pre" == settings.COMMENTS_DEFAULT_POLICY
    assert timezone.now() - article.published_at < dt.timedelta(days=2)
    assert article.comments.filter(status=Comment.Status.APPROVED).exists()


def test_a_newcomers_test_comment_waits_for_moderation(demo):
    [article] = open_discussions()
    newcomer = Client()
    response = newcomer.post(
        f"/articles/{article.pk}/comments/",
        {
            "author_name": "Newcomer",
            "author_email": "newcomer@example.org",
            "text": "Just trying the comment form.",
            # Filled in at a human pace, so no check holds it on its own.
            "rendered_at": sign_rendered_at(timezone.now() - dt.timedelta(seconds=30)),
            "website": "",
        },
        REMOTE_ADDR="198.51.100.20",
    )
    assert response.status_code == 303
    comment = Comment.objects.get(article=article, author_name="Newcomer")
    assert comment.status == Comment.Status.PENDING
    public_page = Client().get(article.get_absolute_url())
    assert "Just trying the comment form." not in public_page.content.decode()


@pytest.mark.parametrize(
    ("address", "url"),
    [
        ("127.0.0.1:8000", "http://127.0.0.1:8000/admin/"),
        ("127.0.0.1:8080", "http://127.0.0.1:8080/admin/"),
        ("8081", "http://127.0.0.1:8081/admin/"),
        ("0.0.0.0:8000", "http://127.0.0.1:8000/admin/"),
        ("localhost:9000", "http://localhost:9000/admin/"),
        ("[::1]:8000", "http://[::1]:8000/admin/"),
        ("[::]:8000", "http://[::1]:8000/admin/"),
        ("http://127.0.0.1:8511", "http://127.0.0.1:8511/admin/"),
        ("http://localhost:8511/", "http://localhost:8511/admin/"),
    ],
)
def test_the_login_address_is_where_runserver_listens(address, url):
    assert admin_url(address) == url


def test_load_demo_prints_the_login_address_on_the_port_given(demo):
    out = load_demo(address="127.0.0.1:8080")
    assert "log in at http://127.0.0.1:8080/admin/" in out
    assert "8000" not in out


@pytest.mark.parametrize("host", [None, "127.0.0.1:8080"])
def test_make_run_prints_the_login_address_where_it_serves(host):
    """`make run` hands the same HOST to the demo loader (which prints the
    log-in address) and to runserver."""
    args = ["make", "--dry-run", "run"] + ([f"HOST={host}"] if host else [])
    done = subprocess.run(
        args, cwd=BASE_DIR, capture_output=True, text=True, timeout=60, check=True
    )
    served = host or "127.0.0.1:8000"
    assert f"manage.py load_demo --address {served}" in done.stdout
    assert f"manage.py runserver {served}" in done.stdout


# The demo staff write the demo through the services: what is derived from
# a write comes out as in the newsroom itself.


def test_the_demo_stories_are_published_by_the_demo_editor_through_the_workflow(demo):
    editor = get_user_model().objects.get(username="editor")
    for article in Article.objects.published():
        step = article.transitions.get()
        assert (step.to_status, step.by) == ("published", editor)
    drafts = Article.objects.filter(status="draft")
    assert drafts.count() == 4  # one written, three imported from wire copy
    for draft in drafts:
        assert draft.created_by.username == "reporter"
        assert not draft.transitions.exists()


def test_the_demo_desk_has_wire_copy_imported_with_its_links(demo):
    records = IntakeRecord.objects.order_by("file_name")
    assert [r.file_name for r in records] == [
        "bnpt-nica-jwg-5.txt",
        "bssn-latihan-siber.txt",
        "ppatk-amlc-pendanaan-teror.txt",
    ]
    for record in records:
        article = record.article
        assert article.status == "draft" and article.needs_headline
        assert article.editor_name == "Redaksi" and article.source_url
        assert "Sumber" not in article.body and "Discussion" not in article.body
        assert article.body.count("\n\n") >= 3  # paragraphs, not one wall
    jwg5 = records[0].article
    assert jwg5.dateline == "MANILA" and jwg5.section.slug == "internasional"
    assert sorted(a.acronym for a in jwg5.agencies.all()) == [
        "BIN",
        "BNPT",
        "Bakamla",
        "NICA",
    ]
    assert sorted(t.lower() for t in jwg5.tags.names()) == ["filipina", "terorisme"]
    unknown = [u["acronym"] for u in records[1].report["unknown_acronyms"]]
    assert "CSIRT" in unknown


def test_the_demo_discussion_counts_its_approved_comments(demo):
    [article] = open_discussions()
    approved = article.comments.filter(status=Comment.Status.APPROVED)
    assert article.approved_comment_count == approved.count() == 3
    moderator = get_user_model().objects.get(username="moderator")
    reply = approved.get(author_name="Dimas")
    assert reply.parent.author_name == "Joel"
    assert reply.log.filter(moderator=moderator).exists()  # approved by them


def test_a_demo_agency_missing_an_alias_gets_it_back_and_nothing_else(demo):
    bnpt = Agency.objects.get(slug="bnpt")
    bnpt.aliases.filter(name="NCTA").delete()
    Agency.objects.filter(pk=bnpt.pk).update(name_en="Changed by an editor")
    load_demo()
    bnpt.refresh_from_db()
    assert "NCTA" in set(bnpt.aliases.values_list("name", flat=True))
    assert bnpt.name_en == "Changed by an editor"


def test_the_demo_readers_comments_pass_the_checks_but_the_one_with_links(demo):
    [article] = open_discussions()
    reasons = {
        comment.author_name: sorted(comment.reasons.values_list("code", flat=True))
        for comment in article.comments.all()
    }
    assert reasons == {"Rina": [], "Joel": [], "Dimas": [], "Anon": ["links"]}


def test_the_demos_photos_carry_no_words():
    """A story's picture is a drawn street scene with no words in it: a
    headline drawn on a band had read in Indonesian on English pages and
    been cut mid-word by the square crops. Its foot (where the band was) is
    the street's grey: no white letters, no blue band."""
    from PIL import Image as PillowImage

    from newsroom.demo.loader import demo_photo

    for seed in (7, 2024):
        photo = PillowImage.open(io.BytesIO(demo_photo(seed=seed, size=(800, 533))))
        foot = photo.convert("RGB").crop((0, 440, 800, 533))
        pixels = foot.get_flattened_data()
        brightest = max(max(pixel) for pixel in pixels)
        blues = sum(1 for r, g, b in pixels if b > r + 40)
        assert brightest < 160 and blues == 0, (seed, brightest, blues)


def test_the_demos_first_revisions_are_read_in_the_readers_language(demo):
    from reversion.models import Version

    from newsroom.history import revision_comment

    bnpt = Agency.objects.order_by("pk").first()
    first = Version.objects.get_for_object(bnpt).order_by("pk").first()
    comment = first.revision.comment
    assert '"msgid": "Demo content"' in comment  # a message, not English text
    with translation.override("en"):
        assert revision_comment(comment) == "Demo content"


def test_every_demo_picture_is_described_in_both_languages(demo):
    """The English edition had shown the portraits' and logos' Indonesian
    alt text (marked lang="id"): they had none in English."""
    from newsroom.media.models import Image

    undescribed = [
        image.original_filename
        for image in Image.objects.filter(decorative=False)
        if not (image.alt_text.strip() and image.alt_text_en.strip())
    ]
    assert Image.objects.exists() and undescribed == []


def test_the_english_pages_describe_logos_and_portraits_in_english(client, demo):
    bnpt = Agency.objects.get(slug="bnpt").get_absolute_url()
    english = client.get("/en" + bnpt).content.decode()
    assert 'alt="National Counter Terrorism Agency logo"' in english
    assert "Logo Badan Nasional" not in english
    indonesian = client.get(bnpt).content.decode()
    assert 'alt="Logo Badan Nasional Penanggulangan Terorisme"' in indonesian
    person = Person.objects.get(slug="andhika-chrisnayudhanto").get_absolute_url()
    english = client.get("/en" + person).content.decode()
    assert (
        'alt="Portrait illustration: a grey head-and-shoulders silhouette, '
        'not a photo of Andhika Chrisnayudhanto"'
    ) in english
    assert "Ilustrasi potret" not in english


def test_a_demo_loaded_before_gets_english_alt_texts_one_change_a_picture(demo):
    """A demo loaded before the English alt texts (and credits) gets them,
    each picture in one change of its History; an editor's stay."""
    from reversion.models import Version

    from newsroom.media.models import Image

    # As loaded before: no English alt text, nor credit...
    Image.objects.update(alt_text_en="", credit_en="")
    # ...where an editor has since written an English alt text of her own,
    # and described a portrait anew in Indonesian.
    bnpt = Agency.objects.get(slug="bnpt").logo
    Image.objects.filter(pk=bnpt.pk).update(alt_text_en="The BNPT emblem")
    rewritten = Person.objects.get(slug="boy-rafli-amar").portrait
    Image.objects.filter(pk=rewritten.pk).update(alt_text="Foto resmi Kepala BNPT")
    before = counts()
    versions_before = Version.objects.get_for_model(Image).count()

    load_demo()

    pictures = Image.objects.count()
    assert Version.objects.get_for_model(Image).count() == versions_before + pictures
    assert counts() == before | {"revisions": before["revisions"] + pictures}
    assert Image.objects.get(pk=bnpt.pk).alt_text_en == "The BNPT emblem"
    assert Image.objects.get(pk=rewritten.pk).alt_text_en == ""
    assert Agency.objects.get(slug="bssn").logo.alt_text_en == (
        "National Cyber and Crypto Agency logo"
    )
    assert not Image.objects.exclude(pk=rewritten.pk).filter(alt_text_en="").exists()
