"""Quotations and their speakers, by rule, French and English.

Each quotation records the rule that attributed it so that staff can audit
it. The frames are tried in turn (`_find_speaker`): inside the marks, the
next sentence, after the closing mark, an incise, before the opening mark;
a speaker named by a description is resolved by `speakers`, a pronoun by
`pronouns`. Where no frame applies, French text may ask the dependency
parse (`syntax`, rule "parse") whose words a partial quotation is. A
quotation with no rule that names a speaker goes on with the previous
speaker when it directly follows them, else goes to nobody; a quoted
fragment inside a sentence (scare quotes, a title, fewer than three words)
is not recorded as a quotation at all.
"""

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from . import quote_frames as frames
from . import speakers, syntax
from .normalise import fold
from .pronouns import Reading, Speaker, is_pronoun, same_person
from .quote_marks import find_quotations, sentence_end
from .quote_marks import sentence_start as _sentence_start
from .spans import Span
from .words import NOT_NAMES

_CONJUNCTIONS = frozenset("et and puis then mais but or ou".split())


@dataclass(frozen=True, slots=True)
class QuoteSpan:
    """A quotation at [start, end) (marks excluded) and who said it."""

    start: int
    end: int
    text: str
    speaker_id: int | None
    speaker_name: str
    rule: str


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
    names = frames.CAPITALISED_NAME.findall(phrase)
    if names:
        return None, (names[-1] if last else names[0])
    # "…," said Lula: a lone capitalised word that is the whole phrase.
    words = phrase.split()
    if (
        len(words) == 1
        and words[0][:1].isupper()
        and fold(words[0]) not in NOT_NAMES
        and not re.match(r"[LD]['’]", words[0])  # "L'actrice": a description
    ):
        return None, words[0]
    return None


def attribute(
    text: str,
    mentions: Sequence[Span],
    genders: Mapping[int, str] | None = None,
    headline: str = "",
    parse: bool = False,
) -> list[QuoteSpan]:
    """Find quotations in `text` and attribute each to its speaker;
    `genders` ('f' or 'm' by person id) helps a pronoun find its person;
    a `headline` of the form 'Name : « … »' names the speaker of the
    quotations the text opens with, unattributed; `parse` (French text,
    with the model installed) lets the dependency parse attribute partial
    quotations the rules leave."""
    quotes: list[QuoteSpan] = []
    waiting: list[int] = []  # paragraphs of a quotation not yet attributed
    reading = Reading(text, mentions, dict(genders or {}))
    for open_mark, start, end, close_mark in find_quotations(text):
        speaker, rule, where = _find_speaker(reading, open_mark, start, end, close_mark)
        if not rule and parse:
            speaker, rule, where = _parsed_speaker(reading, start, end)
        if not _is_quotation(text, open_mark, start, end, where):
            continue  # scare quotes, a title: a fragment, not a quotation
        if not rule and not quotes:
            speaker = frames.headline_speaker(reading.mentions, headline)
            rule = "headline" if speaker else ""
        if not rule:
            speaker, rule = _continued(reading, open_mark)
        if not rule and (speaker := frames.previous_subject(text, open_mark, mentions)):
            rule = "previous-subject"
        speaker_id, speaker_name = speaker if speaker else (None, "")
        rule = rule if speaker or rule == "unnamed" else "none"
        for s, e in frames.spoken_parts(text, start, end, where):
            quotes.append(QuoteSpan(s, e, text[s:e], speaker_id, speaker_name, rule))
        waiting = frames.run_on(quotes, waiting, rule, frames.runs_on(text, close_mark))
        reading.previous = speaker
        reading.previous_end = close_mark
    return frames.joined(text, quotes)


def _find_speaker(
    reading: Reading, open_mark: int, start: int, end: int, close_mark: int
) -> tuple[Speaker | None, str, str]:
    """(speaker, rule, where the attribution was: inside, after, incise,
    before, next), trying each frame in turn."""
    text = reading.text
    if match := frames.inside(text, start, end):
        speaker, rule = _inside_speaker(reading, match, open_mark)
        if rule:
            return speaker, rule, "inside"
    if speaker := frames.next_sentence(text, close_mark, reading.mentions):
        return speaker, "next-sentence", "next"
    speaker, rule = _speaker_after(reading, open_mark, close_mark)
    if rule:
        return speaker, rule, "after"
    if reading.previous and frames.is_incise(text, reading.previous_end, open_mark):
        return reading.previous, "incise", "incise"
    speaker, rule = _speaker_before(reading, open_mark)
    if rule:
        return speaker, rule, "before"
    return None, "", ""


