"""Storing what linking finds in an article: mentions, quotations and
proposed roles, staff decisions kept.

The linking itself is plain Python (`people.linking`); this module feeds it
the article and the directory, and writes its spans out, one article per
transaction.
"""

import logging
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, fields

from django.conf import settings
from django.db import transaction

from articles.models import Article
from articles.preparing import pages_prepared_at_end
from newsroom import invalidation, page_deps
from people import audit
from people.directory import get_gazetteer
from people.linker_quotes import store_quotes, uses_ner
from people.linking import ner
from people.linking.gazetteer import Gazetteer
from people.linking.normalise import fold_name
from people.linking.pipeline import Found, find_people
from people.linking.spans import AUTO, PENDING, Span, overlaps, reanchor
from people.models import Mention, NameSuggestion, Role

logger = logging.getLogger(__name__)


@dataclass
class LinkResult:
    linked: int = 0
    pending: int = 0
    kept_decisions: int = 0
    unanchored: int = 0
    quotes: int = 0
    # Names found beyond MAX_MENTIONS_PER_ARTICLE, not stored.
    dropped: int = 0

    def add(self, other: "LinkResult") -> None:
        for field in fields(self):
            setattr(
                self, field.name, getattr(self, field.name) + getattr(other, field.name)
            )


def held_roles(article: Article) -> list[tuple[str, int]]:
    """(title, person id) of confirmed roles held at the article's date, a
    pair for each phrase that cites the role (its title, and what else it
    is cited as: 'chef de l'État', its label in the other language)."""
    rows = Role.objects.held_on(article.date).values_list(
        "title", "also_known_as", "person_id"
    )
    return [
        (phrase, person_id)
        for title, also, person_id in rows
        for phrase in [title, *(also or [])]
    ]


def link_articles(
    articles: Iterable[Article],
    *,
    gazetteer: Gazetteer | None = None,
    batch_size: int = 32,
) -> LinkResult:
    """Relink many articles, running the NER model over them in batches."""
    gazetteer = gazetteer or get_gazetteer()
    total = LinkResult()
    batch: list[Article] = []
    with pages_prepared_at_end():
        for article in articles:
            batch.append(article)
            if len(batch) >= batch_size:
                total.add(_link_batch(batch, gazetteer, batch_size))
                batch = []
        if batch:
            total.add(_link_batch(batch, gazetteer, batch_size))
    return total


def _link_batch(
    batch: Sequence[Article], gazetteer: Gazetteer, batch_size: int
) -> LinkResult:
    french = [a for a in batch if uses_ner(a)]
    found = ner.entities([a.body for a in french], batch_size=batch_size)
    by_article = {a.pk: ents for a, ents in zip(french, found, strict=True)}
    total = LinkResult()
    for article in batch:
        total.add(
            link_article(
                article=article,
                gazetteer=gazetteer,
                entities=by_article.get(article.pk),
            )
        )
    return total


def link_article(
    *,
    article: Article,
    gazetteer: Gazetteer | None = None,
    entities: Sequence[ner.Entity] | None = None,
) -> LinkResult:
    """Find the people in `article` again and store mentions and quotes.

    Staff decisions (confirmed or rejected mentions, names and quotations
    staff marked) are never dropped: each is re-anchored on its surface text
    when the body has moved, kept unanchored when its text is gone (and
    re-anchored if it comes back), and wins over whatever the engine finds at
    the same place. Names nobody in the directory has become pending
    mentions grouped under a `NameSuggestion` (unless staff dismissed that
    name); role appositions become proposed `Role`s.

    Finding the names (the slow part) runs before the article is locked;
    the writes then hold its row, so that a staff decision on the article
    waits for them, and they for it, and neither is lost.
    """
    gazetteer = gazetteer or get_gazetteer()
    found = _find(article, gazetteer, entities)
    with transaction.atomic():
        stored = Article.objects.select_for_update().get(pk=article.pk)
        if _linked_text(stored) != _linked_text(article):
            # Edited since it was read: link the text as it now stands.
            article, found = stored, _find(stored, gazetteer, None)
        return _store(article, found, gazetteer)


