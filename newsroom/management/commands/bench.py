"""Benchmark the public pages: time and SQL queries per page, as figures,
rendered with the page cache off.

Everything it creates is rolled back at the end, so it can run against any
database, including the demo one. The content is written through the
services, by a bench editor and a bench moderator, so that what pages read
of it (search vectors, comment counts) is what the newsroom's own writes
leave; only rows without rules of their own (people, a meeting and its
sessions, the readers' held comments) are bulk-inserted.
"""

import statistics
import time
from datetime import timedelta

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management.base import BaseCommand
from django.db import connection, reset_queries, transaction
from django.test import Client
from django.test.utils import CaptureQueriesContext, override_settings
from django.utils import timezone

from agencies.models import Agency, Meeting, MeetingSession, Person
from agencies.services import agency_save
from articles.models import Article, Comment, Section
from articles.services import article_publish, article_save, comment_moderate


class Rollback(Exception):
    pass


class Command(BaseCommand):
    help = "Time the public pages on generated content (rolled back afterwards)."

    def add_arguments(self, parser):
        parser.add_argument("--articles", type=int, default=2000)
        parser.add_argument("--tags", type=int, default=10, help="tags per article")
        parser.add_argument("--requests", type=int, default=30, help="per page")
        parser.add_argument(
            "--comments", type=int, default=5000, help="on the discussed article"
        )
        parser.add_argument(
            "--sections", type=int, default=5, help="the articles spread over them"
        )

    def handle(self, *args, **options):
        if connection.vendor == "sqlite" and not connection.is_in_memory_db():
            self.stderr.write(
                self.style.WARNING(
                    "This locks the SQLite database for writing until it ends "
                    "(its content is rolled back then): do not run it beside a "
                    "server on the same database (its pages would wait for the "
                    "lock, then fail)."
                )
            )
        try:
            with transaction.atomic():
                pages = self._content(
                    options["articles"],
                    options["tags"],
                    options["comments"],
                    options["sections"],
                )
                if connection.vendor == "postgresql":
                    # Statistics for the planner, as a live database has them.
                    with connection.cursor() as cursor:
                        cursor.execute("ANALYZE")
                self._measure(pages, options["requests"])
                raise Rollback
        except Rollback:
            pass

    def _staff(self, role: str):
        user = get_user_model().objects.create_user(
            username=f"bench-{role.lower()}", is_staff=True
        )
        user.groups.add(Group.objects.get(name=role))
        return user

    def _content(
        self, count: int, tags_per_article: int, comments: int, sections: int = 1
    ) -> dict[str, str]:
        now = timezone.now()
        editor, moderator = self._staff("Editor"), self._staff("Moderator")
        all_sections = [
            Section.objects.create(
                name=f"Bench {i}", slug=f"bench-section-{i}" if i else "bench-section"
            )
            for i in range(max(1, sections))
        ]
        section = all_sections[0]
        agencies = [
            agency_save(
                agency=Agency(
                    acronym=f"BA{i}",
                    name=f"Bench agency {i}",
                    slug=f"bench-ag-{i}",
                    country="ID",
                ),
                user=editor,
            )
            for i in range(tags_per_article)
        ]
        people = [
            Person(name=f"Bench person {i}", slug=f"bench-person-{i}")
            for i in range(tags_per_article)
        ]
        Person.objects.bulk_create(people)
        meeting = Meeting.objects.create(
            title="Bench meeting", slug="bench-meeting", start=now - timedelta(days=1)
        )
        # The home page's agenda: meetings to come.
        Meeting.objects.bulk_create(
            Meeting(
                title=f"Bench meeting {i}",
                slug=f"bench-meeting-{i}",
                start=now + timedelta(days=i + 1),
            )
            for i in range(3)
        )
        MeetingSession.objects.bulk_create(
            MeetingSession(meeting=meeting, order=i, title=f"Session {i}")
            for i in range(7)
        )
        body = "Paragraf dengan _emphasis_ dan **tebal**.\n\n" * 30
        # The measured article names tags, agencies and people.
        mentions = {
            "tags": [f"bench-tag-{i}" for i in range(tags_per_article)],
            "agencies": agencies,
            "people": people,
        }
        for i in reversed(range(count)):  # the oldest first, as they came
            article = article_save(
                article=Article(
                    title=f"Bench article {i}",
                    slug=f"bench-article-{i}",
                    dek="Ringkasan.",
                    body=body,
                    section=all_sections[i % len(all_sections)],
                    meeting=meeting,
                    comment_policy="post" if i == 1 else "pre",
                ),
                user=editor,
                **(mentions if i == 0 else {}),
            )
            article_publish(
                article=article, user=editor, at=now - timedelta(minutes=i + 1)
            )
        article = Article.objects.get(slug="bench-article-0")
        discussed = Article.objects.get(slug="bench-article-1")
        # Readers' comments as they wait in the queue; the moderator approves
        # them (which keeps the article's count of approved comments).
        held = Comment.objects.bulk_create(
            Comment(
                article=discussed,
                author_name=f"Pembaca {i}",
                author_email=f"pembaca{i}@example.org",
                text="Komentar pembaca yang cukup panjang untuk diukur. " * 3,
                status=Comment.Status.PENDING,
                created_at=now - timedelta(seconds=i),
            )
            for i in range(comments)
        )
        comment_moderate(comments=held, action="approve", moderator=moderator)
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

    # The pages as rendered, with their SQL queries: a page served from the
    # page cache would time its stored copy, with none.
    @override_settings(NEWSROOM_PAGE_CACHE=False)
    def _measure(self, pages: dict[str, str], requests: int) -> None:
        client = Client(HTTP_HOST="localhost")
        self.stdout.write(
            f"{'page':<14}{'median ms':>10}{'p95 ms':>9}{'queries':>9}{'KB':>7}"
        )
        for name, url in pages.items():
            timings = []
            for _ in range(requests):
                reset_queries()  # the log keeps 9,000: room for this page's
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
