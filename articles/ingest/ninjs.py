"""IPTC ninjs (news in JSON): one object, or a list of objects, per file."""

import datetime
from collections.abc import Iterator
from pathlib import Path

from articles.ingest import IngestError, ParsedArticle, load_json, read_text
from articles.ingest.feed_images import FeedImage
from articles.ingest.html import html_to_paragraphs
from newsroom.text import clean_text


def parse(path: Path) -> Iterator[ParsedArticle | IngestError]:
    try:
        data = load_json(read_text(path), path=path)
    except IngestError as exc:
        yield exc
        return
    items = data if isinstance(data, list) else [data]
    for n, item in enumerate(items, start=1):
        try:
            yield _item(item, n, str(path))
        except IngestError as exc:
            yield exc


def _text(item: dict, key: str) -> str:
    value = item.get(key)
    return value if isinstance(value, str) else ""


def _date(value: str) -> datetime.date | None:
    try:
        return datetime.datetime.fromisoformat(value.replace("Z", "+00:00")).date()
    except ValueError:
        return None


def _item(item, n: int, path: str) -> ParsedArticle:
    where = f"item {n}"
    if not isinstance(item, dict):
        raise IngestError(path, None, f"{where}: not a JSON object")
    headline = " ".join(_text(item, "headline").split())
    if not headline:
        raise IngestError(path, None, f"{where}: missing 'headline'")
    body = _text(item, "body_text") or html_to_paragraphs(_text(item, "body_html"))
    body = "\n\n".join(" ".join(p.split()) for p in body.split("\n\n") if p.strip())
    if not body:
        raise IngestError(path, None, f"{where}: missing 'body_text' or 'body_html'")
    raw_date = _text(item, "firstcreated") or _text(item, "versioncreated")
    date = _date(raw_date) if raw_date else None
    if date is None:
        raise IngestError(
            path, None, f"{where}: missing or invalid 'firstcreated' ({raw_date!r})"
        )
    language = _text(item, "language")[:2].lower()
    source = _text(item, "copyrightholder") or _text(item, "provider") or None
    subjects = item.get("subject") if isinstance(item.get("subject"), list) else []
    return ParsedArticle(
        title=clean_text(headline)[:300],
        body=clean_text(body),
        date=date,
        date_precision="day",
        path=path,
        line=n,
        language=language if language in ("fr", "en") else None,
        standfirst=clean_text(_text(item, "description_text")),
        source=source,
        byline=_text(item, "byline")[:200],
        original_id=(_text(item, "uri") or _text(item, "guid"))[:500],
        topic_names=[
            s["name"] for s in subjects if isinstance(s, dict) and s.get("name")
        ],
        images=pictures(item.get("associations")),
    )


def pictures(associations) -> list[FeedImage]:
    """The pictures among ninjs associations (an object keyed by role in
    ninjs 1, a list in ninjs 2), each at its original or widest rendition."""
    if isinstance(associations, dict):
        associations = list(associations.values())
    if not isinstance(associations, list):
        return []
    found = []
    for assoc in associations:
        if not isinstance(assoc, dict) or _text(assoc, "type") not in ("picture", ""):
            continue
        if url := _picture_url(assoc):
            found.append(
                FeedImage(
                    url=url,
                    caption=_text(assoc, "description_text")
                    or _text(assoc, "body_text")
                    or _text(assoc, "headline"),
                    credit=_text(assoc, "byline") or _text(assoc, "copyrightholder"),
                    alt=_text(assoc, "alt_text") or _text(assoc, "headline"),
                )
            )
    return found


def _picture_url(assoc: dict) -> str:
    renditions = assoc.get("renditions")
    if isinstance(renditions, dict):
        renditions = [
            {"name": name, **r} for name, r in renditions.items() if isinstance(r, dict)
        ]
    if isinstance(renditions, list):
        usable = [r for r in renditions if isinstance(r, dict) and _text(r, "href")]
        original = [r for r in usable if r.get("name") == "original"]
        widest = sorted(usable, key=lambda r: -_number(r.get("width")))
        if chosen := (original or widest):
            return _text(chosen[0], "href")
    href = _text(assoc, "href") or _text(assoc, "uri")
    return href if href.lower().startswith(("http://", "https://")) else ""


def _number(value) -> int:
    return value if isinstance(value, int) else 0
