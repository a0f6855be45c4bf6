import datetime as dt
import ipaddress

import pytest
from django.utils import timezone
from taggit.models import Tag

from articles.models import Article, Comment, Correction
from tests.agencies.factories import MeetingFactory, PersonFactory
from tests.articles.comment_factories import CommentFactory
from tests.articles.factories import ArticleFactory, SectionFactory
from tests.images import library_image

pytestmark = pytest.mark.django_db


@pytest.fixture
def now():
    return timezone.now()


def test_published_articles_are_those_published_up_to_now(section, now):
    past = ArticleFactory(section=section, published_at=now - dt.timedelta(days=1))
    ArticleFactory(section=section, draft=True)
    ArticleFactory(section=section, published_at=now + dt.timedelta(minutes=5))
    assert list(Article.objects.published()) == [past]


def test_a_draft_with_a_past_publication_time_stays_unpublished(section, now):
    ArticleFactory(
        section=section,
        status=Article.Status.DRAFT,
        published_at=now - dt.timedelta(days=1),
    )
    assert list(Article.objects.published()) == []


def test_a_scheduled_article_appears_once_its_time_comes(section, now):
    scheduled = ArticleFactory(
        section=section, published_at=now + dt.timedelta(hours=2)
    )
    assert list(Article.objects.published(now=now)) == []
    assert list(Article.objects.published(now=scheduled.published_at)) == [scheduled]


def test_published_articles_come_latest_first(section, now):
    older = ArticleFactory(section=section, published_at=now - dt.timedelta(days=2))
    newest = ArticleFactory(section=section, published_at=now - dt.timedelta(hours=1))
    middle = ArticleFactory(section=section, published_at=now - dt.timedelta(days=1))
    assert list(Article.objects.published()) == [newest, middle, older]
    assert list(Article.objects.published().latest_first()) == [newest, middle, older]


def test_articles_published_at_the_same_moment_show_the_later_one_first(section, now):
    first = ArticleFactory(section=section, published_at=now - dt.timedelta(hours=1))
    second = ArticleFactory(section=section, published_at=first.published_at)
    assert list(Article.objects.published().latest_first()) == [second, first]


def test_articles_in_a_section_leave_out_other_sections(jwg4_article, section):
    elsewhere = ArticleFactory(section=SectionFactory(name="Sport"))
    assert list(Article.objects.in_section(section)) == [jwg4_article]
    assert list(Article.objects.in_section(elsewhere.section)) == [elsewhere]


def test_articles_tagged_with_a_tag(jwg4_article, section):
    ArticleFactory(section=section, tags=["economy"])
    tag = Tag.objects.get(name="counter-terrorism")
    assert list(Article.objects.tagged(tag)) == [jwg4_article]


def test_tags_ignore_case(jwg4_article, section):
    later = ArticleFactory(section=section, tags=["philippines"])
    assert Tag.objects.filter(name__iexact="philippines").count() == 1
    tag = Tag.objects.get(name__iexact="philippines")
    assert set(Article.objects.tagged(tag)) == {jwg4_article, later}


def test_articles_mentioning_an_agency(jwg4_article, agencies, section):
    about_ppatk = ArticleFactory(section=section, agencies=[agencies["PPATK"]])
    assert set(Article.objects.mentioning(agencies["PPATK"])) == {
        jwg4_article,
        about_ppatk,
    }
    assert list(Article.objects.mentioning(agencies["NICA"])) == [jwg4_article]


def test_articles_featuring_a_person(jwg4_article, officials):
    assert list(Article.objects.featuring(officials["Carlos"])) == [jwg4_article]
    assert list(Article.objects.featuring(PersonFactory())) == []


def test_articles_about_a_meeting(jwg4_article, jwg3, section):
    ArticleFactory(section=section, meeting=MeetingFactory())
    about_jwg3 = ArticleFactory(section=section, meeting=jwg3)
    assert list(Article.objects.about_meeting(jwg4_article.meeting)) == [jwg4_article]
    assert list(Article.objects.about_meeting(jwg3)) == [about_jwg3]


def test_named_queries_combine(jwg4_article, agencies, section):
    ArticleFactory(section=section, draft=True, agencies=[agencies["BNPT"]])
    found = (
        Article.objects.published()
        .in_section(section)
        .mentioning(agencies["BNPT"])
        .about_meeting(jwg4_article.meeting)
    )
    assert list(found) == [jwg4_article]


