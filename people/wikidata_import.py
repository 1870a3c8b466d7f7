"""Loading people, aliases and dated roles from a Wikidata file.

Two passes over the file, each a line at a time: the first finds the
positions the chosen people held, the second loads the people (one
transaction each) and reads those positions' labels. A re-import updates
what Wikidata changed but keeps what staff changed by hand (a field is only
updated while it still holds the value last imported) and reports it;
people staff merged stay merged (their Wikidata id leads to the person
kept). Relinking runs once, at the end.
"""

import datetime
import time
from collections.abc import Callable
from dataclasses import dataclass, field

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import DatabaseError, transaction

from newsroom.slugs import unique_slug
from people.linking.normalise import fold_name
from people.models import Alias, Person, PersonMerge, Role
from people.tasks import relink_everything, relink_later, relinks_collected
from people.wikidata import GENERIC_TITLES, Dump, Entity, WikidataError

# Above this many names, relinking every article beats finding the articles
# each name may appear in.
RELINK_BY_NAME_MAX = 500


@dataclass(frozen=True)
class Selection:
    """Which people of the file to load: holders of any of `positions`,
    citizens of any of `countries`, only the living, only these `ids`
    (each filter applies when given)."""

    positions: frozenset[str] = frozenset()
    countries: frozenset[str] = frozenset()
    alive: bool = False
    ids: frozenset[str] = frozenset()

    def wants(self, entity: Entity) -> bool:
        held = {h.position for h in entity.held}
        return (
            entity.human
            and (not self.ids or entity.qid in self.ids)
            and (not self.positions or bool(held & self.positions))
            and (not self.countries or bool(entity.citizenships & self.countries))
            and not (self.alive and entity.dead)
        )


@dataclass
class SyncReport:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    failed: int = 0
    read: int = 0
    conflicts: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)

    def summary(self) -> str:
        return (
            f"{self.created} created, {self.updated} updated, "
            f"{self.unchanged} unchanged, {self.failed} failed, "
            f"{len(self.conflicts)} kept as staff changed them"
        )


def languages() -> list[str]:
    return [lang.strip() for lang in settings.WIKIDATA_LANGUAGES.split(",")]


def import_wikidata(
    path,
    *,
    selection: Selection = Selection(),  # noqa: B008 - frozen, shared
    progress: Callable[[dict], None] | None = None,
) -> SyncReport:
    """Load the chosen people of a Wikidata file (see the module)."""
    positions = _positions_held(path, selection)
    offices: dict[str, Entity] = {}
    report = SyncReport()
    with relinks_collected() as names:
        for line, item in _read(path, report, progress):
            if isinstance(item, WikidataError):
                _fail(report, str(item))
            elif item.qid in positions and not item.human:
                offices[item.qid] = item
            elif selection.wants(item):
                _load_one(item, offices, report, where=f"{path}:{line}")
        _retitle(offices)
    _relink(names)
    return report


def _read(path, report: SyncReport, progress):
    """Every (line, entity or error) of the file, with progress figures
    (count, rate, time left) at most every second."""
    dump, started, last = Dump(path), time.monotonic(), 0.0
    try:
        for line, item in dump.entities():
            report.read += 1
            now = time.monotonic()
            if progress and now - last >= 1:
                last, done = now, dump.position()
                elapsed = now - started
                left = elapsed / done * (1 - done) if done else None
                rate = report.read / max(elapsed, 1e-9)
                progress({"entities": report.read, "rate": rate, "seconds_left": left})
            yield line, item
    finally:
        dump.close()


def _positions_held(path, selection: Selection) -> set[str]:
    """The first pass: the positions the chosen people held."""
    dump = Dump(path)
    try:
        return {
            held.position
            for _, item in dump.entities()
            if isinstance(item, Entity) and selection.wants(item)
            for held in item.held
        }
    finally:
        dump.close()


def _fail(report: SyncReport, message: str) -> None:
    report.failed += 1
    report.errors.append(message)


def _load_one(entity: Entity, offices, report: SyncReport, *, where: str) -> None:
    try:
        with transaction.atomic():
            outcome = upsert_person(entity, offices, report)
    except (ValidationError, ValueError, DatabaseError) as exc:
        message = "; ".join(getattr(exc, "messages", [str(exc)]))
        _fail(report, f"{where}: {entity.qid}: {message}")
        return
    setattr(report, outcome, getattr(report, outcome) + 1)


def _relink(names: set[str]) -> None:
    if len(names) > RELINK_BY_NAME_MAX:
        transaction.on_commit(relink_everything.enqueue)
    else:
        relink_later(names)


def upsert_person(entity: Entity, offices, report: SyncReport) -> str:
    """Create or update one person and their roles: 'created', 'updated'
    or 'unchanged'."""
    langs = languages()
    values = {
        "name": entity.first(entity.labels, langs),
        "description": entity.first(entity.descriptions, langs)[:300],
        "gender": entity.gender,
    }
    if not values["name"]:
        raise ValueError(f"no label in {', '.join(langs)}")
    person = _existing(entity.qid)
    created = person is None
    if created:
        person = Person(wikidata_id=entity.qid, wikidata_synced={})
    changed = _apply(person, values, report, entity.qid)
    if created:
        person.slug = unique_slug(Person, values["name"])
    if created or changed:
        person.full_clean()
        person.save()
    changed |= _sync_aliases(person, _aliases(entity, values["name"], langs))
    changed |= _sync_roles(person, entity, offices, report)
    return "created" if created else ("updated" if changed else "unchanged")


