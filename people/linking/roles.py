"""Roles from appositions, and bare role phrases resolved through roles.

`le ministre de la Défense Elias Brand`, `le secrétaire d'État américain
Carl Hewitt`, `Health Secretary Ines Korver`: the title phrase right before
a full name becomes a role fact for staff to confirm. Once a role is
confirmed, `le secrétaire d'État` alone, in an article dated while the role
was held, links to its holder.
"""

import re
from collections.abc import Sequence
from dataclasses import dataclass

from .normalise import fold, fold_name, is_elided, word_key
from .spans import AUTO, PENDING, Span, at_word_boundary, overlaps
from .words import ROLE_ARTICLES, ROLE_HEADS, ROLE_PHRASE_BOUNDARY

_WORD = re.compile(r"[^\W\d_](?:[\w'’-]*\w)?'?")
_BREAKS = '.;:!?«»"“”()\n'


@dataclass(frozen=True, slots=True)
class RoleFact:
    person_id: int
    title: str
    organisation: str
    start: int  # where the role phrase starts in the text


def organisation_of(title: str) -> str:
    """'ministre de la Défense' -> 'Défense'; '' when none is named.
    'd'État' is part of a title ('secrétaire d'État', 'chef d'État'), not
    an organisation."""
    match = re.search(r"\b(?:de la|de l['’]|du|des|d['’]|de|of the|of)\s*(.+)$", title)
    rest = match.group(1).strip() if match else ""
    if fold(rest.split(" ")[0]) == "etat":
        return ""
    return rest if rest[:1].isupper() else ""


_FORMER = frozenset("ancien ancienne former ex".split())
_TITLE_WORD = re.compile(r"^[^\W\d_][\w'’-]*$")


def reads_as_title(title: str) -> bool:
    """Whether a phrase proposed as a role reads as a title: words only (no
    digits, no punctuation but apostrophes and hyphens), at most eight of
    them, none a stray letter from a clause ('I'm' leaves 'm')."""
    words = title.split()
    return (
        0 < len(words) <= 8
        and all(_TITLE_WORD.match(w) for w in words)
        and all(len(w) > 1 or w.lower() in ("à", "a") for w in words)
    )


def role_phrase(text: str, start: int, after: int = 0) -> tuple[int, str] | None:
    """(offset, phrase) of the role phrase right before `start`, if any,
    never reaching back past `after` (the end of the name before it:
    "Chancellor Rachel Reeves welcomed Christine Lagarde" gives Lagarde
    no title)."""
    window = max(0, start - 120, after)
    last_break = max(text.rfind(c, window, start) for c in _BREAKS)
    segment_start = last_break + 1 if last_break != -1 else window
    words = list(_iter_words(text, segment_start, start))
    if not words or text[words[-1][1] : start].strip(" \u00a0\u202f,"):
        return None
    head = None
    for n in range(len(words) - 1, max(-1, len(words) - 8), -1):
        key = word_key(words[n][2])
        if key in ROLE_HEADS:
            head = n
            break
        after_preposition = n > 0 and word_key(words[n - 1][2]) in ("de", "a", "of")
        # "du Travail et de la Santé": one title of two departments.
        joins = (
            key in ("et", "and")
            and n + 1 < len(words)
            and (word_key(words[n + 1][2]) in ("de", "du", "des", "of"))
        )
        if key in ROLE_PHRASE_BOUNDARY and not after_preposition and not joins:
            return None  # "de la Défense" goes on; "la" alone ends the phrase
    if head is None:
        return None
    first = _modifiers_start(text, words, head)
    if first > 0 and word_key(words[first - 1][2]) in _FORMER:
        return None  # "l'ancien sélectionneur X": a title no longer held
    phrase_start = words[first][0]
    if is_elided(words[first][2]):
        phrase_start += 2  # drop the elided article
    return phrase_start, text[phrase_start : words[-1][1]]


# A preposition with its article right before the head ends the title
# ("aux côtés du ministre", "face au président"); French modifiers follow the
# head ("ministre ukrainien des Affaires étrangères").
_BEFORE_FRENCH_HEAD = frozenset("du des au aux de d".split())


def _modifiers_start(text: str, words: list, head: int) -> int:
    """Where the title starts: English puts modifiers first ("Health
    Secretary", "Opposition leader"), and a third when it begins a proper
    noun ("White House press secretary")."""
    first = head
    while first > 0 and head - first < 3:
        previous = words[first - 1][2]
        proper = previous[:1].isupper() and words[first][2][:1].isupper()
        if head - first == 2 and not proper:
            break
        if word_key(previous) in ROLE_PHRASE_BOUNDARY or previous[1:2] in ("'", "’"):
            break
        if word_key(previous) in _BEFORE_FRENCH_HEAD:
            break  # "aux côtés du ministre": French titles start at their head
        if previous.endswith(("'s", "’s", "s'", "s’")):
            break  # "the council's licensing chair": whose title, not part of it
        if text[words[first - 1][1] : words[first][0]].strip():
            break  # a comma or a dash between: another clause
        if is_elided(words[first][2]):
            break  # "L'ambassadeur": the elided article starts the phrase
        first -= 1
    return first


def _iter_words(text: str, start: int, end: int):
    for match in _WORD.finditer(text, start, end):
        yield match.start(), match.end(), match.group()


