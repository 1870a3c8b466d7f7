"""Load the demo newsroom (people, articles published, their sources,
authors, topics, photos, roles, a correction, a scheduled article) and create the
`admin` account with a fresh random password, printed once.

Safe to run again: imports are idempotent, and the admin password is reset.
"""

import secrets
from pathlib import Path

from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.core.management.base import BaseCommand

from articles.demo import load_extras

DEMO = Path(__file__).resolve().parents[2] / "fixtures" / "demo"


class Command(BaseCommand):
    help = __doc__

    def add_arguments(self, parser):
        parser.add_argument("--no-admin", action="store_true")

    def handle(self, *args, **options):
        call_command("import_people", str(DEMO / "people.csv"), stdout=self.stdout)
        call_command(
            "import_articles",
            str(DEMO / "articles"),
            status="published",
            stdout=self.stdout,
            verbosity=0,
        )
        load_extras(DEMO / "newsroom.json", self.stdout)
        if options["no_admin"]:
            return
        password = secrets.token_urlsafe(12)
        user, _ = get_user_model().objects.get_or_create(username="admin")
        user.is_staff = user.is_superuser = True
        user.set_password(password)
        user.save()
        self.stdout.write(
            self.style.SUCCESS(
                f"Admin account: admin / {password}  (http://127.0.0.1:8000/admin/)"
            )
        )
