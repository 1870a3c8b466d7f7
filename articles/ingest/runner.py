"""Running an import over files: every format, progress, a report.

Used by `manage.py import_articles` and the admin upload alike. Each article
is its own transaction; an interrupted run can simply be started again.
"""

import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from django.conf import settings

from articles.ingest import IngestError, ParsedArticle, feeds, jsonl, ninjs, plaintext
from articles.ingest.lead_photos import attach_lead_photo
from articles.ingest.loader import (
    CREATED,
    UNCHANGED,
    ImportOptions,
    import_article,
)
from articles.preparing import pages_prepared_at_end
from people.directory import get_gazetteer
from people.linking.gazetteer import Gazetteer

PARSERS: dict[str, Callable[[Path], Iterable[ParsedArticle | IngestError]]] = {
    ".txt": lambda path: [plaintext.parse(path)],
    ".jsonl": jsonl.parse,
    ".json": ninjs.parse,
    ".xml": feeds.parse,
    ".rss": feeds.parse,
    ".atom": feeds.parse,
}


WARNING = "warning"


@dataclass
class Line:
    outcome: str  # created, unchanged, failed, warning (the article stays)
    what: str  # article slug, or the location of the error
    detail: str = ""
    article_id: int | None = None


@dataclass
class Report:
    lines: list[Line] = field(default_factory=list)

    def count(self, outcome: str) -> int:
        return sum(1 for line in self.lines if line.outcome == outcome)

    @property
    def created(self) -> int:
        return self.count(CREATED)

    @property
    def unchanged(self) -> int:
        return self.count(UNCHANGED)

    @property
    def failed(self) -> int:
        return self.count("failed")

    @property
    def warnings(self) -> int:
        return self.count(WARNING)

    def summary(self) -> str:
        text = f"{self.created} created, {self.unchanged} unchanged, "
        text += f"{self.failed} failed"
        if self.warnings:
            text += f", {self.warnings} photo(s) not attached"
        return text


def iter_files(paths: Iterable[str | Path]) -> Iterator[Path]:
    """Files named, and supported files inside folders named, in order."""
    for name in paths:
        path = Path(name)
        if path.is_dir():
            for child in sorted(path.rglob("*")):
                if child.is_file() and child.suffix.lower() in PARSERS:
                    yield child
        else:
            yield path


def parse_file(path: Path) -> Iterator[ParsedArticle | IngestError]:
    if not path.exists():
        yield IngestError(path, None, "no such file or folder")
        return
    parser = PARSERS.get(path.suffix.lower())
    if parser is None:
        yield IngestError(path, None, f"unsupported format {path.suffix or '(none)'!r}")
        return
    limit = settings.IMPORT_MAX_ITEMS_PER_FILE
    try:
        for n, item in enumerate(parser(path), start=1):
            if n > limit:
                yield IngestError(
                    path, None, f"more than {limit} articles; the rest was not read"
                )
                return
            yield item
    except IngestError as exc:
        yield exc
    except OSError as exc:
        yield IngestError(path, None, f"cannot read: {exc.strerror or exc}")


class Progress:
    """Figures for `report` (a callable taking a dict) at most every
    `every` seconds while a run goes, and once at the end: articles, files
    done, rate, and the time left by the files done so far."""

    def __init__(self, report: Callable[[dict], None] | None, files: int, every: float):
        self.report, self.files, self.every = report, files, every
        self.started = self.last = time.monotonic()

    def tell(self, articles: int, files_done: int, *, final: bool = False) -> None:
        now = time.monotonic()
        if not self.report or (not final and now - self.last < self.every):
            return
        self.last = now
        elapsed = max(now - self.started, 1e-9)
        left = (
            (elapsed / files_done) * (self.files - files_done) if files_done else None
        )
        self.report(
            {
                "articles": articles,
                "files_done": files_done,
                "files": self.files,
                "rate": articles / elapsed,
                "seconds_left": left,
                "final": final,
            }
        )


def run_import(
    paths: Iterable[str | Path],
    *,
    options: ImportOptions = ImportOptions(),  # noqa: B008 - frozen, shared
    progress: Callable[[dict], None] | None = None,
    every: float = 1.0,
) -> Report:
    """Import every article the paths hold; `progress` gets a dict of
    figures at most every `every` seconds, and once at the end."""
    files = list(iter_files(paths))
    report = Report()
    gazetteer = get_gazetteer()
    figures = Progress(progress, len(files), every)
    with pages_prepared_at_end():
        for n, path in enumerate(files, start=1):
            for item in parse_file(path):
                report.lines.extend(_import_one(item, path, options, gazetteer))
                figures.tell(len(report.lines), n - 1)
            figures.tell(len(report.lines), n)
    figures.tell(len(report.lines), len(files), final=True)
    return report


def _import_one(
    item: ParsedArticle | IngestError,
    path: Path,
    options: ImportOptions,
    gazetteer: Gazetteer,
) -> list[Line]:
    """The report line of one parsed article (and a warning when its
    photo is refused), or of the error that stood in its place."""
    try:
        if isinstance(item, IngestError):
            raise item
        outcome, article = import_article(item, options=options, gazetteer=gazetteer)
    except IngestError as exc:
        return [Line("failed", exc.location, exc.message)]
    lines = [Line(outcome, article.slug, str(path), article.pk)]
    try:
        if options.photos:
            attach_lead_photo(article, item, user=options.user)
    except IngestError as exc:
        lines.append(Line(WARNING, exc.location, exc.message, article.pk))
    return lines
