"""Organisations, not people: a name whose own words say so ('Héron
Mobilité', 'Union Berlin'), or the name an organisation noun gives it
('l'association … Clair Ruisseau', 'the charity Clean Rivers')."""

import re

from .ner import _words
from .normalise import word_key
from .words import ORGANISATION_WORDS, ROLE_WORDS


def names_an_organisation(text: str, start: int) -> bool:
    """Whether the run at `start` is the name an organisation noun gives
    ("l'association de défense des rivières Clair Ruisseau", "the charity
    Clean Rivers"); not a person it leads to ("le parti de X", "le
    président du club X")."""
    lead = _CLAUSE_BREAK.split(text[max(0, start - 80) : start])[-1]
    words = [word for _, _, word in _words(lead)][-7:]
    keys = [word_key(w) for w in words]
    if not keys or keys[-1] in _LINKING_WORDS or any(k in ROLE_WORDS for k in keys):
        return False
    for n in range(len(keys) - 1, -1, -1):
        if keys[n] in _ORGANISATION_NOUNS:
            return True
        if keys[n] in _VERB_WORDS or words[n].endswith(_PARTICIPLE_ENDINGS):
            return False  # "Le club a recruté X": a verb, then its object
    return False


_CLAUSE_BREAK = re.compile(r"[,.;:!?()«»\"“”\n]")
_ORGANISATION_NOUNS = ORGANISATION_WORDS | frozenset(
    "collectif ong syndicat marque label enseigne charity firm organisation "
    "organization campaign startup start-up".split()
)
_VERB_WORDS = frozenset(
    "a ont est sont etait avait va vont has have had is was were will".split()
)
_PARTICIPLE_ENDINGS = ("é", "ée", "és", "ées", "ed")
_LINKING_WORDS = frozenset("de du des d of by par pour avec a au aux for with".split())


def is_organisation(name: str) -> bool:
    """'Héron Mobilité', 'Brigade des Martyrs', 'Union Berlin': a word of
    an organisation's first or last, not a person's name."""
    keys = [word_key(w) for w in name.split()]
    return bool(keys) and (
        keys[0] in ORGANISATION_WORDS or keys[-1] in ORGANISATION_WORDS
    )
