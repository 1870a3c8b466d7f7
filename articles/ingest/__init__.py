"""Reading articles from files: one parser per format, one loader.

Parsers turn bytes into `ParsedArticle`s or raise `IngestError` naming the file
and line; `loader.import_article` writes one article atomically.
"""

import datetime
import json
from dataclasses import dataclass, field
from pathlib import Path

from django.conf import settings

from newsroom.text import clean_text


class IngestError(Exception):
    """Bad input, located: `path:line: message`."""

    def __init__(self, path: str | Path, line: int | None, message: str) -> None:
        self.path, self.line, self.message = str(path), line, message
        super().__init__(str(self))

    @property
    def location(self) -> str:
        """`path:line`, or the path alone when no line is known."""
        return f"{self.path}:{self.line}" if self.line else self.path

    def __str__(self) -> str:
        return f"{self.location}: {self.message}"


@dataclass
class ParsedArticle:
    title: str
    body: str
    date: datetime.date
    date_precision: str
    path: str
    line: int = 1
    language: str | None = None
    standfirst: str = ""
    slug: str | None = None
    status: str | None = None
    source: str | None = None
    source_url: str = ""
    byline: str = ""
    # Author names as an export gives them (else the byline is read).
    authors: list[str] | None = None
    topics: list[str] = field(default_factory=list)
    # Topics by name (feeds, ninjs subjects): created when new.
    topic_names: list[str] = field(default_factory=list)
    # The source's own identifier: re-imports match on it.
    original_id: str = ""
    # From an export: mentions and quotes as they were, decisions included.
    mentions: list[dict] | None = None
    quotes: list[dict] | None = None
    # Photos the input names (feed enclosures, ninjs associations): the
    # first becomes the lead photo, fetched after the article is stored.
    images: list = field(default_factory=list)


def read_bytes(path: Path) -> bytes:
    """A file's bytes, refused unread when over IMPORT_MAX_FILE_BYTES."""
    size, limit = path.stat().st_size, settings.IMPORT_MAX_FILE_BYTES
    if size > limit:
        raise IngestError(
            path,
            None,
            f"file is {size / 2**20:.1f} MB, over the {limit / 2**20:.1f} MB limit",
        )
    return path.read_bytes()


def read_text(path: Path) -> str:
    """Read a UTF-8 file; a decoding error names the line where it happens."""
    data = read_bytes(path)
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        raise IngestError(
            path, line, f"not valid UTF-8 (byte {exc.start}): {exc.reason}"
        ) from None
    return clean_text(text)


def load_json(text: str, *, path: str | Path, line_no: int | None = None):
    """Parse JSON; any way it fails (bad syntax, nesting too deep for
    Python) is an IngestError at its line."""
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        line = line_no or exc.lineno
        raise IngestError(
            path, line, f"invalid JSON at column {exc.colno}: {exc.msg}"
        ) from None
    except RecursionError:
        raise IngestError(path, line_no, "invalid JSON: nested too deeply") from None
