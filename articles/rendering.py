"""The article body as HTML paragraphs with linked names, escaped piece by piece."""

from collections.abc import Iterable

from django.utils.html import escape, format_html
from django.utils.safestring import SafeString, mark_safe


def body_paragraphs(body: str, mentions: Iterable) -> list[SafeString]:
    """Split `body` into paragraphs; each linked mention becomes a link.

    Every piece of text is escaped; links are built with format_html, so
    nothing from the article or a name is ever marked safe as it is.
    """
    spans = sorted(
        (m for m in mentions if m.person_id and 0 <= m.start < m.end <= len(body)),
        key=lambda m: m.start,
    )
    paragraphs = []
    i = 0
    for start, end in paragraph_spans(body):
        pieces, pos = [], start
        while i < len(spans) and spans[i].start < start:
            i += 1  # a span outside every paragraph (whitespace): skip it
        while i < len(spans) and spans[i].end <= end:
            mention = spans[i]
            if mention.start >= pos:
                pieces.append(escape(body[pos : mention.start]))
                pieces.append(
                    format_html(
                        '<a class="person-link" href="{}">{}</a>',
                        mention.person.get_absolute_url(),
                        body[mention.start : mention.end],
                    )
                )
                pos = mention.end
            i += 1
        pieces.append(escape(body[pos:end]))
        # Each piece above is escaped or built by format_html.
        paragraphs.append(mark_safe("".join(pieces)))  # noqa: S308
    return paragraphs


def paragraph_spans(body: str) -> list[tuple[int, int]]:
    spans, pos = [], 0
    for block in body.split("\n\n"):
        start, end = pos, pos + len(block)
        pos = end + 2
        # Trim surrounding whitespace without losing the offsets into `body`.
        while start < end and body[start].isspace():
            start += 1
        while end > start and body[end - 1].isspace():
            end -= 1
        if start < end:
            spans.append((start, end))
    return spans
