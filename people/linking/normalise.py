"""Folding text for matching while keeping offsets into the original.

`fold()` maps every character to exactly one character, so an offset in the
folded copy is the same offset in the original text: no offset map to keep,
and a match can be checked against the original surface directly.
"""

import re
import unicodedata

from .words import PARTICLES

# Characters that a letter-by-letter decomposition does not reduce to ASCII.
_SPECIAL = {
    "ø": "o",
    "Ø": "o",
    "ł": "l",
    "Ł": "l",
    "đ": "d",
    "Đ": "d",
    "ð": "d",
    "Ð": "d",
    "ı": "i",
    "ħ": "h",
    "Ħ": "h",
    "ŧ": "t",
    "Ŧ": "t",
    "þ": "t",
    "Þ": "t",
    "ß": "s",
}
_APOSTROPHES = "'’‘ʼ`´′"
_HYPHENS = "-‐‑‒–—―−"
_SPACES = "\u00a0\u202f\u2007\u2009\u200a\u2002\u2003\u2004\u2005\u2006\u2008\t"


def _build_table() -> dict[int, str]:
    table: dict[int, str] = {}
    for cp in range(0x00, 0x2000):
        ch = chr(cp)
        if ch in _SPECIAL:
            out = _SPECIAL[ch]
        else:
            base = "".join(
                c
                for c in unicodedata.normalize("NFKD", ch)
                if not unicodedata.combining(c)
            ).lower()
            out = base if len(base) == 1 else ch.lower()
            if len(out) != 1:
                continue
        if out != ch:
            table[cp] = out
    for ch in _APOSTROPHES:
        table[ord(ch)] = "'"
    # A hyphen folds to a space: "al-Sissi" and "al Sissi" are one name.
    for ch in _HYPHENS:
        table[ord(ch)] = " "
    for ch in _SPACES:
        table[ord(ch)] = " "
    return table


FOLD_TABLE = _build_table()


def fold(text: str) -> str:
    """Lower-case, strip accents, unify apostrophes, hyphens and spaces.

    The result has exactly the length of `text`.
    """
    return text.translate(FOLD_TABLE)


def fold_name(name: str) -> str:
    """Fold a directory name into a look-up key (whitespace collapsed)."""
    return " ".join(fold(unicodedata.normalize("NFC", name)).split())


def nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text)


def word_key(word: str) -> str:
    """A word as the word lists hold it: folded, without surrounding full
    stops or apostrophes, and without an elided article ("L'opposant" is
    "opposant", "d'État" is "etat")."""
    key = fold(word).strip(".'")
    return key[2:] if key[1:2] == "'" and key[0] in "ld" else key


def is_elided(word: str) -> bool:
    """Whether `word` starts with an elided article: "L'ambassadeur"."""
    key = fold(word)
    return key[1:2] == "'" and key[0] in "ld"


_TOKEN_RE = re.compile(r"[^\s\-‐‑‒–—―'’‘ʼ]+")


def name_tokens(text: str) -> list[str]:
    return _TOKEN_RE.findall(text)


def is_written_as_name(surface: str) -> bool:
    """True when every word of `surface`, particles aside, starts with a capital.

    This keeps common nouns that are also surnames ("la page", "le maire")
    from linking.
    """
    tokens = name_tokens(surface)
    if not tokens:
        return False
    has_capital = False
    for token in tokens:
        first = next((c for c in token if c.isalpha()), "")
        if not first:
            continue
        if first.isupper():
            has_capital = True
        elif fold(token) not in PARTICLES:
            return False
    return has_capital


def surname_forms(name: str) -> list[str]:
    """Short forms a name is cited by once introduced, most complete first.

    'Elias Brand' -> ['Brand']; 'Charles de Gaulle' -> ['de Gaulle'];
    'Recep Tayyip Erdoğan' -> ['Tayyip Erdoğan', 'Erdoğan'];
    'Abdel Fattah al-Sissi' -> ['Fattah al-Sissi', 'al-Sissi', 'Sissi'].
    """
    tokens = name.split()
    if len(tokens) < 2:
        return []
    rest = tokens[1:]
    forms = [" ".join(rest)]
    particle_at = next(
        (i for i, t in enumerate(rest[:-1]) if fold(t) in PARTICLES), None
    )
    if particle_at is not None:
        if particle_at > 0:
            forms.append(" ".join(rest[particle_at:]))
    elif len(rest) > 1:
        forms.append(rest[-1])
    last = forms[-1]
    for prefix in ("al-", "el-", "Al-", "El-"):
        if last.startswith(prefix) and len(last) > len(prefix) + 1:
            forms.append(last[len(prefix) :])
    if len(tokens) >= 3:
        # In long names the usual short form may be any later word:
        # 'Luiz Inácio Lula da Silva' -> 'Lula'. Short forms only resolve
        # once the full name is in the article, so this costs no precision.
        # Words after a particle belong to it ('Le Maire', 'de Gaulle').
        head = rest[:particle_at] if particle_at is not None else rest
        forms += [t for t in head if len(t) >= 3]
    return [f for f in dict.fromkeys(forms) if len(fold_name(f)) >= 2]


def sort_name(name: str) -> str:
    """'Charles de Gaulle' -> 'Gaulle, Charles de'; single names stay as they are."""
    parts = name.split()
    if len(parts) < 2:
        return name
    forms = surname_forms(name)
    surname = forms[0] if forms else parts[-1]
    # Sort on the surname without its particle, as directories usually do.
    bare = surname.split(" ")
    particles = []
    while len(bare) > 1 and bare[0][:1].islower():
        particles.append(bare.pop(0))
    given = name[: len(name) - len(surname)].strip()
    rest = " ".join([given, *particles]).strip()
    return f"{' '.join(bare)}, {rest}" if rest else " ".join(bare)


# Particles a French index files under the next word: "al-Assad" and
# "el-Sissi" under A and S, "d'Ormesson" under O ("de" is already moved
# after the given name by `sort_name`).
_SORT_PARTICLE = re.compile(r"^(?:(?:al|el|ul)[-\u2010\s]|d['\u2019])", re.IGNORECASE)


def sort_key(sorted_name: str) -> str:
    """How a sort name orders in a French index: case and accents folded,
    leading particles skipped ('Élise' with the Es, 'al-Assad' with the As)."""
    bare = _SORT_PARTICLE.sub("", sorted_name.strip())
    decomposed = unicodedata.normalize("NFKD", bare.casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c))