def _is_quotation(text: str, open_mark: int, start: int, end: int, where: str) -> bool:
    """A quotation opening its sentence or after a colon, or one attributed
    after it, inside it or by an incise, is speech. One inside a sentence
    is only when a speaker's verb leads to it and it is three words or
    more: "a dénoncé une « dérive inquiétante »" is not, "a dénoncé une
    « manœuvre indigne de la démocratie »" is."""
    lead = text[_sentence_start(text, open_mark) : open_mark].strip()
    if not lead or lead.endswith(":") or where in ("inside", "after", "incise"):
        return True
    return where in ("before", "next", "parse") and len(text[start:end].split()) >= 3


def _parsed_speaker(
    reading: Reading, start: int, end: int
) -> tuple[Speaker | None, str, str]:
    """The speaker of a partial quotation ("… s'est dit « … »,
    tout en réclamant « … »") by the parse: the first subject above the
    quoted words that names, describes or stands for a person. One that
    starts with a capital is a title or a name, not someone's words."""
    text = reading.text
    if not text[start : start + 1].islower():
        return None, "", ""
    first = _sentence_start(text, start - 1)
    sentence = text[first : sentence_end(text, end)]
    for s, e in syntax.subjects(sentence, start - first, end - first):
        s, e = first + s, first + e
        if is_pronoun(text[s:e]):
            speaker, rule = reading.pronoun(text[s:e], start)
        else:
            speaker, rule = _named_or_described(reading, s, e, start)
        if speaker or rule == "unnamed":
            return speaker, "parse" if speaker else rule, "parse"
    return None, "", ""


def _continued(reading: Reading, open_mark: int) -> tuple[Speaker | None, str]:
    """A quotation with no attribution of its own right after one that has
    it (the same paragraph or the one before) goes on with that speaker."""
    if reading.previous is None:
        return None, ""
    between = reading.text[reading.previous_end : open_mark]
    if between.count("\n\n") > 1 or _names_someone(reading, between, open_mark):
        return None, ""
    return reading.previous, "continued"


def _names_someone(reading: Reading, between: str, open_mark: int) -> bool:
    """Whether someone other than the previous speaker is named between."""
    start = open_mark - len(between)
    return any(
        start <= m.start < open_mark
        and not same_person((m.person_id, m.text), reading.previous)
        for m in reading.mentions
    )


def _inside_speaker(
    reading: Reading, match: re.Match, open_mark: int
) -> tuple[Speaker | None, str]:
    who = (match.group("who") or "").strip()
    if match.group("pronoun") or is_pronoun(who):
        speaker, _ = reading.pronoun(match.group(0), open_mark)
        return speaker, "inside-marks" if speaker else ""
    if not who:
        return None, ""
    s = match.start("who") + len(match.group("who")) - len(match.group("who").lstrip())
    speaker = _speaker_from(reading.text, s, s + len(who), reading.mentions)
    speaker = speaker or _described(reading, who, open_mark)
    return speaker, "inside-marks" if speaker else ""


def _described(reading: Reading, phrase: str, at: int) -> Speaker | None:
    """The person a description ('le chef de l'État') stands for."""
    phrase = re.sub(r"^\s*(?:\w+ment|\w+ly)\s+", "", phrase)  # an adverb first
    if not speakers.is_description(phrase):
        return None
    return speakers.resolve(
        reading.text, phrase, at, reading.mentions, reading.gender_of
    )


