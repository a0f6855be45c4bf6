"""Factories for reader comments and their moderation records."""

import factory
from django.db.models import F

from articles.models import Article, Ban, Comment, CommentReason, ModerationWord
from tests.articles.factories import ArticleFactory


def as_listed(comments) -> dict[str, str]:
    """What the moderation list posts beside each selected row's checkbox:
    the latest entry of the comment's log that the row showed (seen_<id>),
    here as a list loaded now would show it."""
    latest = Comment.objects.with_last_change().filter(pk__in=[c.pk for c in comments])
    return {
        f"seen_{pk}": str(entry)
        for pk, entry in latest.values_list("pk", "last_change")
    }


class CommentFactory(factory.django.DjangoModelFactory):
    """An approved guest comment; pass `parent=` for a reply (article, root and
    depth follow the parent), `pending=True` for one waiting for a moderator,
    `status=` for anything else.

    Like the services, it keeps `Article.approved_comment_count` in step, so the
    article page shows what a test creates. Each comment comes from its own
    address on one /24 network.
    """

    class Meta:
        model = Comment
        skip_postgeneration_save = True

    parent = None
    article = factory.LazyAttribute(
        lambda o: o.parent.article if o.parent else ArticleFactory()
    )
    root = factory.LazyAttribute(
        lambda o: (o.parent.root or o.parent) if o.parent else None
    )
    depth = factory.LazyAttribute(lambda o: o.parent.depth + 1 if o.parent else 0)
    author_name = factory.Sequence(lambda n: f"Pembaca {n}")
    author_email = factory.Sequence(lambda n: f"pembaca{n}@example.com")
    text = factory.Sequence(lambda n: f"Comment number {n}.")
    status = Comment.Status.APPROVED
    ip_address = factory.Sequence(lambda n: f"203.0.113.{n % 250 + 1}")
    ip_network = "203.0.113.0/24"

    class Params:
        pending = factory.Trait(status=Comment.Status.PENDING)

    @factory.post_generation
    def count(self, create, extracted, **kwargs):
        if create and self.status == Comment.Status.APPROVED:
            Article.objects.filter(pk=self.article_id).update(
                approved_comment_count=F("approved_comment_count") + 1
            )
            self.article.refresh_from_db(fields=["approved_comment_count"])


class CommentReasonFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CommentReason

    comment = factory.SubFactory(CommentFactory, pending=True)
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
