"""sitemap.xml (articles, people, topics) and a Google News sitemap."""

import datetime

from django.conf import settings
from django.contrib.sitemaps import Sitemap
from django.core.paginator import Paginator
from django.db.models import Max
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone, translation
from django.views.decorators.http import require_GET

from articles.models import Article, Topic
from newsroom import page_deps
from people.models import Person


class ItemLanguagePairs:
    """The (item, language) pairs Django's i18n sitemaps paginate, read from
    the queryset one page at a time.

    Django builds the list of every pair for every request, the index
    included: each sitemap request loaded the whole archive (about a second
    at 10,000 articles, and growing with it). The paginator only needs a
    count and a slice.
    """

    def __init__(self, queryset, languages: list[str]):
        self.queryset = queryset
        self.languages = languages

    def count(self) -> int:
        return self.queryset.count() * len(self.languages)

    def __len__(self) -> int:
        return self.count()

    def __getitem__(self, index):
        if not isinstance(index, slice) or index.step not in (None, 1):
            raise TypeError("only plain slices of the pairs are read")
        start, stop = index.start or 0, index.stop
        n = len(self.languages)
        first = start // n
        last = None if stop is None else -(-stop // n)  # ceiling division
        pairs = [
            (item, language)
            for item in self.queryset[first:last]
            for language in self.languages
        ]
        offset = first * n
        return pairs[start - offset : None if stop is None else stop - offset]


class PagedSitemap(Sitemap):
    """A sitemap in every language, with alternates, read a page at a time
    from its queryset, never all at once."""

    i18n = True
    alternates = True
    limit = 5000

    @property
    def paginator(self) -> Paginator:
        # Sitemap.languages when set, else every language of the site, as
        # Django's own i18n sitemaps do.
        languages = self.languages or [code for code, _name in settings.LANGUAGES]
        return Paginator(ItemLanguagePairs(self.items(), languages), self.limit)


class ArchiveSitemap(PagedSitemap):
    """A paged sitemap over rows that carry `updated_at`."""

    def lastmod(self, item):
        return item.updated_at

    def get_latest_lastmod(self):
        # One aggregate, where Django calls lastmod() on every item.
        return self.items().order_by().aggregate(latest=Max("updated_at"))["latest"]


class ArticleSitemap(ArchiveSitemap):
    """Each article once, at its canonical address (the interface in the
    article's own language): the other interface's page is the same text,
    not a translation, so no alternates are claimed."""

    changefreq = "weekly"
    i18n = False
    alternates = False

    @property
    def paginator(self) -> Paginator:
        return Paginator(self.items(), self.limit)

    def items(self):
        page_deps.depends_on(page_deps.LISTS)
        return (
            Article.objects.published()
            .only("pk", "slug", "language", "updated_at")
            .order_by("-date", "pk")
        )

    def location(self, item: Article) -> str:
        with translation.override(item.language):
            return item.get_absolute_url()


class PersonSitemap(ArchiveSitemap):
    changefreq = "daily"

    def items(self):
        page_deps.depends_on(page_deps.PEOPLE)
        return Person.objects.public().only("pk", "slug", "updated_at").order_by("pk")


class TopicSitemap(PagedSitemap):
    changefreq = "daily"

    def items(self):
        page_deps.depends_on(page_deps.index(Topic))
        return Topic.objects.public().order_by("pk")

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
