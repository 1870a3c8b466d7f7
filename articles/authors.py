"""Bylines as authors: the names a byline gives, matched to the
directory of authors or added to it. Imports and the demo loader use it;
the admin sets authors directly."""

import re

from articles.models import Author, Byline, Source
from newsroom.slugs import unique_slug
from newsroom.text import clean_text

# "Par …", "By …" open a byline; names are separated by commas, "et",
# "and", "&" or "/"; "avec …"/"with …" credit a source or a helper.
_OPENING = re.compile(r"^(?:par|by|de|from)\s+", re.IGNORECASE)
_SEPARATORS = re.compile(r"\s*(?:,|;|&|/|\bet\b|\band\b)\s*", re.IGNORECASE)
_CREDIT = re.compile(r"\s*(?:\(.*?\)|\b(?:avec|with)\b.*$)", re.IGNORECASE)
# An agency's acronym standing alone (AFP, AP, ATS, DPA): not a person.
_ACRONYM = re.compile(r"^[A-Z]{2,5}$")


def byline_names(byline: str, source_names: set[str] = frozenset()) -> list[str]:
    """The people a byline names, in its order; agencies and sources left
    out (wire copy is credited to its source)."""
    text = clean_text(byline, multiline=False)
    text = _OPENING.sub("", _CREDIT.sub("", text)).strip()
    folded_sources = {s.casefold() for s in source_names}
    names = []
    for part in _SEPARATORS.split(text):
        name = " ".join(part.strip(" .-–—").split())
        if (
            len(name) > 1
            and not _ACRONYM.match(name)
            and name.casefold() not in folded_sources
            and name not in names
        ):
            names.append(name[:200])
    return names


def author_for(name: str, source: Source | None = None) -> Author:
    """The author of that name, created when new (working for `source`).
    Raises ValidationError when the name breaks the model's rules."""
    found = Author.objects.filter(name__iexact=name).first()
    if found is not None:
        return found
    author = Author(name=name, slug=unique_slug(Author, name), source=source)
    author.full_clean()
    author.save()
    return author


def authors_from_byline(byline: str, source: Source | None = None) -> list[Author]:
    sources = set(Source.objects.values_list("name", flat=True))
    return [author_for(name, source) for name in byline_names(byline, sources)]


def set_authors(article, authors: list[Author]) -> None:
    """The article's authors, in this order (others removed)."""
    Byline.objects.filter(article=article).exclude(author__in=authors).delete()
    for position, author in enumerate(authors):
        Byline.objects.update_or_create(
            article=article, author=author, defaults={"position": position}
        )
