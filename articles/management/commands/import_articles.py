"""Import articles from plain-text (.txt) and JSON Lines (.jsonl) files.

Each article is imported in its own transaction and linked there, so a bad
article never blocks the others and never stays half-written. Re-running the
same import changes nothing. Errors name the file and line; the command exits
non-zero when any input failed.
"""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from articles.ingest import IngestError, jsonl, plaintext
from articles.ingest.loader import CREATED, import_article
from articles.models import Article
from people.services import get_gazetteer

PARSERS = {".txt": "plaintext", ".jsonl": "jsonl"}


def iter_files(paths: list[str]):
    """Files named, and supported files inside folders named, in order."""
    for name in paths:
        path = Path(name)
        if path.is_dir():
            for child in sorted(path.rglob("*")):
                if child.is_file() and child.suffix.lower() in PARSERS:
                    yield child
        else:
            yield path


class Command(BaseCommand):
    help = __doc__

    def add_arguments(self, parser):
        parser.add_argument("paths", nargs="+", help="files or folders")
        parser.add_argument("--source", help="source name for every article")
        parser.add_argument(
            "--status",
            choices=[Article.Status.DRAFT, Article.Status.PUBLISHED],
            help="status for every article (default: the input's, else draft)",
        )
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help="check and report, then roll everything back",
        )

    def handle(self, *args, **options):
        counts = {"created": 0, "unchanged": 0, "failed": 0}
        gazetteer = get_gazetteer()
        with transaction.atomic():
            for path in iter_files(options["paths"]):
                for item in self.parse(path):
                    if isinstance(item, IngestError):
                        self.fail(item, counts)
                        continue
                    try:
                        outcome, article = import_article(
                            item,
                            status=options["status"],
                            source=options["source"],
                            gazetteer=gazetteer,
                        )
                    except IngestError as exc:
                        self.fail(exc, counts)
                        continue
                    counts[outcome] += 1
                    if options["verbosity"] >= 2 or outcome == CREATED:
                        self.stdout.write(f"{outcome}: {article.slug} ({path})")
            if options["dry_run"]:
                transaction.set_rollback(True)
        summary = "{created} created, {unchanged} unchanged, {failed} failed".format(
            **counts
        )
        if options["dry_run"]:
            summary += " (dry run: nothing saved)"
        self.stdout.write(summary)
        if counts["failed"]:
            raise CommandError(f"{counts['failed']} input(s) failed; see above")

    def parse(self, path: Path):
        if not path.exists():
            yield IngestError(path, None, "no such file or folder")
            return
        kind = PARSERS.get(path.suffix.lower())
        if kind is None:
            yield IngestError(
                path, None, f"unsupported format {path.suffix or '(none)'!r}"
            )
            return
        try:
            if kind == "plaintext":
                yield plaintext.parse(path)
            else:
                yield from jsonl.parse(path)
        except IngestError as exc:
            yield exc
        except OSError as exc:
            yield IngestError(path, None, f"cannot read: {exc.strerror or exc}")

    def fail(self, error: IngestError, counts: dict) -> None:
        counts["failed"] += 1
        self.stderr.write(f"error: {error}")
