"""RSS and Atom feeds: the whole site, one person, one topic."""

import datetime

from django.conf import settings
from django.contrib.syndication.views import Feed
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils import timezone
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext_lazy as _

from articles.models import Article, Topic
from people.models import Person

FEED_SIZE = 30


class LatestArticlesFeed(Feed):
    title = settings.SITE_NAME
    description = _("The latest published articles.")

    def link(self):
        return reverse("articles:home")

    def items(self):
        return (
            Article.objects.published()
            .select_related("source")
            .order_by("-date", "-created_at")[:FEED_SIZE]
        )

    def item_title(self, item: Article) -> str:
        return item.title

    def item_description(self, item: Article) -> str:
        # Plain text: the syndication framework escapes it in the XML.
        return item.standfirst or item.body.split("\n\n", 1)[0]

    def item_pubdate(self, item: Article) -> datetime.datetime:
        return timezone.make_aware(
            datetime.datetime.combine(item.date, datetime.time(12, 0))
        )

    def item_updateddate(self, item: Article) -> datetime.datetime:
        return item.updated_at

    def item_author_name(self, item: Article) -> str:
        return item.byline or (item.source.name if item.source else "")


class LatestArticlesAtomFeed(LatestArticlesFeed):
    feed_type = Atom1Feed
    subtitle = LatestArticlesFeed.description


class PersonFeed(LatestArticlesFeed):
    def get_object(self, request, slug: str) -> Person:
        return get_object_or_404(Person, slug=slug)

    def title(self, obj: Person) -> str:
        return f"{obj.name} · {settings.SITE_NAME}"

    def link(self, obj: Person) -> str:
        return obj.get_absolute_url()

    def description(self, obj: Person) -> str:
        return obj.description or obj.name

    def items(self, obj: Person):
        return (
            Article.objects.published()
            .for_person(obj)
            .select_related("source")
            .order_by("-date", "-created_at")[:FEED_SIZE]
        )


class PersonAtomFeed(PersonFeed):
    feed_type = Atom1Feed
    subtitle = PersonFeed.description


class TopicFeed(LatestArticlesFeed):
    def get_object(self, request, slug: str) -> Topic:
        return get_object_or_404(Topic, slug=slug)

    def title(self, obj: Topic) -> str:
        return f"{obj.name} · {settings.SITE_NAME}"

    def link(self, obj: Topic) -> str:
        return reverse("articles:topic-detail", kwargs={"slug": obj.slug})

    def description(self, obj: Topic) -> str:
        return obj.description or obj.name

    def items(self, obj: Topic):
        return (
            Article.objects.published()
            .filter(topics=obj)
            .select_related("source")
            .order_by("-date", "-created_at")[:FEED_SIZE]
        )


class TopicAtomFeed(TopicFeed):
    feed_type = Atom1Feed
    subtitle = TopicFeed.description
