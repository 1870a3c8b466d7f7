"""Writing parsed articles: one transaction each, idempotent."""

from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import DataError, IntegrityError, transaction
from django.db.models import Q
from django.utils.text import slugify

from articles.authors import author_for, authors_from_byline, set_authors
from articles.ingest import IngestError, ParsedArticle
from articles.ingest.language import detect_language
from articles.models import Article, Source, Topic
from articles.services import TransitionError, article_transition, revision_create
from newsroom.slugs import unique_slug
from newsroom.text import first_error, normalise_fields
from people.linker import link_article
from people.linking.gazetteer import Gazetteer
from people.models import Mention, Person, Quote

CREATED = "created"
UNCHANGED = "unchanged"


@dataclass(frozen=True)
class ImportOptions:
    """What a run says about every article it imports: `status` and
    `source` override what the input says; `origin` names where the
    articles came from (else their file); `user` is recorded."""

    status: str | None = None
    source: str | None = None
    origin: str | None = None
    user: object = None
    # Fetch the photos the input names (not in a dry run: files written
    # to storage would outlive its rollback).
    photos: bool = True


def get_source(name: str, parsed: ParsedArticle) -> Source:
    """The source of that name (or slug), created when new; the name is
    checked by the model's rules before it is looked up."""
    candidate = Source(name=name, slug=unique_slug(Source, name))
    validated(candidate, parsed, prefix="source", unique=False)
    name = candidate.name
    source = Source.objects.filter(name__iexact=name).first()
    if source is None:
        source = Source.objects.filter(slug=slugify(name)).first()
    if source is None:
        source = validated(candidate, parsed, prefix="source")
        source.save()
    return source


def validated(
    instance, parsed: ParsedArticle, *, prefix: str = "", exclude=(), unique=True
):
    """`instance` checked by the model's own rules (lengths, slugs, choices,
    URLs, uniqueness) before anything is written: an IngestError naming the
    file, line and field otherwise."""
    try:
        instance.full_clean(exclude=exclude, validate_unique=unique)
    except ValidationError as exc:
        message = first_error(exc, prefix)
        raise IngestError(parsed.path, parsed.line, message) from None
    return instance


def import_article(
    parsed: ParsedArticle,
    *,
    options: ImportOptions = ImportOptions(),  # noqa: B008 - frozen, shared
    gazetteer: Gazetteer | None = None,
) -> tuple[str, Article]:
    """Create the article unless the same content is already there.

    One transaction for everything the article brings (its source, topics,
    mentions, revision, status move): a record that fails leaves nothing
    behind, and the error names its file, line and field. Linking runs in
    the same transaction, so an article never exists half-linked. Mentions
    and quotes carried by the input (an export) are restored as they were.
    A status other than draft goes through the editorial workflow, recorded.
    """
    try:
        try:
            with transaction.atomic():
                return _import(parsed, options, gazetteer)
        except IntegrityError:
            # Another import of the same input (or of the same new source)
            # won a race: once more, it finds what the winner wrote.
            with transaction.atomic():
                return _import(parsed, options, gazetteer)
    except IntegrityError:
        raise IngestError(
            parsed.path, parsed.line, "refused by the database (a duplicate)"
        ) from None
    except DataError as exc:
        raise IngestError(
            parsed.path, parsed.line, f"refused by the database: {exc}"
        ) from None


def _import(
    parsed: ParsedArticle, options: ImportOptions, gazetteer: Gazetteer | None
) -> tuple[str, Article]:
    name = options.source or parsed.source
    source = get_source(name, parsed) if name else None
    article = _new_article(parsed, options, source)
    normalise_fields(article)
    existing = _already_there(parsed, article)
    if existing is not None:
        transaction.set_rollback(True)  # a source made for it is not kept
        return UNCHANGED, existing
    wanted = article.status
    article.status = Article.Status.DRAFT
    if not article.slug:
        article.slug = unique_slug(Article, article.title)
    validated(article, parsed, exclude=["content_hash"])
    article.save()
    _set_topics(article, parsed)
    _set_authors(article, parsed)
    if parsed.mentions is None:
        link_article(article=article, gazetteer=gazetteer)
    else:
        _restore_spans(article, parsed)
    revision_create(article=article, by=options.user, note="imported")
    _move_to(article, wanted, parsed, options)
    return CREATED, article


