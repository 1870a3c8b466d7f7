"""How article text is searched: PostgreSQL's configurations, and the
folded copy the embedded SQLite searches."""

from people.linking.normalise import fold


def search_config(language: str) -> str:
    """PostgreSQL text search configurations (stemming, accents ignored),
    created by the articles search migration."""
    return "french_unaccent" if language == "fr" else "english_unaccent"


def fold_for_search(*parts: str) -> str:
    """Title, standfirst and body as SQLite searches them (and the relink
    pre-filter reads them): case- and accent-folded, spaces collapsed."""
    return " ".join(" ".join(fold(part).split()) for part in parts if part)
