"""Reading Wikidata entities, as its dumps and its Special:EntityData pages
write them: plain Python, file in, people and positions out.

Accepted: the weekly dump's array (one entity a line between `[` and `]`,
with trailing commas), JSON Lines, or one `{"entities": {...}}` object;
plain, `.gz` or `.bz2`. Read one line at a time, so memory does not grow
with the file.
"""

import bz2
import calendar
import datetime
import gzip
import json
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

HUMAN = "Q5"
GENDERS = {"Q6581072": "f", "Q1052281": "f", "Q6581097": "m", "Q2449503": "m"}
# Positions that are a head of state or of government are also cited by
# these generic phrases ("a déclaré le chef de l'État").
GENERIC_TITLES = {
    "Q48352": ("chef de l'État", "head of state"),
    "Q2285706": ("chef du gouvernement", "head of government"),
}


class WikidataError(Exception):
    """A bad entity, located: `path:line: message`."""

    def __init__(self, path, line: int | None, message: str) -> None:
        self.path, self.line, self.message = str(path), line, message
        super().__init__(str(self))

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}" if self.line else self.path
        return f"{where}: {self.message}"


@dataclass
class Held:
    """One 'position held' statement (P39)."""

    statement: str
    position: str
    start: datetime.date | None = None
    end: datetime.date | None = None


@dataclass
class Entity:
    qid: str
    labels: dict[str, str] = field(default_factory=dict)
    aliases: dict[str, list[str]] = field(default_factory=dict)
    descriptions: dict[str, str] = field(default_factory=dict)
    classes: set[str] = field(default_factory=set)  # P31 and P279 targets
    gender: str = ""
    held: list[Held] = field(default_factory=list)
    citizenships: set[str] = field(default_factory=set)
    dead: bool = False

    @property
    def human(self) -> bool:
        return HUMAN in self.classes

    def first(self, values: dict[str, str], languages) -> str:
        return next((values[lang] for lang in languages if values.get(lang)), "")


class Dump:
    """A dump file, read a line at a time; `position()` is the share of the
    file read so far (for progress)."""

    def __init__(self, path: str | Path) -> None:
        self.path = Path(path)
        self.size = max(self.path.stat().st_size, 1)
        self._raw = self.path.open("rb")
        opener = {".gz": gzip.open, ".bz2": bz2.open}.get(self.path.suffix)
        binary = opener(self._raw) if opener else self._raw
        self._lines = (line.decode("utf-8", "replace") for line in binary)

    def position(self) -> float:
        return self._raw.tell() / self.size

    def close(self) -> None:
        self._raw.close()

    def entities(self) -> Iterator[tuple[int, Entity | WikidataError]]:
        """(line, entity) for each entity, or (line, error) for one that
        cannot be read; the rest of the file is still read."""
        for line_no, line in enumerate(self._lines, start=1):
            text = line.strip().rstrip(",")
            if text in ("", "[", "]"):
                continue
            try:
                data = json.loads(text)
            except (json.JSONDecodeError, RecursionError) as exc:
                yield line_no, WikidataError(self.path, line_no, f"not JSON: {exc}")
                continue
            items = _entity_dicts(data)
            if items is None:
                yield line_no, WikidataError(self.path, line_no, "not an entity")
                continue
            for item in items:
                if not str(item.get("id", "")).startswith("Q"):
                    continue  # properties and lexemes hold no people
                try:
                    yield line_no, read_entity(item)
                except (KeyError, TypeError, ValueError, AttributeError) as exc:
                    message = f"unreadable entity: {type(exc).__name__}: {exc}"
                    yield line_no, WikidataError(self.path, line_no, message)


def _entity_dicts(data) -> list | None:
    if isinstance(data, dict) and isinstance(data.get("entities"), dict):
        return list(data["entities"].values())  # a Special:EntityData page
    if isinstance(data, dict) and isinstance(data.get("id"), str):
        return [data]
    return None


def read_entity(item: dict) -> Entity:
    """The parts of one entity the directory uses."""
    qid = item["id"]
    if not isinstance(qid, str) or not qid.startswith("Q") or not qid[1:].isdigit():
        raise ValueError(f"not an item id: {qid!r}")
    claims = item.get("claims") or {}
    entity = Entity(
        qid=qid,
        labels=_texts(item.get("labels")),
        descriptions=_texts(item.get("descriptions")),
        aliases={lang: [_text(a) for a in v] for lang, v in _dict(item, "aliases")},
        classes=set(_targets(claims, "P31")) | set(_targets(claims, "P279")),
        citizenships=set(_targets(claims, "P27")),
        dead=bool(_statements(claims, "P570")),
    )
    genders = [GENDERS[q] for q in _targets(claims, "P21") if q in GENDERS]
    entity.gender = genders[0] if len(set(genders)) == 1 else ""
    entity.held = [_held(s) for s in _statements(claims, "P39") if _target(s)]
    return entity


def _dict(item: dict, key: str):
    value = item.get(key) or {}
    if not isinstance(value, dict):
        raise TypeError(f"{key} is not an object")
    return value.items()


def _texts(value) -> dict[str, str]:
    if not value:
        return {}
    if not isinstance(value, dict):
        raise TypeError("labels are not an object")
    return {lang: _text(v) for lang, v in value.items()}


def _text(value) -> str:
    text = value["value"] if isinstance(value, dict) else None
    if not isinstance(text, str):
        raise TypeError("a label or alias without a text value")
    return text


def _statements(claims: dict, prop: str) -> list[dict]:
    """The statements of `prop`, deprecated ones left out."""
    statements = claims.get(prop) or []
    if not isinstance(statements, list):
        raise TypeError(f"{prop} is not a list")
    return [s for s in statements if s.get("rank") != "deprecated"]


def _target(statement: dict) -> str:
    """The item a statement points to ('' for 'no value' or 'unknown')."""
    value = ((statement.get("mainsnak") or {}).get("datavalue") or {}).get("value")
    target = value.get("id") if isinstance(value, dict) else None
    return target if isinstance(target, str) else ""


def _targets(claims: dict, prop: str) -> list[str]:
    return [t for t in map(_target, _statements(claims, prop)) if t]


def _held(statement: dict) -> Held:
    qualifiers = statement.get("qualifiers") or {}
    return Held(
        statement=str(statement.get("id") or "")[:100],
        position=_target(statement),
        start=_time(qualifiers.get("P580"), end=False),
        end=_time(qualifiers.get("P582"), end=True),
    )


def _time(snaks, *, end: bool) -> datetime.date | None:
    """A start (P580) or end (P582) date: the first day of its month or year
    for a start, the last for an end, when only those are known."""
    if not snaks or not isinstance(snaks, list):
        return None
    value = (snaks[0].get("datavalue") or {}).get("value")
    if not isinstance(value, dict) or not isinstance(value.get("time"), str):
        return None
    time, precision = value["time"], value.get("precision", 11)
    if not time.startswith("+") or precision < 9:
        return None  # before the common era, or a decade or coarser
    year, month, day = (int(p) for p in time[1:11].split("-"))
    if precision == 9 or not month:
        month, day = (12, 31) if end else (1, 1)
    elif precision == 10 or not day:
        day = calendar.monthrange(year, month)[1] if end else 1
    try:
        return datetime.date(year, month, day)
    except ValueError:
        return None
