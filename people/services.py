"""Writes that span models: linking an article, keeping staff decisions."""

import bisect
import re
import threading
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from django.conf import settings
from django.db import transaction
from django.db.models import Count, Max, Q

from articles.caching import invalidate_pages
from articles.models import Article
from people.linking import ner
from people.linking.gazetteer import SHORT, DirectoryEntry, Gazetteer
from people.linking.normalise import fold_name
from people.linking.pipeline import find_people
from people.linking.quotes import attribute
from people.linking.resolve import AUTO, PENDING, Span
from people.linking.roles import RoleFact
from people.models import (
    Alias,
    Mention,
    NameSuggestion,
    Person,
    PersonMerge,
    Quote,
    Role,
)

_lock = threading.Lock()
_cached: dict[str, object] = {"version": None, "gazetteer": None}


def directory_version() -> tuple:
    """Changes whenever a person or alias is added, edited or removed."""
    people = Person.objects.aggregate(n=Count("id"), t=Max("updated_at"))
    return (people["n"], people["t"], Alias.objects.count())


def build_gazetteer() -> Gazetteer:
    """Build the look-up automata from the whole directory."""
    entries = [
        DirectoryEntry(pk, name)
        for pk, name in Person.objects.values_list("pk", "name")
    ]
    entries += [
        DirectoryEntry(person_id, name, SHORT if kind == Alias.Kind.SHORT else "name")
        for person_id, name, kind in Alias.objects.values_list(
            "person_id", "name", "kind"
        )
    ]
    known = Person.objects.filter(known_by_surname=True).values_list("pk", flat=True)
    genders = Person.objects.exclude(gender="").values_list("pk", "gender")
    return Gazetteer(entries, known_by_surname=known, genders=dict(genders))


def get_gazetteer() -> Gazetteer:
    """The directory automaton, rebuilt only when the directory has changed."""
    version = directory_version()
    with _lock:
        if _cached["version"] != version or _cached["gazetteer"] is None:
            _cached["gazetteer"] = build_gazetteer()
            _cached["version"] = version
        return _cached["gazetteer"]  # type: ignore[return-value]


@dataclass
class LinkResult:
    linked: int = 0
    pending: int = 0
    kept_decisions: int = 0
    unanchored: int = 0
    quotes: int = 0


def _reanchor(
    body: str, mention: Mention, claimed: list[tuple[int, int]]
) -> int | None:
    """Where the decided mention's text now stands in `body`, nearest first."""
    text = mention.text
    if not text:
        return None

    def free(start: int) -> bool:
        end = start + len(text)
        return not any(start < e and s < end for s, e in claimed)

    if body[mention.start : mention.end] == text and free(mention.start):
        return mention.start
    pattern = re.compile(r"(?<!\w)" + re.escape(text) + r"(?!\w)")
    starts = [m.start() for m in pattern.finditer(body) if free(m.start())]
    if not starts:
        return None
    i = bisect.bisect_left(starts, mention.start)
    nearby = starts[max(0, i - 1) : i + 1]
    return min(nearby, key=lambda s: abs(s - mention.start))


def articles_naming(names: Iterable[str]):
    """Articles whose text may contain one of `names` or its short forms.

    A coarse, index-free pre-filter on the longest word of each form,
    folded, in the folded text every article keeps (title, standfirst and
    body; so a directory entry without accents finds an article that has
    them, and the other way round); linking decides what really matches.
    """
    from people.linking.normalise import fold, name_tokens, surname_forms

    words: set[str] = set()
    for name in names:
        for form in [name, *surname_forms(name)]:
            tokens = sorted(name_tokens(form), key=len, reverse=True)
            if tokens and len(tokens[0]) >= 2:
                words.add(tokens[0])
    if not words:
        return Article.objects.none()
    query = Q()
    for word in words:
        query |= Q(search_text__contains=fold(word))
    return Article.objects.filter(query).order_by("pk")


def uses_ner(article: Article) -> bool:
    return settings.NEWSROOM_NER and article.language == Article.Language.FRENCH


def held_roles(article: Article) -> list[tuple[str, int]]:
    """(title, person id) of confirmed roles held at the article's date."""
    return list(Role.objects.held_on(article.date).values_list("title", "person_id"))


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

    def flush() -> None:
        french = [a for a in batch if uses_ner(a)]
        found = ner.entities([a.body for a in french], batch_size=batch_size)
        by_article = {a.pk: ents for a, ents in zip(french, found, strict=True)}
        for article in batch:
            result = link_article(
                article=article,
                gazetteer=gazetteer,
                entities=by_article.get(article.pk),
            )
            for field in ("linked", "pending", "kept_decisions", "unanchored"):
                setattr(total, field, getattr(total, field) + getattr(result, field))
            total.quotes += result.quotes
        batch.clear()

    for article in articles:
        batch.append(article)
        if len(batch) >= batch_size:
            flush()
    if batch:
        flush()
    return total


