import json

from django.conf import settings
from django.db.models import Count, OuterRef, Subquery, prefetch_related_objects
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils import translation
from django.utils.cache import patch_cache_control
from django.utils.http import http_date
from django.views.decorators.http import require_GET
from django.views.generic import DetailView, ListView

from articles.filters import ArticleFilter
from articles.links import moved_or_gone
from articles.lists import ORDERING, PublishedArticlesMixin
from articles.models import (
    Article,
    Correction,
    Source,
    Topic,
    published_q,
)
from articles.related import related_articles
from articles.rendering import body_paragraphs
from articles.search import request_query, search_people, snippets
from newsroom import page_deps
from people.models import Mention, Person, Quote, Role


class FilteredArticlesMixin(PublishedArticlesMixin):
    """A list narrowed by the reader's filters (search, topic, person,
    source, language, dates); `ArticleFilter` keeps it to published
    articles, and ranks by relevance when there is a search."""

    def get_queryset(self):
        self.filterset = ArticleFilter(
            self.request.GET or None, queryset=self.base_queryset
        )
        queryset = self.filterset.qs
        if not request_query(self.request):
            queryset = queryset.order_by(*ORDERING)
        return queryset

    def counted(self) -> str:
        # The filters as applied: django-filter filters on the cleaned data
        # of the fields that are valid and ignores the others.
        form = self.filterset.form
        data = form.cleaned_data if self.filterset.is_bound else {}
        filters = sorted((k, str(getattr(v, "pk", v))) for k, v in data.items() if v)
        return f"{super().counted()}|{filters}"


class ArticleListView(FilteredArticlesMixin, ListView):
    """Home: published articles, newest first, with filters that combine."""

    template_name = "articles/article_list.html"
    # The people in the news, beside the list.
    page_tags = (page_deps.LISTS, page_deps.PEOPLE)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["filter"] = self.filterset
        context["filtered_person"] = getattr(self.filterset, "person", None)
        # Kept until a published article or a person changes.
        context["in_the_news"] = page_deps.remembered(
            f"newsroom:in-the-news:{translation.get_language()}",
            lambda: (in_the_news(), [page_deps.LISTS, page_deps.PEOPLE]),
        )
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
        .order_by(*ORDERING)
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


class SearchView(FilteredArticlesMixin, ListView):
    """Search: matching people first, then ranked articles with snippets.
    The results page has no sidebar (no filter form, no "in the news")."""

    template_name = "articles/search.html"
    # Snippets are cut from the body: load it (lists elsewhere defer it).
    base_queryset = Article.objects.select_related("source").defer(
        "search_text", "search_vector"
    )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
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
        Role.objects.public()
        .held_on(OuterRef("article__date"))
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
        return base.select_related("source").defer("search_text", "search_vector")

    def get(self, request, *args, **kwargs):
        try:
            response = super().get(request, *args, **kwargs)
        except Http404:
            return moved_or_gone(request, kwargs["slug"])
        if not self.object.is_published():
            patch_cache_control(response, private=True, no_store=True)
            response["X-Robots-Tag"] = "noindex"
        else:
            response["Last-Modified"] = http_date(self.object.updated_at.timestamp())
        return response

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        article = self.object
        # What the article shows besides its own row (linked body, people,
        # quotations, related articles...), computed once per change of
        # what it shows rather than per request.
        shown = page_deps.remembered(
            f"newsroom:article-shown:{article.pk}:{translation.get_language()}",
            lambda: article_shown(article),
        )
        context.update(shown)
        context["json_ld"] = article_json_ld(self.request, article, shown)
        context["preview"] = not article.is_published()
        return context


def article_shown(article: Article) -> tuple[dict, list[str]]:
    """The parts of an article's page that come from other rows, and the
    dependency tags of what they show."""
    mentions = list(
        Mention.objects.linked()
        .filter(article=article)
        .select_related("person")
        .annotate(role_title=held_role_title())
        .order_by("start")
    )
    people: dict[int, dict] = {}
    for mention in mentions:
        entry = people.setdefault(
            mention.person_id,
            {"person": mention.person, "count": 0, "role": mention.role_title},
        )
        entry["count"] += 1
    prefetch_related_objects([article], "topics")  # read twice below
    topics = list(article.topics.all())
    related = related_articles(article, list(people))
    shown = {
        "paragraphs": body_paragraphs(article.body, mentions),
        "people": sorted(
            people.values(), key=lambda e: (-e["count"], e["person"].name)
        ),
        "quotes": list(
            Quote.objects.filter(article=article)
            .select_related("speaker")
            .order_by("start")
        ),
        "related": related,
        "topics": topics,
        "corrections": list(article.corrections.all()),
    }
    tags = [
        page_deps.article(article.pk),
        *page_deps.people(people),
        *[page_deps.topic(t.pk) for t in topics],
        page_deps.source(article.source_id) if article.source_id else "",
        *[page_deps.article(r.pk) for r in related],
    ]
    return shown, tags


def article_json_ld(request, article: Article, shown: dict) -> str:
    people = shown["people"]
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
    corrections = shown["corrections"]
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
        page_deps.depends_on(page_deps.LISTS)
        return Topic.objects.public().annotate(n=count_published()).order_by("name")


class SourceListView(ListView):
    template_name = "articles/source_list.html"
    context_object_name = "sources"

    def get_queryset(self):
        page_deps.depends_on(page_deps.LISTS)
        return Source.objects.public().annotate(n=count_published()).order_by("name")


class _ArticlesOfObject(PublishedArticlesMixin, ListView):
    """A list of published articles for one topic or source."""

    model = None
    filter_field = ""
    # Not every list: the topic's (or source's) own tag, which the arrival,
    # change or departure of one of its articles touches.
    page_tags = ()

    def get_queryset(self):
        public = self.model.objects.public()
        self.object = get_object_or_404(public, slug=self.kwargs["slug"])
        return (
            self.articles()
            .filter(**{self.filter_field: self.object})
            .order_by(*ORDERING)
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["object"] = self.object
        page_deps.depends_on(f"{self.model.__name__.lower()}:{self.object.pk}")
        return context


class TopicDetailView(_ArticlesOfObject):
    template_name = "articles/topic_detail.html"
    model = Topic
    filter_field = "topics"


class SourceDetailView(_ArticlesOfObject):
    template_name = "articles/source_detail.html"
    model = Source
    filter_field = "source"


class CorrectionListView(ListView):
    """Every correction, clarification and update on published articles."""

    template_name = "articles/correction_list.html"
    context_object_name = "corrections"
    paginate_by = 50

    def get_queryset(self):
        page_deps.depends_on(page_deps.LISTS)
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
