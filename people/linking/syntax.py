"""Who a partial quotation belongs to, from spaCy's French dependency parse.

The rules attribute most quotations from the words around the marks. A
quotation inside a long sentence is where they run out: "Joint par
téléphone, le maire …, s'est dit « … », tout en réclamant « … »", "se
contentant d'indiquer qu'elle restait « … »". There the clause's structure
says whose words they are: the subject of the verb the quoted words depend
on, or of the verb that one depends on (a gerund, an infinitive, a
coordinated verb). Only such sentences are parsed — a few per article — so
the parser's cost stays off the rest of the text.
"""

from collections.abc import Iterator
from functools import lru_cache

from .ner import MODEL

# The parser needs the tagger's features (morphologizer, attribute_ruler);
# entities and lemmas are not used here.
_EXCLUDE = ["ner", "lemmatizer"]
# The parser reads quotation marks as words (« tagged VERB or PROPN) and
# builds the sentence around them: they are blanked, offsets unchanged.
_BLANK_MARKS = str.maketrans(dict.fromkeys('«»"“”', " "))
# How far up from the quoted words a subject is looked for.
_MAX_CLIMB = 6
_SUBJECTS = ("nsubj",)


@lru_cache(maxsize=1)
def load_parser(name: str = MODEL):
    import spacy

    return spacy.load(name, exclude=_EXCLUDE)


def subjects(sentence: str, start: int, end: int) -> list[tuple[int, int]]:
    """Where in `sentence` the subjects that may have said the quoted words
    sentence[start:end] lie, best first: climbing from the quoted words
    through the verbs they depend on, the nearest subject first — except
    that a subject inside a reported clause ("X a estimé que l'accusé avait
    « … »") comes after those of the verbs above it, whose clause it is."""
    doc = load_parser()(sentence.translate(_BLANK_MARKS))
    inside = [t for t in doc if start <= t.idx < end]
    heads = [t for t in inside if t.head == t or not start <= t.head.idx < end]
    if not heads:
        return []
    below, above = [], []
    found = below
    for token in _climb(heads[0]):
        subject = _subject(token, start, end)
        if subject:
            found.append(subject)
        if token.dep_ == "ccomp":
            found = above  # the verbs above report this clause
    return above + below


def _climb(token) -> Iterator:
    """The token, then each head above it, at most _MAX_CLIMB steps."""
    yield token
    for _ in range(_MAX_CLIMB):
        if token.head == token:
            return
        token = token.head
        yield token


def _subject(token, start: int, end: int) -> tuple[int, int] | None:
    """The (start, end) of the subject of `token`'s clause outside the
    quoted words, cut before a relative clause ("le député, qui avait
    interpellé X, …" is "le député")."""
    for child in token.children:
        if child.dep_ in _SUBJECTS and not start <= child.idx < end:
            last = child.right_edge
            stop = last.idx + len(last.text)
            for word in child.children:
                if word.dep_.startswith("acl") and word.idx > child.idx:
                    stop = min(stop, word.left_edge.idx)
            first = child.left_edge.idx
            return (first, min(stop, start)) if first < start else (first, stop)
    return None
