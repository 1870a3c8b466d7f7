"""Turning directory hits into mentions: short forms, ambiguity, not-a-person.

Rules, in order:
- a full name or alias of exactly one person links (`directory`); a name two
  people share stays `pending`;
- a surname or short form links only to a person named in full in the same
  article (title and standfirst count), or to one staff marked as known by
  surname alone; two such candidates make it `pending`, never a guess,
  unless the word just before it gives a gender (`Mme Le Pen`, `la
  présidente Le Pen`) that exactly one of them has and the others are known
  not to have (genders come from the directory, else from such a word
  before the person's full name in the same article);
- a short form after an honorific (`M. Abbas`) for a person not named in the
  article is proposed as `pending` when the directory has exactly one match
  (of the honorific's gender, when the directory knows everyone's);
- a full name joined by hyphens (`l'aéroport Charles-de-Gaulle`) is a
  place named after the person, not the person;
- a hit not written as a name (`la page`, `le maire`) or glued to another
  capitalised word (`Raúl Castro` when only Fidel is known) does not link;
  nor does a short form that is a place (`Washington` the capital: a
  location entity, or after `in`, `at`, `near`, `from`);
- candidates for unknown people (see `ner`) that no directory name covers
  become `pending` mentions with no person, and so do their surnames later
  in the same article.
"""

import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from .cues import (
    after_honorific,
    genders_in_text,
    glued_to_other_name,
    honorific_gender,
    is_place,
    known_places,
    named_after,
    one_of_gender,
    previous_word,
)
from .gazetteer import Gazetteer, Hit
from .name_uses import shared_surnames, used_as_a_thing
from .normalise import fold, fold_name, is_written_as_name, surname_forms
from .spans import AUTO, PENDING, Claimed, Span, at_word_boundary
from .words import CALENDAR_WORDS


@dataclass
class _Article:
    """What resolving one text knows as it goes."""

    text: str
    gazetteer: Gazetteer
    # People named in full (in the text, its title or standfirst).
    present: set[int] = field(default_factory=set)
    genders: dict[int, str] = field(default_factory=dict)
    # Where each person is first named in full (their given name alone may
    # follow), and surnames two people share here ("Anne and Paul Martin").
    first_named: dict[int, int] = field(default_factory=dict)
    shared_surnames: set[str] = field(default_factory=set)
    # Stretches already claimed by a span, or blocked (places named after
    # people).
    taken: Claimed = field(init=False)

    def __post_init__(self) -> None:
        self.taken = Claimed(len(self.text))


def link(
    text: str,
    gazetteer: Gazetteer,
    *,
    context: str = "",
    candidates: Sequence[tuple[int, int, str]] = (),
    places: Sequence[tuple[int, int]] = (),
) -> list[Span]:
    """Find and resolve the people named in `text`.

    `context` (the headline, the standfirst) introduces people too, so that a
    surname in the body resolves to a full name given only in the headline;
    spans are only returned for `text`. `candidates` are (start, end, method)
    of names that may be people the directory does not know; `places` are
    spans known to be locations.
    """
    article = _Article(text, gazetteer)
    folded = fold(text)
    spans = _full_names(article, folded)
    context_people = _named_in(context, gazetteer)
    article.present |= context_people
    for pid in context_people:
        article.first_named.setdefault(pid, 0)
    article.shared_surnames = shared_surnames(text)
    article.genders = genders_in_text(text, spans, article.present, gazetteer)
    for span in spans:
        article.taken.add(*span.bounds)
    for hit in gazetteer.find_short(folded):
        span = _short_form(article, hit, places)
        if span is not None:
            spans.append(span)
            article.taken.add(*span.bounds)
    spans += _given_names(article)
    spans += _unknown_people(text, candidates, article.taken)
    spans.sort(key=lambda s: s.start)
    return spans


