from django.core.management.base import BaseCommand
from django.db import connections, router, transaction

from articles.models import Article
from articles.search.index import update_search_vectors


class Command(BaseCommand):
    help = (
        "Recompute the search vectors of every article (PostgreSQL), e.g. after "
        "upgrading, importing rows directly or renaming tags. Safe to repeat."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--batch-size",
            type=int,
            default=500,
            help="Articles per transaction (default 500).",
        )

    def handle(self, *args, batch_size: int, **options):
        database = router.db_for_write(Article)
        if connections[database].vendor != "postgresql":
            self.stdout.write(
                "Nothing to do: only PostgreSQL stores search vectors; this "
                "database is searched directly."
            )
            return
        ids = list(Article.objects.order_by("pk").values_list("pk", flat=True))
        for start in range(0, len(ids), batch_size):
            with transaction.atomic(using=database):
                update_search_vectors(ids[start : start + batch_size])
        self.stdout.write(
            self.style.SUCCESS(f"Updated the search vectors of {len(ids)} articles.")
        )