def _speaker_after(
    reading: Reading, open_mark: int, close_mark: int
) -> tuple[Speaker | None, str]:
    """The speaker the words after the closing mark name, on its line:
    'a-t-il dit', 'a déclaré X', 'said X', 'X said', 'the minister said'."""
    text = reading.text
    line_end = text.find("\n", close_mark)
    line_end = len(text) if line_end == -1 else line_end
    after_start = close_mark + 1
    after = text[after_start:line_end]
    if match := frames.AFTER_PRONOUN.match(after):
        return reading.pronoun(match.group(0), open_mark)
    ended = text[:close_mark].rstrip().endswith(".")
    if ended and after.lstrip()[:1].isupper():
        return None, ""  # '"…." Asked about it, …': another sentence begins
    if match := (
        frames.AFTER_FR.match(after) or frames.AFTER_EN_VERB_FIRST.match(after)
    ):
        phrase_start = frames.past_circumstance(
            text, after_start + match.end(), reading.mentions
        )
        stop = frames.SPEAKER_END.search(text, phrase_start, line_end)
        phrase_end = stop.start() if stop else line_end
        return _named_or_described(reading, phrase_start, phrase_end, open_mark)
    if not ended and (match := frames.AFTER_EN_SPEAKER_FIRST.match(after)):
        # '"…," X said' ('"…." Speaking next was X, who said' is another
        # sentence, X's own words to come).
        phrase = match.group("speaker")
        if phrase.strip().lower() in _CONJUNCTIONS or frames.REFERS_BACK.match(phrase):
            # '"…" and said': the sentence goes on; '"…", a claim X
            # dismissed': X answers the words, someone before said them.
            return None, ""
        if is_pronoun(phrase):
            return reading.pronoun(phrase, open_mark)
        s = after_start + match.start("speaker")
        speaker, rule = _named_or_described(reading, s, s + len(phrase), open_mark)
        return speaker, "speaker-verb-after" if rule == "verb-after" else rule
    return None, ""


def _named_or_described(
    reading: Reading, start: int, end: int, at: int
) -> tuple[Speaker | None, str]:
    """Who text[start:end] names: a name, a description ('le ministre',
    then maybe ', Hugo Lemarié'), or someone unnamed ('un diplomate')."""
    text, phrase = reading.text, reading.text[start:end]
    if speakers.is_unnamed(phrase) or speakers.is_institution(phrase):
        speaker = speakers.apposed(reading.text, reading.mentions, start, end)
        return speaker, "verb-after" if speaker else "unnamed"
    if speaker := _speaker_from(text, start, end, reading.mentions):
        return speaker, "verb-after"
    apposed = [m for m in reading.mentions if end <= m.start <= end + 3]
    if apposed and text[end : apposed[0].start].strip() == ",":
        return (apposed[0].person_id, apposed[0].text), "verb-after"
    if speaker := _described(reading, phrase, at):
        return speaker, "description"
    return None, "verb-after"


def _speaker_before(reading: Reading, open_mark: int) -> tuple[Speaker | None, str]:
    """The speaker the sentence names before the opening mark: 'selon X,',
    'X a déclaré :', 'X said the margin was', 'Selon lui,', 'X … :'."""
    text = reading.text
    sentence_start = _sentence_start(text, open_mark)
    before = text[sentence_start:open_mark]
    if who := frames.FOR_WHOM.search(before):  # "la sénatrice X, pour qui « … »"
        at = sentence_start + who.start()
        named = [m for m in reading.mentions if sentence_start <= m.start < at]
        if named:
            return (named[-1].person_id, named[-1].text), "according-before"
    match = frames.BEFORE_ACCORDING.search(before)
    if match and _gives_words(match):
        return _according(reading, match, sentence_start, open_mark)
    if match := frames.BEFORE_VERB.search(before):
        return _verb_before(reading, match, sentence_start, open_mark)
    if before.rstrip().endswith(":"):
        return _sentence_subject(reading, sentence_start, open_mark)
    match = frames.LEADING_ACCORDING.match(before)
    if match and _gives_words(match):
        # "According to X, the defences were built for "…"", "Selon lui, le
        # texte est « … »", "Pour X, c'est « … »": X's words.
        return _according(reading, match, sentence_start, open_mark)
    return None, ""


def _gives_words(match: re.Match) -> bool:
    """'Selon X', 'according to X', and 'Pour' + a person ('Pour la
    ministre', 'Pour lui'), not 'Pour la première fois'."""
    return not match["pour"] or bool(frames.POUR_WHOM.match(match["speaker"]))


