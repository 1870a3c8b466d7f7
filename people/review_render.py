"""The article body as the review page shows it: the text itself, every
mention a button marked with its status, every quotation marked with its
speaker.

The text is written out whole and unchanged (the page keeps its line breaks
with CSS), so that the characters of the page are the characters of the
body: an offset the browser measures in a selection is an offset in the
body. Statuses and speakers are shown by attributes and CSS, never by text
added to the body.
"""

import json
from collections.abc import Sequence
from dataclasses import dataclass

from django.utils.html import escape, format_html
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from people.linking.spans import overlaps
from people.models import Mention, Person, Quote


@dataclass(frozen=True)
class _Mark:
    start: int
    end: int
    opening: str
    closing: str
    # 0 for a quotation, 1 for a name: a quotation encloses a name that
    # spans it exactly.
    depth: int


def _status_label(mention: Mention) -> str:
    labels = {
        Mention.Status.AUTO: _("linked automatically"),
        Mention.Status.CONFIRMED: _("linked, confirmed"),
        Mention.Status.PENDING: _("pending"),
        Mention.Status.REJECTED: _("rejected"),
    }
    return labels[mention.status]


def _mention_mark(mention: Mention, names: dict[int, Person]) -> _Mark:
    person = names.get(mention.person_id)
    candidates = [
        {"id": pid, "name": names[pid].name}
        for pid in mention.candidates
        if pid in names
    ]
    if person is not None and mention.status == Mention.Status.PENDING:
        candidates = [{"id": person.pk, "name": person.name}] + [
            c for c in candidates if c["id"] != person.pk
        ]
    status = "linked" if mention.status in Mention.LINKED else mention.status
    label = _status_label(mention)
    if person is not None:
        label = f"{label}: {person.name}"
    opening = format_html(
        '<button type="button" class="mention is-{}" data-mention-id="{}" '
        'data-status="{}" data-start="{}" data-end="{}" data-person="{}" '
        'data-person-name="{}" data-candidates="{}" data-suggestion="{}" '
        'aria-describedby="review-help" title="{}">',
        status,
        mention.pk,
        mention.status,
        mention.start,
        mention.end,
        person.slug if person else "",
        person.name if person else "",
        json.dumps(candidates, ensure_ascii=False),
        mention.suggestion_id or "",
        label,
    )
    return _Mark(mention.start, mention.end, opening, "</button>", 1)


def _quote_mark(quote: Quote, names: dict[int, Person]) -> _Mark:
    speaker = names.get(quote.speaker_id)
    said_by = speaker.name if speaker else (quote.speaker_name or "—")
    opening = format_html(
        '<span class="quote" tabindex="0" data-quote-id="{}" data-speaker="{}" '
        'data-speaker-name="{}" data-start="{}" data-end="{}" data-rule="{}" '
        'title="{}">',
        quote.pk,
        speaker.slug if speaker else "",
        said_by,
        quote.start,
        quote.end,
        quote.rule,
        _("Quotation; speaker: %(name)s") % {"name": said_by},
    )
    return _Mark(quote.start, quote.end, opening, "</span>", 0)


def marked_body(
    body: str, mentions: Sequence[Mention], quotes: Sequence[Quote]
) -> SafeString:
    """`body` escaped, with its mentions and quotations marked. A quotation
    that would cut a name in two is left unmarked (never the name)."""
    shown = [m for m in mentions if m.is_anchored and m.end <= len(body)]
    ids = {m.person_id for m in shown} | {q.speaker_id for q in quotes}
    ids |= {pid for m in shown for pid in m.candidates}
    names = Person.objects.in_bulk([pid for pid in ids if pid])
    marks = [_mention_mark(m, names) for m in shown]
    spans = [(m.start, m.end) for m in shown]
    for quote in quotes:
        cut = [s for s in spans if overlaps(s[0], s[1], [(quote.start, quote.end)])]
        if quote.end <= len(body) and all(
            quote.start <= s and e <= quote.end for s, e in cut
        ):
            marks.append(_quote_mark(quote, names))
    return _write(body, marks)


def _write(body: str, marks: Sequence[_Mark]) -> SafeString:
    # Openings sorted so that an enclosing mark (a quotation) opens before
    # what it holds, and closings so that it closes after.
    opens = sorted(marks, key=lambda m: (m.start, -m.end, m.depth))
    closes = sorted(marks, key=lambda m: (m.end, -m.start, -m.depth))
    out, at, i, j = [], 0, 0, 0
    while i < len(opens) or j < len(closes):
        next_open = opens[i].start if i < len(opens) else None
        next_close = closes[j].end
        if next_open is not None and next_open < next_close:
            out.append(escape(body[at:next_open]) + opens[i].opening)
            at, i = next_open, i + 1
        else:
            out.append(escape(body[at:next_close]) + closes[j].closing)
            at, j = next_close, j + 1
    out.append(escape(body[at:]))
    return mark_safe("".join(out))  # noqa: S308 - every piece escaped above
