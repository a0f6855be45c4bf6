"""Print the daily digest e-mail of one edition, for a sending service to
take (nothing is sent): `manage.py digest --language id [--date 2022-03-24]
[--format html|txt]`."""

import datetime as dt
from zoneinfo import ZoneInfo

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation

from articles.frontpage import day_top_stories, upcoming_meetings
from newsroom.bilingual import language_codes


def absolute(path: str) -> str:
    return f"{settings.NEWSROOM_SITE_URL}{path}"


class Command(BaseCommand):
    help = (
        "Print the daily digest of an edition (its top stories of the day and "
        "the meetings to come) as an e-mail body, HTML or plain text, with "
        "absolute links. Sends nothing."
    )

    def add_arguments(self, parser):
        parser.add_argument("--language", required=True, choices=language_codes())
        parser.add_argument(
            "--date",
            type=dt.date.fromisoformat,
            help="the digest of this day (YYYY-MM-DD, Jakarta time); default today",
        )
        parser.add_argument("--format", choices=["html", "txt"], default="html")

    def handle(self, *args, language, date, format, **options):
        now = timezone.now()
        day = date or timezone.localdate(now)
        if date:
            zone = ZoneInfo(settings.TIME_ZONE)
            if dt.datetime.combine(date, dt.time.min, tzinfo=zone) > now:
                raise CommandError("No digest of a day still to come.")
            # The day's stories: those of its last 24 hours, up to its last
            # instant (midnight is the next day's).
            now = min(now, dt.datetime.combine(date, dt.time.max, tzinfo=zone))
        with translation.override(language):
            # Most read is counted up to today: a past day's digest goes without.
            stories = day_top_stories(
                language, now, with_most_read=day == timezone.localdate()
            )
            meetings = upcoming_meetings(now)
            context = {
                "site_name": settings.NEWSROOM_NAME,
                "day": day,
                "home_url": absolute(reverse("articles:home")),
                "meetings_url": absolute(reverse("agencies:meeting_list")),
                "stories": [
                    {"article": a, "url": absolute(a.get_absolute_url())}
                    for a in stories
                ],
                "meetings": [
                    {"meeting": m, "url": absolute(m.get_absolute_url())}
                    for m in meetings
                ],
            }
            text = render_to_string(f"email/digest.{format}", context)
        self.stdout.write(text.strip("\n"))
