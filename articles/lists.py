"""What every paginated list of published articles shares: the home page,
search, a topic's, a source's and a person's articles."""

from django.conf import settings
from django.db.models import Count
from django.shortcuts import get_object_or_404

from articles.models import Article, Byline, Source, Topic
from articles.pagination import CachedCountPaginator
from newsroom import page_deps

ORDERING = ("-date", "-created_at")


class PublishedArticlesMixin:
    """What every paginated list of published articles shares: the page
    size, the counts cached while what readers see stays the same, and the
    queryset every such list starts from."""

    context_object_name = "articles"
    paginator_class = CachedCountPaginator
    # The rows a list of article cards needs (see `for_lists`).
    base_queryset = Article.objects.for_lists()
    # What the page shows (newsroom.page_deps): a list of articles follows
    # every published article.
    page_tags: tuple[str, ...] = (page_deps.LISTS,)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        page_deps.depends_on(*self.page_tags)
        return context

    def get_paginate_by(self, queryset) -> int:
        return settings.ARTICLES_PER_PAGE

    def articles(self):
        """The published articles this list starts from."""
        return self.base_queryset.published()

    def counted(self) -> str:
        """What the list counts, for the count cache: the view, its
        arguments, and (in subclasses) the filters it applied."""
        return f"{type(self).__name__}|{sorted(self.kwargs.items())}"

    def get_paginator(self, queryset, per_page, orphans=0, **kwargs):
        kwargs.setdefault("counted", self.counted())
        return super().get_paginator(queryset, per_page, orphans, **kwargs)


def public_index(model) -> list:
    """Every public topic (source, author) with its number of published
    articles (`n`), by name: the index pages and the API's.

    The counts are grouped first, from the published articles alone (an
    index of the article table answers which those are), and name the
    public rows: those with at least one published article, the rule of
    `model.objects.public()`. Counted over a join of every row to every
    article, a cold index page took 0.2-0.4 s at 100,000 articles.

    It follows `index:<kind>` (newsroom.page_deps), not every publication:
    most publications change no count it shows."""
    page_deps.depends_on(page_deps.index(model))
    counts = dict(_published_counts(model))
    rows = list(model.objects.filter(pk__in=counts).order_by("name"))
    for row in rows:
        row.n = counts[row.pk]
    return rows


def _published_counts(model):
    published = Article.objects.published()
    if model is Source:
        rows = published.values_list("source")
        return rows.annotate(n=Count("pk")).order_by()
    ids = published.values("pk")
    if model is Topic:
        rows = Article.topics.through.objects.filter(article__in=ids)
        return rows.values_list("topic").annotate(n=Count("pk")).order_by()
    rows = Byline.objects.filter(article__in=ids).values_list("author")
    return rows.annotate(n=Count("article", distinct=True)).order_by()


def public_object(model, slug: str):
    """The public topic (source, author) of that slug, or 404; the page
    showing its articles follows its own tag."""
    obj = get_object_or_404(model.objects.public(), slug=slug)
    page_deps.depends_on(page_deps.of(obj))
    return obj
