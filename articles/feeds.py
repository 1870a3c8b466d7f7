"""RSS and Atom feeds: the whole site, one topic (a person's: people.feeds)."""

from django.conf import settings
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from articles.lists import public_object
from articles.models import Article, Author, Topic
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


class _ObjectFeed(ArticleFeed):
    """The articles of one topic or author."""

    model = Topic
    detail = "articles:topic-detail"
    field = "topics"

    def get_object(self, request, slug: str):
        return public_object(self.model, slug)

    def title(self, obj) -> str:
        return f"{obj.name} · {settings.SITE_NAME}"

    def link(self, obj) -> str:
        return reverse(self.detail, kwargs={"slug": obj.slug})

    def description(self, obj) -> str:
        return getattr(obj, "description", "") or getattr(obj, "bio", "") or obj.name

    def items(self, obj):
        page_deps.depends_on(page_deps.LISTS)
        return latest(Article.objects.filter(**{self.field: obj}))


class TopicFeed(_ObjectFeed):
    pass


class TopicAtomFeed(TopicFeed):
    feed_type = SafeAtomFeed
    subtitle = TopicFeed.description


class AuthorFeed(_ObjectFeed):
    model = Author
    detail = "articles:author-detail"
    field = "authors"


class AuthorAtomFeed(AuthorFeed):
    feed_type = SafeAtomFeed
    subtitle = AuthorFeed.description
