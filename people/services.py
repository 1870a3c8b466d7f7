"""Staff decisions and directory writes that span models: deciding on
mentions, accepting or dismissing name suggestions, aliases, merges.

Linking an article (finding and storing its mentions) is `people.linker`;
relinking later is `people.tasks`.
"""

from collections.abc import Iterable

from django.db import transaction

from articles.models import Article
from newsroom import invalidation, page_deps
from newsroom.caching import invalidate_pages
from people import audit
from people.linking.normalise import fold_name
from people.models import (
    Alias,
    Decision,
    Mention,
    NameSuggestion,
    Person,
    PersonMerge,
    Quote,
    Role,
)
from people.tasks import relink_after_decisions


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


def alias_add_from_text(*, person: Person, text: str) -> Alias | None:
    """Add a name as staff saw it written as an alias, unless it is a single
    word and the person is not known by surname alone (a bare surname would
    make every later one this person; once named in full, short forms
    resolve anyway)."""
    if len(text.split()) < 2 and not person.known_by_surname:
        return None
    return alias_add(person=person, name=text)


def lock_articles(ids: Iterable[int]) -> None:
    """Hold these articles' rows until commit, in one order (no deadlock):
    a relink writes under the same lock, so a decision waits for it to
    finish (or it for the decision) instead of being overwritten."""
    list(
        Article.objects.select_for_update()
        .filter(pk__in=sorted(set(ids)))
        .order_by("pk")
        .values_list("pk", flat=True)
    )


def current_mentions(mentions: Iterable[Mention]) -> list[Mention]:
    """These mentions as now stored, their articles locked. A relink that
    ran since they were read may have replaced a row: it is found again by
    its place and words; one whose name is gone is left out."""
    mentions = list(mentions)
    lock_articles(m.article_id for m in mentions)
    rows = Mention.objects.select_related("person").in_bulk([m.pk for m in mentions])
    current = []
    for mention in mentions:
        row = rows.get(mention.pk) or (
            Mention.objects.select_related("person")
            .filter(
                article_id=mention.article_id,
                start=mention.start,
                end=mention.end,
                text=mention.text,
            )
            .first()
        )
        if row is not None:
            current.append(row)
    return current


def _decided(mentions: list[Mention], decide, by) -> list[Mention]:
    """Apply `decide` to each mention; those whose status or person changed
    are saved and recorded (before → after) in the audit trail."""
    changed, rows, relink, people = [], [], set(), set()
    for mention in mentions:
        before = (mention.status, mention.person_id)
        was = mention.person_id
        state = audit.mention_state(mention)
        decide(mention)
        if (mention.status, mention.person_id) == before:
            continue
        changed.append(mention)
        rows.append(audit.mention_decision(mention, state, by=by))
        if mention.tracked_changed():
            relink.add(mention.article_id)
            people.update([was, mention.person_id])
    Mention.objects.bulk_update(
        changed, ["status", "person", "decided_by", "decided_at", "method"]
    )
    Decision.objects.bulk_create(rows)
    NameSuggestion.objects.filter(
        pk__in={m.suggestion_id for m in changed if m.suggestion_id}
    ).settle()
    if relink:
        # Bulk writes send no signals: the pages these decisions change.
        page_deps.touch_on_commit(
            *[page_deps.article(pk) for pk in relink],
            *page_deps.naming(people),
            *invalidation.people_tags(people, relink),
        )
    relink_after_decisions(relink)
    return changed


@transaction.atomic
def mentions_decide(*, mentions: Iterable[Mention], status: str, by) -> int:
    """Staff confirm or reject these mentions; how many now stand so. A
    pending name with a single candidate is confirmed as that person; one
    with no person cannot be confirmed (link it to someone). A confirmation
    of an automatic link changes nothing readers see: those articles are
    not relinked (and cached pages stay valid)."""
    confirming = status == Mention.Status.CONFIRMED
    people: dict[int, int | None] = {}
    todo = []
    for mention in current_mentions(mentions):
        person = mention.person_id or (
            mention.candidates[0] if len(mention.candidates) == 1 else None
        )
        if not confirming or person is not None:
            people[mention.pk] = person if confirming else mention.person_id
            todo.append(mention)

    def decide(mention: Mention) -> None:
        mention.person_id = people[mention.pk]
        mention.decide(status=status, by=by)

    _decided(todo, decide, by)
    return len(people)


def mention_apply_edit(*, mention: Mention, changed_fields: Iterable[str], by) -> bool:
    """Record a staff edit of one mention (from a form) as a decision:
    choosing a person confirms the link, and a confirmed or rejected status
    is this user's decision. Whether readers will see the mention
    differently (its article must then be relinked). Saves nothing."""
    changed = set(changed_fields)
    if {"status", "person"} & changed:
        if "person" in changed and mention.person_id:
            mention.status = Mention.Status.CONFIRMED
        if mention.status in Mention.DECIDED:
            mention.decide(status=mention.status, by=by)
    return mention.tracked_changed()


@transaction.atomic
def mention_edit(*, mention: Mention, changed_fields: Iterable[str], by) -> None:
    """Save a staff edit of one mention; when readers will see it
    differently, its article is relinked after commit (quotes and short
    forms follow the decision). The article is locked first: a relink
    running meanwhile finishes before this edit is stored."""
    lock_articles([mention.article_id])
    before = Mention.objects.select_related("person").filter(pk=mention.pk).first()
    if mention_apply_edit(mention=mention, changed_fields=changed_fields, by=by):
        relink_after_decisions([mention.article_id])
    mention.save(update_fields=["status", "person", "decided_by", "decided_at"])
    audit.mention_decision(mention, audit.mention_state(before), by=by).save()


@transaction.atomic
def mentions_link(*, mentions: Iterable[Mention], person: Person, by) -> int:
    """Staff link these mentions to `person` (a confirmed decision); how
    many are now linked so (each as stored, after any relink)."""
    current = current_mentions(mentions)

    def link(mention: Mention) -> None:
        mention.decide(status=Mention.Status.CONFIRMED, by=by, person=person)

    changed = _decided(current, link, by)
    relink_after_decisions(m.article_id for m in changed)
    return len(current)


@transaction.atomic
def roles_decide(*, roles: Iterable[Role], status: str) -> int:
    """Staff confirm or reject proposed roles. Saved one by one, not with
    update(): each save relinks the articles its title links (a confirmed
    role links its bare title; one no longer confirmed unlinks it)."""
    count = 0
    for role in roles:
        role.status = status
        role.save()
        count += 1
    return count


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
    # Pending names show on no public page: nothing to make stale.
    suggestion.mentions.filter(status=Mention.Status.PENDING).delete()
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
