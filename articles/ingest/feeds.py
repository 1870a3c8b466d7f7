"""RSS and Atom feeds from a file.

The XML is first checked with defusedxml, which refuses entity expansion
(billion laughs) and external entities; only then does feedparser map it.
HTML in entries is reduced to plain paragraphs.
"""

import datetime
from collections.abc import Iterator
from pathlib import Path
from xml.etree.ElementTree import ParseError

import feedparser
from defusedxml import DefusedXmlException
from defusedxml.ElementTree import fromstring

from articles.ingest import IngestError, ParsedArticle, feed_images, read_bytes
from articles.ingest.html import html_to_paragraphs
from newsroom.text import clean_text


def parse(path: Path) -> Iterator[ParsedArticle | IngestError]:
    try:
        data = read_bytes(path)
    except IngestError as exc:
        yield exc
        return
    try:
        root = fromstring(data)
    except DefusedXmlException as exc:
        yield IngestError(path, None, f"refused unsafe XML: {type(exc).__name__}")
        return
    except ParseError as exc:
        line = getattr(exc, "position", (None,))[0]
        yield IngestError(path, line, f"invalid XML: {exc}")
        return
    feed = feedparser.parse(data, sanitize_html=False, resolve_relative_uris=False)
    if not feed.entries:
        yield IngestError(path, None, "no entries in the feed")
        return
    source = feed.feed.get("title") or None
    language = (feed.feed.get("language") or "")[:2].lower() or None
    elements = feed_images.entries(root)
    if len(elements) != len(feed.entries):
        elements = [None] * len(feed.entries)  # cannot pair them: no photos
    pairs = zip(feed.entries, elements, strict=True)
    for n, (entry, element) in enumerate(pairs, start=1):
        try:
            parsed = _entry(
                entry,
                n,
                path=str(path),
                source=source,
                language=language,
                element=element,
            )
        except IngestError as exc:
            yield exc
        else:
            yield parsed


def _entry(entry, n: int, *, path: str, source, language, element) -> ParsedArticle:
    where = f"entry {n}"
    captions = feed_images.media_descriptions(element) if element is not None else set()
    title = " ".join(html_to_paragraphs(entry.get("title", "")).split())
    if not title:
        raise IngestError(path, None, f"{where}: no title")
    content = [
        c
        for c in entry.get("content") or []
        if " ".join(c.get("value", "").split()) not in captions | {""}
    ]
    raw = content[0].get("value", "") if content else entry.get("summary", "")
    body = html_to_paragraphs(raw)
    if not body:
        raise IngestError(path, None, f"{where} ({title[:40]!r}): no body")
    stamp = entry.get("published_parsed") or entry.get("updated_parsed")
    if not stamp:
        raise IngestError(path, None, f"{where} ({title[:40]!r}): no date")
    date = datetime.date(stamp.tm_year, stamp.tm_mon, stamp.tm_mday)
    summary = entry.get("summary", "") if content else ""
    entry_language = (entry.get("language") or "")[:2].lower() or language
    return ParsedArticle(
        title=clean_text(title)[:300],
        body=clean_text(body),
        date=date,
        date_precision="day",
        path=path,
        line=n,
        language=entry_language if entry_language in ("fr", "en") else None,
        standfirst=clean_text(" ".join(html_to_paragraphs(summary).split()))[:1000],
        source=source,
        source_url=_web_link(entry.get("link") or ""),
        byline=(entry.get("author") or "")[:200],
        original_id=(entry.get("id") or entry.get("link") or "")[:500],
        images=feed_images.images_of(element) if element is not None else [],
    )


def _web_link(link: str) -> str:
    """The entry's link when it is a web address. Without a <link>,
    feedparser gives the <guid>, often a URN ('urn:agence:1'): not a link
    for readers, so not kept (the guid is kept as the identifier)."""
    link = link.strip()
    if not link.lower().startswith(("http://", "https://")) or len(link) > 500:
        return ""
    return link
