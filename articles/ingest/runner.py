"""Running an import over files: every format, progress, a report.

Used by `manage.py import_articles` and the admin upload alike. Each article
is its own transaction; an interrupted run can simply be started again.
"""

import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from articles.ingest import IngestError, ParsedArticle, feeds, jsonl, ninjs, plaintext
from articles.ingest.loader import CREATED, UNCHANGED, import_article

PARSERS: dict[str, Callable[[Path], Iterable[ParsedArticle | IngestError]]] = {
    ".txt": lambda path: [plaintext.parse(path)],
    ".jsonl": jsonl.parse,
    ".json": ninjs.parse,
    ".xml": feeds.parse,
    ".rss": feeds.parse,
    ".atom": feeds.parse,
}


@dataclass
class Line:
    outcome: str  # created, unchanged, failed
    what: str  # article slug, or the location of the error
    detail: str = ""


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

    def summary(self) -> str:
        return (
            f"{self.created} created, {self.unchanged} unchanged, {self.failed} failed"
        )


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
    try:
        yield from parser(path)
    except IngestError as exc:
        yield exc
    except OSError as exc:
        yield IngestError(path, None, f"cannot read: {exc.strerror or exc}")


def run_import(
    paths: Iterable[str | Path],
    *,
    status: str | None = None,
    source: str | None = None,
    origin: str | None = None,
    user=None,
    progress: Callable[[dict], None] | None = None,
    every: float = 1.0,
) -> Report:
    """Import every article the paths hold; `progress` gets a dict of
    figures at most every `every` seconds, and once at the end."""
    from people.directory import get_gazetteer

    files = list(iter_files(paths))
    report = Report()
    gazetteer = get_gazetteer()
    started = last = time.monotonic()

    def tell(done_files: int, final: bool = False) -> None:
        nonlocal last
        now = time.monotonic()
        if not progress or (not final and now - last < every):
            return
        last = now
        elapsed = max(now - started, 1e-9)
        articles = len(report.lines)
        rate = articles / elapsed
        left = (
            (elapsed / done_files) * (len(files) - done_files) if done_files else None
        )
        progress(
            {
                "articles": articles,
                "files_done": done_files,
                "files": len(files),
                "rate": rate,
                "seconds_left": left,
                "final": final,
            }
        )

    for n, path in enumerate(files, start=1):
        for item in parse_file(path):
            if isinstance(item, IngestError):
                report.lines.append(
                    Line(
                        "failed",
                        f"{item.path}:{item.line or ''}".rstrip(":"),
                        item.message,
                    )
                )
            else:
                try:
                    outcome, article = import_article(
                        item,
                        status=status,
                        source=source,
                        origin=origin,
                        user=user,
                        gazetteer=gazetteer,
                    )
                    report.lines.append(Line(outcome, article.slug, str(path)))
                except IngestError as exc:
                    report.lines.append(
                        Line(
                            "failed",
                            f"{exc.path}:{exc.line or ''}".rstrip(":"),
                            exc.message,
                        )
                    )
            tell(n - 1)
        tell(n)
    tell(len(files), final=True)
    return report
