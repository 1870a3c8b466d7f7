"""The directory as linking reads it: the look-up automaton, kept per
process and rebuilt only when the directory changes, and which articles
may name whom (the relink pre-filter)."""

import threading
from collections.abc import Iterable

from django.db.models import Count, Max, Q

from articles.models import Article
from people.linking.gazetteer import SHORT, DirectoryEntry, Gazetteer
from people.linking.normalise import fold, name_tokens, surname_forms
from people.models import Alias, Person

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


def articles_naming(names: Iterable[str]):
    """Articles whose text may contain one of `names` or its short forms.

    A coarse, index-free pre-filter on the longest word of each form,
    folded, in the folded text every article keeps (title, standfirst and
    body; so a directory entry without accents finds an article that has
    them, and the other way round); linking decides what really matches.
    """
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
