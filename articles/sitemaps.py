"""sitemap.xml (articles, people, topics) and a Google News sitemap."""

import datetime

from django.conf import settings
from django.contrib.sitemaps import Sitemap
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_GET

from articles.models import Article, Topic
from people.models import Mention, Person


class ArticleSitemap(Sitemap):
    changefreq = "weekly"
    limit = 5000
    i18n = True
    alternates = True

    def items(self):
        return Article.objects.published().order_by("-date", "pk")

    def lastmod(self, item: Article):
        return item.updated_at


class PersonSitemap(Sitemap):
    changefreq = "daily"
    limit = 5000
    i18n = True
    alternates = True

    def items(self):
        linked = Mention.objects.linked().filter(
            article__status=Article.Status.PUBLISHED
        )
        return Person.objects.filter(pk__in=linked.values("person_id")).order_by("pk")

    def lastmod(self, item: Person):
        return item.updated_at


class TopicSitemap(Sitemap):
    changefreq = "daily"
    i18n = True
    alternates = True

    def items(self):
        return Topic.objects.order_by("pk")

    def location(self, item: Topic) -> str:
        return reverse("articles:topic-detail", kwargs={"slug": item.slug})


SITEMAPS = {"articles": ArticleSitemap, "people": PersonSitemap, "topics": TopicSitemap}


@require_GET
def news_sitemap(request):
    """Google News: articles of the last two days (by date, then by creation
    for month-precision items, which never count as recent)."""
    since = timezone.localdate() - datetime.timedelta(days=2)
    articles = (
        Article.objects.published()
        .filter(date__gte=since, date_precision=Article.DatePrecision.DAY)
        .order_by("-date", "-created_at")[:1000]
    )
    return render(
        request,
        "articles/news_sitemap.xml",
        {"articles": articles, "site_name": settings.SITE_NAME},
        content_type="application/xml",
    )
