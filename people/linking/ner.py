"""Names of people the directory does not know yet: candidates, not links.

Two sources, merged: spaCy's French model (PER entities, and the name at the
end of an ORG/MISC entity that swallowed a title, a known error of the
WikiNER-trained models), and rules that work in French and English: a run of
capitalised words after a title or role word, or next to a speech verb.
Everything found here becomes a *pending* mention that staff review.
"""

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache

from .first_names import first_name_gender
from .normalise import fold, word_key
from .words import (
    EN_QUOTE_VERBS,
    FR_PARTICIPLES,
    FR_QUOTE_VERBS,
    FUNCTION_WORDS,
    HONORIFICS,
    NOT_NAME_ENDS,
    OBJECT_WORDS,
    PARTICLES,
    PLACE_PREPOSITIONS,
    ROLE_WORDS,
    SPEECH_VERBS,
)

MODEL = "fr_core_news_sm"
# Only the NER component: faster, and the parser's sentence breaks cut names.
_EXCLUDE = ["parser", "lemmatizer", "morphologizer", "attribute_ruler", "senter"]


@dataclass(frozen=True, slots=True)
class Entity:
    start: int
    end: int
    label: str


@lru_cache(maxsize=2)
def load_model(name: str = MODEL):
    import spacy

    return spacy.load(name, exclude=_EXCLUDE)


# The model's memory grows with the characters it reads in one batch (the
# largest accepted body read at once peaked at 790 MB, in pieces of 20,000
# characters one by one at 240 MB): long texts are read in pieces, and a
# batch holds at most BATCH_CHARS.
CHUNK_CHARS = 10_000
BATCH_CHARS = 50_000


def entities(texts: Sequence[str], *, batch_size: int = 32) -> list[list[Entity]]:
    """spaCy entities for each text, in batches of at most `batch_size`
    texts and BATCH_CHARS characters."""
    pieces = [
        (n, start, piece)
        for n, text in enumerate(texts)
        for start, piece in chunks(text)
        if piece
    ]
    found: list[list[Entity]] = [[] for _ in texts]
    for batch in _batches(pieces, batch_size):
        # Loaded only when there is text to read: a relink of articles the
        # model does not read (English, or NEWSROOM_NER off) loaded it all
        # the same, about 4 s of CPU in the middle of a staff decision.
        nlp = load_model()
        docs = nlp.pipe([piece for _, _, piece in batch], batch_size=len(batch))
        for (n, offset, _), doc in zip(batch, docs, strict=True):
            found[n] += [
                Entity(offset + e.start_char, offset + e.end_char, e.label_)
                for e in doc.ents
            ]
    return found


def _batches(pieces: list, batch_size: int):
    batch, chars = [], 0
    for piece in pieces:
        if batch and (len(batch) >= batch_size or chars + len(piece[2]) > BATCH_CHARS):
            yield batch
            batch, chars = [], 0
        batch.append(piece)
        chars += len(piece[2])
    if batch:
        yield batch


def chunks(text: str, size: int = CHUNK_CHARS) -> list[tuple[int, str]]:
    """(offset, piece) of `text` in pieces of at most about `size`, cut at a
    paragraph break, else after a sentence, else at a space."""
    pieces, start = [], 0
    while len(text) - start > size:
        end = start + size
        cut = max(text.rfind("\n", start, end), text.rfind(". ", start, end) + 1)
        if cut <= start:
            cut = text.rfind(" ", start, end)
        if cut <= start:
            cut = end
        pieces.append((start, text[start:cut]))
        start = cut
    pieces.append((start, text[start:]))
    return pieces


_WORD = re.compile(r"[^\W\d_](?:[\w'’-]*\w)?")


def _words(text: str) -> list[tuple[int, int, str]]:
    return [(m.start(), m.end(), m.group()) for m in _WORD.finditer(text)]


Word = tuple[int, int, str]


def _capitalised(word: str) -> bool:
    return word[0].isupper()


