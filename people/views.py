import datetime
import json
from collections.abc import Sequence
from functools import wraps

from django.core.paginator import Paginator
from django.db.models import Count, Exists, Q
from django.db.models.functions import TruncMonth
from django.http import Http404, HttpResponsePermanentRedirect
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils import dateformat, formats, translation
from django.utils.functional import cached_property
from django.utils.html import escape, format_html_join
from django.utils.safestring import mark_safe
from django.views.generic import ListView

from articles.lists import PublishedArticlesMixin
from articles.models import Article, published_q
from newsroom import page_deps
from people.models import Mention, Person, PersonMerge, linked_q

LETTERS = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"


def people_initials() -> set[str]:
    """The letters the names of the people readers may see start with.

    One EXISTS per letter, each a range of the A-Z index that stops at the
    first public person: grouping every public person by initial joined
    all mentions to all articles (0.5 s at 100,000 articles, past the
    statement timeout under load)."""
    found = (
        Person.objects.annotate(
            **{
                letter: Exists(
                    Person.objects.public().filter(
                        sort_key__gte=letter.lower(),
                        sort_key__lt=chr(ord(letter.lower()) + 1),
                    )
                )
                for letter in LETTERS
            }
        )
        .values(*LETTERS)
        .order_by()[:1]
    )
    return {letter for row in found for letter, used in row.items() if used}


def timeline(person: Person, months_max: int = 120) -> dict:
    """Published articles mentioning `person`, per month, as SVG bars."""
    rows = (
        Article.objects.published()
        .for_person(person)
        .annotate(month=TruncMonth("date"))
        .values("month")
        .annotate(n=Count("pk"))
        .order_by("month")
    )
    counts = {row["month"]: row["n"] for row in rows}
    if not counts:
        return {}
    months = _months(min(counts), max(counts))[-months_max:]
    bars = _bars(months, counts)
    return {
        "bars": bars,
        "rects": _rects(bars),
        "rows": _rows(bars, person),
        "width": len(months) * (BAR_WIDTH + BAR_GAP),
        "height": BAR_HEIGHT,
        "first": bars[0]["label"],
        "last": bars[-1]["label"],
    }


BAR_WIDTH, BAR_GAP, BAR_HEIGHT = 14, 4, 60


def _months(first: datetime.date, last: datetime.date) -> list[datetime.date]:
    """The first day of every month from `first` to `last`."""
    months = []
    year, month = first.year, first.month
    while (year, month) <= (last.year, last.month):
        months.append(datetime.date(year, month, 1))
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return months


def _bars(months: list[datetime.date], counts: dict) -> list[dict]:
    peak = max(counts.values())
    # Resolved once: date_format() would look the format up for every bar.
    label_format = formats.get_format("YEAR_MONTH_FORMAT")
    bars = []
    for i, day in enumerate(months):
        n = counts.get(day, 0)
        h = round(BAR_HEIGHT * n / peak) if n else 0
        bars.append(
            {
                "x": i * (BAR_WIDTH + BAR_GAP),
                "y": BAR_HEIGHT - h,
                "width": BAR_WIDTH,
                "height": h,
                "count": n,
                "label": dateformat.format(day, label_format),
                "month": day.strftime("%Y-%m"),
            }
        )
    return bars


def _rows(bars: list[dict], person: Person) -> str:
    """The months with articles as table rows, each linking to that month's
    articles of the person; built here like the bars (not per template
    variable), and kept with the page's parts."""
    home = reverse("articles:home")
    return format_html_join(
        "",
        '<tr><th scope="row"><a href="{}?person={}&amp;date_from={}&amp;'
        'date_to={}">{}</a></th><td>{}</td></tr>',
        (
            (home, person.slug, b["month"], b["month"], b["label"], b["count"])
            for b in bars
            if b["count"]
        ),
    )


