"""Speakers named by a description rather than a name: "a déclaré le chef
de l'État", "selon le ministre italien", "the prime minister said", "a
reconnu le Danois". Journalists name someone once, then describe them;
the description is resolved to a person the article names.

A candidate scores by what the article says around its names (the
description's words there: "le ministre italien" and "son homologue
italien, Antonio Tajani"), by gender when both say one ("la ministre"),
and by being the one just named or the subject of the sentence before.
Plain Python: text and spans in, a speaker out.
"""

import re
from collections.abc import Callable, Sequence

from .cues import POSSESSIVES, word_gender
from .normalise import word_key
from .quote_marks import sentence_start
from .spans import Span
from .words import INSTITUTIONS, ROLE_HEADS

_WORD = re.compile(r"[^\W\d_][\w'’-]*")
# Words that carry no description of their own.
_EMPTY = frozenset(
    """
    le la l les un une des de du d son sa ses leur leurs ce cette cet au aux
    the a an his her its their this that of in on at to for and et en pour
    sur avec par new nouveau nouvelle ancien ancienne former
    """.split()
)
DETERMINERS = frozenset(
    "le la l les un une son sa ses leur ce cette cet the a an his her its their"
    " this that".split()
)
INDEFINITE = frozenset("un une a an".split())
_ENGLISH_DETERMINERS = frozenset("the a an his her its their this that".split())
# The person spoke in the phrase only if it is this short: longer, it is a
# clause ("le ministre a ensuite défendu sa méthode devant les sénateurs").
MAX_WORDS = 8

Speaker = tuple[int | None, str]


def words(phrase: str) -> list[str]:
    return [word_key(w) for w in _WORD.findall(phrase)]


def is_description(phrase: str) -> bool:
    """'le chef de l'État', 'the prime minister', "l'accusé": a determiner
    then a few words, no name."""
    keys = words(phrase)
    first = phrase.strip()[:2].lower()
    starts = bool(keys) and (keys[0] in DETERMINERS or first in ("l'", "l’"))
    return starts and len(keys) <= MAX_WORDS


def is_unnamed(phrase: str) -> bool:
    """'un diplomate européen', 'a State Department spokesman': someone the
    article does not name."""
    keys = words(phrase)
    # "à l'AFP" folds to "a l'afp": French "à" is not the English article.
    first = next(iter(phrase.split()), "")
    return bool(keys) and keys[0] in INDEFINITE and first.lower() != "à"


def apposed(
    text: str, mentions: Sequence[Span], start: int, end: int
) -> Speaker | None:
    """'Une patiente, Anne X, venue …', 'a spokesman, Tom X,': the name
    set beside an indefinite description speaks ('un proche de X' is not)."""
    for m in mentions:
        if start <= m.start < end:
            after = text[m.end : end].lstrip()
            if _APPOSED.fullmatch(text[start : m.start]) and after[:1] in ("", ","):
                return m.person_id, m.text
            return None
    return None


_APPOSED = re.compile(r"[^,]{1,60},\s*")


def is_institution(phrase: str) -> bool:
    """'le ministère', 'la direction du groupe', 'the company': a body
    speaks, not a person (its first content word says so)."""
    content = [k for k in words(phrase) if k not in _EMPTY]
    if not (is_description(phrase) and content and content[0] in INSTITUTIONS):
        return False
    # "the opposition leader", "le président du Parti": a person of the body.
    return not any(k in ROLE_HEADS or word_gender(k) for k in content)


def description_gender(phrase: str) -> str:
    """'f' for 'la ministre', "l'actrice"; 'm' for 'le réalisateur'; ''.
    A French description says it by its article and head noun, not by a
    complement's: "l'accusé à la barre" says nothing of "la"."""
    keys = words(phrase)[:3]
    if keys and keys[0] not in _ENGLISH_DETERMINERS:
        head = next((n for n, k in enumerate(keys) if k not in _EMPTY), len(keys))
        keys = keys[: head + 1]
    for key in keys:
        if gender := key not in POSSESSIVES and word_gender(key):
            return gender
    return ""