def _has_title_case(words: list[Word]) -> bool:
    """At least one word like 'Garnier' (not only acronyms like 'EU NATO');
    'Nathalie GARNIER', the French way of writing surnames, passes."""
    return any(not w[2].isupper() or len(w[2]) == 1 for w in words)


def capitalised_runs(text: str) -> list[list[Word]]:
    """Runs of capitalised words separated by single spaces, particles
    allowed inside ("Charles de Gaulle")."""
    words = _words(text)
    runs, i = [], 0
    while i < len(words):
        if not _capitalised(words[i][2]):
            i += 1
            continue
        j = i + 1
        while j < len(words) and text[words[j - 1][1] : words[j][0]] in (" ", "\u00a0"):
            if _capitalised(words[j][2]):
                j += 1
                continue
            # Particles, one or two ("de Gaulle", "van der Berg", "de la
            # Fuente"), when a capitalised word follows them.
            k = j
            while k < min(j + 2, len(words)) and fold(words[k][2]) in PARTICLES:
                k += 1
            if k == j or k >= len(words) or not _capitalised(words[k][2]):
                break
            j = k + 1
        runs.append(words[i:j])
        i = j
    return runs


def _trim(run: list[Word]) -> tuple[list[Word], bool]:
    """Drop leading function, title and role words; say if a title was seen."""
    titled = False
    # "Health Secretary Ines Korver": the name starts after the last role word.
    roles = [n for n, w in enumerate(run) if word_key(w[2]) in ROLE_WORDS]
    if roles and roles[-1] < len(run) - 1:
        run, titled = run[roles[-1] + 1 :], True
    while run and (
        word_key(run[0][2]) in FUNCTION_WORDS
        or word_key(run[0][2]) in ROLE_WORDS
        or fold(run[0][2]) in HONORIFICS
    ):
        titled = titled or word_key(run[0][2]) not in FUNCTION_WORDS
        run = run[1:]
    # Particles, and what ends a run but no name ("All I asked", "X KC").
    while run and (fold(run[-1][2]) in PARTICLES or run[-1][2] in NOT_NAME_ENDS):
        run = run[:-1]
    return run, titled


# More cues that a capitalised run is someone: a profession by its ending
# ("hydrologist", "politologue", "violoniste"), "named locally as",
# "identified as", and an age in apposition ("X, 52, a nurse", "X, 52 ans,").
_PROFESSION = re.compile(r"(?:ists?|istes?|ologues?|ologists?)$")
_NAMED_AS = re.compile(r"\b(?:named|identified|known)\b.*\bas$")
_AGED = re.compile(r",\s*\d{1,3}(?:\s*ans)?\s*,")
# "X, who runs a café on the square, said", "X, qui tient la boulangerie
# du bourg, a raconté", "Tom Reeve, from Leeds, said": the subject of a
# speech verb, a relative clause or a place between them.
_RELATIVE_THEN = re.compile(
    r",\s+(?:who|whose|qui|dont|from|of)\s[^.!?;:«»\"“”\n]{1,160}?,\s+"
    r"(?:a\s+)?([^\W\d_]+)"
)
# "…, was X, who said:", "X, qui a déclaré": a speech verb right after "who".
_WHO_SAID = re.compile(r",\s+(?:who|qui)\s+(?:a\s+|has\s+|had\s+)?([^\W\d_]+)")
# "Sarah Mills, a spokeswoman for the council,", "Grace Obi, the group's
# founder,": a role in apposition after the name.
_APPOSED = re.compile(
    r",\s+(?:a|an|the|his|her|their|its)\s+((?:[^\W\d_][\w'’-]*\s+){0,3}"
    r"[^\W\d_][\w'’-]*)"
)
# "Asked about the delay, Peter Lund", "Pressed on the timing, X": the
# subject of a reporting clause's participle.
_ASKED = re.compile(
    r"(?:^|[.!?]\s+|\n)(?:asked|pressed|questioned|interviewed|speaking|"
    r"responding|writing)\b[^.!?;:\n]{0,80},\s*$",
    re.IGNORECASE,
)
# Abbreviated titles end with a full stop that does not end the sentence
# (as honorifics do: "Dr.", "M.").
_TITLE_ABBREVIATIONS = frozenset(
    "sen rep gov gen col lt capt sgt prof insp supt det cllr".split()
)