# "Antonio Tajani, le ministre italien des Affaires étrangères, a…",
# "X, the opposition leader, said": a title in apposition.
_APPOSITION = re.compile(
    r",\s+(?:(?:le|la|the)\s+|l['’])?(?P<title>[^,.;:!?()«»\"“”\n]{2,80}?)\s*(?=[,.;:)]|$)"
)
_CLAUSE_WORDS = frozenset(
    "qui que dont ou et who which whose that and or a est sont was is has had".split()
)


def role_after(text: str, end: int, stop: int) -> tuple[int, str] | None:
    """(offset, title) of a title set in apposition after a name, ending
    before `stop` (the next name): a noun phrase whose head is a title word,
    first in French ('le ministre italien'), last in English ('the
    opposition leader'), with no clause in it."""
    match = _APPOSITION.match(text, end)
    if not match or match.end("title") > stop:
        return None
    title = match.group("title")
    keys = [word_key(w) for w in title.split()]
    if any(k in _CLAUSE_WORDS or k in _FORMER for k in keys):
        return None
    heads = [i for i, k in enumerate(keys) if k in ROLE_HEADS]
    if not heads or not (
        heads[0] == 0 or (heads[-1] == len(keys) - 1 and len(keys) <= 4)
    ):
        return None
    return match.start("title"), title


def find_roles(text: str, spans: Sequence[Span]) -> list[RoleFact]:
    """Role facts from the phrase before each full name of a known person,
    or from a title set after it in apposition."""
    facts = []
    previous_end = 0
    ordered = sorted(spans, key=lambda s: s.start)
    for n, span in enumerate(ordered):
        after, previous_end = previous_end, max(previous_end, span.end)
        if span.person_id is None or span.method != "directory":
            continue
        found = role_phrase(text, span.start, after)
        if found is None:
            stop = ordered[n + 1].start if n + 1 < len(ordered) else len(text)
            found = role_after(text, span.end, stop)
        if found is None:
            continue
        start, title = found
        title = " ".join(title.split())
        if not reads_as_title(title):
            continue
        facts.append(RoleFact(span.person_id, title, organisation_of(title), start))
    return facts


def role_keys(title: str) -> list[str]:
    """How a title may be cited bare: in full; without a trailing adjective
    ('secrétaire d'État américain' -> 'secrétaire d'État'); without the
    place it is of ('Prime Minister of the United Kingdom' -> 'Prime
    Minister', 'secrétaire d'État des États-Unis' -> 'secrétaire d'État');
    from its head word ('United States Secretary of State' -> 'Secretary
    of State'). A shortened key keeps two words at least: 'ministre des
    Armées' is never just 'ministre'."""
    words = title.split()
    shorter = [_without_adjective(words), _without_place(words), _from_head(words)]
    keys = [fold_name(title)]
    keys += [fold_name(" ".join(w)) for w in shorter if w and len(w) >= 2]
    return list(dict.fromkeys(keys))


def _without_adjective(words: list[str]) -> list[str]:
    if len(words) >= 3 and words[-1][:1].islower():
        if fold(words[-2]) not in ("de", "du", "des", "of"):
            return words[:-1]
    return []


_PLACE_LINKS = ("of", "du", "des", "de", "d'")


def _without_place(words: list[str]) -> list[str]:
    """Cut a trailing 'of the X' / 'de la X' whose X is a proper noun."""
    for i in range(1, len(words)):
        link = fold(words[i])
        rest = words[i + 1 :]
        if link.startswith("d'") and words[i][2:3].isupper() and not rest:
            return words[:i]  # 'ministre d'Italie'
        if link in _PLACE_LINKS and rest:
            if fold(rest[0]) in ("the", "la", "l'", "le", "les") and len(rest) > 1:
                rest = rest[1:]
            if rest[0][:1].isupper():
                return words[:i]
    return []


def _from_head(words: list[str]) -> list[str]:
    """English puts the place first: keep from the role's head word."""
    for i, word in enumerate(words[1:], start=1):
        if word_key(word) in ROLE_HEADS and all(w[:1].isupper() for w in words[:i]):
            return words[i:]
    return []


def resolve_role_phrases(
    text: str,
    held: Sequence[tuple[str, int]],
    taken: Sequence[tuple[int, int]],
) -> list[Span]:
    """Bare role phrases ('le secrétaire d'État') for roles held at the
    article's date: linked to the holder, pending when two hold it."""
    holders: dict[str, set[int]] = {}
    for title, person_id in held:
        for key in role_keys(title):
            holders.setdefault(key, set()).add(person_id)
    if not holders:
        return []
    folded = fold(text)
    spans: list[Span] = []
    occupied = list(taken)
    for key in sorted(holders, key=len, reverse=True):
        for match in re.finditer(re.escape(key), folded):
            start, end = match.span()
            if not at_word_boundary(folded, start, end):
                continue
            if overlaps(start, end, occupied):
                continue
            before = folded[max(0, start - 4) : start].split()
            article = before[-1] if before else folded[max(0, start - 2) : start]
            if article not in ROLE_ARTICLES and not folded[:start].endswith("l'"):
                continue
            after = text[end:].lstrip(" \u00a0")
            if after[:1].isupper():
                continue  # an apposition: the name that follows is the mention
            people = sorted(holders[key])
            if len(people) == 1:
                span = Span(start, end, text[start:end], people[0], AUTO, "role")
            else:
                span = Span(
                    start, end, text[start:end], None, PENDING, "role", tuple(people)
                )
            spans.append(span)
            occupied.append((start, end))
    return spans
