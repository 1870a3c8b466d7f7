"""JSON Lines: one article per line, with the field names of the export."""

from collections.abc import Iterator
from pathlib import Path

from articles.dates import parse_date
from articles.ingest import IngestError, ParsedArticle, load_json, read_text
from articles.models import Article
from newsroom.text import clean_text

_REQUIRED = ("title", "body", "date")
# What a mention or quote of an export holds as text.
_SPAN_STRINGS = ("text", "person", "status", "method", "name", "rule")
_STATUSES = set(Article.Status.values)
_LANGUAGES = set(Article.Language.values)


def parse(path: Path) -> Iterator[ParsedArticle | IngestError]:
    """Yield one parsed article, or one located error, per non-blank line."""
    text = read_text(path)
    for line_no, line in enumerate(text.split("\n"), start=1):
        if not line.strip():
            continue
        try:
            yield parse_record(line, path=str(path), line_no=line_no)
        except IngestError as exc:
            yield exc


def _str(record: dict, key: str, path: str, line_no: int) -> str:
    value = record.get(key)
    if value is None:
        return ""
    if not isinstance(value, str):
        raise IngestError(path, line_no, f"field {key!r} must be a string")
    return clean_text(value)


def parse_record(line: str, *, path: str, line_no: int) -> ParsedArticle:
    record = load_json(line, path=path, line_no=line_no)
    if not isinstance(record, dict):
        raise IngestError(path, line_no, "each line must be a JSON object")
    for key in _REQUIRED:
        if not record.get(key):
            raise IngestError(path, line_no, f"missing field {key!r}")
    get = lambda key: _str(record, key, path, line_no)  # noqa: E731
    try:
        date, precision = parse_date(get("date"))
    except ValueError as exc:
        raise IngestError(path, line_no, f"field 'date': {exc}") from None
    status = get("status") or None
    if status and status not in _STATUSES:
        raise IngestError(path, line_no, f"field 'status': unknown value {status!r}")
    language = get("language") or None
    if language and language not in _LANGUAGES:
        raise IngestError(
            path, line_no, f"field 'language': unsupported value {language!r}"
        )
    topics = record.get("topics") or []
    if not isinstance(topics, list) or not all(isinstance(t, str) for t in topics):
        raise IngestError(path, line_no, "field 'topics' must be a list of slugs")
    authors = record.get("authors")
    if authors is not None and not (
        isinstance(authors, list) and all(isinstance(a, str) for a in authors)
    ):
        raise IngestError(path, line_no, "field 'authors' must be a list of names")
    body = get("body")
    mentions = _spans(record, "mentions", body, path, line_no)
    quotes = _spans(record, "quotes", body, path, line_no)
    return ParsedArticle(
        title=" ".join(get("title").split()),
        body=body,
        date=date,
        date_precision=precision,
        path=path,
        line=line_no,
        language=language,
        standfirst=get("standfirst"),
        slug=get("slug") or None,
        status=status,
        source=get("source") or None,
        source_url=get("source_url"),
        byline=get("byline"),
        topics=topics,
        authors=authors,
        mentions=mentions,
        quotes=quotes,
    )


def _spans(
    record: dict, key: str, body: str, path: str, line_no: int
) -> list[dict] | None:
    """Validate offsets: each span must index `body` exactly."""
    if key not in record:
        return None
    items = record[key]
    if not isinstance(items, list):
        raise IngestError(path, line_no, f"field {key!r} must be a list")
    for i, item in enumerate(items):
        where = f"{key}[{i}]"
        if not isinstance(item, dict):
            raise IngestError(path, line_no, f"{where} must be an object")
        for name in _SPAN_STRINGS:
            if item.get(name) is not None and not isinstance(item[name], str):
                raise IngestError(path, line_no, f"{where}.{name} must be a string")
        start, end, text = item.get("start"), item.get("end"), item.get("text")
        if start is None and end is None and key == "mentions":
            continue  # a kept staff decision whose text is no longer in the body
        if not (type(start) is int and type(end) is int):  # not bool either
            raise IngestError(path, line_no, f"{where}: start and end must be integers")
        if not (0 <= start < end <= len(body)) or body[start:end] != text:
            raise IngestError(
                path,
                line_no,
                f"{where}: offsets {start}-{end} do not match its text in the body",
            )
    return items
