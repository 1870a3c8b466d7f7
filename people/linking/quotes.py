"""Quotations and their speakers, by rule, French and English.

Each quotation records the rule that attributed it so that staff can audit
it. A quotation with no rule that names a speaker goes to nobody; a quoted
fragment inside a sentence with no attribution (scare quotes, a phrase
picked up in reported speech) is not recorded as a quotation at all.
"""

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from .cues import gender_hint
from .normalise import fold
from .spans import Span
from .words import EN_QUOTE_VERBS, FR_QUOTE_VERBS, NOT_NAMES

# Where a speaker phrase stops: punctuation, but not the full stop of an
# abbreviated honorific or an initial ("M. Benali", "George W. Bush").
_SPEAKER_END = re.compile(
    r"[,;:!?()«»\"“”\n]|(?<!\bM)(?<!\bMr)(?<!\bMrs)(?<!\bMs)(?<!\bDr)(?<!\bPr)"
    r"(?<!\bSt)(?<!\b[A-Z])\."
)

_AFTER_PRONOUN = re.compile(
    r"^[\s,]*(?:[^\W\d_]+-t-(?:il|elle)|[^\W\d_]+-(?:il|elle)|(?:he|she)\s+(?:"
    + EN_QUOTE_VERBS
    + r")|(?:"
    + EN_QUOTE_VERBS
    + r")\s+(?:he|she))\b",
    re.IGNORECASE,
)
_AFTER_FR = re.compile(
    r"^[\s,]*(?:(?:a|avait|aurait|ont|a\s+encore|a\s+également)\s+)?(?:"
    + FR_QUOTE_VERBS
    + r"|selon)\s+",
    re.IGNORECASE,
)
_AFTER_EN_VERB_FIRST = re.compile(
    r"^[\s,]*(?:" + EN_QUOTE_VERBS + r")\s+", re.IGNORECASE
)
_AFTER_EN_SPEAKER_FIRST = re.compile(
    r"^[\s,]*(?P<speaker>[^.;:!?\"“”«»\n]{1,80}?)\s+(?:" + EN_QUOTE_VERBS + r")\b",
    re.IGNORECASE,
)
_BEFORE_ACCORDING = re.compile(
    r"(?:selon|d['’]après|according\s+to|^\s*pour)\s+"
    r"(?P<speaker>[^.;:!?\"“”«»\n]{1,80}?)\s*,\s*$",
    re.IGNORECASE,
)
# "X a affirmé : «", "X said: "", and partial quotations a few words after
# the verb in the same clause: "X a salué une « … »", "X said the margin was "…"".
_BEFORE_VERB = re.compile(
    r"(?P<speaker>[^.;!?\"“”«»\n]{1,120}?)\s+(?:(?:a|avait|has|had)\s+)?(?:"
    + FR_QUOTE_VERBS
    + "|"
    + EN_QUOTE_VERBS
    + r")\b(?P<gap>(?:\s+[^\s.,;:!?\"“”«»()]+){0,6}?)\s*:?\s*$",
    re.IGNORECASE,
)
_PRONOUN_SUBJECT = re.compile(r"^\s*(?:il|elle|he|she)\s*$", re.IGNORECASE)
_CAPITALISED_NAME = re.compile(
    r"(?:[A-ZÀ-ÖØ-Þ][\w'’-]+)(?:\s+(?:(?:de|du|van|von|der|al|el|bin|ben|le|la)\s+)?"
    r"[A-ZÀ-ÖØ-Þ][\w'’-]+)+"
)


@dataclass(frozen=True, slots=True)
class QuoteSpan:
    """A quotation at [start, end) (marks excluded) and who said it."""

    start: int
    end: int
    text: str
    speaker_id: int | None
    speaker_name: str
    rule: str


