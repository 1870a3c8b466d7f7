"""The parts of an article's page that come from other rows (linked body,
people, quotations, photo, authors, related articles), computed once per
change of what they show, and its structured data."""

import json

from django.conf import settings
from django.db.models import (
    F,
    OuterRef,
    Prefetch,
    Subquery,
    prefetch_related_objects,
)
from django.template.loader import render_to_string
from django.utils import timezone, translation

from articles.authors import byline_names
from articles.models import Article, Byline
from articles.related import related_articles
from articles.rendering import body_paragraphs
from newsroom import page_deps
from people.captions import linked_caption
from people.models import Mention, Quote, Role
from photos.templatetags.photos import largest


def held_role_title() -> Subquery:
    """For a mention: the title of a confirmed role its person held at the
    article's date (computed in the mentions query itself)."""
    return Subquery(
        Role.objects.public()
        .held_on(OuterRef("article__date"))
        .filter(person_id=OuterRef("person_id"))
        # A dated role before an undated one, whatever the database's
        # default place for NULLs.
        .order_by(F("start_date").desc(nulls_last=True))
        .values("title")[:1]
    )


def shown_prefetches() -> list:
    """What `article_shown` reads besides related articles, as prefetches:
    for one article, or a chunk of them in a query each (`prepare`)."""
    return [
        Prefetch(
            "mentions",
            Mention.objects.linked()
            .select_related("person")
            .annotate(role_title=held_role_title())
            .order_by("start"),
            to_attr="shown_mentions",
        ),
        Prefetch(
            "quotes",
            Quote.objects.select_related("speaker").order_by("start"),
            to_attr="shown_quotes",
        ),
        "topics",
        Prefetch("bylines", Byline.objects.select_related("author")),
        "corrections",
        "lead_photo__renditions",
    ]


def article_shown(article: Article) -> tuple[dict, list[str]]:
    """The parts of an article's page that come from other rows, and the
    dependency tags of what they show."""
    if not hasattr(article, "shown_mentions"):
        prefetch_related_objects([article], *shown_prefetches())
    mentions = article.shown_mentions
    people = people_named(mentions)
    topics = list(article.topics.all())
    related = related_articles(article, list(people))
    shown_people = {pk: entry["person"] for pk, entry in people.items()}
    photo, caption, captioned = lead_photo(
        article, shown_people if article.is_published() else {}
    )
    shown = {
        "authors": [b.author for b in article.bylines.all()],
        "photo": photo,
        "caption": caption,
        "paragraphs": body_paragraphs(article.body, mentions),
        "people": sorted(
            people.values(), key=lambda e: (-e["count"], e["person"].name)
        ),
        "quotes": article.shown_quotes,
        "related": related,
        "topics": topics,
        "corrections": list(article.corrections.all()),
    }
    # The panels' markup, rendered here once per version of what they show
    # (and per language: the key of what is remembered says which): a
    # request renders the article's own fields around it.
    shown["panels"] = render_to_string(
        "articles/_article_panels.html", {**shown, "article": article}
    )
    return shown, shown_tags(article, shown, captioned)


def shown_key(article_id: int, language: str) -> str:
    return f"newsroom:article-shown:{article_id}:{language}"


def shown_for_page(article: Article) -> dict:
    """What the article's page shows besides its own row, in the current
    language: kept until one of its tags moves, computed when missing."""
    return page_deps.remembered(
        shown_key(article.pk, translation.get_language()),
        lambda: article_shown(article),
    )


def prepare(articles, languages=None) -> int:
    """Compute what the pages of these articles show, in every language (or
    these), where not current: done when an article is written, and by
    `manage.py prepare_pages` for the archive, so that a first reader does
    not pay for it (the queries shared by the chunk). How many computed."""
    articles = list(articles)
    prefetch_related_objects(articles, *shown_prefetches())
    computed = 0

    def compute(article: Article):
        nonlocal computed
        computed += 1
        return article_shown(article)

    for code in languages or [code for code, _name in settings.LANGUAGES]:
        with translation.override(code):
            for article in articles:
                key = shown_key(article.pk, code)
                page_deps.remembered(key, lambda a=article: compute(a))
    return computed


