import json

from django.conf import settings
from django.db import connections
from django.db.models import Count, OuterRef, Prefetch, Q, Subquery
from django.http import HttpResponse
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils import translation
from django.utils.cache import patch_cache_control
from django.utils.http import http_date
from django.views.decorators.http import require_GET
from django.views.generic import DetailView, ListView

from articles.caching import CachedCountPaginator
from articles.filters import ArticleFilter
from articles.models import (
    Article,
    Correction,
    Source,
    Topic,
    as_publish_at,
    published_q,
    visibility_now,
)
from articles.rendering import body_paragraphs
from articles.search import request_query, search_people, snippets
from people.models import Mention, Person, Quote, Role

LINKED = Mention.LINKED


def linked_in_published(prefix: str = "mentions__") -> Q:
    """Linked mentions in published articles, for annotations on Person."""
    return Q(
        **{f"{prefix}status__in": LINKED, f"{prefix}is_anchored": True}
    ) & published_q(f"{prefix}article__")


class ArticleListView(ListView):
    """Home: published articles, newest first, with filters that combine."""

    template_name = "articles/article_list.html"
    context_object_name = "articles"
    paginator_class = CachedCountPaginator
    base_queryset = Article.objects.for_lists()

    def get_paginate_by(self, queryset) -> int:
        return settings.ARTICLES_PER_PAGE

    def get_queryset(self):
        self.filterset = ArticleFilter(
            self.request.GET or None,
            queryset=self.base_queryset,
        )
        queryset = self.filterset.qs
        if not request_query(self.request):
            queryset = queryset.order_by("-date", "-created_at")
        return queryset

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["filter"] = self.filterset
        context["filtered_person"] = getattr(self.filterset, "person", None)
        context["in_the_news"] = in_the_news()
        return context


def in_the_news(limit: int = 10, window: int = 200) -> list[Person]:
    """People named in the most recent published articles, most named first
    (ties cut by id, then shown by name).

    Three small queries that stay cheap at any size: the recent ids, their
    mention counts per person, the people chosen. Joined in one statement,
    PostgreSQL's plan depended on the archive's size and read a whole table
    either way (all mentions at 10,000 articles, all people at 100,000)."""
    recent = list(
        Article.objects.published()
        .order_by("-date", "-created_at")
        .values_list("pk", flat=True)[:window]
    )
    if not recent:
        return []
    counts = dict(
        Mention.objects.linked()
        .filter(article_id__in=recent)
        .values("person_id")
        .annotate(n=Count("article_id", distinct=True))
        .order_by("-n", "person_id")
        .values_list("person_id", "n")[:limit]
    )
    people = list(Person.objects.filter(pk__in=counts))
    for person in people:
        person.n = counts[person.pk]
    return sorted(people, key=lambda p: (-p.n, p.sort_name, p.name))


class SearchView(ArticleListView):
    """Search: matching people first, then ranked articles with snippets."""

    template_name = "articles/search.html"
    # Snippets are cut from the body: load it (lists elsewhere defer it).
    base_queryset = Article.objects.select_related("source").defer(
        "search_text", "search_vector"
    )

    def get_context_data(self, **kwargs):
        # The results page has no sidebar: skip the list's filter form and
        # "in the news" (three queries it never showed).
        context = ListView.get_context_data(self, **kwargs)
        query = request_query(self.request)
        context["query"] = query
        context["people"] = search_people(query) if query else []
        articles = list(context["articles"])
        context["results"] = list(zip(articles, snippets(articles, query), strict=True))
        return context


def held_role_title() -> Subquery:
    """For a mention: the title of a confirmed role its person held at the
    article's date (computed in the mentions query itself)."""
    return Subquery(
        Role.objects.held_on(OuterRef("article__date"))
        .filter(person_id=OuterRef("person_id"))
        .order_by("-start_date")
        .values("title")[:1]
    )