def _move_to(
    article: Article, status: str, parsed: ParsedArticle, options: ImportOptions
) -> None:
    """The status the input or the run asks for, through the workflow."""
    try:
        article_transition(article=article, to=status, by=options.user, note="imported")
    except TransitionError as exc:
        raise IngestError(parsed.path, parsed.line, f"status: {exc}") from None


def _new_article(
    parsed: ParsedArticle, options: ImportOptions, source: Source | None
) -> Article:
    return Article(
        title=parsed.title,
        body=parsed.body,
        standfirst=parsed.standfirst,
        date=parsed.date,
        date_precision=parsed.date_precision,
        language=parsed.language or detect_language(f"{parsed.title}\n{parsed.body}"),
        status=options.status or parsed.status or Article.Status.DRAFT,
        source=source,
        source_url=parsed.source_url,
        byline=parsed.byline,
        slug=parsed.slug or "",
        original_id=parsed.original_id,
        origin=(options.origin or parsed.path)[:500],
    )


def _already_there(parsed: ParsedArticle, article: Article) -> Article | None:
    """The article already imported with this content, by the source's
    identifier, else the slug, else the content itself; None if there is
    none. An identifier or slug that holds other content is an error: it is
    never overwritten."""
    content_hash = article.compute_hash()

    def same_or_refuse(found: Article | None, what: str) -> Article | None:
        if found is None or found.content_hash == content_hash:
            return found
        raise IngestError(
            parsed.path,
            parsed.line,
            f"{what} with different content; it was not overwritten",
        )

    if parsed.original_id:
        found = Article.objects.filter(
            source=article.source, original_id=parsed.original_id
        ).first()
        what = f"already imported (identifier {parsed.original_id!r})"
        if same_or_refuse(found, what) is not None:
            return found
    if parsed.slug:
        found = Article.objects.filter(slug=parsed.slug).first()
        what = f"an article with slug {parsed.slug!r} already exists"
        return same_or_refuse(found, what)
    return Article.objects.filter(content_hash=content_hash).first()


def _set_topics(article: Article, parsed: ParsedArticle) -> None:
    """Topics by slug (an export) or by name (feeds, ninjs): created when
    new, by the model's rules (a slug that is not one is refused)."""
    topics = [_topic_by_slug(slug, parsed) for slug in parsed.topics]
    topics += [_topic_by_name(name, parsed) for name in parsed.topic_names]
    if topics:
        article.topics.add(*topics)


def _set_authors(article: Article, parsed: ParsedArticle) -> None:
    """Authors from the byline, matched by name or created (by the model's
    rules); an agency in the byline is the article's source, not a person."""
    try:
        if parsed.authors is not None:
            names = [" ".join(n.split())[:200] for n in parsed.authors if n.strip()]
            authors = [author_for(name, article.source) for name in names]
        else:
            authors = authors_from_byline(article.byline, article.source)
    except ValidationError as exc:
        raise IngestError(
            parsed.path, parsed.line, first_error(exc, "byline")
        ) from None
    set_authors(article, authors)


def _topic_by_slug(slug: str, parsed: ParsedArticle) -> Topic:
    candidate = Topic(slug=slug, name=slug.replace("-", " ").capitalize())
    return _topic(candidate, Q(slug=candidate.slug), parsed)


def _topic_by_name(name: str, parsed: ParsedArticle) -> Topic:
    candidate = Topic(name=name[:200], slug=unique_slug(Topic, name))
    return _topic(candidate, Q(name__iexact=candidate.name), parsed)


def _topic(candidate: Topic, same: Q, parsed: ParsedArticle) -> Topic:
    """The topic `same` finds, else `candidate` created. The candidate is
    checked by the model's rules before any look-up."""
    validated(candidate, parsed, prefix="topics", unique=False)
    topic = Topic.objects.filter(same).first()
    if topic is None:
        topic = validated(candidate, parsed, prefix="topics")
        topic.save()
    return topic


def _restore_spans(article: Article, parsed: ParsedArticle) -> None:
    """Mentions and quotes as an export carries them, decisions included."""
    people = _people_named(parsed)
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


def _people_named(parsed: ParsedArticle) -> dict[str, Person]:
    """The people the export's mentions and quotes name, by slug; an error
    naming those the directory lacks."""
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
    return people
