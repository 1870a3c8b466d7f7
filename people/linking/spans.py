"""What every linking stage speaks: a span of text, and where spans meet."""

import bisect
import re
from collections.abc import Iterable
from dataclasses import dataclass

AUTO = "auto"
PENDING = "pending"


@dataclass(frozen=True, slots=True)
class Span:
    """A name found in the text, at [start, end)."""

    start: int
    end: int
    text: str
    person_id: int | None
    status: str
    method: str
    candidates: tuple[int, ...] = ()
    # For a name nobody in the directory has: the full name it stands for.
    name: str = ""

    @property
    def bounds(self) -> tuple[int, int]:
        return (self.start, self.end)


def overlaps(start: int, end: int, taken: Iterable[tuple[int, int]]) -> bool:
    """Whether [start, end) shares a character with any (start, end) taken."""
    return any(start < e and s < end for s, e in taken)


def at_word_boundary(text: str, start: int, end: int) -> bool:
    """Whether text[start:end] is whole words: no letter or digit glued on
    either side."""
    return (start == 0 or not text[start - 1].isalnum()) and (
        end >= len(text) or not text[end].isalnum()
    )


class Claimed:
    """The stretches of a text that spans already hold: overlap tests cost
    the same whatever their number (a long article names thousands)."""

    def __init__(self, length: int) -> None:
        self._mask = bytearray(length + 1)

    def add(self, start: int, end: int) -> None:
        self._mask[start:end] = b"\x01" * (end - start)

    def overlaps(self, start: int, end: int) -> bool:
        return end > start and self._mask.find(1, start, end) != -1


def reanchor(
    body: str, text: str, was: int, claimed: list[tuple[int, int]]
) -> int | None:
    """Where `text`, last at `was`, now stands in `body`, nearest first."""
    if not text:
        return None

    def free(start: int) -> bool:
        return not overlaps(start, start + len(text), claimed)

    if body[was : was + len(text)] == text and free(was):
        return was
    pattern = re.compile(r"(?<!\w)" + re.escape(text) + r"(?!\w)")
    starts = [m.start() for m in pattern.finditer(body) if free(m.start())]
    if not starts:
        return None
    i = bisect.bisect_left(starts, was)
    nearby = starts[max(0, i - 1) : i + 1]
    return min(nearby, key=lambda s: abs(s - was))