class ArticleDetailView(DetailView):
    template_name = "articles/article_detail.html"
    context_object_name = "article"

    def can_preview(self) -> bool:
        user = self.request.user
        return user.is_authenticated and user.has_perm("articles.view_article")

    def get_queryset(self):
        # Editors and Staff may open any article: a preview, never cached.
        base = (
            Article.objects.all() if self.can_preview() else Article.objects.published()
        )
        return (
            base.select_related("source")
            .defer("search_text", "search_vector")
            .prefetch_related(
                "corrections",
                "topics",
                Prefetch(
                    "mentions",
                    queryset=Mention.objects.linked()
                    .select_related("person")
                    .annotate(role_title=held_role_title())
                    .order_by("start"),
                    to_attr="linked_mentions",
                ),
                Prefetch(
                    "quotes",
                    queryset=Quote.objects.select_related("speaker").order_by("start"),
                    to_attr="quote_list",
                ),
            )
        )

    def get(self, request, *args, **kwargs):
        response = super().get(request, *args, **kwargs)
        if not self.object.is_published():
            patch_cache_control(response, private=True, no_store=True)
            response["X-Robots-Tag"] = "noindex"
        else:
            response["Last-Modified"] = http_date(self.object.updated_at.timestamp())
        return response

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        article = self.object
        mentions = article.linked_mentions
        people: dict[int, dict] = {}
        for mention in mentions:
            entry = people.setdefault(
                mention.person_id,
                {"person": mention.person, "count": 0, "role": mention.role_title},
            )
            entry["count"] += 1
        context["paragraphs"] = body_paragraphs(article.body, mentions)
        context["people"] = sorted(
            people.values(), key=lambda e: (-e["count"], e["person"].name)
        )
        context["quotes"] = article.quote_list
        context["related"] = self.related(article, list(people))
        context["json_ld"] = article_json_ld(self.request, article, context["people"])
        context["preview"] = not article.is_published()
        return context

    def related(self, article: Article, people_ids: list[int]) -> list[Article]:
        """Published articles sharing the most people (twice the weight),
        then topics; scored over a small candidate set: articles naming one
        of the people, and the latest 20 sharing a topic.

        One hand-written statement (portable SQL): the ORM version spent
        more time compiling its subqueries than the database spent running
        them."""
        topic_ids = [t.pk for t in article.topics.all()]
        if not people_ids and not topic_ids:
            return []
        parts, params = [], []
        if people_ids:
            marks = ", ".join(["%s"] * len(people_ids))
            parts.append(
                "SELECT article_id, 2 * COUNT(DISTINCT person_id) AS score "
                f"FROM people_mention WHERE person_id IN ({marks}) "
                "AND status IN (%s, %s) AND article_id <> %s GROUP BY article_id"
            )
            params += [*people_ids, *LINKED, article.pk]
        if topic_ids:
            marks = ", ".join(["%s"] * len(topic_ids))
            parts.append(
                "SELECT article_id, COUNT(*) AS score FROM ("
                "SELECT article_id FROM articles_article_topics "
                f"WHERE topic_id IN ({marks}) AND article_id <> %s "
                "ORDER BY article_id DESC LIMIT 60) latest GROUP BY article_id"
            )
            params += [*topic_ids, article.pk]
        sql = (
            "SELECT a.id, a.title, a.slug, a.date, a.date_precision, a.language "
            "FROM articles_article a JOIN ("
            + " UNION ALL ".join(parts)
            # ArticleQuerySet.published(), written out: status alone would
            # list articles still under embargo.
            + ") c ON c.article_id = a.id WHERE a.status = %s "
            "AND (a.publish_at IS NULL OR a.publish_at <= %s) "
            "GROUP BY a.id, a.title, a.slug, a.date, a.date_precision, a.language "
            "ORDER BY SUM(c.score) DESC, a.date DESC LIMIT 5"
        )
        now = as_publish_at(visibility_now(), connections[Article.objects.db])
        params += [Article.Status.PUBLISHED, now]
        return list(Article.objects.raw(sql, params))


def article_json_ld(request, article: Article, people: list[dict]) -> str:
    data = {
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "headline": article.title,
        "datePublished": article.date_iso,
        "dateModified": article.updated_at.isoformat(),
        "inLanguage": article.language,
        "url": request.build_absolute_uri(article.get_absolute_url()),
        "publisher": {"@type": "Organization", "name": settings.SITE_NAME},
        "mentions": [
            {
                "@type": "Person",
                "name": entry["person"].name,
                "url": request.build_absolute_uri(entry["person"].get_absolute_url()),
            }
            for entry in people
        ],
    }
    if article.standfirst:
        data["description"] = article.standfirst
    if article.byline:
        data["author"] = {"@type": "Person", "name": article.byline}
    if article.source_url:
        data["isBasedOn"] = article.source_url
    corrections = list(article.corrections.all())
    if corrections:
        data["correction"] = [
            {
                "@type": "CorrectionComment",
                "text": c.text,
                "datePublished": c.date.isoformat(),
            }
            for c in corrections
        ]
    return json.dumps(data, ensure_ascii=False)


def count_published(prefix: str = "articles__") -> Count:
    return Count(
        f"{prefix}pk" if prefix else "pk", filter=published_q(prefix), distinct=True
    )


class TopicListView(ListView):
    template_name = "articles/topic_list.html"
    context_object_name = "topics"

    def get_queryset(self):
        return Topic.objects.annotate(n=count_published()).order_by("name")


class SourceListView(ListView):
    template_name = "articles/source_list.html"
    context_object_name = "sources"

    def get_queryset(self):
        return Source.objects.annotate(n=count_published()).order_by("name")


class _FilteredByObject(ArticleListView):
    """A list of published articles for one topic or source."""

    model = None
    filter_field = ""

    def get_queryset(self):
        self.object = get_object_or_404(self.model, slug=self.kwargs["slug"])
        return (
            Article.objects.published()
            .filter(**{self.filter_field: self.object})
            .for_lists()
            .order_by("-date", "-created_at")
        )

    def get_context_data(self, **kwargs):
        context = ListView.get_context_data(self, **kwargs)
        context["object"] = self.object
        return context


class TopicDetailView(_FilteredByObject):
    template_name = "articles/topic_detail.html"
    model = Topic
    filter_field = "topics"


class SourceDetailView(_FilteredByObject):
    template_name = "articles/source_detail.html"
    model = Source
    filter_field = "source"


class CorrectionListView(ListView):
    """Every correction, clarification and update on published articles."""

    template_name = "articles/correction_list.html"
    context_object_name = "corrections"
    paginate_by = 50

    def get_queryset(self):
        return (
            Correction.objects.filter(article__in=Article.objects.published())
            .select_related("article")
            .defer("article__body", "article__search_text", "article__search_vector")
            .order_by("-date", "-pk")
        )


@require_GET
def robots_txt(request) -> HttpResponse:
    # Search results are an endless space of pages: keep crawlers out of
    # them in every language (/search/, /en/search/).
    searches = []
    for code, _name in settings.LANGUAGES:
        with translation.override(code):
            searches.append(f"Disallow: {reverse('articles:search')}")
    lines = [
        "User-agent: *",
        *searches,
        f"Sitemap: {request.build_absolute_uri('/sitemap.xml')}",
        f"Sitemap: {request.build_absolute_uri('/news-sitemap.xml')}",
    ]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain")
