import factory
from django.db.models import F

from articles.models import Article, Comment
from tests.articles.factories import ArticleFactory


class CommentFactory(factory.django.DjangoModelFactory):
    """An approved guest comment; pass `parent=` for a reply (article, root and
    depth follow the parent) and `status=` for anything else.

    Like the services, it keeps `Article.approved_comment_count` in step, so the
    article page shows what a test creates.
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
    ip_address = "203.0.113.7"
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