def _linked_text(article: Article) -> tuple:
    return (article.title, article.standfirst, article.body, article.date)


def _store(article: Article, found: Found, gazetteer: Gazetteer) -> LinkResult:
    result = LinkResult()
    public = article.status == Article.Status.PUBLISHED
    # Who was quoted before this run: their pages lose the quotations it
    # moves (read only when readers see the article).
    speakers = _speakers(article) if public else set()
    kept, claimed, last_run = _keep_decisions(article, result)
    found_now = _new_mentions(article, found.spans, kept, claimed, result)
    live = _replace(last_run, found_now)
    result.quotes = store_quotes(article, [*kept, *live], gazetteer)
    _record_roles(article, found)
    touched = {m.suggestion_id for m in [*kept, *last_run, *live] if m.suggestion_id}
    NameSuggestion.objects.filter(pk__in=touched).settle()
    # Bulk writes send no model signals: the pages this run may change (a
    # draft's names are on no public page but its own preview).
    tags = [page_deps.article(article.pk)]
    if public:
        named = {m.person_id for m in [*kept, *last_run, *live]} | speakers
        named |= _speakers(article)
        tags += [
            *invalidation.people_tags(named, [article.pk]),
            *page_deps.naming(named),
        ]
    page_deps.touch_on_commit(*tags)
    return result


def _speakers(article: Article) -> set[int | None]:
    return set(article.quotes.values_list("speaker_id", flat=True))


def _find(
    article: Article, gazetteer: Gazetteer, entities: Sequence[ner.Entity] | None
) -> Found:
    if entities is None and uses_ner(article):
        entities = ner.entities([article.body])[0]
    return find_people(
        article.body,
        gazetteer,
        context=f"{article.title}\n{article.standfirst}",
        entities=entities,
        held_roles=held_roles(article),
    )


def _keep_decisions(
    article: Article, result: LinkResult
) -> tuple[list[Mention], list[tuple[int, int]], list[Mention]]:
    """Re-anchor staff decisions on the body as it now stands; the
    decisions, the stretches they hold, and the last run's other mentions."""
    existing = list(Mention.objects.filter(article=article).order_by("start", "pk"))
    decided = [m for m in existing if m.is_kept()]
    claimed: list[tuple[int, int]] = []
    for mention in sorted(decided, key=lambda m: (not m.is_anchored, m.start)):
        start = reanchor(article.body, mention.text, mention.start, claimed)
        if start is None:
            mention.is_anchored = False
            result.unanchored += 1
        else:
            mention.start, mention.end = start, start + len(mention.text)
            mention.is_anchored = True
            claimed.append((mention.start, mention.end))
        result.kept_decisions += 1
    Mention.objects.bulk_update(decided, ["start", "end", "is_anchored"])
    return decided, claimed, [m for m in existing if not m.is_kept()]


def _new_mentions(
    article: Article,
    spans: Sequence[Span],
    decided: Sequence[Mention],
    claimed: Sequence[tuple[int, int]],
    result: LinkResult,
) -> list[Mention]:
    """What the engine found where no decision stands (unsaved), unknown
    names grouped under their suggestion (none for names staff dismissed)."""
    spans = _without_overruled_antecedents(spans, decided)
    spans = [s for s in spans if not overlaps(s.start, s.end, claimed)]
    room = max(0, settings.MAX_MENTIONS_PER_ARTICLE - len(decided))
    if len(spans) > room:
        result.dropped = len(spans) - room
        logger.warning(
            "%s: %d names beyond the %d mentions an article keeps, not stored",
            article.slug,
            result.dropped,
            settings.MAX_MENTIONS_PER_ARTICLE,
        )
        spans = spans[:room]
    suggestions = _suggestions([s.name for s in spans if s.name])
    new = []
    for span in spans:
        suggestion = suggestions.get(fold_name(span.name)) if span.name else None
        if suggestion and suggestion.status == NameSuggestion.Status.DISMISSED:
            continue  # staff said this name is not a person to follow
        person_id = span.person_id or (suggestion.person_id if suggestion else None)
        new.append(
            Mention(
                article=article,
                person_id=person_id,
                suggestion=suggestion,
                start=span.start,
                end=span.end,
                text=span.text,
                status=span.status,
                method=span.method,
                candidates=list(span.candidates),
            )
        )
        if span.status == AUTO:
            result.linked += 1
        else:
            result.pending += 1
    return new


