"""Factories for comments and their moderation records (admin tests)."""

import datetime as dt

import factory
from django.utils import timezone

from articles.models import Ban, Comment, CommentReason, ModerationWord
from tests.articles.factories import ArticleFactory


class CommentFactory(factory.django.DjangoModelFactory):
    """A reader's comment waiting for moderation, posted a little while ago."""

    class Meta:
        model = Comment

    article = factory.SubFactory(ArticleFactory)
    author_name = factory.Sequence(lambda n: f"Pembaca {n}")
    author_email = factory.Sequence(lambda n: f"pembaca{n}@example.com")
    text = factory.Sequence(lambda n: f"Komentar nomor {n} tentang rapat JWG.")
    status = Comment.Status.PENDING
    ip_address = factory.Sequence(lambda n: f"203.0.113.{n % 250 + 1}")
    ip_network = "203.0.113.0/24"
    created_at = factory.Sequence(
        lambda n: timezone.now() - dt.timedelta(hours=2) + dt.timedelta(seconds=n)
    )


class CommentReasonFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CommentReason

    comment = factory.SubFactory(CommentFactory)
    code = CommentReason.Code.LINKS
    detail = ""


class BanFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Ban

    kind = Ban.Kind.EMAIL
    value = factory.Sequence(lambda n: f"spammer{n}@example.com")
    until = None


class ModerationWordFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ModerationWord

    word = factory.Sequence(lambda n: f"kata{n}")
    kind = ModerationWord.Kind.SUSPECT
