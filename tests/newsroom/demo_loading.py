"""Loading the demo newsroom in tests (tests/newsroom/conftest.py: `demo`)."""

from io import StringIO

from django.core.management import call_command


def load_demo(**options) -> str:
    """Run `manage.py load_demo`; what it printed."""
    out = StringIO()
    call_command("load_demo", stdout=out, **options)
    return out.getvalue()
