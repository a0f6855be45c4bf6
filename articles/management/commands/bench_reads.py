"""How much counting reads costs a story's page (articles/reads.py)."""

import statistics
import time
from datetime import timedelta

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import connection, transaction
from django.test import Client, RequestFactory

from articles import reads
from articles.models import Article

BROWSER = (
    "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 "
    "(KHTML, like Gecko) Chrome/126.0 Safari/537.36"
)


class Command(BaseCommand):
    help = (
        "Time a published story's page with read counting on and off, one "
        "read's counting alone, and one batch written to DailyReads. Runs on "
        "the configured database and rolls back whatever it wrote."
    )

    def add_arguments(self, parser):
        parser.add_argument("--requests", type=int, default=200)
        parser.add_argument(
            "--batch",
            type=int,
            default=500,
            help="Rows (story and day) in the timed batch (default 500).",
        )

    def handle(self, *args, requests: int, batch: int, **options):
        article = Article.objects.published().latest_first().first()
        if article is None:
            raise CommandError("No published story: load_demo first.")
        self.stdout.write(
            f"{connection.vendor}, story {article.get_absolute_url()}, "
            f"{requests} requests each way"
        )
        try:
            with transaction.atomic():
                self.time_pages(article, requests)
                self.time_record_read(article)
                self.time_flush(batch)
                transaction.set_rollback(True)
        finally:
            reads.ENABLED = True
            reads._take_pending()

    def time_pages(self, article, requests: int):
        host = next(
            (h for h in settings.ALLOWED_HOSTS if h not in ("*", "") and "." in h),
            "localhost",
        ).lstrip(".")
        client = Client(HTTP_HOST=host, HTTP_USER_AGENT=BROWSER)
        url = article.get_absolute_url()
        for _ in range(20):  # warm up: templates, caches, connections
            client.get(url)
        times = {True: [], False: []}
        for i in range(2 * requests):
            counting = i % 2 == 0  # interleaved, so drift hits both alike
            reads.ENABLED = counting
            start = time.perf_counter()
            response = client.get(url)
            times[counting].append(time.perf_counter() - start)
            if response.status_code != 200:
                raise CommandError(f"{url} answered {response.status_code}")
        reads.ENABLED = True
        for counting, label in ((False, "off"), (True, "on ")):
            ms = sorted(t * 1000 for t in times[counting])
            self.stdout.write(
                f"page, counting {label}: median {statistics.median(ms):.2f} ms, "
                f"p90 {ms[int(len(ms) * 0.9)]:.2f} ms"
            )

    def time_record_read(self, article):
        request = RequestFactory().get("/", HTTP_USER_AGENT=BROWSER)
        rounds = 20000
        start = time.perf_counter()
        for _ in range(rounds):
            reads.record_read(request, article)
        each = (time.perf_counter() - start) / rounds
        reads._take_pending()
        self.stdout.write(f"record_read alone: {each * 1e6:.2f} µs a read")

    def time_flush(self, rows: int):
        ids = list(Article.objects.values_list("pk", flat=True)[:rows])
        days = -(-rows // len(ids))  # enough days to make `rows` rows
        today = reads.today()
        keys = [(pk, today - timedelta(day)) for day in range(days) for pk in ids]
        for label in ("new rows", "adding to stored rows"):
            for key in keys[:rows]:
                reads._pending[key] += 3
            start = time.perf_counter()
            written = reads.flush_reads()
            elapsed = time.perf_counter() - start
            self.stdout.write(
                f"one batch of {min(rows, len(keys))} rows, {written} reads "
                f"({label}): {elapsed * 1000:.1f} ms"
            )
