from django.core.management import call_command
from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils.translation import gettext_noop

from newsroom.demo.loader import DemoLoader, ensure_demo_accounts
from newsroom.history import combine_messages, history_message

DEFAULT_ADDRESS = "127.0.0.1:8000"


def admin_url(address: str) -> str:
    """Where to log in on a development server started with `runserver
    ADDRESS` (`8080`, `127.0.0.1:8080`, `0.0.0.0:8000`, `[::1]:8000`), or
    given as an address (`http://127.0.0.1:8511`: it had printed
    `http://http://…`)."""
    address = address.split("://", 1)[-1].rstrip("/")
    host, _, port = address.rpartition(":")
    host = {"": "127.0.0.1", "0.0.0.0": "127.0.0.1", "[::]": "[::1]"}.get(host, host)
    return f"http://{host}:{port}/admin/"


class Command(BaseCommand):
    help = (
        "Load the demo newsroom (agencies, the 4th JWG meeting, articles) and create "
        "the demo editor, reporter and moderator accounts. Safe to run again."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--address",
            default=DEFAULT_ADDRESS,
            help="the [host:]port the site will be served on, for the log-in "
            f"address this prints (default {DEFAULT_ADDRESS}; `make run` "
            "passes its HOST)",
        )

    def handle(self, *args, **options):
        # The demo staff write the content: accounts first, all in one
        # transaction, so that a failed load leaves no account whose
        # password was never shown.
        with transaction.atomic():
            accounts = ensure_demo_accounts()
            DemoLoader(self.stdout, staff=accounts.users).load()
        # A first revision for everything that has none, so history starts here.
        call_command(
            "createinitialrevisions",
            comment=combine_messages(history_message(gettext_noop("Demo content"))),
            verbosity=0,
        )
        login = admin_url(options["address"])
        self.stdout.write(f"Demo accounts (log in at {login}):")
        for line in accounts.lines:
            self.stdout.write(line)
