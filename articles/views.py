from django.conf import settings
from django.db.models import Count
from django.http import Http404, HttpResponse
from django.urls import reverse
from django.utils import translation
from django.utils.cache import patch_cache_control
from django.utils.http import http_date
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_GET
from django.views.generic import DetailView, ListView

from articles.article_page import article_json_ld, shown_for_page
from articles.filters import ArticleFilter
from articles.links import moved_or_gone
from articles.lists import (
    ORDERING,
    PublishedArticlesMixin,
    public_index,
    public_object,
)
from articles.models import (
    Article,
    Author,
    Correction,
    Source,
    Topic,
)
from articles.search import request_query, search_people, snippets
from newsroom import page_deps
from people.models import Mention, Person
from photos.models import Photo


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
    page_tags = (page_deps.LISTS, page_deps.PEOPLE, page_deps.MENTIONS)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["filter"] = self.filterset
        context["filtered_person"] = getattr(self.filterset, "person", None)
        # Kept until a published article or a person changes.
        context["in_the_news"] = page_deps.remembered(
            f"newsroom:in-the-news:{translation.get_language()}",
            lambda: (
                in_the_news(),
                [page_deps.LISTS, page_deps.PEOPLE, page_deps.MENTIONS],
            ),
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
        return base.for_page()

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
        # The text's language, whatever the interface's.
        response["Content-Language"] = self.object.language
        return response

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        article = self.object
        # What the article shows besides its own row (linked body, people,
        # quotations, related articles...), computed once per change of
        # what it shows rather than per request.
        shown = shown_for_page(article)
        context.update(shown)
        # One address for the article: the interface in its own language.
        with translation.override(article.language):
            context["canonical"] = self.request.build_absolute_uri(
                article.get_absolute_url()
            )
        context["json_ld"] = article_json_ld(
            self.request, article, shown, context["canonical"]
        )
        context["preview"] = not article.is_published()
        return context


class IndexView(ListView):
    """Every public topic (source, author) with its number of published
    articles, by name."""

    template_name = "articles/index.html"
    model = Topic
    title = _("Topics")

    def get_queryset(self):
        return public_index(self.model)

    def get_context_object_name(self, object_list) -> str:
        return self.model._meta.model_name + "s"  # topics, sources, authors

    def get_context_data(self, **kwargs):
        return super().get_context_data(title=self.title, **kwargs)


class _ArticlesOfObject(PublishedArticlesMixin, ListView):
    """A list of published articles for one topic or source."""

    model = None
    filter_field = ""
    # Not every list: the topic's (or source's) own tag, which the arrival,
    # change or departure of one of its articles touches.
    page_tags = ()

    def get_queryset(self):
        self.object = public_object(self.model, self.kwargs["slug"])
        return (
            self.articles()
            .filter(**{self.filter_field: self.object})
            .order_by(*ORDERING)
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["object"] = self.object
        return context


class AuthorDetailView(_ArticlesOfObject):
    template_name = "articles/author_detail.html"
    model = Author
    filter_field = "authors"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        portrait = self.object.portrait_id and (
            Photo.objects.with_renditions().filter(pk=self.object.portrait_id).first()
        )
        if portrait:
            context["portrait"] = portrait
            page_deps.depends_on(page_deps.photo(portrait.pk))
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
