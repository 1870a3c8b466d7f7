"""Frames of attribution beyond "quotation, verb, speaker": the speaker
inside the marks ("« …, reconnaît X. … »"), a quotation cut by an incise
("« … », tonne-t-il, « … »"), the speaker in the next sentence ("C'est par
ces mots que X…", "That was the warning from X"), two quotations joined by
"et"/"and" under one attribution, the speaker a headline names ("X : « … »")
and the outlet spoken to between a verb and its speaker ("assure à l'AFP X").
It also holds the patterns of the common frames that `quotes` tries:
a verb after the closing mark, a verb before the opening one."""

import dataclasses
import re
from collections.abc import Sequence

from .normalise import fold
from .quote_marks import sentence_start
from .spans import Span
from .words import EN_QUOTE_VERBS, FR_QUOTE_VERBS

# Where a speaker phrase stops: punctuation, but not the full stop of an
# abbreviated honorific or an initial ("M. Benali", "George W. Bush").
SPEAKER_END = re.compile(
    r"[,;:!?()«»\"“”\n]|(?<!\bM)(?<!\bMr)(?<!\bMrs)(?<!\bMs)(?<!\bDr)(?<!\bPr)"
    r"(?<!\bSt)(?<!\b[A-Z])\."
    # "a confié l'attaquant au micro de Canal Sport", "said the captain in an
    # interview with Radio Wessex": the broadcaster (or the interviewer) is
    # where the words were said, never who said them.
    r"|\s(?:au micro|à l['’]antenne|sur l['’]antenne|sur le plateau|sur les ondes"
    r"|dans les colonnes|dans un entretien|in an interview|speaking to"
    # "a expliqué le joueur de 26 ans dans une vidéo publiée par…": where.
    r"|dans|lors|pendant|during)\b"
)

# "», lui répond le ministre", "», m'a confié X": a pronoun object first.
CLITIC = r"(?:(?:lui|leur|nous|vous|me)\s+|m['’])?"
AFTER_PRONOUN = re.compile(
    # "a-t-il", and as typed in a hurry: "a t-il", "a-t il", "a-t'il".
    r"^[\s,]*" + CLITIC + r"(?:[^\W\d_]+[-\s]t[-\s'’](?:il|elle)|[^\W\d_]+-(?:il|elle)|"
    r"(?:he|she)\s+(?:"
    + EN_QUOTE_VERBS
    + r")|(?:"
    + EN_QUOTE_VERBS
    + r")\s+(?:he|she))\b",
    re.IGNORECASE,
)
AFTER_FR = re.compile(
    r"^[\s,]*"
    + CLITIC
    + r"(?:(?:a|avait|aurait|ont|a\s+encore|a\s+également)\s+)?(?:"
    + FR_QUOTE_VERBS
    # "», reconnaît, amer, le député": a word or two set off by commas.
    + r")(?:e|s|es)?(?:\s*,\s*[^\W\d_]+(?:\s+[^\W\d_]+)?\s*,\s*|\s+|$)"
    r"|^[\s,]*(?:selon|d['’]après)\s+",
    re.IGNORECASE,
)
AFTER_EN_VERB_FIRST = re.compile(
    r"^[\s,]*(?:" + EN_QUOTE_VERBS + r")\s+", re.IGNORECASE
)
AFTER_EN_SPEAKER_FIRST = re.compile(
    r"^[\s,]*(?P<speaker>[^.;:!?\"“”«»\n]{1,80}?)\s+(?:" + EN_QUOTE_VERBS + r")\b",
    re.IGNORECASE,
)
# "X a affirmé : «", "X said: "", "X told the committee, "", and partial
# quotations a few words after the verb in the same clause: "X a salué une
# « … »", "X said the margin was "…"".
# After a determiner the verb's form is a noun ("le prévenu", "la prévenue").
BEFORE_VERB = re.compile(
    r"(?P<speaker>[^.;!?\"“”«»\n]{1,120}?)\s+(?:(?:a|avait|has|had)\s+)?"
    r"(?<!\ble\s)(?<!\bla\s)(?<!\bles\s)(?<!\bun\s)(?<!\bthe\s)(?:(?:"
    + FR_QUOTE_VERBS
    + ")(?:e|s|es)?|(?:"
    + EN_QUOTE_VERBS
    + r"))\b(?P<gap>(?:\s+[^\s.,;:!?\"“”«»()]+){0,8}?)\s*[:,]?\s*$",
    re.IGNORECASE,
)

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
# '"…", a claim X dismissed as "…"': X answers the words, not says them.
REFERS_BACK = re.compile(
    r"[\s,]*(?:a|an)\s+(?:claim|charge|view|remark|comment|suggestion|accusation|"
    r"assertion|description|characterisation|characterization)\b",
    re.IGNORECASE,
)
# "la sénatrice X, pour qui « … »": the words of the one "qui" stands for.
# "… X, pour qui le club « … »": a clause of its own may follow.
FOR_WHOM = re.compile(
    r"\b(?:(?:pour|selon|d['’]après)\s+(?:qui|lequel|laquelle)|for\s+whom)\b"
    r"[^,;:«»\"“”]{0,80}$",
    re.IGNORECASE,
)
# "Et le sénateur de conclure : « … »": the narrative infinitive's subject.
NARRATIVE = re.compile(r"^\s*[Ee]t\s+|\s+d(?:e\s+|['’])[a-zàâéèêîôûç]+(?:er|ir|re)\s*$")


