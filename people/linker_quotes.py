"""Storing an article's quotations: attributed by the rules from its
mentions as they stand, with those staff marked or gave a speaker kept."""

from collections.abc import Sequence

from django.conf import settings
from django.db import models

from articles.models import Article
from people.linking.gazetteer import Gazetteer
from people.linking.quotes import attribute
from people.linking.spans import PENDING, Span, overlaps, reanchor
from people.models import Mention, Quote


def uses_ner(article: Article) -> bool:
    """Whether the French model (entities, and the parse for quotations)
    reads this article."""
    return settings.NEWSROOM_NER and article.language == Article.Language.FRENCH


def store_quotes(
    article: Article, mentions: Sequence[Mention], gazetteer: Gazetteer
) -> int:
    """Attribute the quotations from the mentions as they now stand, staff
    decisions included: a rejected name is nobody's, a confirmed one counts;
    a pending one is a name, not yet a person. Quotations staff marked or
    gave a speaker stay as they are (moved with their words) and win over
    what the rules find at the same place."""
    spans = sorted(
        (
            Span(
                m.start,
                m.end,
                m.text,
                None if m.status == PENDING else m.person_id,
                m.status,
                "" if m.status == PENDING else m.method,
            )
            for m in mentions
            if m.is_anchored and m.status != Mention.Status.REJECTED
        ),
        key=lambda s: s.start,
    )
    claimed = _keep_staff_quotes(article)
    quotes = Quote.objects.bulk_create(
        Quote(
            article=article,
            speaker_id=q.speaker_id,
            speaker_name=q.speaker_name,
            start=q.start,
            end=q.end,
            text=q.text,
            rule=q.rule,
        )
        for q in attribute(
            article.body,
            spans,
            _genders(spans, gazetteer),
            headline=article.title,
            parse=uses_ner(article),
        )
        if not overlaps(q.start, q.end, claimed)
    )
    return len(quotes) + len(claimed)


def _keep_staff_quotes(article: Article) -> list[tuple[int, int]]:
    """Drop the last run's quotations, re-anchor those staff decided on;
    the stretches these hold. One whose words left the body goes (the
    decision stays in the audit trail)."""
    staff = list(
        Quote.objects.filter(article=article, decided_at__isnull=False).order_by(
            "start"
        )
    )
    claimed: list[tuple[int, int]] = []
    for quote in staff:
        start = reanchor(article.body, quote.text, quote.start, claimed)
        if start is not None:
            quote.start, quote.end = start, start + len(quote.text)
            claimed.append((quote.start, quote.end))
    gone = [q.pk for q in staff if (q.start, q.end) not in claimed]
    Quote.objects.filter(article=article).filter(
        models.Q(decided_at__isnull=True) | models.Q(pk__in=gone)
    ).delete()
    Quote.objects.bulk_update([q for q in staff if q.pk not in gone], ["start", "end"])
    return claimed


def _genders(spans: Sequence[Span], gazetteer: Gazetteer) -> dict[int, str]:
    """The directory's 'f' or 'm' of the people named (for pronouns)."""
    ids = {s.person_id for s in spans if s.person_id}
    return {pid: gazetteer.gender(pid) for pid in ids if gazetteer.gender(pid)}
