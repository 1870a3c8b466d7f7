"""Import articles: plain text (.txt), JSON Lines (.jsonl), RSS and Atom
feeds (.xml, .rss, .atom) and IPTC ninjs (.json).

Each article is imported in its own transaction and linked there, so a bad
article never blocks the others and never stays half-written. Re-running the
same import changes nothing, so an interrupted run can simply be started
again. Errors name the file and line; the exit status is non-zero when any
input failed. Progress (count, rate, time left) goes to standard error.
"""

from contextlib import nullcontext

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from articles.ingest.loader import ImportOptions
from articles.ingest.runner import run_import
from articles.models import Article


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
        def progress(p: dict) -> None:
            if options["verbosity"] < 1:
                return
            left = p["seconds_left"]
            eta = (
                f", about {int(left) // 60:02d}:{int(left) % 60:02d} left"
                if left
                else ""
            )
            self.stderr.write(
                f"progress: {p['articles']} articles, {p['files_done']}/{p['files']} "
                f"files, {p['rate']:.1f}/s{eta}"
            )

        # Only a dry run is one transaction (rolled back); a real run commits
        # article by article, so an interruption keeps what was done.
        scope = transaction.atomic() if options["dry_run"] else nullcontext()
        try:
            with scope:
                report = run_import(
                    options["paths"],
                    options=ImportOptions(
                        status=options["status"],
                        source=options["source"],
                        photos=not options["dry_run"],
                    ),
                    progress=progress,
                )
                if options["dry_run"]:
                    transaction.set_rollback(True)
        except KeyboardInterrupt:
            raise CommandError(
                "interrupted: what was imported is kept; run the same command "
                "again to continue (nothing is duplicated)",
                returncode=130,
            ) from None
        self.write_lines(report, options["verbosity"])
        summary = report.summary()
        if options["dry_run"]:
            summary += " (dry run: nothing saved)"
        self.stdout.write(summary)
        if report.failed:
            raise CommandError(f"{report.failed} input(s) failed; see above")

    def write_lines(self, report, verbosity: int) -> None:
        """Errors and warnings always; created articles from verbosity 1,
        every line from 2."""
        for line in report.lines:
            if line.outcome in ("failed", "warning"):
                label = "error" if line.outcome == "failed" else "warning"
                self.stderr.write(f"{label}: {line.what}: {line.detail}")
            elif verbosity >= 2 or (line.outcome == "created" and verbosity >= 1):
                self.stdout.write(f"{line.outcome}: {line.what} ({line.detail})")
