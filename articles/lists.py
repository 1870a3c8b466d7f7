"""What every paginated list of published articles shares: the home page,
search, a topic's, a source's and a person's articles."""

from django.conf import settings
from django.db.models import Count
from django.shortcuts import get_object_or_404

from articles.models import Article, published_q
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


def count_published(prefix: str = "articles__") -> Count:
    return Count(
        f"{prefix}pk" if prefix else "pk", filter=published_q(prefix), distinct=True
    )


def public_index(model):
    """Every public topic (source, author) with its number of published
    articles (`n`), by name: the index pages and the API's."""
    page_deps.depends_on(page_deps.LISTS)
    return model.objects.public().annotate(n=count_published()).order_by("name")


def public_object(model, slug: str):
    """The public topic (source, author) of that slug, or 404; the page
    showing its articles follows its own tag."""
    obj = get_object_or_404(model.objects.public(), slug=slug)
    page_deps.depends_on(page_deps.of(obj))
    return obj
