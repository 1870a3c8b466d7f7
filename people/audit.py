"""The audit trail of decisions on mentions and quotations: who (a staff
member, or the linker), when, what, and from which state to which.

States are written out in words ("confirmed: Aïssata Koné") rather than
kept as keys: the people and rows they name may be merged or rewritten
later, and the trail must still read as it happened.
"""

from collections.abc import Iterable

from people.models import Decision, Mention, Person, Quote


def mention_state(mention: Mention | None, names: dict[int, str] | None = None) -> str:
    """A mention's status and person, as the trail shows it (`names`: the
    people's names by id, when already at hand)."""
    if mention is None:
        return ""
    if not mention.person_id:
        return mention.status
    person = names[mention.person_id] if names else mention.person.name
    return f"{mention.status}: {person}"


def quote_state(quote: Quote | None) -> str:
    if quote is None:
        return ""
    if quote.speaker_id:
        return f"speaker: {quote.speaker.name}"
    return f"speaker: {quote.speaker_name}" if quote.speaker_name else "speaker: —"


def mention_decision(
    mention: Mention, before: str, *, by, names: dict[int, str] | None = None
) -> Decision:
    """An unsaved row: `mention` went from `before` to its current state."""
    return Decision(
        article_id=mention.article_id,
        subject=Decision.Subject.MENTION,
        mention=mention if mention.pk else None,
        text=mention.text[:300],
        start=mention.start,
        end=mention.end,
        before=before,
        after=mention_state(mention, names),
        by=by,
        by_linker=by is None,
    )


def quote_decision(quote: Quote, before: str, *, by) -> Decision:
    return Decision(
        article_id=quote.article_id,
        subject=Decision.Subject.QUOTE,
        text=quote.text[:300],
        start=quote.start,
        end=quote.end,
        before=before,
        after=quote_state(quote),
        by=by,
        by_linker=by is None,
    )


def linker_changes(*, removed: Iterable[Mention], added: Iterable[Mention]) -> int:
    """Record what a linking run took away and put in (by the linker)."""
    added, removed = list(added), list(removed)
    ids = {m.person_id for m in [*added, *removed] if m.person_id}
    names = dict(Person.objects.filter(pk__in=ids).values_list("pk", "name"))
    rows = [mention_decision(m, "", by=None, names=names) for m in added]
    for mention in removed:
        before = mention_state(mention, names)
        row = mention_decision(mention, before, by=None, names=names)
        row.mention, row.after = None, "removed"
        rows.append(row)
    Decision.objects.bulk_create(rows)
    return len(rows)
