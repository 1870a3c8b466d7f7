"""Import or update people from a CSV file.

Columns: name, aliases, description, and optionally slug, wikidata and
gender ('f' or 'm', to tell apart namesakes cited as 'Mme X' or 'M. X').
Aliases are separated by '|'. Rows are upserted by slug (a given slug is
kept; otherwise the slug is made from the name), aliases are added, never
removed, so nothing staff added in the admin is lost. A bad row is reported
with its line number and the others still import.
"""

import csv
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils.text import slugify

from people.models import Alias, Person

REQUIRED = {"name", "aliases", "description"}


class Command(BaseCommand):
    help = __doc__

    def add_arguments(self, parser):
        parser.add_argument("file", help="CSV file")
        parser.add_argument("--dry-run", action="store_true")

    def handle(self, *args, **options):
        path = Path(options["file"])
        try:
            text = path.read_text(encoding="utf-8-sig")
        except (OSError, UnicodeDecodeError) as exc:
            raise CommandError(f"{path}: cannot read: {exc}") from None
        reader = csv.DictReader(text.splitlines())
        columns = {c.strip().lower() for c in reader.fieldnames or []}
        if missing := REQUIRED - columns:
            raise CommandError(
                f"{path}:1: missing column(s): {', '.join(sorted(missing))}"
            )
        created = updated = failed = 0
        with transaction.atomic():
            for row in reader:
                line = reader.line_num
                row = {
                    (k or "").strip().lower(): (v or "").strip() for k, v in row.items()
                }
                try:
                    with transaction.atomic():
                        was_created = self.upsert(row)
                except ValueError as exc:
                    failed += 1
                    self.stderr.write(f"error: {path}:{line}: {exc}")
                    continue
                created += was_created
                updated += not was_created
            if options["dry_run"]:
                transaction.set_rollback(True)
        self.stdout.write(f"{created} created, {updated} updated, {failed} failed")
        if failed:
            raise CommandError(f"{failed} row(s) failed; see above")

    def upsert(self, row: dict) -> bool:
        name = " ".join(row.get("name", "").split())
        if not name:
            raise ValueError("empty name")
        if len(name) > Person._meta.get_field("name").max_length:
            raise ValueError("name too long")
        slug = row.get("slug") or slugify(name)
        if not slug or slug != slugify(slug):
            raise ValueError(f"invalid slug {slug!r}")
        gender = row.get("gender", "").lower()
        if gender not in Person.Gender.values:
            raise ValueError(f"gender {row['gender']!r}: use f, m or leave it empty")
        person, created = Person.objects.update_or_create(
            slug=slug,
            defaults={
                "name": name,
                "description": row.get("description", ""),
                **({"wikidata_id": row["wikidata"]} if row.get("wikidata") else {}),
                **({"gender": gender} if gender else {}),
            },
        )
        for alias in (a.strip() for a in row.get("aliases", "").split("|")):
            if alias and alias != name:
                Alias.objects.get_or_create(person=person, name=" ".join(alias.split()))
        return created
