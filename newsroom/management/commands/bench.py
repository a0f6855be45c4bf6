"""Benchmark the public pages: time and SQL queries per page, as figures.

Everything it creates is rolled back at the end, so it can run against any
database, including the demo one.
"""

import statistics
import time
from datetime import timedelta

from django.core.management.base import BaseCommand
from django.db import connection, transaction
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from agencies.models import Agency, Meeting, MeetingSession, Person
from articles.models import Article, Comment, Section
from articles.services.comments import recount_approved


class Rollback(Exception):
    pass


class Command(BaseCommand):
    help = "Time the public pages on generated content (rolled back afterwards)."

    def add_arguments(self, parser):
        parser.add_argument("--articles", type=int, default=2000)
        parser.add_argument("--tags", type=int, default=10, help="tags per article")
        parser.add_argument("--requests", type=int, default=30, help="per page")

    def handle(self, *args, **options):
        try:
            with transaction.atomic():
                pages = self._content(options["articles"], options["tags"])
                self._measure(pages, options["requests"])
                raise Rollback
        except Rollback:
            pass

    def _content(self, count: int, tags_per_article: int) -> dict[str, str]:
        now = timezone.now()
        section = Section.objects.create(name="Bench", slug="bench-section")
        agencies = [
            Agency(
                acronym=f"BA{i}",
                name=f"Bench agency {i}",
                slug=f"bench-ag-{i}",
                country="ID",
            )
            for i in range(tags_per_article)
        ]
        Agency.objects.bulk_create(agencies)
        people = [
            Person(name=f"Bench person {i}", slug=f"bench-person-{i}")
            for i in range(tags_per_article)
        ]
        Person.objects.bulk_create(people)
        meeting = Meeting.objects.create(
            title="Bench meeting", slug="bench-meeting", start=now - timedelta(days=1)
        )
        MeetingSession.objects.bulk_create(
            MeetingSession(meeting=meeting, order=i, title=f"Session {i}")
            for i in range(7)
        )
        body = "Paragraf dengan _emphasis_ dan **tebal**.\n\n" * 30
        Article.objects.bulk_create(
            Article(
                title=f"Bench article {i}",
                slug=f"bench-article-{i}",
                dek="Ringkasan.",
                body=body,
                section=section,
                meeting=meeting,
                status=Article.Status.PUBLISHED,
                published_at=now - timedelta(minutes=i + 1),
            )
            for i in range(count)
        )
        article = Article.objects.get(slug="bench-article-0")
        article.tags.set([f"bench-tag-{i}" for i in range(tags_per_article)])
        article.agencies.set(agencies)
        article.people.set(people)
        discussed = Article.objects.get(slug="bench-article-1")
        Article.objects.filter(pk=discussed.pk).update(comment_policy="post")
        Comment.objects.bulk_create(
            Comment(
                article=discussed,
                author_name=f"Pembaca {i}",
                author_email=f"pembaca{i}@example.org",
                text="Komentar pembaca yang cukup panjang untuk diukur. " * 3,
                status=Comment.Status.APPROVED,
                created_at=now - timedelta(seconds=i),
            )
            for i in range(5000)
        )
        recount_approved([discussed.pk])
        return {
            "home": "/",
            "home page 50": "/?page=50",
            "article": article.get_absolute_url(),
            "5k comments": discussed.get_absolute_url(),
            "section": section.get_absolute_url(),
            "agency": agencies[0].get_absolute_url(),
            "meeting": meeting.get_absolute_url(),
            "meetings": "/meetings/",
        }

    def _measure(self, pages: dict[str, str], requests: int) -> None:
        client = Client(HTTP_HOST="localhost")
        self.stdout.write(
            f"{'page':<14}{'median ms':>10}{'p95 ms':>9}{'queries':>9}{'KB':>7}"
        )
        for name, url in pages.items():
            timings = []
            for _ in range(requests):
                with CaptureQueriesContext(connection) as queries:
                    start = time.perf_counter()
                    response = client.get(url)
                    timings.append((time.perf_counter() - start) * 1000)
                if response.status_code != 200:
                    self.stderr.write(f"{url} answered {response.status_code}")
            timings.sort()
            p95 = timings[max(0, int(len(timings) * 0.95) - 1)]
            self.stdout.write(
                f"{name:<14}{statistics.median(timings):>10.1f}{p95:>9.1f}"
                f"{len(queries):>9}{len(response.content) / 1024:>7.1f}"
            )