def people_named(mentions) -> dict[int, dict]:
    """Each person the mentions link: the person, how often, their role."""
    people: dict[int, dict] = {}
    for mention in mentions:
        entry = people.setdefault(
            mention.person_id,
            {"person": mention.person, "count": 0, "role": mention.role_title},
        )
        entry["count"] += 1
    return people


def shown_tags(article: Article, shown: dict, captioned: list[int]) -> list[str]:
    photo = shown["photo"]
    return [
        page_deps.article(article.pk),
        *page_deps.people(e["person"].pk for e in shown["people"]),
        *[page_deps.topic(t.pk) for t in shown["topics"]],
        page_deps.source(article.source_id) if article.source_id else "",
        *[page_deps.article(r.pk) for r in shown["related"]],
        *([page_deps.photo(photo.pk)] if photo else []),
        *page_deps.people(captioned),
        *[page_deps.author(a.pk) for a in shown["authors"]],
    ]


def lead_photo(article: Article, shown_people: dict) -> tuple:
    """The article's lead photo (renditions loaded), its caption with names
    linked, and the ids of the people the caption links."""
    photo = article.lead_photo  # renditions prefetched with the article
    if photo is None:
        return None, "", []
    caption, people = linked_caption(
        photo.caption, context=article.body, shown=shown_people
    )
    return photo, caption, people


def article_json_ld(request, article: Article, shown: dict, canonical: str) -> str:
    people = shown["people"]
    data = {
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "headline": article.title,
        **json_ld_dates(article),
        "dateModified": article.updated_at.isoformat(),
        "inLanguage": article.language,
        "url": canonical,
        "publisher": {"@type": "Organization", "name": settings.SITE_NAME},
        "mentions": [
            {
                "@type": "Person",
                "name": entry["person"].name,
                "url": request.build_absolute_uri(entry["person"].get_absolute_url()),
            }
            for entry in people
        ],
    }
    if article.standfirst:
        data["description"] = article.standfirst
    if image := shown["photo"] and largest(shown["photo"]):
        data["image"] = [request.build_absolute_uri(image.url)]
    if author := json_ld_author(request, article, shown["authors"]):
        data["author"] = author
    if article.source_url:
        data["isBasedOn"] = article.source_url
    corrections = shown["corrections"]
    if corrections:
        data["correction"] = [
            {
                "@type": "CorrectionComment",
                "text": c.text,
                "datePublished": c.date.isoformat(),
            }
            for c in corrections
        ]
    return json.dumps(data, ensure_ascii=False)


def json_ld_author(request, article: Article, authors: list) -> list | dict | None:
    """The article's authors; wire copy without one is credited to its
    source; a byline that names no entity, as written."""
    if authors:
        return [
            {
                "@type": "Person",
                "name": a.name,
                "url": request.build_absolute_uri(a.get_absolute_url()),
            }
            for a in authors
        ]
    source = {article.source.name} if article.source else set()
    if names := byline_names(article.byline, source):
        return [{"@type": "Person", "name": name} for name in names]
    if article.source:
        organisation = {"@type": "Organization", "name": article.source.name}
        if article.source.homepage_url:
            organisation["url"] = article.source.homepage_url
        return organisation
    if article.byline:  # an agency's acronym, say
        return {"@type": "Organization", "name": article.byline}
    return None


def json_ld_dates(article: Article) -> dict:
    """`datePublished` is when readers could first read the article here;
    the article's own date goes in `dateCreated` when it differs from that
    day, or when it is known to the month only (no bare "2025-05" as a
    publication time)."""
    live = article.live_at
    if live is None:
        return {"datePublished": article.date_iso}
    dates = {"datePublished": live.isoformat()}
    local = timezone.localtime(live).date()
    if article.date_precision == Article.DatePrecision.MONTH or local != article.date:
        dates["dateCreated"] = article.date_iso
    return dates