@transaction.atomic
def link_article(
    *,
    article: Article,
    gazetteer: Gazetteer | None = None,
    entities: Sequence[ner.Entity] | None = None,
) -> LinkResult:
    """Find the people in `article` again and store mentions and quotes.

    Staff decisions (confirmed or rejected mentions) are never dropped: each is
    re-anchored on its surface text when the body has moved, kept unanchored
    when its text is gone (and re-anchored if it comes back), and wins over
    whatever the engine finds at the same place. Names nobody in the
    directory has become pending mentions grouped under a `NameSuggestion`
    (unless staff dismissed that name); role appositions become proposed
    `Role`s.
    """
    gazetteer = gazetteer or get_gazetteer()
    body = article.body
    if entities is None and uses_ner(article):
        entities = ner.entities([body])[0]
    found = find_people(
        body,
        gazetteer,
        context=f"{article.title}\n{article.standfirst}",
        entities=entities,
        held_roles=held_roles(article),
    )
    spans = found.spans
    result = LinkResult()

    existing = list(Mention.objects.select_for_update().filter(article=article))
    decided = [m for m in existing if m.is_decided()]
    claimed: list[tuple[int, int]] = []
    for mention in sorted(decided, key=lambda m: (not m.is_anchored, m.start)):
        start = _reanchor(body, mention, claimed)
        if start is None:
            mention.is_anchored = False
            result.unanchored += 1
        else:
            mention.start, mention.end = start, start + len(mention.text)
            mention.is_anchored = True
            claimed.append((mention.start, mention.end))
        result.kept_decisions += 1
    Mention.objects.bulk_update(decided, ["start", "end", "is_anchored"])
    Mention.objects.filter(article=article).exclude(status__in=Mention.DECIDED).delete()

    spans = _without_overruled_antecedents(spans, decided)
    spans = [
        span
        for span in spans
        if not any(span.start < e and s < span.end for s, e in claimed)
    ]
    suggestions = _suggestions([s.name for s in spans if s.name])
    new = []
    for span in spans:
        suggestion = suggestions.get(fold_name(span.name)) if span.name else None
        if (
            suggestion is not None
            and suggestion.status == NameSuggestion.Status.DISMISSED
        ):
            continue  # staff said this name is not a person to follow
        new.append(
            Mention(
                article=article,
                person_id=span.person_id
                or (suggestion.person_id if suggestion else None),
                suggestion=suggestion,
                start=span.start,
                end=span.end,
                text=span.text,
                status=span.status,
                method=span.method,
            )
        )
        if span.status == AUTO:
            result.linked += 1
        else:
            result.pending += 1
    Mention.objects.bulk_create(new)

    # Quotes are attributed from the mentions as they now stand, staff
    # decisions included: a rejected name is nobody's, a confirmed one counts.
    final = [
        Span(m.start, m.end, m.text, m.person_id, m.status, m.method)
        for m in [*decided, *new]
        if m.is_anchored and m.status != Mention.Status.REJECTED
    ]
    final = [
        s if s.status != PENDING else Span(s.start, s.end, s.text, None, PENDING, "")
        for s in final
    ]
    final.sort(key=lambda s: s.start)
    Quote.objects.filter(article=article).delete()
    quotes = [
        Quote(
            article=article,
            speaker_id=q.speaker_id,
            speaker_name=q.speaker_name,
            start=q.start,
            end=q.end,
            text=q.text,
            rule=q.rule,
        )
        for q in attribute(body, final)
    ]
    Quote.objects.bulk_create(quotes)
    result.quotes = len(quotes)
    _record_roles(article, found.roles)
    # Bulk writes send no model signals: make cached pages stale here.
    transaction.on_commit(invalidate_pages)
    return result


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
        decisions = [m for m in anchored if span.start < m.end and m.start < span.end]
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


def _record_roles(article: Article, facts: Sequence[RoleFact]) -> None:
    """Store each role apposition as a proposed role, dated from the earliest
    article that shows it."""
    for fact in facts:
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


def _known_keys(person: Person) -> set[str]:
    return {fold_name(person.name)} | {
        fold_name(name) for name in person.aliases.values_list("name", flat=True)
    }


def alias_add(*, person: Person, name: str) -> Alias | None:
    """Add `name` as an alias unless the person is already known by it.

    A single word is a short form (used once the person is named); more
    words make a full alias found anywhere.
    """
    name = " ".join(name.split())
    if not name or fold_name(name) in _known_keys(person):
        return None
    kind = Alias.Kind.SHORT if len(name.split()) == 1 else Alias.Kind.NAME
    return Alias.objects.create(person=person, name=name, kind=kind)