def inside(text: str, start: int, end: int) -> re.Match | None:
    """The attribution inside a quotation, if it holds one."""
    return INSIDE.search(text, start, end)


def is_incise(text: str, previous_close: int, open_mark: int) -> bool:
    """Whether only an incise ('», tonne-t-il, «') separates this quotation
    from the previous one."""
    if previous_close < 0 or open_mark <= previous_close:
        return False
    return bool(INCISE.match(text[previous_close + 1 : open_mark]))


def previous_subject(text: str, open_mark: int, mentions: Sequence[Span]):
    """'La maire Lise X ne décolère pas. « On nous a menti. »': a quotation
    opening its sentence with no attribution of its own belongs to the one
    person the sentence before (same paragraph) opens on."""
    own = sentence_start(text, open_mark)
    if text[own:open_mark].strip():
        return None
    end = own
    while end > 0 and text[end - 1] in " \u00a0\u202f":
        end -= 1
    if end == 0 or text[end - 1] == "\n":
        return None  # a paragraph's first sentence: nothing before it here
    before = sentence_start(text, end - 1)
    named = [m for m in mentions if before <= m.start < end]
    if not named or len(text[before : named[0].start].split()) > 5:
        return None  # nobody, or someone not at the sentence's start
    first = (named[0].person_id, fold(named[0].name or named[0].text))
    if any((m.person_id, fold(m.name or m.text)) != first for m in named[1:]):
        return None  # two people: which one speaks is not said
    return named[0].person_id, named[0].text


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


CAPITALISED_NAME = re.compile(
    r"(?:[A-ZÀ-ÖØ-Þ][\w'’-]+)(?:\s+(?:(?:de|du|van|von|der|al|el|bin|ben|le|la)\s+)?"
    r"[A-ZÀ-ÖØ-Þ][\w'’-]+)+"
)


# "X : « On a manqué… »", "X: 'We will not…'".
HEADLINE = re.compile(r"^\s*(?P<who>[^:«»\"“”‘’]{2,60}?)\s*:\s*[«\"“‘']")


def headline_speaker(mentions: Sequence[Span], headline: str):
    """The person a headline 'Name : « … »' gives the words to: as the text
    names them when it does (in full or by surname), else the name."""
    match = HEADLINE.match(headline)
    who = match.group("who").strip() if match else ""
    if not (CAPITALISED_NAME.fullmatch(who) or re.fullmatch(r"[A-ZÀ-Þ][\w'’-]+", who)):
        return None
    key = fold(who)
    named = [m for m in mentions if m.text.strip()]
    for m in sorted(named, key=lambda m: fold(m.text) != key):
        mention = fold(m.text)
        if mention == key or key.endswith(" " + mention) or mention.endswith(" " + key):
            return m.person_id, m.text
    return None, who