def _full_names(article: _Article, folded: str) -> list[Span]:
    """Full names and aliases: one person links, several stay pending."""
    spans, things = [], []
    for hit in article.gazetteer.find(folded):
        surface = article.text[hit.start : hit.end]
        if named_after(surface):
            article.taken.add(hit.start, hit.end)
            continue
        if not is_written_as_name(surface):
            continue
        if len(hit.person_ids) == 1 and used_as_a_thing(article.text, hit):
            things.append(hit)  # "the Jane Doe report"
        elif len(hit.person_ids) == 1:
            pid = hit.person_ids[0]
            article.present.add(pid)
            article.first_named.setdefault(pid, hit.start)
            spans.append(Span(hit.start, hit.end, surface, pid, AUTO, "directory"))
        else:
            method = "directory-ambiguous"
            spans.append(
                Span(hit.start, hit.end, surface, None, PENDING, method, hit.person_ids)
            )
    return spans + _things(article, things)


def _things(article: _Article, things: list[Hit]) -> list[Span]:
    """A name used as a thing links only when the article also names the
    person; otherwise it is nobody's mention (and no one new)."""
    spans = []
    for hit in things:
        article.taken.add(hit.start, hit.end)
        if hit.person_ids[0] in article.present:
            surface = article.text[hit.start : hit.end]
            pid = hit.person_ids[0]
            spans.append(Span(hit.start, hit.end, surface, pid, AUTO, "directory"))
    return spans


def _named_in(context: str, gazetteer: Gazetteer) -> set[int]:
    """The people one full name in `context` designates."""
    if not context:
        return set()
    return {
        hit.person_ids[0]
        for hit in gazetteer.find(fold(context))
        if len(hit.person_ids) == 1 and is_written_as_name(context[hit.start : hit.end])
    }


def _short_form(
    article: _Article, hit: Hit, places: Sequence[tuple[int, int]]
) -> Span | None:
    """A surname or short form, by who it can stand for: someone named in
    the article, someone known by surname alone, or, after an honorific,
    a proposal for staff."""
    text = article.text
    if article.taken.overlaps(hit.start, hit.end):
        return None
    surface = text[hit.start : hit.end]
    if not is_written_as_name(surface) or glued_to_other_name(text, hit.start):
        return None
    in_article = [pid for pid in hit.person_ids if pid in article.present]
    gazetteer = article.gazetteer
    known = [pid for pid in hit.person_ids if pid in gazetteer.known_by_surname]
    if is_place(text, hit.start, hit.end, places) and not _person_not_place(
        article, hit, in_article, known
    ):
        return None
    honorific = after_honorific(text, hit.start)
    method = "honorific" if honorific else "surname"
    if in_article and fold_name(surface) in article.shared_surnames:
        # "Anne and Paul Martin … Martin": which Martin, staff say.
        return Span(
            hit.start, hit.end, surface, None, PENDING, method, tuple(in_article)
        )
    if in_article:
        return _named_in_article(article, hit, method, in_article)
    if len(known) == 1:
        return Span(hit.start, hit.end, surface, known[0], AUTO, "known-surname")
    if honorific and hit.person_ids:
        return _proposed_after_honorific(article, hit, method)
    return None


def _person_not_place(
    article: _Article, hit: Hit, in_article: list[int], known: list[int]
) -> bool:
    """'à Durand', 'de Mbappé': a preposition does not turn someone named in
    full earlier in the article (or who goes by surname alone) into a
    place, unless the word is a known place or a holiday ('in Washington',
    'à Noël')."""
    key = fold_name(article.text[hit.start : hit.end])
    if key in known_places() or key in CALENDAR_WORDS:
        return False
    named = article.first_named
    earlier = [p for p in in_article if named.get(p, hit.end) < hit.start]
    return bool(earlier or known)


def _named_in_article(
    article: _Article, hit: Hit, method: str, in_article: list[int]
) -> Span:
    """A short form of people named in full here: the one, or the one of
    the gender its honorific gives ("Mme Le Pen" when both Marine and
    Jean-Marie Le Pen are named), else pending between them."""
    surface = article.text[hit.start : hit.end]
    if len(in_article) == 1:
        return Span(hit.start, hit.end, surface, in_article[0], AUTO, method)
    cue = honorific_gender(article.text, hit.start)
    one = one_of_gender(cue, in_article, article.genders)
    if one is not None:
        return Span(hit.start, hit.end, surface, one, AUTO, method)
    return Span(hit.start, hit.end, surface, None, PENDING, method, tuple(in_article))