def _existing(qid: str) -> Person | None:
    person = Person.objects.filter(wikidata_id=qid).first()
    if person is None:
        merge = PersonMerge.objects.filter(merged_wikidata_id=qid).first()
        person = merge.kept if merge else None
    return person


def _apply(record, values: dict, report: SyncReport, qid: str) -> bool:
    """Set each value Wikidata gives, unless staff changed the field since
    the last import (then report it). Whether anything changed."""
    synced, changed = dict(record.wikidata_synced or {}), False
    for name, new in values.items():
        current = getattr(record, name)
        # A field never imported is staff's unless it is empty (a person
        # staff created, then matched by their Wikidata id).
        if name in synced:
            untouched = _stored(current) == synced[name]
        else:
            untouched = current in ("", None)
        if current != new and untouched:
            setattr(record, name, new)
            changed = True
        elif current != new:
            report.conflicts.append(
                f"{qid}: {name}: kept {_stored(current)!r} as staff changed it "
                f"(Wikidata: {_stored(new)!r})"
            )
        changed |= synced.get(name) != _stored(new)
        synced[name] = _stored(new)
    record.wikidata_synced = synced
    return changed


def _stored(value):
    """A value as the last-imported record (JSON) keeps it."""
    return value.isoformat() if isinstance(value, datetime.date) else value


def _aliases(entity: Entity, name: str, langs: list[str]) -> list[str]:
    names = [entity.labels.get(lang, "") for lang in langs]
    names += [a for lang in langs for a in entity.aliases.get(lang, [])]
    seen, kept = {fold_name(name)}, []
    for alias in names:
        key = fold_name(alias)
        if key and key not in seen and len(alias) <= 200:
            seen.add(key)
            kept.append(" ".join(alias.split()))
    return kept


def _sync_aliases(person: Person, aliases: list[str]) -> bool:
    """Add Wikidata's aliases; drop those an earlier import added that
    Wikidata no longer has. Aliases staff added are never touched."""
    before = set(person.wikidata_synced.get("aliases", []))
    known = {fold_name(a) for a in person.aliases.values_list("name", flat=True)}
    added = [a for a in aliases if fold_name(a) not in known]
    for alias in added:
        Alias(person=person, name=alias).full_clean(exclude=["person"])
        Alias.objects.create(person=person, name=alias)
    gone = before - set(aliases)
    if gone:
        for alias in person.aliases.filter(name__in=gone):
            alias.delete()
    if added or gone or before != set(aliases):
        Person.objects.filter(pk=person.pk).update(
            wikidata_synced={**person.wikidata_synced, "aliases": aliases}
        )
        person.wikidata_synced["aliases"] = aliases
    return bool(added or gone)


def _sync_roles(person: Person, entity: Entity, offices, report: SyncReport) -> bool:
    changed = False
    for held in entity.held:
        if not held.statement:
            continue
        role = Role.objects.filter(
            person=person, wikidata_statement=held.statement
        ).first()
        if role is not None and role.status == Role.Status.REJECTED:
            continue  # staff rejected it: a re-import does not bring it back
        role = role or Role(
            person=person,
            wikidata_statement=held.statement,
            status=Role.Status.CONFIRMED,
            wikidata_synced={},
        )
        title, also = _titles(held.position, offices, role)
        values = {"title": title, "start_date": held.start, "end_date": held.end}
        changed_role = _apply(role, values, report, entity.qid)
        role.wikidata_synced["position"] = held.position
        if changed_role or role.pk is None:
            role.also_known_as = also
            role.full_clean(exclude=["person", "article"])
            role.save()
            changed = True
    return changed


def _titles(position: str, offices: dict[str, Entity], role: Role | None = None):
    """A position's title in the newsroom's language, and what else cites
    it (its label in the other language, a generic phrase). Until its label
    is read in this pass: the role's title so far, or the position's id."""
    office = offices.get(position)
    if office is None:
        if role is not None and role.pk is not None:
            return role.title, role.also_known_as
        return position, []
    langs = languages()
    title = office.first(office.labels, langs) or position
    also = [office.labels[lang] for lang in langs if office.labels.get(lang)]
    for cls, phrases in GENERIC_TITLES.items():
        if cls in office.classes:
            also += phrases
    return title[:200], [a for a in dict.fromkeys(also) if a != title]


def _retitle(offices: dict[str, Entity]) -> None:
    """Roles loaded before their position's label was read get it now."""
    for qid in offices:
        title, also = _titles(qid, offices)
        roles = Role.objects.filter(wikidata_synced__position=qid)
        for role in roles.exclude(title=title):
            if role.wikidata_synced.get("title") not in (role.title, None):
                continue  # staff retitled it
            role.title, role.also_known_as = title, also
            role.wikidata_synced = {**role.wikidata_synced, "title": title}
            role.save(update_fields=["title", "also_known_as", "wikidata_synced"])