def _according(
    reading: Reading, match: re.Match, sentence_start: int, open_mark: int
) -> tuple[Speaker | None, str]:
    """Who the speaker group of an according frame names."""
    phrase = match["speaker"]
    if is_pronoun(phrase):
        speaker, _ = reading.pronoun(phrase, open_mark)
        return speaker, "pronoun-before" if speaker else ""
    s = sentence_start + match.start("speaker")
    speaker, rule = _named_or_described(reading, s, s + len(phrase), open_mark)
    return speaker, "according-before" if rule == "verb-after" else rule


def _verb_before(
    reading: Reading, match: re.Match, sentence_start: int, open_mark: int
) -> tuple[Speaker | None, str]:
    phrase, offset = frames.after_relative(match.group("speaker"))
    if refers := frames.REFERS_BACK.match(phrase):  # "a claim X dismissed as "…""
        phrase, offset = phrase[refers.end() :], offset + refers.end()
    if is_pronoun(phrase):
        speaker, _ = reading.pronoun(phrase, open_mark)
        return speaker, "pronoun-before" if speaker else ""
    s = sentence_start + match.start("speaker") + offset
    if speakers.is_unnamed(phrase) or speakers.is_institution(_subject_words(phrase)):
        speaker = speakers.apposed(reading.text, reading.mentions, s, s + len(phrase))
        return speaker, "verb-before" if speaker else "unnamed"
    if phrase.strip().lower() in _CONJUNCTIONS:
        # "… la situation « … » et promet « … »": the same subject goes on.
        if reading.previous and reading.previous_end > sentence_start:
            return reading.previous, "verb-before"
        speaker, rule = _sentence_subject(reading, sentence_start, open_mark)
        return speaker, "verb-before" if rule else ""
    text, mentions = reading.text, reading.mentions
    speaker = _speaker_from(text, s, s + len(phrase), mentions, last=True)
    if speaker is None:
        speaker = _described(reading, _subject_words(phrase), open_mark)
    if speaker is None and "," in phrase:
        # "Asked about his future, the coach added:", "Contacté, le ministère
        # assure que": the clause's subject follows the participle's.
        tail = phrase.rsplit(",", 1)[1]
        if speakers.is_unnamed(tail) or speakers.is_institution(tail):
            return None, "unnamed"
        speaker = _described(reading, tail, open_mark)
    return speaker, "verb-before" if speaker else ""


def _subject_words(phrase: str) -> str:
    """The first words of a clause, as far as its verb: "La maire s'est"
    gives "La maire"."""
    phrase = re.split(r"[«»\"“”,:;(]", phrase, maxsplit=1)[0]
    # "Et le sénateur de conclure": the narrative infinitive's subject.
    phrase = frames.NARRATIVE.sub("", phrase)
    return re.split(r"\s+(?:s['’]|a\s|est\s|has\s|had\s|was\s)", phrase, maxsplit=1)[0]


def _sentence_subject(
    reading: Reading, sentence_start: int, open_mark: int
) -> tuple[Speaker | None, str]:
    """'X refusait de parler d'un match référence : « … »', 'Le Premier
    ministre …, avant d'ajouter : « … »': the sentence's subject speaks."""
    if reading.previous and reading.previous_end > sentence_start:
        # "« … », a-t-il répondu, avant d'ajouter : « … »"
        return reading.previous, "colon-subject"
    clause = reading.text[sentence_start:open_mark]
    if match := _PRONOUN_SUBJECT.match(clause):  # "He congratulated X but …"
        # Its antecedent comes before the sentence, never the X it names.
        speaker, _ = reading.pronoun(match.group(1), sentence_start)
        return speaker, "colon-subject" if speaker else ""
    named = [m for m in reading.mentions if sentence_start <= m.start < open_mark]
    if named:
        return (named[0].person_id, named[0].text), "colon-subject"
    speaker = _described(reading, _subject_words(clause), open_mark)
    return speaker, "colon-subject" if speaker else ""


# A sentence opening on a personal pronoun ("Il faut", "Il y a" are no one).
_PRONOUN_SUBJECT = re.compile(
    r"\s*(he|she|il|elle)\s+(?!faut|y\s|s['’]agit|semble|reste|est\s)", re.I
)