def _said_after_clause(text: str, end: int) -> bool:
    match = _RELATIVE_THEN.match(text, end) or _WHO_SAID.match(text, end)
    if not match:
        return False
    verb = word_key(match.group(1))
    # After a relative clause, any verb of the attribution lists will do
    # ("X, whose father …, called the decision"): the clause says a person.
    return (
        verb in SPEECH_VERBS
        or verb in FR_PARTICIPLES
        or bool(_QUOTE_VERB.fullmatch(match.group(1)))
    )


_QUOTE_VERB = re.compile(f"{EN_QUOTE_VERBS}|(?:{FR_QUOTE_VERBS})(?:e|s|es)?", re.I)


def _role_apposed(text: str, end: int) -> bool:
    match = _APPOSED.match(text, end)
    return bool(match) and any(
        word_key(w) in ROLE_WORDS for w in match.group(1).split()
    )


def _after_cues(text: str, start: int, end: int) -> bool:
    """Cues after the run (or its clause before): an age, a relative clause
    then a speech verb, a role in apposition, "Asked …, X"."""
    return bool(
        _AGED.match(text, end)
        or _said_after_clause(text, end)
        or _role_apposed(text, end)
        or _ASKED.search(text, max(0, start - 100), start)
    )


def _name_words(run: list[Word]) -> list[Word]:
    """The words of a run that are names, not particles; a first word that
    is a given name counts ("Ben Hallam"; "Mohammed ben Salman" keeps its
    particle)."""
    return [
        w
        for n, w in enumerate(run)
        if fold(w[2]) not in PARTICLES
        or (n == 0 and len(run) > 1 and first_name_gender(f"{w[2]} {run[1][2]}"))
    ]


def _runs(text: str):
    """Each capitalised run, titles trimmed: (run, titled, its name words,
    the text's words, their index by offset)."""
    words = _words(text)
    index = {start: n for n, (start, _, _) in enumerate(words)}
    for run in capitalised_runs(text):
        run, titled = _trim(run)
        yield run, titled, _name_words(run), words, index


def rule_candidates(text: str) -> list[tuple[int, int]]:
    """Capitalised runs of two words or more after a title or role word, or
    next to a speech verb (either language)."""
    found = []
    for run, titled, names, words, index in _runs(text):
        if len(names) < 2 or len(names) > 4 or not _has_title_case(names):
            continue
        start, end = run[0][0], run[-1][1]
        n = index[start]
        before = [word_key(w[2]) for w in words[max(0, n - 4) : n]]
        if before and before[-1] in OBJECT_WORDS and not titled:
            continue  # "leader of the Labour Party": the organisation, no name
        between = text[words[n - 1][1] if n else 0 : start]
        after_words = words[index[run[-1][0]] + 1 : index[run[-1][0]] + 3]
        after = [word_key(w[2]) for w in after_words]
        sentence_break = "." in between.strip(" ,") or "\n" in between
        # "the bakery on Quay Street, said": a place ends the clause.
        placed = bool(before) and before[-1] in PLACE_PREPOSITIONS | {"on"}
        abbreviated = before and before[-1] in HONORIFICS | _TITLE_ABBREVIATIONS
        if sentence_break and not abbreviated:
            before = []  # another sentence
        if (
            titled
            or any(w in ROLE_WORDS or w in HONORIFICS for w in before[-3:])
            or (before and before[-1] in SPEECH_VERBS)
            or (after and after[0] in SPEECH_VERBS and not placed)
            or (before and before[-1] in FR_PARTICIPLES)
            or (before and _PROFESSION.search(before[-1]))
            or _NAMED_AS.search(" ".join(before[-3:]))
            or _after_cues(text, start, end)
        ):
            found.append((start, end))
    return found + _coordinated(text, found)