def _rects(bars: list[dict]) -> str:
    """The bars as SVG, written directly: one template variable per value
    was most of the page's time (see bench/pages.py). The numbers are ints
    (":d" refuses anything else); the label is escaped."""
    return mark_safe(  # noqa: S308
        "".join(
            f'<rect x="{b["x"]:d}" y="{b["y"]:d}" width="{b["width"]:d}"'
            f' height="{b["height"]:d}"><title>{escape(b["label"])}:'
            f" {b['count']:d}</title></rect>"
            for b in bars
        )
    )


def seen_with(person: Person, limit: int = 8):
    """People most often named in the same published articles."""
    articles = (
        Mention.objects.linked()
        .filter(published_q("article__"), person=person)
        .values("article_id")
    )
    return (
        Person.objects.exclude(pk=person.pk)
        .filter(linked_q("mentions__"), mentions__article_id__in=articles)
        .annotate(n=Count("mentions__article", distinct=True))
        .order_by("-n", "sort_key")[:limit]
    )


def person_json_ld(request, person: Person, roles) -> str:
    data = {
        "@context": "https://schema.org",
        "@type": "Person",
        "name": person.name,
        "url": request.build_absolute_uri(person.get_absolute_url()),
    }
    aliases = [a.name for a in person.aliases.all()]
    if aliases:
        data["alternateName"] = aliases
    if person.description:
        data["description"] = person.description
    if person.wikidata_id:
        data["sameAs"] = f"https://www.wikidata.org/wiki/{person.wikidata_id}"
    if roles:
        data["jobTitle"] = roles[0].title
    return json.dumps(data, ensure_ascii=False)


def follow_merges(view):
    """A merged person's old addresses (their page, their feeds) lead for
    good to the same address of the person kept, query string included:
    links and feed subscriptions outlive a merge."""

    @wraps(view)
    def wrapped(request, *args, slug: str, **kwargs):
        try:
            return view(request, *args, slug=slug, **kwargs)
        except Http404:
            merge = (
                PersonMerge.objects.filter(merged_slug=slug)
                .select_related("kept")
                .first()
            )
            if merge is None:
                raise
            url = reverse(
                request.resolver_match.view_name,
                kwargs={**kwargs, "slug": merge.kept.slug},
            )
            query = request.META.get("QUERY_STRING")
            return HttpResponsePermanentRedirect(f"{url}?{query}" if query else url)

    return wrapped


def ranked_articles(articles, person: Person) -> list[tuple[int, int]]:
    """(article id, mentions of `person`) of the published articles naming
    them, most mentions first, then newest."""
    linked = linked_q("mentions__") & Q(mentions__person=person)
    return list(
        articles.for_person(person)
        .annotate(n_mentions=Count("mentions", filter=linked))
        .order_by("-n_mentions", "-date", "-pk")
        .values_list("pk", "n_mentions")
    )


class ArticlesInOrder(Sequence):
    """Articles known by id, in a given order, read a page at a time (for
    a paginator)."""

    def __init__(self, ranked: list[tuple[int, int]], queryset) -> None:
        self.ranked, self.queryset = ranked, queryset

    def __len__(self) -> int:
        return len(self.ranked)

    def __getitem__(self, index):
        if not isinstance(index, slice):
            return self[index : index + 1][0]
        chunk = self.ranked[index]
        rows = self.queryset.in_bulk([pk for pk, _n in chunk])
        page = []
        for pk, n in chunk:
            if pk in rows:
                rows[pk].n_mentions = n
                page.append(rows[pk])
        return page


def latest_quotes(person: Person, limit: int = 20) -> list:
    return list(
        person.quotes.filter(published_q("article__"))
        .select_related("article")
        .defer("article__body", "article__search_text", "article__search_vector")
        .order_by("-article__date", "start")[:limit]
    )


