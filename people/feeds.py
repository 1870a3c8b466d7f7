"""RSS and Atom feeds of one person's articles."""

from django.conf import settings
from django.shortcuts import get_object_or_404

from articles.models import Article
from articles.syndication import ArticleFeed, SafeAtomFeed, latest
from newsroom import page_deps
from people.models import Person


class PersonFeed(ArticleFeed):
    def get_object(self, request, slug: str) -> Person:
        return get_object_or_404(Person.objects.public(), slug=slug)

    def title(self, obj: Person) -> str:
        return f"{obj.name} · {settings.SITE_NAME}"

    def link(self, obj: Person) -> str:
        return obj.get_absolute_url()

    def description(self, obj: Person) -> str:
        return obj.description or obj.name

    def items(self, obj: Person):
        page_deps.depends_on(
            page_deps.person(obj.pk), page_deps.named(obj.pk), page_deps.LISTS
        )
        return latest(Article.objects.for_person(obj))


class PersonAtomFeed(PersonFeed):
    feed_type = SafeAtomFeed
    subtitle = PersonFeed.description