def find_quotations(text: str) -> list[tuple[int, int, int, int]]:
    """(open_mark, start, end, close_mark) of each quotation, in order."""
    found: list[tuple[int, int]] = []
    for para_start, para_end in _paragraphs(text):
        para = text[para_start:para_end]
        for opener, closer in (("«", "»"), ("“", "”"), ("„", "“")):
            pos = 0
            while (i := para.find(opener, pos)) != -1:
                j = para.find(closer, i + 1)
                if j == -1:
                    break
                found.append((para_start + i, para_start + j))
                pos = j + 1
        marks = [m.start() for m in re.finditer('"', para)]
        for i, j in zip(marks[::2], marks[1::2], strict=False):
            found.append((para_start + i, para_start + j))
    found.sort()
    result, last_close = [], -1
    for open_mark, close_mark in found:
        if open_mark < last_close:
            continue  # nested inside the previous quotation
        start, end = open_mark + 1, close_mark
        while start < end and text[start].isspace():
            start += 1
        while end > start and text[end - 1].isspace():
            end -= 1
        if start < end:
            result.append((open_mark, start, end, close_mark))
            last_close = close_mark
    return result


def _paragraphs(text: str):
    pos = 0
    for block in re.split(r"(\n\s*\n)", text):
        if block.strip() and not re.fullmatch(r"\n\s*\n", block):
            yield pos, pos + len(block)
        pos += len(block)


def _sentence_start(text: str, index: int) -> int:
    """Offset where the sentence containing `index` starts."""
    i = index
    while i > 0:
        ch = text[i - 1]
        if ch == "\n" or (ch in ".!?" and (i >= len(text) or text[i].isspace())):
            break
        i -= 1
    return i


def _speaker_from(
    text: str,
    start: int,
    end: int,
    mentions: Sequence[Span],
    *,
    last: bool = False,
) -> tuple[int | None, str] | None:
    """The person named in text[start:end]: a mention there, or a name."""
    inside = [m for m in mentions if m.start >= start and m.end <= end]
    if inside:
        mention = inside[-1] if last else inside[0]
        return mention.person_id, mention.text
    phrase = text[start:end]
    names = _CAPITALISED_NAME.findall(phrase)
    if names:
        return None, (names[-1] if last else names[0])
    # "…," said Lula: a lone capitalised word that is the whole phrase.
    words = phrase.split()
    if len(words) == 1 and words[0][:1].isupper() and fold(words[0]) not in NOT_NAMES:
        return None, words[0]
    return None


def _pronoun_gender(phrase: str) -> str:
    phrase = phrase.lower()
    if re.search(r"\b(?:elle|she)\b", phrase):
        return "f"
    if re.search(r"\b(?:il|he)\b", phrase):
        return "m"
    return ""