def given_name_candidates(text: str) -> list[tuple[int, int]]:
    """Where no model reads the text (English): a run of two or three names
    that opens with a common given name ("Ben Hallam was unrepentant"), not
    a place, a prize or a body named after someone ("Victoria Park", "the
    John Lewis store", "at George Square"); an organisation's name is left
    to the filter every candidate goes through (`organisations`)."""
    found = []
    for run, _, names, words, index in _runs(text):
        if not 2 <= len(names) <= 3 or not first_name_gender(
            f"{run[0][2]} {run[1][2]}"
        ):
            continue
        n = index[run[0][0]]
        before = word_key(words[n - 1][2]) if n else ""
        last = word_key(run[-1][2])
        if before in _NOT_BEFORE_A_NAME or last in _NAMED_THINGS:
            continue
        found.append((run[0][0], run[-1][1]))
    return found


# Before a place or a thing named after someone: "at George Square".
_NOT_BEFORE_A_NAME = frozenset("at in on near the a au aux dans le la rue".split())
_NAMED_THINGS = frozenset(
    """
    street road avenue lane drive way square park gardens station airport
    bridge prize award awards trophy cup stadium arena centre center hall
    museum library theatre theater gallery building tower house memorial
    trust report act law rule doctrine effect show cross international hotel
    church cathedral river lake island medal scholarship lecture
    """.split()
)


_AND_NAME = re.compile(
    r"\s+(?:and|et)\s+([A-ZÀ-Ý][\w'’-]+(?:\s+[A-ZÀ-Ý][\w'’-]+){1,3})\b"
)


def _coordinated(text: str, found: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """'The actors Lena Moss and Omar Kade': a name joined by 'and' to a
    name the rules found shares its title."""
    more = []
    for _start, end in found:
        if match := _AND_NAME.match(text, end):
            more.append(match.span(1))
    return more


def ner_candidates(text: str, ents: Iterable[Entity]) -> list[tuple[int, int]]:
    """Person names among spaCy's entities, titles trimmed off."""
    found = []
    for ent in ents:
        if ent.label not in ("PER", "ORG", "MISC"):
            continue
        run = [
            (ent.start + s, ent.start + e, w)
            for s, e, w in _words(text[ent.start : ent.end])
        ]
        if ent.label != "PER":
            # "ministre de la Défense Elias Brand" (ORG): keep the trailing
            # capitalised words, only when a lower-case title word leads.
            if (
                not run
                or run[0][2][0].isupper()
                or word_key(run[0][2]) not in ROLE_WORDS
            ):
                continue
            k = len(run)
            while k > 0 and (
                _capitalised(run[k - 1][2]) or fold(run[k - 1][2]) in PARTICLES
            ):
                k -= 1
            run = run[k:]
        run, _ = _trim(run)
        names = _name_words(run)
        if 2 <= len(names) <= 4 and all(_capitalised(w[2]) for w in names):
            found.append((run[0][0], run[-1][1]))
    return found


def places(ents: Iterable[Entity]) -> list[tuple[int, int]]:
    return [(e.start, e.end) for e in ents if e.label == "LOC"]


def merge(spans: Iterable[tuple[int, int]]) -> list[tuple[int, int]]:
    """Non-overlapping spans, the longest of overlapping ones kept."""
    chosen: list[tuple[int, int]] = []
    for start, end in sorted(set(spans), key=lambda s: (s[0], -(s[1] - s[0]))):
        if chosen and start < chosen[-1][1]:
            if end - start > chosen[-1][1] - chosen[-1][0]:
                chosen[-1] = (start, end)
            continue
        chosen.append((start, end))
    return chosen
