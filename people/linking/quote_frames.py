"""Frames of attribution beyond "quotation, verb, speaker": the speaker
inside the marks ("« …, reconnaît X. … »"), a quotation cut by an incise
("« … », tonne-t-il, « … »"), the speaker in the next sentence ("C'est par
ces mots que X…", "That was the warning from X"), and two quotations
joined by "et"/"and" under one attribution."""

import dataclasses
import re
from collections.abc import Sequence

from .spans import Span
from .words import EN_QUOTE_VERBS, FR_QUOTE_VERBS

# ", reconnaît l'entraîneur des Verts. Après…": a verb and its speaker
# between two sentences of the quotation itself.
INSIDE = re.compile(
    r",\s+(?:(?:a|avait)\s+)?(?P<verb>(?:"
    + FR_QUOTE_VERBS
    + r")(?:e|s|es)?(?P<pronoun>-t-(?:il|elle)|-(?:il|elle))?|"
    + EN_QUOTE_VERBS
    + r")(?P<who>\s+[^.,;:!?«»\"“”\n]{1,60}?)?\s*[.;]\s+(?=\S)",
    re.IGNORECASE,
)
# Between a quotation and the next: an incise naming no one new.
INCISE = re.compile(r"^\s*,?\s*[^.!?«»\"“”\n]{1,60}?,\s*$")
JOINED = re.compile(r"^\s*(?:et|and|puis)\s*$", re.IGNORECASE)
NEXT_SENTENCE = re.compile(
    r"^\s*(?:c['’]est\s+(?:(?:par|avec|en)\s+)?ces\s+(?:mots|termes)|"
    r"ainsi\s+(?:s['’]exprimait|parlait)|ces\s+mots\s+sont\s+(?:de|d['’])|"
    r"that\s+was\s+the\s+(?:warning|message|verdict|view|promise)\s+(?:from|of)|"
    r"so\s+said|those\s+were\s+the\s+words\s+of)",
    re.IGNORECASE,
)


def inside(text: str, start: int, end: int) -> re.Match | None:
    """The attribution inside a quotation, if it holds one."""
    return INSIDE.search(text, start, end)


def is_incise(text: str, previous_close: int, open_mark: int) -> bool:
    """Whether only an incise ('», tonne-t-il, «') separates this quotation
    from the previous one."""
    if previous_close < 0 or open_mark <= previous_close:
        return False
    return bool(INCISE.match(text[previous_close + 1 : open_mark]))


def next_sentence(text: str, close_mark: int, mentions: Sequence[Span]):
    """The person the sentence after a quotation names, when that sentence
    says the words were theirs ('C'est par ces mots que X…')."""
    rest = text[close_mark + 1 : close_mark + 300]
    match = NEXT_SENTENCE.match(rest)
    if not match:
        return None
    stop = re.search(r"[.!?\n]", rest[match.end() :])
    end = close_mark + 1 + match.end() + (stop.start() if stop else len(rest))
    named = [m for m in mentions if close_mark < m.start and m.end <= end]
    return (named[0].person_id, named[0].text) if named else None


def joined(text: str, quotes: list) -> list:
    """A quotation with no speaker that "et"/"and" joins to the next one
    shares its speaker: « … » et « … », a-t-il dit."""
    result = list(quotes)
    for n in range(len(result) - 2, -1, -1):
        quote, following = result[n], result[n + 1]
        if quote.rule != "none" or following.rule == "none":
            continue
        between = text[quote.end : following.start].strip(' \u00a0\u202f«»"“”')
        if JOINED.match(between):
            result[n] = dataclasses.replace(
                quote,
                speaker_id=following.speaker_id,
                speaker_name=following.speaker_name,
                rule="joined",
            )
    return result