def spoken_parts(text: str, start: int, end: int, where: str) -> list[tuple[int, int]]:
    """The quotation's words: two parts when the attribution stands inside
    the marks ("« …, a expliqué X. … »"), whose words are the writer's."""
    match = inside(text, start, end) if where == "inside" else None
    if match is None:
        return [(start, end)]
    parts = [(start, match.start()), (match.end(), end)]
    return [(s, e) for s, e in parts if text[s:e].strip()]


# Between a verb and its speaker: "assure de son côté à l'AFP X", "a
# déclaré sur France Inter le ministre", "confie au Parisien un salarié".
CIRCUMSTANCE = re.compile(
    r"(?:(?:de son côté|pour sa part|à son tour|lui aussi|elle aussi|également|"
    r"encore|aussi)\s*,?\s+)?(?:(?:à|au|aux|sur)\s+(?:l['’]|la\s+|le\s+|les\s+)?"
    r"(?P<outlet>[A-ZÀ-Þ][\w'’.-]*(?:\s+[A-ZÀ-Þ0-9][\w'’.-]*)*)\s*,?\s*)?"
)


def past_circumstance(text: str, at: int, mentions: Sequence[Span]) -> int:
    """Where the speaker starts after a verb, past an adverbial and the
    outlet spoken to; a name run on from the outlet ("à l'AFP Anne
    Roy") starts at that name."""
    match = CIRCUMSTANCE.match(text, at)
    if not match or match.end() == at:
        return at
    if match.group("outlet"):
        o_start, o_end = match.span("outlet")
        named = [m.start for m in mentions if o_start < m.start < o_end]
        if named:
            return min(named)
    return match.end()


def runs_on(text: str, close_mark: int) -> bool:
    """Whether a quotation stops at its paragraph's end unclosed: it goes
    on in the next paragraph's quotation."""
    return close_mark >= len(text) or text[close_mark] not in '"“”»’'


def run_on(quotes: list, waiting: list[int], rule: str, unclosed: bool) -> list[int]:
    """A quotation over several paragraphs, attributed at its end ("…¶"…¶
    "…," the leader said): the paragraphs before, unattributed or only
    taken as going on from an earlier speaker (or the one the sentence
    before opens on), are the last one's speaker. The quotations still
    waiting for theirs."""
    last = quotes[-1]
    if rule in ("none", "continued", "previous-subject"):
        return [*waiting, len(quotes) - 1] if unclosed else []
    for i in waiting:
        quotes[i] = dataclasses.replace(
            quotes[i],
            speaker_id=last.speaker_id,
            speaker_name=last.speaker_name,
            rule="paragraphs",
        )
    return [len(quotes) - 1] if unclosed and rule == "unnamed" else []


BEFORE_ACCORDING = re.compile(
    r"(?:selon|d['’]après|according\s+to|^\s*(?P<pour>pour))\s+"
    r"(?P<speaker>[^.;:!?\"“”«»\n]{1,160}?)\s*,\s*$",
    re.IGNORECASE,
)
LEADING_ACCORDING = re.compile(
    r"\s*(?:selon|d['’]après|according\s+to|(?P<pour>pour))\s+"
    r"(?P<speaker>[^,.;:!?\"“”«»‘\n]{1,80}?)\s*,",
    re.IGNORECASE,
)
# "Pour la ministre, …", "Pour son capitaine X", "Pour lui": who "pour"
# gives the words to (not "Pour la première fois", "Pour répondre").
POUR_WHOM = re.compile(
    r"(?:(?:(?:la|le|les|son|sa|ses|leur|leurs|un|une)\s+|l['’])(?!premi|derni|seconde?\b)"
    r"|(?:lui|elle|eux|elles)\b|[A-ZÀ-Þ])"
)


# "Une critique que la ministre a balayée : « … »", "a claim that the
# minister dismissed: …": the verb's subject follows the relative pronoun.
RELATIVE = re.compile(r"\s(?:que|qu['’]|that|which)\s*")


def after_relative(phrase: str) -> tuple[str, int]:
    """The subject phrase after a relative pronoun, and where it starts."""
    cuts = list(RELATIVE.finditer(phrase))
    if not cuts or not phrase[cuts[-1].end() :].strip():
        return phrase, 0
    return phrase[cuts[-1].end() :], cuts[-1].end()