class PersonDetailView(PublishedArticlesMixin, ListView):
    """A person: who they are, when they were in the news, what they said,
    who with, and every published article naming them (most about them
    first)."""

    template_name = "people/person_detail.html"
    # Not the lists: a person's page follows the person and what it shows.
    page_tags = ()

    def get_queryset(self):
        self.person = get_object_or_404(
            Person.objects.public()
            .select_related("portrait")
            .prefetch_related("aliases", "portrait__renditions"),
            slug=self.kwargs["slug"],
        )
        # The order (most about them first) counts their mentions in every
        # article naming them: kept until what names them changes.
        ranked = page_deps.remembered(
            f"newsroom:person-articles:{self.person.pk}",
            lambda: (
                ranked_articles(self.articles(), self.person),
                [page_deps.named(self.person.pk)],
            ),
        )
        return ArticlesInOrder(ranked, self.base_queryset)

    def counted(self) -> str:
        return ""  # the ranked list knows its length

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        person = self.person
        # Kept until the person, or what names them, changes.
        about = page_deps.remembered(
            f"newsroom:person-shown:{person.pk}:{translation.get_language()}",
            lambda: (
                {
                    "roles": list(person.roles.public().order_by("-start_date")),
                    "timeline": timeline(person),
                    "seen_with": list(seen_with(person)),
                    "quotes": latest_quotes(person),
                },
                [page_deps.person(person.pk), page_deps.named(person.pk)],
            ),
        )
        roles = about["roles"]
        context.update(
            person=person,
            roles=roles,
            timeline=about["timeline"],
            seen_with=about["seen_with"],
            json_ld=person_json_ld(self.request, person, roles),
            quotes=about["quotes"],
        )
        # An edit of a published article naming them touches `named:`
        # (newsroom.invalidation): the articles listed need no tag each.
        page_deps.depends_on(
            page_deps.person(person.pk),
            page_deps.named(person.pk),
            *([page_deps.photo(person.portrait_id)] if person.portrait_id else []),
            *page_deps.people(p.pk for p in context["seen_with"]),
        )
        return context


class PublicPeoplePaginator(Paginator):
    """The count of public people (for a letter) changes only with who is
    public: kept under that tag. Counting is a semi-join of every linked
    mention with the published articles (0.2 s at 100,000 articles, past
    the statement timeout once under load); a page re-rendered because a
    person shown on it was named again need not count again."""

    def __init__(self, *args, letter: str = "", **kwargs):
        super().__init__(*args, **kwargs)
        self.letter = letter

    @cached_property
    def count(self) -> int:
        return page_deps.remembered(
            f"newsroom:people-count:{self.letter}",
            lambda: (self.object_list.count(), [page_deps.PEOPLE]),
        )


class PersonListView(ListView):
    """People A–Z, with how many published articles name each."""

    template_name = "people/person_list.html"
    context_object_name = "people"
    paginate_by = 100

    def get_queryset(self):
        # How many articles name each is counted for the page shown only
        # (get_context_data): counted in the query, it grouped every
        # mention of the archive before the page was cut (seconds at
        # 100,000 articles).
        people = Person.objects.public()
        self.letter = (self.request.GET.get("letter") or "").upper()[:1]
        if self.letter in LETTERS:
            people = people.filter(sort_key__startswith=self.letter.lower())
        else:
            self.letter = ""
        return people.order_by("sort_key", "name")

    def get_paginator(self, queryset, per_page, orphans=0, **kwargs):
        return PublicPeoplePaginator(
            queryset, per_page, orphans, letter=self.letter, **kwargs
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        shown = list(context["people"])
        # Who is public (the letters, the count); of the people shown, their
        # names and how many published articles name them.
        ids = [p.pk for p in shown]
        page_deps.depends_on(
            page_deps.PEOPLE, *page_deps.people(ids), *page_deps.naming(ids)
        )
        counts = dict(
            Mention.objects.linked()
            .filter(published_q("article__"), person_id__in=ids)
            .values("person_id")
            .annotate(n=Count("article_id", distinct=True))
            .values_list("person_id", "n")
        )
        for person in shown:
            person.n_articles = counts.get(person.pk, 0)
        context["people"] = context["object_list"] = shown
        used = page_deps.remembered(
            "newsroom:people-initials",
            lambda: (people_initials(), [page_deps.PEOPLE]),
        )
        # Letters nobody's name starts with are not links.
        context["letters"] = [(letter, letter in used) for letter in LETTERS]
        context["letter"] = self.letter
        return context