def relink_after_decisions(article_ids: Iterable[int]) -> None:
    """Once committed, relink the articles whose mentions staff decided on:
    the quotations attributed to a name, and the short forms resolved from
    it ("Koné" after "Aïssata Koné"), follow the decision."""
    from people.tasks import relink_articles

    ids = sorted(set(article_ids))
    if ids:
        transaction.on_commit(lambda: relink_articles.enqueue(ids=ids))


@transaction.atomic
def mentions_decide(*, mentions: Iterable[Mention], status: str, by) -> int:
    """Staff confirm or reject these mentions. A confirmation of an
    automatic link changes nothing readers see: those articles are not
    relinked (and cached pages stay valid)."""
    changed = set()
    count = 0
    for mention in mentions:
        mention.decide(status=status, by=by)
        if mention.shown_changed():
            changed.add(mention.article_id)
        mention.save(update_fields=["status", "decided_by", "decided_at"])
        count += 1
    relink_after_decisions(changed)
    return count


@transaction.atomic
def mentions_link(*, mentions: Iterable[Mention], person: Person, by) -> int:
    """Staff link these mentions to `person` (a confirmed decision)."""
    changed = []
    for mention in mentions:
        mention.decide(status=Mention.Status.CONFIRMED, by=by, person=person)
        changed.append(mention)
    Mention.objects.bulk_update(
        changed, ["status", "person", "decided_by", "decided_at", "method"]
    )
    transaction.on_commit(invalidate_pages)
    relink_after_decisions(m.article_id for m in changed)
    return len(changed)


@transaction.atomic
def suggestion_accept(
    *, suggestion: NameSuggestion, by, person: Person | None = None
) -> Person:
    """Create a person from a suggested name, or link it to an existing one
    (the name becomes an alias); its mentions follow, confirmed."""
    if person is None:
        person = Person.objects.create(name=suggestion.name)
    else:
        alias_add(person=person, name=suggestion.name)
    mentions_link(
        mentions=suggestion.mentions.exclude(status=Mention.Status.REJECTED),
        person=person,
        by=by,
    )
    suggestion.status = NameSuggestion.Status.ACCEPTED
    suggestion.person = person
    suggestion.save(update_fields=["status", "person"])
    return person


@transaction.atomic
def suggestion_dismiss(*, suggestion: NameSuggestion) -> None:
    """Not a person to follow: drop its pending mentions; relinking will not
    suggest the name again."""
    suggestion.mentions.filter(status=Mention.Status.PENDING).delete()
    transaction.on_commit(invalidate_pages)
    suggestion.status = NameSuggestion.Status.DISMISSED
    suggestion.save(update_fields=["status"])


@transaction.atomic
def person_merge(*, keep: Person, merged: Person, by) -> PersonMerge:
    """Merge `merged` into `keep`: mentions, quotes, aliases and roles move,
    the merged name becomes an alias, and the merge is recorded (old links to
    the merged person redirect)."""
    if keep.pk == merged.pk:
        raise ValueError("cannot merge a person into themselves")
    moved = {
        "mentions": Mention.objects.filter(person=merged).update(person=keep),
        "quotes": Quote.objects.filter(speaker=merged).update(speaker=keep),
        "roles": Role.objects.filter(person=merged).update(person=keep),
        "suggestions": NameSuggestion.objects.filter(person=merged).update(person=keep),
    }
    known = _known_keys(keep)
    aliases = 0
    for alias in merged.aliases.all():
        if fold_name(alias.name) in known:
            alias.delete()
        else:
            alias.person = keep
            alias.save()
            known.add(fold_name(alias.name))
            aliases += 1
    if alias_add(person=keep, name=merged.name):
        aliases += 1
    moved["aliases"] = aliases
    for field in ("description", "wikidata_id"):
        if not getattr(keep, field) and getattr(merged, field):
            setattr(keep, field, getattr(merged, field))
    keep.save()
    PersonMerge.objects.filter(kept=merged).update(kept=keep)
    record = PersonMerge.objects.create(
        kept=keep,
        merged_name=merged.name,
        merged_slug=merged.slug,
        merged_wikidata_id=merged.wikidata_id,
        moved=moved,
        merged_by=by,
    )
    merged.delete()
    transaction.on_commit(invalidate_pages)
    return record


def context_of(
    body: str, start: int, end: int, width: int = 90
) -> tuple[str, str, str]:
    """The sentence around [start, end): (before, mention, after), trimmed."""
    left = max(body.rfind(c, 0, start) for c in ".!?\n") + 1
    rights = [i for i in (body.find(c, end) for c in ".!?\n") if i != -1]
    right = min(rights) + 1 if rights else len(body)
    before, after = body[left:start].lstrip(), body[end:right]
    if len(before) > width:
        before = "…" + before[-width:]
    if len(after) > width:
        after = after[:width] + "…"
    return before, body[start:end], after