def _proposed_after_honorific(article: _Article, hit: Hit, method: str) -> Span:
    """'M. Abbas' with nobody of that name in the article: the directory's
    one match (of the honorific's gender) proposed for review."""
    surface = article.text[hit.start : hit.end]
    if len(hit.person_ids) == 1:
        return Span(hit.start, hit.end, surface, hit.person_ids[0], PENDING, method)
    directory = {pid: article.gazetteer.gender(pid) for pid in hit.person_ids}
    cue = honorific_gender(article.text, hit.start)
    one = one_of_gender(cue, hit.person_ids, directory)
    namesakes = () if one is not None else hit.person_ids
    return Span(hit.start, hit.end, surface, one, PENDING, method, namesakes)


_WORD_RE = re.compile(r"[^\W\d_][\w'’-]*")
_HONORIFIC_GIVEN = frozenset("sir dame".split())
# Words before a given name that do not make it another person's name.
_SALUTATIONS = frozenset("sir dame cher chere dear".split())


def _given_names(article: _Article) -> list[Span]:
    """A given name alone ('Marc', 'Cher Marc', 'Sir Keir') for the one
    person named in full earlier in the article who has it."""
    by_given: dict[str, list[int]] = {}
    for pid in article.present:
        if key := article.gazetteer.given_name(pid):
            by_given.setdefault(key, []).append(pid)
    found: list[Span] = []
    if not by_given:
        return found
    text = article.text
    for match in _WORD_RE.finditer(text):
        start, end = match.span()
        people = by_given.get(fold(match.group(0)), [])
        if len(people) != 1 or start < article.first_named.get(people[0], 0):
            continue
        if article.taken.overlaps(start, end) or not match.group(0)[0].isupper():
            continue
        before = fold(previous_word(text, start))
        glued = before not in _SALUTATIONS and glued_to_other_name(text, start)
        if glued or _next_is_capitalised(text, end):
            continue  # another person's full name ("Marc Dupont")
        method = "honorific" if before in _HONORIFIC_GIVEN else "given-name"
        found.append(Span(start, end, match.group(0), people[0], AUTO, method))
        article.taken.add(start, end)
    return found


def _next_is_capitalised(text: str, end: int) -> bool:
    following = _WORD_RE.match(text, end + 1) if text[end : end + 1] == " " else None
    return bool(following and following.group(0)[0].isupper())


def _unknown_people(
    text: str, candidates: Sequence[tuple[int, int, str]], taken: Claimed
) -> list[Span]:
    """Pending spans for names nobody in the directory has, surnames included."""
    found: list[Span] = []
    for start, end, method in sorted(candidates):
        if taken.overlaps(start, end):
            continue
        surface = text[start:end]
        if not is_written_as_name(surface):
            continue
        name = " ".join(surface.split())
        found.append(Span(start, end, surface, None, PENDING, method, name=name))
        taken.add(start, end)
    folded = fold(text) if found else ""
    # Each name once, from its first occurrence: the surnames after it are
    # all found then (a name repeated a thousand times is searched once).
    first = {}
    for full in found:
        first.setdefault(full.name, full)
    for full in first.values():
        found += _later_surnames(text, folded, full, taken)
    return found


def _later_surnames(text: str, folded: str, full: Span, taken: Claimed) -> list[Span]:
    """The surnames of an unknown person after their full name."""
    found = []
    for form in surname_forms(full.name):
        for match in re.finditer(re.escape(fold_name(form)), folded):
            start, end = match.span()
            if start < full.end or taken.overlaps(start, end):
                continue
            if not at_word_boundary(folded, start, end):
                continue
            surface = text[start:end]
            if not is_written_as_name(surface) or glued_to_other_name(text, start):
                continue
            found.append(
                Span(start, end, surface, None, PENDING, full.method, name=full.name)
            )
            taken.add(start, end)
    return found
