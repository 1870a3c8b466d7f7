"""Names used otherwise than to name someone: as a thing ("the Jane Doe
report"), or as a surname two people share ("Anne and Paul Martin")."""

import re

from .gazetteer import Hit
from .normalise import fold, fold_name

# Nouns a name qualifies when it names a thing after a person.
THING_NOUNS = frozenset(
    """
    report reports doctrine law laws act rule case prize award awards
    foundation effect plan review inquiry affair bill amendment memo scandal
    era years method formula index test trophy cup
    """.split()
)
_NEXT_WORD = re.compile(r"[ \u00a0]+([^\W\d_][\w'’-]*)")
_THE_BEFORE = re.compile(r"\b(?:the|a|an)[ \u00a0]+$", re.IGNORECASE)
_SHARED = re.compile(
    r"\b([A-ZÀ-Ý][\w'’-]+)\s+(?:and|et|&)\s+([A-ZÀ-Ý][\w'’-]+)\s+([A-ZÀ-Ý][\w'’-]+)"
)


def used_as_a_thing(text: str, hit: Hit) -> bool:
    """'the Jane Doe report', 'a Nobel-style Jane Doe prize': a determiner
    before the name and a thing's noun after it."""
    if not _THE_BEFORE.search(text[max(0, hit.start - 6) : hit.start]):
        return False
    following = _NEXT_WORD.match(text, hit.end)
    return bool(following) and fold(following.group(1)) in THING_NOUNS


def shared_surnames(text: str) -> set[str]:
    """Surnames that two given names share in one phrase: 'Anne and Paul
    Martin', 'Marie et Pierre Curie'."""
    return {fold_name(m.group(3)) for m in _SHARED.finditer(text)}
