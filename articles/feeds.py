"""RSS and Atom feeds: the whole site, one topic (a person's: people.feeds)."""

from django.conf import settings
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from articles.models import Article, Topic
from articles.syndication import ArticleFeed, SafeAtomFeed, latest
from newsroom import page_deps


class LatestArticlesFeed(ArticleFeed):
    description = _("The latest published articles.")

    def link(self):
        return reverse("articles:home")

    def items(self):
        page_deps.depends_on(page_deps.LISTS)
        return latest(Article.objects)


class LatestArticlesAtomFeed(LatestArticlesFeed):
    feed_type = SafeAtomFeed
    subtitle = LatestArticlesFeed.description


class TopicFeed(ArticleFeed):
    def get_object(self, request, slug: str) -> Topic:
        return get_object_or_404(Topic.objects.public(), slug=slug)

    def title(self, obj: Topic) -> str:
        return f"{obj.name} · {settings.SITE_NAME}"

    def link(self, obj: Topic) -> str:
        return reverse("articles:topic-detail", kwargs={"slug": obj.slug})

    def description(self, obj: Topic) -> str:
        return obj.description or obj.name

    def items(self, obj: Topic):
        page_deps.depends_on(page_deps.LISTS, page_deps.topic(obj.pk))
        return latest(Article.objects.filter(topics=obj))


class TopicAtomFeed(TopicFeed):
    feed_type = SafeAtomFeed
    subtitle = TopicFeed.description