def test_an_article_page_loads_in_a_fixed_number_of_queries(
    jwg4_article, django_assert_num_queries
):
    # article with section and meeting, and as JSON its tags, agencies,
    # people, corrections and its picture's renditions
    with django_assert_num_queries(1):
        article = Article.objects.for_detail().get(pk=jwg4_article.pk)
        assert article.section.name and article.meeting.series.name
        assert article.meeting.host.acronym == "BNPT"
        assert len(article.tags.all()) == 2
        acronyms = [a.acronym for a in article.agencies.all()]
        people = [(p.name, p.agency and p.agency.acronym) for p in article.people.all()]
    assert acronyms == sorted(acronyms)
    assert ("Boy Rafli Amar", "BNPT") in people


def test_the_article_page_s_lists_come_as_the_database_holds_them(
    section, media_root, django_assert_num_queries
):
    article = ArticleFactory(
        section=section, featured_image=library_image("lead.jpg", size=(900, 600))
    )
    article.tags.add("banjir", "bnpt")
    later = Correction.objects.create(article=article, kind="update", text="Dua.")
    first = Correction.objects.create(article=article, kind="correction", text="Satu.")
    Correction.objects.filter(pk=first.pk).update(
        created_at=later.created_at - dt.timedelta(minutes=5)
    )
    first.refresh_from_db()
    renditions = list(article.featured_image.renditions.all())
    with django_assert_num_queries(1):
        loaded = Article.objects.for_detail().get(pk=article.pk)
        notes = list(loaded.corrections.all())
        assert [(n.pk, n.created_at, n.text) for n in notes] == [
            (first.pk, first.created_at, "Satu."),
            (later.pk, later.created_at, "Dua."),
        ]
        assert notes[0].get_kind_display()
        assert sorted(t.name for t in loaded.tags.all()) == ["banjir", "bnpt"]
        assert loaded.agencies.all()[:] == [] and loaded.people.all()[:] == []
        shown = list(loaded.featured_image.renditions.all())
        assert {(r.pk, r.file.name, r.width) for r in shown} == {
            (r.pk, r.file.name, r.width) for r in renditions
        }


def test_the_database_dates_each_article_as_its_last_modified_property(section, now):
    def article(published_at, saved_at, **kwargs):
        made = ArticleFactory(section=section, published_at=published_at, **kwargs)
        Article.objects.filter(pk=made.pk).update(updated_at=saved_at)
        return made.pk

    ids = [
        article(now - dt.timedelta(days=2), now - dt.timedelta(days=1)),  # updated
        article(now - dt.timedelta(days=2), now - dt.timedelta(days=5)),  # ahead
        article(None, now - dt.timedelta(days=3), draft=True),
    ]
    articles = Article.objects.filter(pk__in=ids).with_last_modified()
    for found in articles:
        assert found.last_modified_at == found.last_modified
    assert {found.last_modified_at for found in articles} == {
        now - dt.timedelta(days=1),
        now - dt.timedelta(days=2),
        now - dt.timedelta(days=3),
    }
    assert articles.latest_modification() == now - dt.timedelta(days=1)
    assert Article.objects.none().latest_modification() is None


def test_comments_sent_from_a_network_are_found_by_the_networks_they_keep():
    near = CommentFactory(ip_address="198.51.100.7", ip_network="198.51.100.0/24")
    far = CommentFactory(ip_address="198.51.101.9", ip_network="198.51.101.0/24")
    v6 = CommentFactory(ip_address="2001:db8:1::5", ip_network="2001:db8:1::/48")

    def found(text):
        sent = Comment.objects.sent_from(ipaddress.ip_network(text, strict=False))
        return set(sent.values_list("pk", flat=True))

    assert found("198.51.100.0/28") == {near.pk}
    assert found("198.51.100.7") == {near.pk}
    assert found("198.51.100.0/23") == {near.pk, far.pk}
    assert found("198.51.0.0/16") == {near.pk, far.pk}  # 256 networks: the most
    assert found("2001:db8:1::/48") == {v6.pk}
    assert found("2001:db8::/40") == {v6.pk}  # 256 networks of /48
    for too_wide in ("198.50.0.0/15", "2001:db8::/39"):
        with pytest.raises(ValueError):
            found(too_wide)
