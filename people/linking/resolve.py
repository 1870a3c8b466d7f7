"""Turning directory hits into mentions: short forms, ambiguity, not-a-person.

Rules, in order:
- a full name or alias of exactly one person links (`directory`); a name two
  people share stays `pending`;
- a surname or short form links only to a person named in full in the same
  article (title and standfirst count), or to one staff marked as known by
  surname alone; two such candidates make it `pending`, never a guess;
- a short form after an honorific (`M. Abbas`) for a person not named in the
  article is proposed as `pending` when the directory has exactly one match;
- a hit not written as a name (`la page`, `le maire`) or glued to another
  capitalised word (`Raúl Castro` when only Fidel is known) does not link.
"""

import re
from collections.abc import Sequence
from dataclasses import dataclass

from .gazetteer import Gazetteer, Hit
from .normalise import fold, is_written_as_name

AUTO = "auto"
PENDING = "pending"

HONORIFICS = frozenset(
    "m m. mm. mme mmes mlle mr mr. mrs mrs. ms ms. dr dr. pr pr. me sir dame".split()
)
TITLE_WORDS = frozenset(
    """
    ministre president presidente secretaire premier premiere chef general generale
    senateur senatrice depute deputee maire juge ambassadeur ambassadrice
    porte parole chancelier chanceliere roi reine prince princesse pape
    commissaire gouverneur directeur directrice patron patronne leader dirigeant
    dirigeante candidat candidate opposant opposante colonel capitaine marechal
    cheikh emir sultan ayatollah imam rabbin pere soeur cardinal eveque
    secretary minister senator governor chancellor king queen pope judge mayor
    ambassador colonel speaker chairman chairwoman chair ceo professor prof
    rep sen gov gen col lt capt sgt father rabbi sheikh emir
    """.split()
)
# Capitalised at the start of a sentence without being part of a name.
FUNCTION_WORDS = frozenset(
    """
    le la les l un une des de du d selon pour apres avant avec mais et ou si quand
    lorsque alors car donc ainsi puis enfin pourtant cependant toutefois hier
    aujourd'hui demain lundi mardi mercredi jeudi vendredi samedi dimanche pendant
    depuis face contre chez sans sous sur dans entre par vers quant comme meme
    the a an and but or so for with after before according when while if then
    yesterday today tomorrow monday tuesday wednesday thursday friday saturday
    sunday as at by in on of to from meanwhile however also only even
    """.split()
)

_PREV_WORD_RE = re.compile(r"([^\W\d_][\w.'’-]*)([ \u00a0\u202f]+)$")


@dataclass(frozen=True, slots=True)
class Span:
    """A name found in the text, at [start, end)."""

    start: int
    end: int
    text: str
    person_id: int | None
    status: str
    method: str
    candidates: tuple[int, ...] = ()


def previous_word(text: str, start: int) -> str:
    """The word right before `start`, separated by spaces only ('' otherwise)."""
    match = _PREV_WORD_RE.search(text, max(0, start - 60), start)
    return match.group(1) if match else ""


def _glued_to_other_name(text: str, start: int) -> bool:
    word = previous_word(text, start)
    if not word or not word[0].isupper():
        return False
    key = fold(word).rstrip(".")
    if word.endswith(".") and key + "." not in HONORIFICS:
        # An initial ("George W. Bush") belongs to another name; any other
        # word with a full stop ends the previous sentence.
        return len(word) == 2
    return not (
        key in HONORIFICS
        or key + "." in HONORIFICS
        or key in TITLE_WORDS
        or key in FUNCTION_WORDS
    )


def _after_honorific(text: str, start: int) -> bool:
    word = fold(previous_word(text, start))
    return word in HONORIFICS or word.rstrip(".") in TITLE_WORDS


def _overlaps(hit: Hit, taken: Sequence[tuple[int, int]]) -> bool:
    return any(hit.start < end and start < hit.end for start, end in taken)


def link(text: str, gazetteer: Gazetteer, *, context: str = "") -> list[Span]:
    """Find and resolve the people named in `text`.

    `context` (the headline, the standfirst) introduces people too, so that a
    surname in the body resolves to a full name given only in the headline;
    spans are only returned for `text`.
    """
    folded = fold(text)
    spans: list[Span] = []
    present: set[int] = set()

    for hit in gazetteer.find(folded):
        surface = text[hit.start : hit.end]
        if not is_written_as_name(surface):
            continue
        if len(hit.person_ids) == 1:
            present.add(hit.person_ids[0])
            spans.append(
                Span(hit.start, hit.end, surface, hit.person_ids[0], AUTO, "directory")
            )
        else:
            spans.append(
                Span(
                    hit.start,
                    hit.end,
                    surface,
                    None,
                    PENDING,
                    "directory-ambiguous",
                    hit.person_ids,
                )
            )
    if context:
        for hit in gazetteer.find(fold(context)):
            if len(hit.person_ids) == 1 and is_written_as_name(
                context[hit.start : hit.end]
            ):
                present.add(hit.person_ids[0])

    taken = [(s.start, s.end) for s in spans]
    for hit in gazetteer.find_short(folded):
        if _overlaps(hit, taken):
            continue
        surface = text[hit.start : hit.end]
        if not is_written_as_name(surface) or _glued_to_other_name(text, hit.start):
            continue
        honorific = _after_honorific(text, hit.start)
        method = "honorific" if honorific else "surname"
        in_article = [pid for pid in hit.person_ids if pid in present]
        known = [pid for pid in hit.person_ids if pid in gazetteer.known_by_surname]
        if len(in_article) == 1:
            span = Span(hit.start, hit.end, surface, in_article[0], AUTO, method)
        elif len(in_article) > 1:
            span = Span(
                hit.start, hit.end, surface, None, PENDING, method, tuple(in_article)
            )
        elif len(known) == 1:
            span = Span(hit.start, hit.end, surface, known[0], AUTO, "known-surname")
        elif honorific and len(hit.person_ids) == 1:
            span = Span(hit.start, hit.end, surface, hit.person_ids[0], PENDING, method)
        elif honorific and hit.person_ids:
            span = Span(
                hit.start, hit.end, surface, None, PENDING, method, hit.person_ids
            )
        else:
            continue
        spans.append(span)
        taken.append((span.start, span.end))

    spans.sort(key=lambda s: s.start)
    return spans
