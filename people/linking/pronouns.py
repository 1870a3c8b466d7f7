"""Who a pronoun stands for in a quotation's attribution ('a-t-elle
ajouté', 'he said'), and the reading state the quotations share: who spoke
last and where their quotation closed."""

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from .cues import gender_hint
from .first_names import first_name_gender
from .normalise import fold
from .spans import Span

Speaker = tuple[int | None, str]


# What stands between an English pronoun and its verb: "he would only say".
MODALS = frozenset("would will could can did does only not simply just".split())


def is_pronoun(phrase: str) -> bool:
    """'il', 'elle', 'he', 'she', 'lui', "Interrogée sur …, elle", 'He later',
    "Asked whether …, he would only" (say)."""
    words = [w.lower() for w in re.findall(r"[^\W\d_]+", phrase)]
    while len(words) > 1 and words[-1] in MODALS:
        words.pop()
    if not words:
        return False
    if words[-1] in ("il", "elle", "lui", "he", "she"):
        return True  # "Interrogée sur …, elle", "Pressed again, she"
    return words[0] in ("he", "she", "il", "elle") and len(words) <= 3


def _pronoun_gender(phrase: str) -> str:
    phrase = phrase.lower()
    if re.search(r"\b(?:elle|she)\b", phrase):
        return "f"
    if re.search(r"\b(?:il|he)\b", phrase):
        return "m"
    return ""


def _pronoun_speaker(
    reading: "Reading", pronoun_phrase: str, before: int
) -> tuple[tuple[int | None, str] | None, str]:
    """Who a pronoun ('a-t-elle ajouté', 'he said') stands for: the last
    person of a compatible gender named since the previous quotation, else
    the previous speaker, else the last such person named before."""
    mentions = reading.mentions
    previous, previous_end = reading.previous, reading.previous_end
    gender = _pronoun_gender(pronoun_phrase)

    def fits(mention: Span) -> bool:
        hint = reading.gender_of(mention)
        return not gender or not hint or hint == gender

    since = [m for m in mentions if previous_end <= m.start and m.end <= before]
    for mention in reversed(since):
        if fits(mention):
            candidate = (mention.person_id, mention.text)
            if previous is None or not same_person(candidate, previous):
                return candidate, "pronoun-last-named"
            break
    if previous is not None and _fits_previous(reading, previous, gender):
        return previous, "pronoun-after"
    earlier = [m for m in mentions if m.end <= before and fits(m)]
    if earlier:
        return (earlier[-1].person_id, earlier[-1].text), "pronoun-last-named"
    return None, ""


def _fits_previous(
    reading: "Reading", previous: tuple[int | None, str], gender: str
) -> bool:
    """Whether the previous speaker can be the pronoun's person: no mention
    of them carries a gender cue that contradicts it."""
    if not gender:
        return True
    hints = {
        reading.gender_of(m)
        for m in reading.mentions
        if same_person((m.person_id, m.text), previous)
    }
    return not (hints - {"", gender})


def same_person(a: tuple[int | None, str], b: tuple[int | None, str]) -> bool:
    if a[0] is not None or b[0] is not None:
        return a[0] == b[0]
    return fold(a[1]) == fold(b[1])


@dataclass
class Reading:
    """One pass over a text's quotations, in order: who spoke last, and
    where the last quotation closed (pronouns look back to it)."""

    text: str
    mentions: Sequence[Span]
    # 'f' or 'm' of people, as the directory records it.
    genders: Mapping[int, str] = field(default_factory=dict)
    previous: Speaker | None = None
    previous_end: int = 0

    def gender_of(self, mention: Span) -> str:
        """What the directory records, else what the words before the name
        say ('la ministre …'); the directory first: "face à son texte, X"
        says nothing of X."""
        return (
            self.genders.get(mention.person_id, "")
            or gender_hint(self.text, mention.start)
            or first_name_gender(mention.name or mention.text)
        )

    def pronoun(self, phrase: str, before: int) -> tuple[Speaker | None, str]:
        return _pronoun_speaker(self, phrase, before)
