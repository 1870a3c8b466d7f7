"""Writing parsed articles: one transaction each, idempotent."""

from django.db import transaction
from django.utils.text import slugify

from articles.ingest import IngestError, ParsedArticle
from articles.ingest.language import detect_language
from articles.models import Article, Source, Topic
from people.linking.gazetteer import Gazetteer

CREATED = "created"
UNCHANGED = "unchanged"


def get_source(name: str) -> Source:
    source = Source.objects.filter(name__iexact=name).first()
    if source is None:
        source = Source.objects.filter(slug=slugify(name)).first()
    return source or Source.objects.create(name=name)


def import_article(
    parsed: ParsedArticle,
    *,
    status: str | None = None,
    source: str | None = None,
    gazetteer: Gazetteer | None = None,
    origin: str | None = None,
    user=None,
) -> tuple[str, Article]:
    """Create the article unless the same content is already there.

    `status` and `source` override what the input says. Linking runs inside
    the same transaction, so an article never exists half-linked. Mentions
    and quotes carried by the input (an export) are restored as they were.
    """
    from articles.services import revision_create
    from people.linker import link_article

    source_obj = (
        get_source(source or parsed.source) if (source or parsed.source) else None
    )
    article = Article(
        title=parsed.title,
        body=parsed.body,
        standfirst=parsed.standfirst,
        date=parsed.date,
        date_precision=parsed.date_precision,
        language=parsed.language or detect_language(f"{parsed.title}\n{parsed.body}"),
        status=status or parsed.status or Article.Status.DRAFT,
        source_url=parsed.source_url,
        byline=parsed.byline,
    )
    if article.date_precision == Article.DatePrecision.MONTH:
        article.date = article.date.replace(day=1)
    content_hash = article.compute_hash()

    def same_or_refuse(existing: Article | None, what: str) -> Article | None:
        """The existing article if it holds this content; an error if it
        holds other content (never overwritten); None if there is none."""
        if existing is None or existing.content_hash == content_hash:
            return existing
        raise IngestError(
            parsed.path,
            parsed.line,
            f"{what} with different content; it was not overwritten",
        )

    if parsed.original_id:
        existing = same_or_refuse(
            Article.objects.filter(
                source=source_obj, original_id=parsed.original_id
            ).first(),
            f"already imported (identifier {parsed.original_id!r})",
        )
        if existing is not None:
            return UNCHANGED, existing
    if parsed.slug:
        existing = same_or_refuse(
            Article.objects.filter(slug=parsed.slug).first(),
            f"an article with slug {parsed.slug!r} already exists",
        )
        if existing is not None:
            return UNCHANGED, existing
        article.slug = parsed.slug
    else:
        existing = Article.objects.filter(content_hash=content_hash).first()
        if existing is not None:
            return UNCHANGED, existing

    article.original_id = parsed.original_id
    article.origin = (origin or parsed.path)[:500]
    with transaction.atomic():
        article.source = source_obj
        article.save()
        if parsed.topics:
            article.topics.set(
                [
                    Topic.objects.get_or_create(
                        slug=slug,
                        defaults={"name": slug.replace("-", " ").capitalize()},
                    )[0]
                    for slug in parsed.topics
                ]
            )
        if parsed.topic_names:
            article.topics.add(
                *[
                    Topic.objects.filter(name__iexact=name).first()
                    or Topic.objects.create(name=name[:200])
                    for name in parsed.topic_names
                ]
            )
        if parsed.mentions is None:
            link_article(article=article, gazetteer=gazetteer)
        else:
            _restore_spans(article, parsed)
        revision_create(article=article, by=user, note="imported")
    return CREATED, article


def _restore_spans(article: Article, parsed: ParsedArticle) -> None:
    from people.models import Mention, Person, Quote

    slugs = {m.get("person") for m in parsed.mentions or [] if m.get("person")}
    slugs |= {q.get("person") for q in parsed.quotes or [] if q.get("person")}
    people = {p.slug: p for p in Person.objects.filter(slug__in=slugs)}
    if missing := sorted(slugs - people.keys()):
        raise IngestError(
            parsed.path,
            parsed.line,
            f"unknown person slug(s): {', '.join(missing)} "
            "(import the people directory first)",
        )
    statuses = set(Mention.Status.values)
    mentions = []
    for i, item in enumerate(parsed.mentions or []):
        status = item.get("status") or Mention.Status.AUTO
        if status not in statuses:
            raise IngestError(
                parsed.path, parsed.line, f"mentions[{i}]: unknown status {status!r}"
            )
        anchored = item.get("start") is not None
        mentions.append(
            Mention(
                article=article,
                person=people.get(item.get("person")),
                start=item["start"] if anchored else 0,
                end=item["end"] if anchored else 0,
                text=item.get("text") or "",
                status=status,
                method=item.get("method") or "",
                is_anchored=anchored,
            )
        )
    Mention.objects.bulk_create(mentions)
    if parsed.quotes is not None:
        Quote.objects.bulk_create(
            Quote(
                article=article,
                speaker=people.get(item.get("person")),
                speaker_name=item.get("name") or "",
                start=item["start"],
                end=item["end"],
                text=item["text"],
                rule=item.get("rule") or "",
            )
            for item in parsed.quotes
        )
