from django.conf import settings
from django.db.models import Count, Q
from django.shortcuts import get_object_or_404, redirect
from django.views.generic import ListView

from articles.models import Article
from people.models import Mention, Person, PersonMerge


class PersonDetailView(ListView):
    """A person and the published articles that mention them, the ones
    mentioning them most first."""

    template_name = "people/person_detail.html"
    context_object_name = "articles"

    def get_paginate_by(self, queryset) -> int:
        return settings.ARTICLES_PER_PAGE

    def get(self, request, *args, **kwargs):
        slug = kwargs["slug"]
        if not Person.objects.filter(slug=slug).exists():
            merge = PersonMerge.objects.filter(merged_slug=slug).first()
            if merge is not None:
                return redirect(merge.kept, permanent=True)
        return super().get(request, *args, **kwargs)

    def get_queryset(self):
        self.person = get_object_or_404(
            Person.objects.prefetch_related("aliases"), slug=self.kwargs["slug"]
        )
        linked = Q(
            mentions__person=self.person,
            mentions__status__in=[Mention.Status.AUTO, Mention.Status.CONFIRMED],
            mentions__is_anchored=True,
        )
        return (
            Article.objects.published()
            .for_person(self.person)
            .annotate(n_mentions=Count("mentions", filter=linked))
            .select_related("source")
            .order_by("-n_mentions", "-date", "-pk")
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["person"] = self.person
        context["quotes"] = (
            self.person.quotes.filter(article__in=Article.objects.published())
            .select_related("article")
            .order_by("-article__date", "start")[:20]
        )
        return context


class PersonListView(ListView):
    template_name = "people/person_list.html"
    context_object_name = "people"
    paginate_by = 100

    def get_queryset(self):
        published = Article.objects.published().values("pk")
        return Person.objects.annotate(
            n_articles=Count(
                "mentions__article",
                filter=Q(
                    mentions__article__in=published,
                    mentions__status__in=[
                        Mention.Status.AUTO,
                        Mention.Status.CONFIRMED,
                    ],
                ),
                distinct=True,
            )
        ).order_by("sort_name", "name")
