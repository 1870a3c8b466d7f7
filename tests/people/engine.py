"""Helpers for tests of the linking engine on its own (no database)."""

from people.linking.gazetteer import SHORT, DirectoryEntry, Gazetteer
from people.linking.ner import rule_candidates
from people.linking.quotes import attribute
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


def found(text, *names, genders=None, headline=""):
    """The quotations of `text`, its names linked to a directory of `names`."""
    gaz = gazetteer(*names, genders=genders)
    return attribute(text, link(text, gaz), genders, headline=headline)


def rule_names(text: str) -> set[str]:
    """The unknown names the rules find in `text`."""
    return {text[s:e] for s, e in rule_candidates(text)}
