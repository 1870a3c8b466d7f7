"""What every feed of articles shares (the site's, a topic's, a person's):
how an article reads as a feed item."""

import datetime

from django.conf import settings
from django.contrib.syndication.views import Feed
from django.utils import timezone
from django.utils.feedgenerator import Atom1Feed, Rss201rev2Feed

from articles.models import Article
from newsroom.text import xml_safe

FEED_SIZE = 30


def latest(articles) -> list:
    """The newest published articles of `articles`, as a feed lists them."""
    return (
        articles.published()
        .select_related("source")
        .prefetch_related("bylines__author")
        .order_by("-date", "-created_at")[:FEED_SIZE]
    )


def _safe(value):
    if isinstance(value, str):
        return xml_safe(value)
    if isinstance(value, list | tuple):
        return type(value)(_safe(v) for v in value)
    return value


class _XmlSafe:
    """A feed generator that drops what XML 1.0 forbids from every text it
    is given: a feed stays well-formed whatever the database holds."""

    def __init__(self, *args, **kwargs):
        super().__init__(*map(_safe, args), **{k: _safe(v) for k, v in kwargs.items()})

    def add_item(self, *args, **kwargs):
        super().add_item(*map(_safe, args), **{k: _safe(v) for k, v in kwargs.items()})


class SafeRssFeed(_XmlSafe, Rss201rev2Feed):
    pass


class SafeAtomFeed(_XmlSafe, Atom1Feed):
    pass


class ArticleFeed(Feed):
    """Published articles, newest first; subclasses say which."""

    title = settings.SITE_NAME
    feed_type = SafeRssFeed

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
        """The authors; wire copy without one, its source; else the site."""
        names = [b.author.name for b in item.bylines.all()]
        if names:
            return ", ".join(names)
        return item.byline or (item.source.name if item.source else settings.SITE_NAME)
