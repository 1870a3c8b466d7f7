"""The API's articles, topics, sources and authors (see newsroom.api)."""

from django.db.models import Prefetch
from django.urls import path
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import generics, serializers

from articles.filters import ArticleFilter
from articles.lists import ORDERING, public_index, public_object
from articles.models import Article, Author, Correction, Source, Topic
from articles.search import request_query
from newsroom import page_deps
from newsroom.api import AbsoluteURL, Named, PhotoSerializer, cached
from people.models import Mention, Quote


class ArticleSerializer(serializers.Serializer):
    slug = serializers.SlugField()
    url = AbsoluteURL()
    title = serializers.CharField()
    standfirst = serializers.CharField()
    date = serializers.CharField(source="date_iso", help_text="YYYY-MM or YYYY-MM-DD")
    date_precision = serializers.ChoiceField(Article.DatePrecision.choices)
    published_at = serializers.DateTimeField(source="live_at", allow_null=True)
    updated_at = serializers.DateTimeField()
    language = serializers.ChoiceField(Article.Language.choices)
    source = Named(allow_null=True)
    authors = Named(many=True, source="credited_authors")
    topics = Named(many=True)
    lead_photo = PhotoSerializer(allow_null=True)


class MentionSerializer(serializers.Serializer):
    start = serializers.IntegerField()
    end = serializers.IntegerField()
    text = serializers.CharField()
    person = Named()


class QuoteSerializer(serializers.Serializer):
    start = serializers.IntegerField()
    end = serializers.IntegerField()
    text = serializers.CharField()
    speaker = Named(allow_null=True)
    speaker_name = serializers.CharField(help_text="As written, when not linked.")


class CorrectionSerializer(serializers.Serializer):
    date = serializers.DateField()
    kind = serializers.ChoiceField(Correction.Kind.choices)
    text = serializers.CharField()


class ArticleDetailSerializer(ArticleSerializer):
    body = serializers.CharField()
    mentions = MentionSerializer(many=True, source="linked_mentions")
    quotations = QuoteSerializer(many=True, source="quotes.all")
    corrections = CorrectionSerializer(many=True, source="corrections.all")


def api_articles(queryset=None):
    """Published articles with what the API shows of each, in a fixed
    number of queries whatever the page size."""
    queryset = Article.objects.published() if queryset is None else queryset
    return (
        queryset.select_related("source", "lead_photo")
        .defer("search_text", "search_vector")
        .prefetch_related("topics", "bylines__author", "lead_photo__renditions")
    )


FILTERS = [
    OpenApiParameter("q", str, description="Words to search for"),
    OpenApiParameter("topic", str, description="A topic's slug"),
    OpenApiParameter("person", str, description="A person's slug"),
    OpenApiParameter("source", str, description="A source's slug"),
    OpenApiParameter("language", str, enum=["fr", "en"]),
    OpenApiParameter("date_from", str, description="YYYY-MM or YYYY-MM-DD"),
    OpenApiParameter("date_to", str, description="YYYY-MM or YYYY-MM-DD"),
]


@extend_schema(parameters=FILTERS)
class ArticleList(generics.ListAPIView):
    """Published articles, newest first (by relevance with `q`), with the
    site's filters."""

    serializer_class = ArticleSerializer

    def get_queryset(self):
        page_deps.depends_on(page_deps.LISTS)
        filtered = ArticleFilter(self.request.GET or None, queryset=api_articles())
        queryset = filtered.qs
        if not request_query(self.request):
            queryset = queryset.order_by(*ORDERING)
        return queryset


class ArticleDetail(generics.RetrieveAPIView):
    """A published article: its text, the people it names (with where),
    its quotations and their speakers, its corrections."""

    serializer_class = ArticleDetailSerializer
    lookup_field = "slug"

    def get_queryset(self):
        return api_articles().prefetch_related(
            Prefetch(
                "mentions",
                Mention.objects.linked().select_related("person").order_by("start"),
                to_attr="linked_mentions",
            ),
            Prefetch(
                "quotes", Quote.objects.select_related("speaker").order_by("start")
            ),
            "corrections",
        )

    def get_object(self):
        article = super().get_object()
        page_deps.depends_on(page_deps.article(article.pk))
        return article


class NamedWithCount(Named):
    articles = serializers.IntegerField(source="n")


class TopicSerializer(NamedWithCount):
    description = serializers.CharField()


class AuthorSerializer(NamedWithCount):
    bio = serializers.CharField()


def _index(model, serializer):
    """The public rows of `model` with their number of published articles."""

    class Index(generics.ListAPIView):
        serializer_class = serializer

        def get_queryset(self):
            return public_index(model)

    # English whatever language is active when this module loads.
    Index.__doc__ = f"Every {model.__name__.lower()} with published articles."
    Index.__name__ = f"{model.__name__}List"
    return Index


class _ArticlesOf(generics.ListAPIView):
    """The published articles of one topic, source or author, newest first."""

    serializer_class = ArticleSerializer
    model = Topic
    field = "topics"

    def get_queryset(self):
        obj = public_object(self.model, self.kwargs["slug"])
        return api_articles().filter(**{self.field: obj}).order_by(*ORDERING)


class TopicArticles(_ArticlesOf):
    pass


class SourceArticles(_ArticlesOf):
    model, field = Source, "source"


class AuthorArticles(_ArticlesOf):
    model, field = Author, "authors"


def urls() -> list:
    return [
        path("articles/", cached(ArticleList), name="api-articles"),
        path("articles/<slug:slug>/", cached(ArticleDetail), name="api-article"),
        path("topics/", cached(_index(Topic, TopicSerializer)), name="api-topics"),
        path(
            "topics/<slug:slug>/articles/",
            cached(TopicArticles),
            name="api-topic-articles",
        ),
        path("sources/", cached(_index(Source, NamedWithCount)), name="api-sources"),
        path(
            "sources/<slug:slug>/articles/",
            cached(SourceArticles),
            name="api-source-articles",
        ),
        path("authors/", cached(_index(Author, AuthorSerializer)), name="api-authors"),
        path(
            "authors/<slug:slug>/articles/",
            cached(AuthorArticles),
            name="api-author-articles",
        ),
    ]
