"""How article text is searched: PostgreSQL's configurations, and the
folded copy the embedded SQLite searches."""

from django.contrib.postgres.search import SearchVector

from people.linking.normalise import fold


def search_config(language: str) -> str:
    """PostgreSQL text search configurations (stemming, accents ignored),
    created by the articles search migration."""
    return "french_unaccent" if language == "fr" else "english_unaccent"


def fold_for_search(*parts: str) -> str:
    """Title, standfirst and body as SQLite searches them (and the relink
    pre-filter reads them): case- and accent-folded, spaces collapsed."""
    return " ".join(" ".join(fold(part).split()) for part in parts if part)


def weighted_vector(language: str) -> SearchVector:
    """An article's search vector in its language: title first, then the
    standfirst, then the body."""
    config = search_config(language)
    return (
        SearchVector("title", weight="A", config=config)
        + SearchVector("standfirst", weight="B", config=config)
        + SearchVector("body", weight="C", config=config)
    )
