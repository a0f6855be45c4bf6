import datetime as dt

import factory
from django.utils import timezone

from articles.models import Article, Section


class SectionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Section

    name = factory.Sequence(lambda n: f"Section {n}")
    slug = factory.Sequence(lambda n: f"section-{n}")


class ArticleFactory(factory.django.DjangoModelFactory):
    """A published article from an hour ago; use status=DRAFT for drafts."""

    class Meta:
        model = Article
        skip_postgeneration_save = True

    title = factory.Sequence(lambda n: f"Article {n}")
    slug = factory.Sequence(lambda n: f"article-{n}")
    body = "A short report."
    section = factory.SubFactory(SectionFactory)
    status = Article.Status.PUBLISHED
    published_at = factory.LazyFunction(lambda: timezone.now() - dt.timedelta(hours=1))

    class Params:
        draft = factory.Trait(status=Article.Status.DRAFT, published_at=None)

    @factory.post_generation
    def tags(self, create, extracted, **kwargs):
        if create and extracted:
            self.tags.add(*extracted)

    @factory.post_generation
    def agencies(self, create, extracted, **kwargs):
        if create and extracted:
            self.agencies.add(*extracted)

    @factory.post_generation
    def people(self, create, extracted, **kwargs):
        if create and extracted:
            self.people.add(*extracted)
