"""Import or update people from a CSV file, or from Wikidata.

CSV columns: name, aliases, description, and optionally slug, wikidata,
gender ('f' or 'm', to tell apart namesakes cited as 'Mme X' or 'M. X') and
known_by_surname (1/yes: the surname alone links, as sports and politics
reports write it). Aliases are separated by '|'. Rows are upserted by slug;
aliases are added, never removed, so nothing staff added is lost.

With --wikidata FILE: the entities of a Wikidata dump or Special:EntityData
file (.json, .json.gz, .json.bz2), streamed: humans, with labels, aliases,
description, gender and positions held as dated roles. --position,
--country, --alive and --ids choose whom. A re-import keeps what staff
changed by hand and says so.

A bad row or entity is reported with its line number; the rest imports.
"""

import csv
import sys
from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils.text import slugify

from newsroom.text import first_error
from people.models import Alias, Person
from people.wikidata_import import Selection, import_wikidata

REQUIRED = {"name", "aliases", "description"}
TRUE = {"1", "yes", "true", "oui", "x"}


class Command(BaseCommand):
    help = __doc__

    def add_arguments(self, parser):
        parser.add_argument("file", nargs="?", help="CSV file")
        parser.add_argument("--wikidata", metavar="FILE", help="Wikidata JSON")
        parser.add_argument("--position", action="append", default=[])
        parser.add_argument("--country", action="append", default=[])
        parser.add_argument("--alive", action="store_true")
        parser.add_argument("--ids", default="", help="Q-ids, comma-separated")
        parser.add_argument("--dry-run", action="store_true")

    def handle(self, *args, **options):
        if bool(options["file"]) == bool(options["wikidata"]):
            raise CommandError("give a CSV file or --wikidata FILE (one of them)")
        with transaction.atomic():
            if options["wikidata"]:
                failed = self.wikidata(options)
            else:
                failed = self.csv(Path(options["file"]))
            if options["dry_run"]:
                transaction.set_rollback(True)
        if failed:
            raise CommandError(f"{failed} input(s) failed; see above")

    def wikidata(self, options) -> int:
        path = Path(options["wikidata"])
        if not path.is_file():
            raise CommandError(f"{path}: no such file")
        selection = Selection(
            positions=frozenset(options["position"]),
            countries=frozenset(options["country"]),
            alive=options["alive"],
            ids=frozenset(q.strip() for q in options["ids"].split(",") if q.strip()),
        )
        report = import_wikidata(path, selection=selection, progress=self.progress)
        for error in report.errors:
            self.stderr.write(f"error: {error}")
        for conflict in report.conflicts:
            self.stdout.write(f"kept: {conflict}")
        self.stdout.write(report.summary())
        return report.failed

    def progress(self, figures: dict) -> None:
        left = figures["seconds_left"]
        eta = f", about {int(left) // 60:02d}:{int(left) % 60:02d} left" if left else ""
        print(
            f"progress: {figures['entities']} entities, {figures['rate']:.0f}/s{eta}",
            file=sys.stderr,
        )

    def csv(self, path: Path) -> int:
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
        for row in reader:
            line = reader.line_num
            row = {(k or "").strip().lower(): (v or "").strip() for k, v in row.items()}
            try:
                with transaction.atomic():
                    was_created = upsert_row(row)
            except ValueError as exc:
                failed += 1
                self.stderr.write(f"error: {path}:{line}: {exc}")
                continue
            created += was_created
            updated += not was_created
        self.stdout.write(f"{created} created, {updated} updated, {failed} failed")
        return failed


def upsert_row(row: dict) -> bool:
    """One CSV row, upserted by slug (given, or made from the name) and
    checked by the model's own rules; whether it was new."""
    slug = row.get("slug") or slugify(row.get("name", ""))
    person = Person.objects.filter(slug=slug).first() or Person(slug=slug)
    created = person.pk is None
    person.name = row.get("name", "")
    person.description = row.get("description", "")
    if row.get("wikidata"):
        person.wikidata_id = row["wikidata"]
    if row.get("gender"):
        person.gender = row["gender"].lower()
    if row.get("known_by_surname"):
        person.known_by_surname = row["known_by_surname"].lower() in TRUE
    aliases = [" ".join(a.split()) for a in row.get("aliases", "").split("|")]
    aliases = [a for a in aliases if a and a != person.name]
    try:
        person.full_clean()
        for alias in aliases:
            Alias(person=person, name=alias).full_clean(exclude=["person"])
    except ValidationError as exc:
        raise ValueError(first_error(exc)) from None
    person.save()
    for alias in aliases:
        Alias.objects.get_or_create(person=person, name=alias)
    return created