def _pronoun_speaker(
    reading: "_Reading", pronoun_phrase: str, before: int
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
            if previous is None or not _same_person(candidate, previous):
                return candidate, "pronoun-last-named"
            break
    if previous is not None and _fits_previous(reading, previous, gender):
        return previous, "pronoun-after"
    earlier = [m for m in mentions if m.end <= before and fits(m)]
    if earlier:
        return (earlier[-1].person_id, earlier[-1].text), "pronoun-last-named"
    return None, ""


def _fits_previous(
    reading: "_Reading", previous: tuple[int | None, str], gender: str
) -> bool:
    """Whether the previous speaker can be the pronoun's person: no mention
    of them carries a gender cue that contradicts it."""
    if not gender:
        return True
    hints = {
        reading.gender_of(m)
        for m in reading.mentions
        if _same_person((m.person_id, m.text), previous)
    }
    return not (hints - {"", gender})


def _same_person(a: tuple[int | None, str], b: tuple[int | None, str]) -> bool:
    if a[0] is not None or b[0] is not None:
        return a[0] == b[0]
    return fold(a[1]) == fold(b[1])


Speaker = tuple[int | None, str]


@dataclass
class _Reading:
    """One pass over a text's quotations, in order: who spoke last, and
    where the last quotation closed (pronouns look back to it)."""

    text: str
    mentions: Sequence[Span]
    # 'f' or 'm' of people, as the directory records it.
    genders: Mapping[int, str] = field(default_factory=dict)
    previous: Speaker | None = None
    previous_end: int = 0

    def gender_of(self, mention: Span) -> str:
        """What the words before the name say ('la ministre …'), else what
        the directory records."""
        return gender_hint(self.text, mention.start) or self.genders.get(
            mention.person_id, ""
        )

    def pronoun(self, phrase: str, before: int) -> tuple[Speaker | None, str]:
        return _pronoun_speaker(self, phrase, before)


def attribute(
    text: str, mentions: Sequence[Span], genders: Mapping[int, str] | None = None
) -> list[QuoteSpan]:
    """Find quotations in `text` and attribute each to its speaker;
    `genders` ('f' or 'm' by person id) helps a pronoun find its person."""
    quotes: list[QuoteSpan] = []
    reading = _Reading(text, mentions, dict(genders or {}))
    for open_mark, start, end, close_mark in find_quotations(text):
        speaker, rule = _speaker_after(reading, open_mark, close_mark)
        if not rule:
            speaker, rule = _speaker_before(reading, open_mark)
        # A quotation that opens its sentence, or follows a colon, is a
        # statement of its own even with no speaker named.
        lead = text[_sentence_start(text, open_mark) : open_mark].strip()
        if not rule and lead and not lead.endswith(":"):
            continue  # a quoted fragment inside a sentence, not a quotation
        speaker_id, speaker_name = speaker if speaker else (None, "")
        rule = rule if speaker else "none"
        quotes.append(
            QuoteSpan(start, end, text[start:end], speaker_id, speaker_name, rule)
        )
        if speaker:
            reading.previous = speaker
        reading.previous_end = close_mark
    return quotes


def _speaker_after(
    reading: _Reading, open_mark: int, close_mark: int
) -> tuple[Speaker | None, str]:
    """The speaker the words after the closing mark name, on its line:
    'a-t-il dit', 'a déclaré X', 'said X', 'X said'."""
    text, mentions = reading.text, reading.mentions
    line_end = text.find("\n", close_mark)
    line_end = len(text) if line_end == -1 else line_end
    after_start = close_mark + 1
    after = text[after_start:line_end]
    if match := _AFTER_PRONOUN.match(after):
        return reading.pronoun(match.group(0), open_mark)
    if match := (_AFTER_FR.match(after) or _AFTER_EN_VERB_FIRST.match(after)):
        phrase_start = after_start + match.end()
        stop = _SPEAKER_END.search(text, phrase_start, line_end)
        phrase_end = stop.start() if stop else line_end
        return _speaker_from(text, phrase_start, phrase_end, mentions), "verb-after"
    if match := _AFTER_EN_SPEAKER_FIRST.match(after):
        phrase = match.group("speaker")
        if _PRONOUN_SUBJECT.match(phrase):
            return reading.pronoun(phrase, open_mark)
        s = after_start + match.start("speaker")
        speaker = _speaker_from(text, s, s + len(phrase), mentions)
        return speaker, "speaker-verb-after"
    return None, ""


def _speaker_before(reading: _Reading, open_mark: int) -> tuple[Speaker | None, str]:
    """The speaker the sentence names before the opening mark: 'selon X,',
    'X a déclaré :', 'X said the margin was'."""
    text, mentions = reading.text, reading.mentions
    sentence_start = _sentence_start(text, open_mark)
    before = text[sentence_start:open_mark]
    if match := _BEFORE_ACCORDING.search(before):
        s = sentence_start + match.start("speaker")
        e = sentence_start + match.end("speaker")
        return _speaker_from(text, s, e, mentions), "according-before"
    if match := _BEFORE_VERB.search(before):
        phrase = match.group("speaker")
        if _PRONOUN_SUBJECT.match(phrase):
            speaker, _ = reading.pronoun(phrase, open_mark)
            return speaker, "pronoun-before" if speaker else ""
        s = sentence_start + match.start("speaker")
        speaker = _speaker_from(text, s, s + len(phrase), mentions, last=True)
        return speaker, "verb-before"
    return None, ""
