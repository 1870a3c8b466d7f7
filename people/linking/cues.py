"""What the words around a name say about it: a title or honorific before
it, a gender, a place rather than a person.

Plain functions over the text and an offset; the word lists are in `words`.
"""

import functools
import re
from collections.abc import Sequence
from pathlib import Path

from .normalise import fold, fold_name, word_key
from .spans import Span
from .words import (
    ARTICLES_AND_PRONOUNS,
    CALENDAR_WORDS,
    COMPLEMENT_PREPOSITIONS,
    FEMININE,
    FUNCTION_WORDS,
    HONORIFICS,
    LOCATION_PREPOSITIONS,
    MASCULINE,
    PLACE_PREPOSITIONS,
    TIME_PREPOSITIONS,
    TITLE_WORDS,
)

_PREV_WORD_RE = re.compile(r"([^\W\d_][\w.'’-]*)([ \u00a0\u202f]+)$")
_WORD_RE = re.compile(r"[^\W\d_][\w.'’-]*")


def previous_word(text: str, start: int) -> str:
    """The word right before `start`, separated by spaces only ('' otherwise)."""
    match = _PREV_WORD_RE.search(text, max(0, start - 60), start)
    return match.group(1) if match else ""


def glued_to_other_name(text: str, start: int) -> bool:
    """Whether the name at `start` continues a capitalised word that is not
    a title, honorific or function word ('Raúl Castro' when only Fidel is
    known)."""
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


def after_honorific(text: str, start: int) -> bool:
    """Whether an honorific or a title stands right before `start`."""
    word = fold(previous_word(text, start))
    return word in HONORIFICS or word.rstrip(".") in TITLE_WORDS


def named_after(surface: str) -> bool:
    """'Charles-de-Gaulle', 'Jean-Jaurès': a full name joined by hyphens is,
    in French, a place or an institution named after the person."""
    if any(c.isspace() for c in surface):
        return False
    parts = [p for p in re.split(r"[-‐‑]", surface) if p]
    return sum(1 for p in parts if p[:1].isupper()) >= 2


def is_place(
    text: str, start: int, end: int, places: Sequence[tuple[int, int]]
) -> bool:
    """Whether the word at [start, end) names a place or a date here:
    after `in`, `at`…, a holiday after a time preposition, or a location
    entity the directory cannot be taken to mean."""
    before = fold(previous_word(text, start))
    if before in PLACE_PREPOSITIONS:
        return True
    if fold(text[start:end]) in CALENDAR_WORDS and (
        before in TIME_PREPOSITIONS or not before
    ):
        return True
    if not any(s <= start and end <= e for s, e in places):
        return False
    # The small model calls many surnames locations ("Erdogan", "Macron",
    # a sentence's first word): its label alone only counts for names that
    # are known places, or after a place preposition.
    return before in LOCATION_PREPOSITIONS or (
        fold_name(text[start:end]) in known_places()
        and not after_honorific(text, start)
    )


@functools.cache
def known_places() -> frozenset[str]:
    path = Path(__file__).with_name("places.txt")
    lines = path.read_text(encoding="utf-8").splitlines()
    return frozenset(fold_name(line) for line in lines if line and line[0] != "#")


# A possessive agrees with its noun or tells of someone else ("son avocate",
# "her rival"): never the gender of the person it leads to.
POSSESSIVES = frozenset("son sa ses his her their leur leurs".split())


_PRONOUNS = frozenset("he she him il elle lui".split())


def word_gender(key: str) -> str:
    """'f' or 'm' for a folded word that marks a gender, '' otherwise."""
    if key in FEMININE or key + "." in FEMININE:
        return "f"
    if key in MASCULINE or key + "." in MASCULINE:
        return "m"
    return ""


# The words of another sentence say nothing of a name ("… le débat.\n\nClaire
# X"); the full stop of "M." or "Dr." is not a sentence's end.
_SENTENCE_BREAK = re.compile(
    r"[!?»“”\"\n]|(?<!\b[A-Z])(?<!\bMr)(?<!\bMrs)(?<!\bMs)(?<!\bDr)(?<!\bSt)\.\s"
)


def gender_hint(text: str, start: int) -> str:
    """'f' or 'm' from the words just before a name ('La maire Anne …',
    'M. …', "l'adjoint …"), '' when nothing says."""
    window = _SENTENCE_BREAK.split(text[max(0, start - 60) : start])[-1]
    keys = [word_key(word) for word in _WORD_RE.findall(window)[-5:]]
    for n in range(len(keys) - 1, max(-1, len(keys) - 5), -1):
        key = keys[n]
        if key in ("le", "la") and n and keys[n - 1] in COMPLEMENT_PREPOSITIONS:
            continue  # "ministre de la Défense": the article of the complement
        if key in POSSESSIVES or key in _PRONOUNS:
            continue  # "Her nearest rival, X", "He congratulated X": another
        if gender := word_gender(key):
            return gender
    return ""


def honorific_gender(text: str, start: int) -> str:
    """'f' or 'm' from the word right before a name when that word is an
    honorific or a gendered title ('Mme', 'M.', 'Mrs', 'la présidente'),
    '' otherwise."""
    match = re.search(r"([^\W\d_][\w.'’-]*)\s+$", text[max(0, start - 40) : start])
    if not match:
        return ""
    key = word_key(match.group(1))
    return "" if key in ARTICLES_AND_PRONOUNS else word_gender(key)


def genders_in_text(
    text: str, spans: Sequence[Span], present: set[int], directory
) -> dict[int, str]:
    """Each person named in full in `text`: 'f' or 'm' as the directory
    records it (`directory.gender(pid)`), else as the article says it right
    before their full name ('Mme Marine Le Pen'), when it always says the
    same."""
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
        genders[pid] = directory.gender(pid) or from_text
    return genders


def one_of_gender(
    cue: str, candidates: Sequence[int], genders: dict[int, str]
) -> int | None:
    """The one candidate of the gender `cue` names, when the gender of every
    candidate is known (so the others are known not to be meant)."""
    if not cue or not all(genders.get(pid) for pid in candidates):
        return None
    matching = [pid for pid in candidates if genders[pid] == cue]
    return matching[0] if len(matching) == 1 else None
