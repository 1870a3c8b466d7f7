"""Helpers for tests of the linking engine on its own (no database)."""

from people.linking.gazetteer import SHORT, DirectoryEntry, Gazetteer
from people.linking.resolve import link
from tests.factories import REFERENCE_ARTICLE


def gazetteer(*names, short=(), known=(), genders=None) -> Gazetteer:
    entries = [DirectoryEntry(i, name) for i, name in enumerate(names, start=1)]
    entries += [DirectoryEntry(pid, name, SHORT) for pid, name in short]
    return Gazetteer(entries, known_by_surname=known, genders=genders)


def linked(text, gaz, context=""):
    return [(s.text, s.person_id, s.status) for s in link(text, gaz, context=context)]


def reference_article() -> tuple[str, str]:
    lines = REFERENCE_ARTICLE.read_text(encoding="utf-8").split("\n")
    title = lines[0].split(None, 2)[2]
    body = "\n\n".join(p.strip() for p in "\n".join(lines[2:]).split("\n\n"))
    return title, body
