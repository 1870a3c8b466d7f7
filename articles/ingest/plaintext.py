"""The plain-text exchange format.

    date 2023-01 Headline of the article
    <blank line>
    First paragraph…
    <blank line>
    Second paragraph…

The date may have month precision only; it is kept as such. Lines inside a
paragraph are joined with a space (wire copy is often hard-wrapped).
"""

import re
from pathlib import Path

from articles.dates import parse_date
from articles.ingest import IngestError, ParsedArticle, read_text
from articles.models import Article

_FIRST_LINE = re.compile(r"^[ \t\ufeff]*date[ \t]+(\S+)[ \t]+(.*?)\s*$")
_TITLE_MAX = Article._meta.get_field("title").max_length


def parse(path: Path) -> ParsedArticle:
    text = read_text(path)
    return parse_text(text, path=str(path))


def parse_text(text: str, *, path: str = "<text>") -> ParsedArticle:
    lines = text.split("\n")
    first_index = next((i for i, line in enumerate(lines) if line.strip()), None)
    if first_index is None:
        raise IngestError(path, None, "empty file")
    line_no = first_index + 1
    match = _FIRST_LINE.match(lines[first_index])
    if not match:
        raise IngestError(
            path,
            line_no,
            "first line must be 'date YYYY-MM[-DD] headline', "
            f"got {lines[first_index][:60]!r}",
        )
    try:
        date, precision = parse_date(match.group(1))
    except ValueError as exc:
        raise IngestError(path, line_no, str(exc)) from None
    title = " ".join(match.group(2).split())
    if not title:
        raise IngestError(path, line_no, "missing headline after the date")
    if len(title) > _TITLE_MAX:
        raise IngestError(
            path, line_no, f"headline is {len(title)} characters (max {_TITLE_MAX})"
        )

    paragraphs, current = [], []
    for line in lines[first_index + 1 :]:
        stripped = line.strip(" \t")
        if stripped:
            current.append(stripped)
        elif current:
            paragraphs.append(" ".join(current))
            current = []
    if current:
        paragraphs.append(" ".join(current))
    if not paragraphs:
        raise IngestError(path, line_no + 1, "the article has no body")
    for paragraph in paragraphs:
        if bad := next((c for c in paragraph if ord(c) < 32 and c != "\t"), None):
            raise IngestError(path, None, f"control character {bad!r} in the body")
    return ParsedArticle(
        title=title,
        body="\n\n".join(paragraphs),
        date=date,
        date_precision=precision,
        path=path,
        line=line_no,
    )