def resolve(
    text: str,
    phrase: str,
    at: int,
    mentions: Sequence[Span],
    gender_of: Callable[[Span], str],
) -> Speaker | None:
    """The person `phrase` (a description said at offset `at`) stands for,
    among the people `mentions` name; None when nothing decides."""
    keys = words(phrase)
    content = [k for k in keys if k not in _EMPTY and len(k) > 1]
    # The head noun ('ministre', 'leader') is shared by many; what goes
    # with it ('italien', 'des Verts', 'French') tells them apart: it weighs
    # double. French puts the head first, English last.
    english = bool(keys) and keys[0] in _ENGLISH_DETERMINERS
    head = content[-1:] if english else content[:1]
    weights = dict.fromkeys(content, 2) | dict.fromkeys(head, 1)
    gender = description_gender(phrase)
    anyone_before = any(m.end <= at for m in mentions)
    people: dict[object, list[Span]] = {}
    for mention in mentions:
        people.setdefault(_key(mention), []).append(mention)
    scored = []
    for spans in people.values():
        genders = {g for g in map(gender_of, spans) if g}
        if gender and genders and gender not in genders:
            continue
        before = [m for m in spans if m.end <= at]
        overlap = max(
            sum(weights.get(k, 0) for k in _around(text, m, mentions)) for m in spans
        )
        if not before and overlap < (2 if anyone_before else 1):
            # Named only later: when others were named already, the
            # description looks back to them unless words that tell people
            # apart ('italien', 'des Verts') tie it to this one; the head
            # noun many share ('leader') is not enough.
            continue
        # What the article says of them outweighs where they were named: "le
        # ministre" after a journalist was named is still the minister.
        score = 4 * overlap + _position(text, before, mentions, at)
        last = max((m.start for m in before), default=-1)
        scored.append((score, last, spans[0]))
    if not scored:
        return None
    scored.sort(key=lambda s: (s[0], s[1]), reverse=True)
    if len(scored) > 1 and scored[0][:2] == scored[1][:2]:
        return None
    best = scored[0][2]
    return best.person_id, best.text


def _key(mention: Span) -> object:
    return mention.person_id or word_key(mention.name or mention.text)


def _around(text: str, mention: Span, mentions: Sequence[Span]) -> set[str]:
    """The words that describe a name: the few before it ('son homologue
    italien Antonio Tajani'), and an apposition after it ('Tajani, le
    ministre italien,'), never past another name or the sentence."""
    left_stop = max((m.end for m in mentions if m.end <= mention.start), default=0)
    left = text[max(left_stop, mention.start - 70) : mention.start]
    left = re.split(r"[.!?\n]\s", left)[-1]
    apposition = re.match(r"\s*,\s*([^,.;:!?«»\"“”\n]{1,60})", text[mention.end :])
    right = apposition.group(1) if apposition else ""
    return {k for k in words(left)[-6:] + words(right) if k not in _EMPTY}


def _position(text: str, before: list[Span], mentions: Sequence[Span], at: int) -> int:
    """2 for the subject (first named) of the sentence before the
    description or of its own, 1 for the person named last before it: "X
    a battu Y. « … », a expliqué le Slovène" is X."""
    if not before:
        return 0
    earlier = [m for m in mentions if m.end <= at]
    score = int(before[-1] is earlier[-1]) if earlier else 0
    for lo, hi in _sentence_starts(text, at):
        inside = [m for m in mentions if lo <= m.start < hi]
        if inside:
            return score + 2 * any(m is inside[0] for m in before)
    return score


def _sentence_starts(text: str, at: int) -> list[tuple[int, int]]:
    """The sentence holding `at`, then the one before it, as (start, end)."""
    own = sentence_start(text, at)
    end = own
    while end > 0 and text[end - 1].isspace():
        end -= 1
    previous = sentence_start(text, end - 1) if end > 0 else 0
    return [(own, at), (previous, own)]
