"""Directory look-up: one Aho-Corasick automaton over every name and alias.

Built once per directory version (never per article). A second automaton
holds surnames and short forms; their hits are only candidates, which
`resolve` keeps when the person is already named in the same article or is
known by surname alone.
"""

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

import ahocorasick

from .normalise import fold_name, surname_forms
from .spans import at_word_boundary

FULL = "name"
SHORT = "short"


@dataclass(frozen=True, slots=True)
class DirectoryEntry:
    """One name of one person, as the directory gives it."""

    person_id: int
    name: str
    kind: str = FULL  # FULL: found anywhere; SHORT: only once the person is named


@dataclass(frozen=True, slots=True)
class Hit:
    start: int
    end: int
    person_ids: tuple[int, ...]
    kind: str


class Gazetteer:
    """Every name of the directory, folded, in two automata."""

    def __init__(
        self,
        entries: Iterable[DirectoryEntry],
        *,
        known_by_surname: Iterable[int] = (),
        genders: Mapping[int, str] | None = None,
    ) -> None:
        full: dict[str, set[int]] = {}
        short: dict[str, set[int]] = {}
        self._given: dict[int, str] = {}
        for entry in entries:
            key = fold_name(entry.name)
            if not key:
                continue
            if entry.kind == FULL:
                if " " in key:
                    self._given.setdefault(entry.person_id, key.split()[0])
                full.setdefault(key, set()).add(entry.person_id)
                for form in surname_forms(entry.name):
                    short.setdefault(fold_name(form), set()).add(entry.person_id)
            else:
                short.setdefault(key, set()).add(entry.person_id)
        self.known_by_surname = frozenset(known_by_surname)
        self._genders = dict(genders or {})
        self._full = self._automaton(full, FULL)
        self._short = self._automaton(short, SHORT)

    @staticmethod
    def _automaton(keys: dict[str, set[int]], kind: str):
        automaton = ahocorasick.Automaton()
        for key, ids in keys.items():
            automaton.add_word(key, (len(key), tuple(sorted(ids)), kind))
        if len(automaton):
            automaton.make_automaton()
        return automaton

    def given_name(self, person_id: int) -> str:
        """The folded first word of the person's name ('' if a single word)."""
        return self._given.get(person_id, "")

    def gender(self, person_id: int) -> str:
        """'f' or 'm' as the directory records it, '' when it does not."""
        return self._genders.get(person_id, "")

    def find(self, folded: str) -> list[Hit]:
        """Full-name hits at word boundaries, leftmost-longest, no overlaps."""
        return _select(_scan(self._full, folded))

    def find_short(self, folded: str) -> list[Hit]:
        """Surname and short-form candidates at word boundaries (may overlap)."""
        return _select(_scan(self._short, folded))


def _scan(automaton, folded: str) -> list[Hit]:
    if not len(automaton) or automaton.kind != ahocorasick.AHOCORASICK:
        return []
    hits = []
    for end_index, (length, ids, kind) in automaton.iter(folded):
        start, end = end_index - length + 1, end_index + 1
        if at_word_boundary(folded, start, end):
            hits.append(Hit(start, end, ids, kind))
    return hits


def _select(hits: list[Hit]) -> list[Hit]:
    """Keep the longest of overlapping hits, then the leftmost."""
    hits.sort(key=lambda h: (h.start, -(h.end - h.start)))
    chosen: list[Hit] = []
    last_end = -1
    for hit in hits:
        if hit.start >= last_end:
            chosen.append(hit)
            last_end = hit.end
        elif chosen and hit.end - hit.start > chosen[-1].end - chosen[-1].start:
            # A longer hit starting inside the previous one: prefer it.
            if hit.start < chosen[-1].end and not (
                len(chosen) > 1 and hit.start < chosen[-2].end
            ):
                chosen[-1] = hit
                last_end = hit.end
    return chosen
