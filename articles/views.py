from django.conf import settings
from django.db.models import Prefetch
from django.views.generic import DetailView, ListView

from articles.models import Article
from articles.rendering import body_paragraphs
from people.models import Mention, Quote


class ArticleListView(ListView):
    """Home: published articles, newest first."""

    template_name = "articles/article_list.html"
    context_object_name = "articles"

    def get_paginate_by(self, queryset) -> int:
        return settings.ARTICLES_PER_PAGE

    def get_queryset(self):
        return (
            Article.objects.published()
            .select_related("source")
            .order_by("-date", "-created_at")
        )


class ArticleDetailView(DetailView):
    template_name = "articles/article_detail.html"
    context_object_name = "article"

    def get_queryset(self):
        return (
            Article.objects.published()
            .select_related("source")
            .prefetch_related(
                "topics",
                Prefetch(
                    "mentions",
                    queryset=Mention.objects.linked()
                    .select_related("person")
                    .order_by("start"),
                    to_attr="linked_mentions",
                ),
                Prefetch(
                    "quotes",
                    queryset=Quote.objects.select_related("speaker").order_by("start"),
                    to_attr="quote_list",
                ),
            )
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        article = self.object
        mentions = article.linked_mentions
        people: dict[int, dict] = {}
        for mention in mentions:
            entry = people.setdefault(
                mention.person_id, {"person": mention.person, "count": 0}
            )
            entry["count"] += 1
        context["paragraphs"] = body_paragraphs(article.body, mentions)
        context["people"] = sorted(
            people.values(), key=lambda e: (-e["count"], e["person"].name)
        )
        context["quotes"] = article.quote_list
        return context
