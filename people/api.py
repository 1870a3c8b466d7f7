"""The API's people (see newsroom.api): who they are, their roles, who
they appear with, the articles that name them and what they said."""

from django.shortcuts import get_object_or_404
from django.urls import path
from drf_spectacular.utils import extend_schema_field
from rest_framework import generics, serializers

from articles.api import ArticleSerializer, api_articles
from articles.models import Article
from newsroom import page_deps
from newsroom.api import AbsoluteURL, Named, PhotoSerializer, cached
from people.models import Person, published_q
from people.views import ArticlesInOrder, ranked_articles, seen_with


class RoleSerializer(serializers.Serializer):
    title = serializers.CharField()
    organisation = serializers.CharField()
    start_date = serializers.DateField(allow_null=True)
    end_date = serializers.DateField(allow_null=True)


class AppearsWith(Named):
    articles = serializers.IntegerField(source="n", help_text="Articles in common")


class PersonSerializer(Named):
    description = serializers.CharField()
    wikidata_id = serializers.CharField()
    aliases = serializers.ListField(
        child=serializers.CharField(), source="alias_names", read_only=True
    )
    portrait = PhotoSerializer(allow_null=True)
    roles = serializers.SerializerMethodField()
    appears_with = serializers.SerializerMethodField()

    @extend_schema_field(RoleSerializer(many=True))
    def get_roles(self, person) -> list:
        roles = person.roles.public().order_by("-start_date")
        return RoleSerializer(roles, many=True).data

    @extend_schema_field(AppearsWith(many=True))
    def get_appears_with(self, person) -> list:
        return AppearsWith(seen_with(person), many=True, context=self.context).data


def public_person(slug: str) -> Person:
    person = get_object_or_404(Person.objects.public(), slug=slug)
    page_deps.depends_on(page_deps.person(person.pk), page_deps.named(person.pk))
    return person


class PersonList(generics.ListAPIView):
    """People named in published articles, A–Z."""

    serializer_class = Named

    def get_queryset(self):
        # Who is public, and how many articles name each.
        page_deps.depends_on(page_deps.PEOPLE, page_deps.MENTIONS)
        return Person.objects.public().order_by("sort_key", "name", "pk")


class PersonDetail(generics.RetrieveAPIView):
    serializer_class = PersonSerializer

    def get_object(self):
        person = public_person(self.kwargs["slug"])
        # Who they appear with: their names are shown.
        page_deps.depends_on(*page_deps.people(p.pk for p in seen_with(person)))
        person = (
            Person.objects.select_related("portrait")
            .prefetch_related("aliases", "portrait__renditions")
            .get(pk=person.pk)
        )
        person.alias_names = [a.name for a in person.aliases.all()]
        return person


class PersonArticles(generics.ListAPIView):
    """Published articles naming the person, most about them first."""

    serializer_class = ArticleSerializer

    def get_queryset(self):
        person = public_person(self.kwargs["slug"])
        ranked = ranked_articles(Article.objects.published(), person)
        return ArticlesInOrder(ranked, api_articles(Article.objects.all()))


class ArticleRef(serializers.Serializer):
    slug = serializers.SlugField()
    title = serializers.CharField()
    date = serializers.CharField(source="date_iso")
    url = AbsoluteURL()


class PersonQuote(serializers.Serializer):
    text = serializers.CharField()
    article = ArticleRef()


class PersonQuotes(generics.ListAPIView):
    """What the person said, newest article first."""

    serializer_class = PersonQuote

    def get_queryset(self):
        person = public_person(self.kwargs["slug"])
        return (
            person.quotes.filter(published_q("article__"))
            .select_related("article")
            .defer("article__body", "article__search_text", "article__search_vector")
            .order_by("-article__date", "article_id", "start")
        )


def urls() -> list:
    return [
        path("people/", cached(PersonList), name="api-people"),
        path("people/<slug:slug>/", cached(PersonDetail), name="api-person"),
        path(
            "people/<slug:slug>/articles/",
            cached(PersonArticles),
            name="api-person-articles",
        ),
        path(
            "people/<slug:slug>/quotations/",
            cached(PersonQuotes),
            name="api-person-quotes",
        ),
    ]
