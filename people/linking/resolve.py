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

import functools
import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from .gazetteer import Gazetteer, Hit
from .normalise import fold, fold_name, is_written_as_name, surname_forms

AUTO = "auto"
PENDING = "pending"

HONORIFICS = frozenset(
    """
    m m. mm. mme mmes mlle mr mr. mrs mrs. ms ms. dr dr. pr pr. me sir dame
    monsieur madame mademoiselle messieurs mesdames
    """.split()
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
    # For a name nobody in the directory has: the full name it stands for.
    name: str = ""


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


# English prepositions that put a bare capitalised word in a place.
def named_after(surface: str) -> bool:
    """'Charles-de-Gaulle', 'Jean-Jaurès': a full name joined by hyphens is,
    in French, a place or an institution named after the person."""
    if any(c.isspace() for c in surface):
        return False
    parts = [p for p in re.split(r"[-‐‑]", surface) if p]
    return sum(1 for p in parts if p[:1].isupper()) >= 2


PLACE_PREPOSITIONS = frozenset("in at near from".split())
# French ones: also used before people ("à Blinken"), so they only count when
# the NER model calls the word a location too. The label alone is not enough:
# the small model calls sentence-initial surnames locations.
LOCATION_PREPOSITIONS = frozenset("a au aux en depuis vers pres de".split())


# Surnames that are also holidays: "à Noël" is Christmas, not Marie Noël.
CALENDAR_WORDS = frozenset("noel paques toussaint pentecote easter christmas".split())
TIME_PREPOSITIONS = frozenset(
    "a au de d pour avant apres depuis jusqu'a at for before after since until by "
    "on of".split()
)


def _sentence_initial(text: str, start: int) -> bool:
    before = text[max(0, start - 3) : start].rstrip(" \u00a0\u202f")
    return not before or before[-1] in '.!?\n«"“'


def _is_place(text: str, hit: Hit, places: Sequence[tuple[int, int]]) -> bool:
    before = fold(previous_word(text, hit.start))
    if before in PLACE_PREPOSITIONS:
        return True
    if fold(text[hit.start : hit.end]) in CALENDAR_WORDS and (
        before in TIME_PREPOSITIONS or not before
    ):
        return True
    located = any(s <= hit.start and hit.end <= e for s, e in places)
    if not located:
        return False
    # The small model calls many surnames locations ("Erdogan", "Macron",
    # a sentence's first word): its label alone only counts for names that
    # are known places, or after a place preposition.
    return before in LOCATION_PREPOSITIONS or (
        fold_name(text[hit.start : hit.end]) in known_places()
        and not _after_honorific(text, hit.start)
    )


@functools.cache
def known_places() -> frozenset[str]:
    path = Path(__file__).with_name("places.txt")
    lines = path.read_text(encoding="utf-8").splitlines()
    return frozenset(fold_name(line) for line in lines if line and line[0] != "#")


_FEMININE = frozenset(
    """
    la mme madame mlle mademoiselle elle sa cette une mrs ms miss she her lady dame
    directrice presidente commercante senatrice deputee adjointe conseillere
    avocate ambassadrice chanteuse historienne chercheuse ministre-deleguee
    secretaire-generale porte-parole-adjointe patronne fondatrice actrice
    """.split()
)
_MASCULINE = frozenset(
    """
    le m m. monsieur il son ce un mr mr. he his sir lord
    directeur president commercant senateur depute adjoint conseiller avocat
    ambassadeur chanteur historien chercheur patron fondateur acteur
    """.split()
)


_PREPOSITIONS = frozenset(
    "de a par pour sur dans avec vers chez of to for with".split()
)


def _word_gender(key: str) -> str:
    """'f' or 'm' for a folded word that marks a gender, '' otherwise."""
    if key in _FEMININE or key + "." in _FEMININE:
        return "f"
    if key in _MASCULINE or key + "." in _MASCULINE:
        return "m"
    return ""


def gender_hint(text: str, start: int) -> str:
    """'f' or 'm' from the words just before a name ('La maire Anne …',
    'M. …', "l'adjoint …"), '' when nothing says."""
    window = text[max(0, start - 60) : start]
    words = re.findall(r"[^\W\d_][\w.'’-]*", window)[-5:]
    keys = []
    for word in words:
        key = fold(word).rstrip(".")
        keys.append(key[2:] if key[1:2] == "'" else key)
    for n in range(len(keys) - 1, max(-1, len(keys) - 5), -1):
        key = keys[n]
        if key in ("le", "la") and n and keys[n - 1] in _PREPOSITIONS:
            continue  # "ministre de la Défense": the article of the complement
        if gender := _word_gender(key):
            return gender
    return ""


# Words that say by themselves whether the name after them is a woman's or
# a man's ("Mme", "M.", "la présidente"), unlike articles and pronouns
# ("la", "son"), which may belong to another phrase ("la fille de …").
_ARTICLES_AND_PRONOUNS = frozenset(
    "la le elle il sa son cette ce une un she he her his".split()
)


def honorific_gender(text: str, start: int) -> str:
    """'f' or 'm' from the word right before a name when that word is an
    honorific or a gendered title ('Mme', 'M.', 'Mrs', 'la présidente'),
    '' otherwise."""
    match = re.search(r"([^\W\d_][\w.'’-]*)\s+$", text[max(0, start - 40) : start])
    if not match:
        return ""
    key = fold(match.group(1)).rstrip(".")
    return "" if key in _ARTICLES_AND_PRONOUNS else _word_gender(key)


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
    folded = fold(text)
    spans: list[Span] = []
    present: set[int] = set()

    blocked: list[tuple[int, int]] = []  # places named after people
    for hit in gazetteer.find(folded):
        surface = text[hit.start : hit.end]
        if named_after(surface):
            blocked.append((hit.start, hit.end))
            continue
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
    genders = _genders(text, spans, present, gazetteer)

    taken = [(s.start, s.end) for s in spans] + blocked
    for hit in gazetteer.find_short(folded):
        if _overlaps(hit, taken):
            continue
        surface = text[hit.start : hit.end]
        if not is_written_as_name(surface) or _glued_to_other_name(text, hit.start):
            continue
        if _is_place(text, hit, places):
            continue
        honorific = _after_honorific(text, hit.start)
        method = "honorific" if honorific else "surname"
        in_article = [pid for pid in hit.person_ids if pid in present]
        known = [pid for pid in hit.person_ids if pid in gazetteer.known_by_surname]
        if len(in_article) == 1:
            span = Span(hit.start, hit.end, surface, in_article[0], AUTO, method)
        elif len(in_article) > 1:
            # "Mme Le Pen" when both Marine and Jean-Marie Le Pen are named.
            one = _one_of_gender(honorific_gender(text, hit.start), in_article, genders)
            if one is not None:
                span = Span(hit.start, hit.end, surface, one, AUTO, method)
            else:
                namesakes = tuple(in_article)
                span = Span(
                    hit.start, hit.end, surface, None, PENDING, method, namesakes
                )
        elif len(known) == 1:
            span = Span(hit.start, hit.end, surface, known[0], AUTO, "known-surname")
        elif honorific and len(hit.person_ids) == 1:
            span = Span(hit.start, hit.end, surface, hit.person_ids[0], PENDING, method)
        elif honorific and hit.person_ids:
            directory = {pid: gazetteer.gender(pid) for pid in hit.person_ids}
            one = _one_of_gender(
                honorific_gender(text, hit.start), hit.person_ids, directory
            )
            span = Span(
                hit.start,
                hit.end,
                surface,
                one,
                PENDING,
                method,
                () if one is not None else hit.person_ids,
            )
        else:
            continue
        spans.append(span)
        taken.append((span.start, span.end))

    spans += _given_name_after_sir(text, gazetteer, present, taken)
    spans += _unknown_people(text, candidates, taken)
    spans.sort(key=lambda s: s.start)
    return spans


def _genders(
    text: str, spans: Sequence[Span], present: set[int], gazetteer: Gazetteer
) -> dict[int, str]:
    """Each person named in full in `text`: 'f' or 'm' as the directory
    records it, else as the article says it right before their full name
    ('Mme Marine Le Pen'), when it always says the same."""
    said: dict[int, set[str]] = {}
    for span in spans:
        if span.person_id is not None and span.method == "directory":
            cue = honorific_gender(text, span.start)
            if cue:
                said.setdefault(span.person_id, set()).add(cue)
    genders = {}
    for pid in present:
        cues = said.get(pid, set())
        from_text = next(iter(cues)) if len(cues) == 1 else ""
        genders[pid] = gazetteer.gender(pid) or from_text
    return genders


def _one_of_gender(
    cue: str, candidates: Sequence[int], genders: dict[int, str]
) -> int | None:
    """The one candidate of the gender `cue` names, when the gender of every
    candidate is known (so the others are known not to be meant)."""
    if not cue or not all(genders.get(pid) for pid in candidates):
        return None
    matching = [pid for pid in candidates if genders[pid] == cue]
    return matching[0] if len(matching) == 1 else None


_SIR_RE = re.compile(r"\b(?:Sir|Dame)\s+([^\W\d_][\w'’-]*)")


def _given_name_after_sir(
    text: str, gazetteer: Gazetteer, present: set[int], taken: list[tuple[int, int]]
) -> list[Span]:
    """'Sir Keir' is how British English cites Sir Keir Starmer once named."""
    found = []
    for match in _SIR_RE.finditer(text):
        start, end = match.span(1)
        if any(start < e and s < end for s, e in taken):
            continue
        key = fold(match.group(1))
        people = [pid for pid in present if gazetteer.given_name(pid) == key]
        if len(people) == 1:
            found.append(Span(start, end, match.group(1), people[0], AUTO, "honorific"))
            taken.append((start, end))
    return found


def _unknown_people(
    text: str,
    candidates: Sequence[tuple[int, int, str]],
    taken: list[tuple[int, int]],
) -> list[Span]:
    """Pending spans for names nobody in the directory has, surnames included."""
    found: list[Span] = []
    for start, end, method in sorted(candidates):
        if any(start < e and s < end for s, e in taken):
            continue
        surface = text[start:end]
        if not is_written_as_name(surface):
            continue
        name = " ".join(surface.split())
        found.append(Span(start, end, surface, None, PENDING, method, name=name))
        taken.append((start, end))
    folded = None
    for full in list(found):
        for form in surname_forms(full.name):
            folded = folded or fold(text)
            key = fold_name(form)
            for match in re.finditer(re.escape(key), folded):
                start, end = match.span()
                if start < full.end or any(start < e and s < end for s, e in taken):
                    continue
                if (start and folded[start - 1].isalnum()) or (
                    end < len(folded) and folded[end].isalnum()
                ):
                    continue
                surface = text[start:end]
                if not is_written_as_name(surface) or _glued_to_other_name(text, start):
                    continue
                found.append(
                    Span(
                        start, end, surface, None, PENDING, full.method, name=full.name
                    )
                )
                taken.append((start, end))
    return found
