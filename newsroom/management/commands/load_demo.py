from django.core.management import call_command
from django.core.management.base import BaseCommand

from newsroom.demo import DemoLoader, ensure_demo_accounts


class Command(BaseCommand):
    help = (
        "Load the demo newsroom (agencies, the 4th JWG meeting, articles) and create "
        "the demo editor, reporter and moderator accounts. Safe to run again."
    )

    def handle(self, *args, **options):
        DemoLoader(self.stdout).load()
        # A first revision for everything that has none, so history starts here.
        call_command("createinitialrevisions", comment="Demo content", verbosity=0)
        self.stdout.write("Demo accounts (log in at http://127.0.0.1:8000/admin/):")
        ensure_demo_accounts(self.stdout)
