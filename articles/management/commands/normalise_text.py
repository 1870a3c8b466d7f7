"""Normalise the text already stored (see newsroom/text.py).

Rows saved before the normalisation existed may hold Windows line breaks,
characters XML forbids or zero-width spaces; a save normalises a row, so
this saves those that would change. An article whose text changes is
relinked (mentions and quotations follow the new offsets, staff decisions
kept). Run it once after upgrading; running it again changes nothing.
"""

from django.core.management.base import BaseCommand
from django.db import transaction

from articles.models import Article, Correction, Source, Topic
from newsroom.text import normalise_fields
from people.linker import link_article
from people.models import Alias, Person, Quote, Role

MODELS = [Article, Correction, Source, Topic, Person, Alias, Role, Quote]


class Command(BaseCommand):
    help = __doc__

    def add_arguments(self, parser):
        parser.add_argument("--dry-run", action="store_true")

    def handle(self, *args, **options):
        changed = 0
        for model in MODELS:
            for row in model.objects.order_by("pk").iterator(chunk_size=500):
                if self.normalise(row, dry_run=options["dry_run"]):
                    changed += 1
                    self.stdout.write(f"{model._meta.label} {row.pk}", ending="\n")
        verb = "would change" if options["dry_run"] else "changed"
        self.stdout.write(f"{changed} row(s) {verb}")

    @staticmethod
    def normalise(row, *, dry_run: bool) -> bool:
        before = {f.attname: getattr(row, f.attname) for f in row._meta.fields}
        normalise_fields(row)
        if before == {f.attname: getattr(row, f.attname) for f in row._meta.fields}:
            return False
        if not dry_run:
            with transaction.atomic():
                row.save()
                if isinstance(row, Article):
                    link_article(article=row)
        return True
