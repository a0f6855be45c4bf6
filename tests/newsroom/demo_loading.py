"""Loading the demo newsroom in tests (tests/newsroom/conftest.py: `demo`)."""

from io import StringIO

from django.contrib.auth import get_user_model
from django.core.management import call_command
from reversion.models import Version

from agencies.models import Agency, Meeting, MeetingAttendance, MeetingParticipant
from articles.models import Article


def load_demo(**options) -> str:
    """Run `manage.py load_demo`; what it printed."""
    out = StringIO()
    call_command("load_demo", stdout=out, **options)
    return out.getvalue()


def counts() -> dict[str, int]:
    """How many of what the demo makes there are: a second load adds none."""
    models = [Agency, Meeting, MeetingParticipant, MeetingAttendance, Article]
    return {m.__name__: m.objects.count() for m in models} | {
        "users": get_user_model().objects.count(),
        "tags": Article.tags.through.objects.count(),
        "revisions": Version.objects.count(),
    }