def _same(mention: Mention) -> tuple:
    return (
        mention.text,
        mention.person_id,
        mention.status,
        mention.method,
        mention.suggestion_id,
        tuple(mention.candidates),
    )


def _replace(last_run: Sequence[Mention], found: Sequence[Mention]) -> list[Mention]:
    """Write this run's mentions over the last run's. One found again (same
    words, person and status) keeps its row, moved if the text moved, so
    that its id holds while staff review; the others go and the new ones
    come, each recorded as the linker's doing."""
    waiting: dict[tuple, list[Mention]] = defaultdict(list)
    for mention in last_run:
        waiting[_same(mention)].append(mention)
    live, moved, added = [], [], []
    for mention in found:
        bucket = waiting.get(_same(mention))
        if not bucket:
            added.append(mention)
            continue
        prior = bucket.pop(0)
        if (prior.start, prior.end) != (mention.start, mention.end):
            prior.start, prior.end = mention.start, mention.end
            moved.append(prior)
        live.append(prior)
    removed = [m for bucket in waiting.values() for m in bucket]
    Mention.objects.filter(pk__in=[m.pk for m in removed]).delete()
    Mention.objects.bulk_update(moved, ["start", "end"])
    Mention.objects.bulk_create(added)
    audit.linker_changes(removed=removed, added=added)
    return live + added


# Short forms the engine resolves against a person named in full in the
# same article ("Koné", "Mme Koné" after "Aïssata Koné").
_DERIVED = ("surname", "honorific")


def _without_overruled_antecedents(
    spans: Sequence[Span], decided: Sequence[Mention]
) -> list[Span]:
    """Short forms of a person whose full name staff overruled in this
    article (rejected, or gave to someone else), with nothing left naming
    them (no other full name, no confirmed mention), go to review instead of
    linking: they stood on that name.
    """
    anchored = [m for m in decided if m.is_anchored]
    overruled = {
        m.person_id
        for m in anchored
        if m.status == Mention.Status.REJECTED and m.person_id
    }
    named = {m.person_id for m in anchored if m.status == Mention.Status.CONFIRMED}
    for span in spans:
        if span.person_id is None or span.method in _DERIVED:
            continue
        decisions = [m for m in anchored if overlaps(m.start, m.end, [span.bounds])]
        if not decisions:
            named.add(span.person_id)
        elif all(
            m.status == Mention.Status.REJECTED or m.person_id != span.person_id
            for m in decisions
        ):
            overruled.add(span.person_id)
    doubtful = overruled - named
    if not doubtful:
        return list(spans)
    return [
        Span(s.start, s.end, s.text, None, PENDING, s.method, (s.person_id,))
        if s.method in _DERIVED and s.person_id in doubtful
        else s
        for s in spans
    ]


def _suggestions(names: Sequence[str]) -> dict[str, NameSuggestion]:
    """The suggestion for each unknown name, created when new, by folded key."""
    by_key = {fold_name(name): name for name in names}
    if not by_key:
        return {}
    existing = {s.key: s for s in NameSuggestion.objects.filter(key__in=by_key)}
    for key, name in by_key.items():
        if key not in existing:
            existing[key], _ = NameSuggestion.objects.get_or_create(
                key=key, defaults={"name": name}
            )
    return existing


def _record_roles(article: Article, found: Found) -> None:
    """Store each role apposition as a proposed role, dated from the earliest
    article that shows it."""
    for fact in found.roles:
        role = (
            Role.objects.filter(person_id=fact.person_id, title__iexact=fact.title)
            .order_by("pk")
            .first()
        )
        if role is None:
            Role.objects.create(
                person_id=fact.person_id,
                title=fact.title,
                organisation=fact.organisation,
                start_date=article.date,
                article=article,
            )
        elif role.start_date is None or article.date < role.start_date:
            if role.status == Role.Status.PROPOSED:
                role.start_date, role.article = article.date, article
                role.save(update_fields=["start_date", "article"])
