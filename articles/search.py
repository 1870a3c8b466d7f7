"""Search over published articles and people.

PostgreSQL: full-text search with the article's own language configuration
(stemming, accents ignored), ranked, with highlighted snippets. SQLite (the
embedded default): every word of the query must appear in the folded text;
ranked by how often, with a snippet around the first hit. Both return the
same kind of page. People whose name or alias matches come first.
"""

import re

from django.conf import settings
from django.contrib.postgres.search import (
    SearchHeadline,
    SearchQuery,
    SearchRank,
    TrigramWordDistance,
)
from django.db import connection
from django.db.models import (
    Case,
    F,
    FloatField,
    Q,
    QuerySet,
    Subquery,
    Value,
    When,
)
from django.db.models.functions import Substr
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from articles.models import Article
from articles.search_text import search_config
from people.linking.normalise import fold, fold_name
from people.models import Person

# Private-use characters mark the hits inside snippets, so that the text can
# be escaped first and the <mark> tags added after.
_START, _STOP = "\ue000", "\ue001"
MAX_QUERY = 200
# How close a name must be to count as a close spelling: pg_trgm's own
# default word_similarity_threshold.
CLOSE_SPELLING = 0.6


# Control characters separate words at most; PostgreSQL refuses a NUL in
# any text parameter.
_CONTROLS = dict.fromkeys([*range(32), 127], " ")


def clean_query(query: str) -> str:
    """The query as searched: no control characters, spaces collapsed,
    MAX_QUERY characters at most."""
    return " ".join(query.translate(_CONTROLS).split())[:MAX_QUERY]


def request_query(request) -> str:
    """The `q` of a request, cleaned as it is searched."""
    return clean_query(request.GET.get("q") or "")


def _terms(query: str) -> list[str]:
    return [t for t in re.findall(r"\w+", fold(query)) if len(t) > 1][:10]


def _is_postgres() -> bool:
    return connection.vendor == "postgresql"


def search_articles(query: str, queryset: QuerySet | None = None) -> QuerySet:
    """Published articles matching `query`, best first, each with a `rank`.
    Snippets are made for the shown page only (see `snippets()`): computing
    a headline for every match before sorting was the slowest part."""
    queryset = (queryset if queryset is not None else Article.objects.all()).published()
    query = clean_query(query)
    if not query:
        return queryset.none()
    if _is_postgres():
        fr = SearchQuery(query, config=search_config("fr"), search_type="websearch")
        en = SearchQuery(query, config=search_config("en"), search_type="websearch")
        matches = queryset.filter(
            Q(language="fr", search_vector=fr) | ~Q(language="fr") & Q(search_vector=en)
        )
        # Rank the most recent matches, not all of them: for a common word,
        # ranking tens of thousands of rows dominated the page's time.
        recent = matches.order_by("-date", "-pk").values("pk")[
            : settings.SEARCH_CANDIDATES
        ]
        return (
            queryset.filter(pk__in=Subquery(recent))
            .annotate(
                rank=Case(
                    When(language="fr", then=SearchRank(F("search_vector"), fr)),
                    default=SearchRank(F("search_vector"), en),
                    output_field=FloatField(),
                ),
            )
            .order_by("-rank", "-date", "-pk")
        )
    terms = _terms(query)
    if not terms:
        return queryset.none()
    for term in terms:
        queryset = queryset.filter(search_text__contains=term)
    # The folded text starts with the title and standfirst: each term found
    # there ranks an article higher than a match deep in the body.
    queryset = queryset.annotate(head=Substr("search_text", 1, 250))
    rank = Value(0.0)
    for term in terms:
        rank = rank + Case(
            When(head__contains=term, then=Value(1.0)),
            default=Value(0.0),
            output_field=FloatField(),
        )
    return queryset.annotate(rank=rank).order_by("-rank", "-date", "-pk")


def text_matches(query: str, queryset: QuerySet) -> QuerySet:
    """Articles of `queryset`, whatever their status, whose title,
    standfirst or body match `query`: on PostgreSQL through the full-text
    index (each article in its language's configuration), elsewhere through
    the folded copy of the text. For staff's searches (the admin)."""
    query = clean_query(query)
    if not query:
        return queryset
    if _is_postgres():
        fr = SearchQuery(query, config=search_config("fr"), search_type="websearch")
        en = SearchQuery(query, config=search_config("en"), search_type="websearch")
        return queryset.filter(
            Q(language="fr", search_vector=fr) | ~Q(language="fr") & Q(search_vector=en)
        )
    for term in _terms(query):
        queryset = queryset.filter(search_text__contains=term)
    return queryset


def snippets(articles: list[Article], query: str) -> list[SafeString]:
    """A passage of each article's body with the query's words marked."""
    query = clean_query(query)
    raw: dict[int, str] = {}
    if _is_postgres() and articles and query:
        for language in {a.language for a in articles}:
            config = search_config(language)
            search = SearchQuery(query, config=config, search_type="websearch")
            rows = Article.objects.filter(
                pk__in=[a.pk for a in articles if a.language == language]
            ).annotate(
                headline=SearchHeadline(
                    "body",
                    search,
                    config=config,
                    start_sel=_START,
                    stop_sel=_STOP,
                    max_words=30,
                    min_words=15,
                )
            )
            raw.update(rows.values_list("pk", "headline"))
    terms = _terms(query)
    return [
        _marked(raw.get(a.pk) or _fallback_headline(a.body, terms, 160))
        for a in articles
    ]


def _marked(raw: str) -> SafeString:
    text = escape(raw)
    return mark_safe(  # noqa: S308 - escaped above, only our markers replaced
        text.replace(_START, "<mark>").replace(_STOP, "</mark>")
    )


def _fallback_headline(body: str, terms: list[str], width: int) -> str:
    folded = fold(body)
    hits = []
    for term in terms:
        hits += [m.span() for m in re.finditer(rf"\b{re.escape(term)}\w*", folded)]
    if not hits:
        return body[:width] + ("…" if len(body) > width else "")
    hits.sort()
    start = max(0, hits[0][0] - width // 3)
    end = min(len(body), start + width)
    pieces, pos = [], start
    for s, e in hits:
        if s < pos or e > end:
            continue
        pieces += [body[pos:s], _START, body[s:e], _STOP]
        pos = e
    pieces.append(body[pos:end])
    prefix = "…" if start else ""
    suffix = "…" if end < len(body) else ""
    return prefix + "".join(pieces) + suffix


def search_people(query: str, limit: int = 5) -> list[Person]:
    """People whose name or an alias matches `query` (accents and case
    ignored; on PostgreSQL, close spellings too)."""
    key = fold_name(clean_query(query))
    if len(key) < 2:
        return []
    exact = list(
        Person.objects.public()
        .filter(search_name__contains=key)
        .order_by("sort_key")[:limit]
    )
    if len(exact) >= limit or not _is_postgres():
        return exact
    # Close spellings: the nearest names by trigram word distance, read from
    # the GiST index in order, then kept if similar enough. Filtering on the
    # similarity threshold in SQL (%>) rechecked most of the table instead.
    nearest = (
        Person.objects.public()
        .exclude(pk__in=[p.pk for p in exact])
        .annotate(distance=TrigramWordDistance(key, "search_name"))
        .order_by("distance")[: limit - len(exact)]
    )
    close = [p for p in nearest if p.distance <= 1 - CLOSE_SPELLING]
    return exact + sorted(close, key=lambda p: (p.distance, p.sort_name))
